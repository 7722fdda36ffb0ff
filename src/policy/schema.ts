// The shape of a policy bundle file (DESIGN §4), validated by zod before any CEL is compiled.
// Every object is strict, so a misspelt key is an error naming its YAML path instead of a
// rule that silently never applies.

import { type core, z } from 'zod';
import { parseDuration } from '../duration.ts';
import { yamlPath } from '../yaml-path.ts';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export const effectSchema = z.enum(['allow', 'escalate', 'deny']);
const expression = z.string().trim().min(1, 'must be a CEL expression');

function positiveDuration(ctx: core.ParsePayload<string>): void {
  try {
    if (parseDuration(ctx.value) > 0) return;
    ctx.issues.push({ code: 'custom', message: 'must be longer than 0', input: ctx.value });
  } catch (error) {
    ctx.issues.push({ code: 'custom', message: (error as Error).message, input: ctx.value });
  }
}

const approvalSchema = z
  .object({
    approvers: z.array(z.string().min(1)).min(1).optional(),
    channels: z
      .array(z.enum(['elicitation', 'out-of-band']))
      .min(1)
      .optional(),
    ttl: z.string().check(positiveDuration).optional(),
    executionWindow: z.string().check(positiveDuration).optional(),
  })
  .strict();

const ruleSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'),
    description: z.string().optional(),
    match: expression,
    effect: effectSchema,
    message: z.string().optional(),
    messageExpression: expression.optional(),
    approval: approvalSchema.optional(),
  })
  .strict();

const variableSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a CEL identifier (letters, digits, "_")'),
    expression,
  })
  .strict();

export const bundleSchema = z
  .object({
    apiVersion: z.literal('opswarden.dev/v1'),
    kind: z.literal('PolicyBundle'),
    metadata: z
      .object({
        name: z.string().min(1),
        version: z.string().regex(SEMVER, 'must be a semantic version like 1.2.0'),
      })
      .strict(),
    spec: z
      .object({
        mode: z.enum(['enforce', 'shadow']),
        defaults: z.object({ read: effectSchema, mutate: effectSchema }).strict(),
        variables: z.array(variableSchema).default([]),
        rules: z.array(ruleSchema),
      })
      .strict(),
  })
  .strict();

export type BundleSpec = z.output<typeof bundleSchema>;
export type RuleSpec = BundleSpec['spec']['rules'][number];
export type ApprovalSpec = NonNullable<RuleSpec['approval']>;

/** One line per problem, each starting with the YAML path it is about. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${yamlPath([...issue.path, key])}: unknown key`);
    }
    return [`${yamlPath(issue.path)}: ${issue.message}`];
  });
}

/** Parse-level zod error map: a missing key says "required", not "expected string, received undefined". */
export const requiredMessage = (issue: core.$ZodRawIssue): string | undefined =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined
    ? 'required'
    : undefined;
