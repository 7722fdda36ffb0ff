// The shape of a runbook file (opswarden.dev/v1 Runbook), checked by zod before anything
// else: every object is strict, so a misspelt key is an error naming its YAML path instead of
// a field that is silently ignored. What a shape cannot say (templates, transitions,
// reachability, tools, durations) is checked afterwards, in validate.ts.

import { type RefinementCtx, z } from 'zod';
import { bundleSchema } from '../policy/schema.ts';
import { ROOT_CAUSE_CATEGORIES } from '../sandbox/scenario/schema.ts';

const STEP_KINDS = ['action', 'check', 'approval', 'wait'] as const;
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Policy bundles and runbooks version the same way. */
const semver = bundleSchema.shape.metadata.shape.version;

const text = z.string().trim().min(1, 'must not be empty');
/** A duration such as 30s or a `{{ params.<duration param> }}` template; checked in validate.ts. */
const duration = z.string();
/** A step id or an end state; checked in validate.ts. */
const next = z.string();

/** Exactly one of `keys` is set on the object. */
function exactlyOne(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, ctx: RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined);
    if (present.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message: present.length
        ? `${what} has exactly one of ${keys.join(', ')}; found ${present.join(' and ')}`
        : `${what} needs one of ${keys.join(', ')}`,
    });
  };
}

const paramSchema = z
  .object({
    name: z
      .string()
      .regex(PARAM_NAME, 'must be letters, digits and "_", starting with a letter (e.g. poolSize)'),
    type: z.enum(['string', 'integer', 'duration', 'enum', 'ref']),
    description: text,
    required: z.boolean().default(false),
    default: z.union([z.string(), z.number()]).optional(),
    values: z.array(text).min(1).optional(),
    kind: z
      .string()
      .regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a Kubernetes kind such as Deployment')
      .optional(),
  })
  .strict();

const actionSchema = z.object({ tool: text, args: z.record(z.string(), z.unknown()).default({}) }).strict();

const kubernetesConditionSchema = z
  .object({
    rolloutComplete: z.object({ namespace: text, name: text }).strict().optional(),
    podsReady: z.object({ namespace: text, selector: text }).strict().optional(),
  })
  .strict()
  .superRefine(exactlyOne(['rolloutComplete', 'podsReady'], 'a kubernetes check'));

const checkSchema = z
  .object({
    promql: text.optional(),
    kubernetes: kubernetesConditionSchema.optional(),
    for: duration.optional(),
    interval: duration.optional(),
    timeout: duration.optional(),
  })
  .strict()
  .superRefine(exactlyOne(['promql', 'kubernetes'], 'a check'));

const approvalSchema = z
  .object({ message: text, approvers: z.array(text).min(1), ttl: duration.optional() })
  .strict();

const stepSchema = z
  .object({
    id: z.string().regex(KEBAB, 'must be kebab-case, e.g. raise-pool'),
    title: text,
    action: actionSchema.optional(),
    check: checkSchema.optional(),
    approval: approvalSchema.optional(),
    wait: duration.optional(),
    next: next.optional(),
    onSuccess: next.optional(),
    onFailure: next.optional(),
    onReject: next.optional(),
  })
  .strict()
  .superRefine(exactlyOne(STEP_KINDS, 'a step'));

export const runbookDocumentSchema = z
  .object({
    apiVersion: z.literal('opswarden.dev/v1'),
    kind: z.literal('Runbook'),
    metadata: z
      .object({
        name: z.string().regex(KEBAB, 'must be kebab-case, e.g. rollback-deployment'),
        version: semver,
        title: text,
      })
      .strict(),
    spec: z
      .object({
        description: text,
        matches: z
          .object({
            categories: z.array(z.enum(ROOT_CAUSE_CATEGORIES)).default([]),
            signals: z.array(z.string().regex(SNAKE, 'must be snake_case, e.g. high_error_rate')).default([]),
          })
          .strict()
          .default({ categories: [], signals: [] }),
        params: z.array(paramSchema).default([]),
        steps: z.array(stepSchema).min(1, 'a runbook needs at least one step'),
      })
      .strict(),
  })
  .strict();

export type RunbookDocument = z.output<typeof runbookDocumentSchema>;
export type StepDocument = RunbookDocument['spec']['steps'][number];
export type ParamDocument = RunbookDocument['spec']['params'][number];
