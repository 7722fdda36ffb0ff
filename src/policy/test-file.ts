// The test file beside a bundle (<bundle>.test.yaml): cases of partial input -> expected
// effect and matched rules. Partial inputs are strict, so a misspelt field in a test is an
// error instead of a case that silently tests the neutral input.
//
// Neutral input (what every case starts from; a case overrides only what it names):
//   request   tool k8s_pod_logs, kind read, args {}, dryRun false, reason ""
//   target    cluster "test", namespace "default", kind "Pod", name "web-0", environment "production"
//   principal id "test-agent", type agent, roles [], client test-client 0.0.0, transport stdio
//   impact    {} (all zero / false)
//   history   every window 0 (counts and shares of capacity alike)
//   incident  none
//   context   now 2025-01-06T12:00:00Z (a Monday), changeFreeze false, rolloutInProgress false
// `context.now` takes an RFC 3339 string. `target.environment` is what the target
// declares (a namespace label): it goes through the built-in alias table exactly as in the
// dispatcher, so `prod` or `blue` is tested as production and the raw value is in
// `target.declaredEnvironment`. `impact.cumulativeFractionOfService` is derived from
// `impact.fractionOfService` and `history.capacityRemoved["1h"]` exactly as in the
// dispatcher (src/dispatch/history.ts), so a case sets those two.

import { existsSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { DEFAULT_ENVIRONMENTS } from '../config/environments.ts';
import { cumulativeFractionOfService } from '../dispatch/history.ts';
import { resolveEnvironment } from '../dispatch/policy-input.ts';
import type { History, PolicyInput } from '../types.ts';
import { PolicyError } from './bundle.ts';
import { describeIssues, effectSchema, requiredMessage } from './schema.ts';

const text = z.string();
const count = z.number().int().min(0);
const fraction = z.number().min(0).max(1);
const byWindow =
  <V extends z.ZodNumber>(value: V) =>
  <K extends string>(...keys: K[]) =>
    z
      .object(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, V>)
      .partial()
      .strict();
const windows = byWindow(count);
const fractionWindows = byWindow(fraction);

const partialInputSchema = z
  .object({
    request: z
      .object({
        tool: text,
        kind: z.enum(['read', 'mutate']),
        args: z.record(z.string(), z.unknown()),
        dryRun: z.boolean(),
        reason: text,
      })
      .partial()
      .strict(),
    target: z
      .object({
        cluster: text,
        namespace: text,
        kind: text,
        name: text,
        service: text,
        environment: text,
        labels: z.record(z.string(), z.string()),
        workload: z.object({ kind: text, name: text }).strict(),
      })
      .partial()
      .strict(),
    principal: z
      .object({
        id: text,
        type: z.enum(['human', 'agent', 'service']),
        roles: z.array(text),
        client: z.object({ name: text, version: text }).strict(),
        transport: z.enum(['stdio', 'http', 'in-memory', 'cli']),
      })
      .partial()
      .strict(),
    impact: z
      .object({
        pods: count,
        replicas: count,
        fractionOfService: fraction,
        estimatedCostUsd: z.number().min(0),
        reversible: z.boolean(),
      })
      .partial()
      .strict(),
    history: z
      .object({
        sameTarget: windows('10m', '1h', '24h'),
        sameTool: windows('1h'),
        approvalsRejected: windows('24h'),
        restarts: windows('10m', '1h', '24h'),
        capacityRemoved: fractionWindows('1h', '24h'),
        principalChanges: windows('10m', '1h'),
      })
      .partial()
      .strict(),
    incident: z.object({ id: text, severity: text, status: text }).partial().strict(),
    context: z
      .object({
        now: z.iso.datetime({ offset: true }),
        changeFreeze: z.boolean(),
        rolloutInProgress: z.boolean(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

const testFileSchema = z
  .object({
    cases: z
      .array(
        z
          .object({
            name: z.string().min(1),
            input: partialInputSchema.default({}),
            expect: z.object({ effect: effectSchema, rules: z.array(z.string()).optional() }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type PartialPolicyInput = z.output<typeof partialInputSchema>;
export type PolicyTestFile = z.output<typeof testFileSchema>;

const neutralInput: PolicyInput = {
  request: { tool: 'k8s_pod_logs', kind: 'read', args: {}, dryRun: false, reason: '' },
  target: { cluster: 'test', namespace: 'default', kind: 'Pod', name: 'web-0', environment: 'production' },
  principal: {
    id: 'test-agent',
    type: 'agent',
    roles: [],
    client: { name: 'test-client', version: '0.0.0' },
    transport: 'stdio',
  },
  impact: {},
  history: {
    sameTarget: { '10m': 0, '1h': 0, '24h': 0 },
    sameTool: { '1h': 0 },
    approvalsRejected: { '24h': 0 },
    restarts: { '10m': 0, '1h': 0, '24h': 0 },
    capacityRemoved: { '1h': 0, '24h': 0 },
    principalChanges: { '10m': 0, '1h': 0 },
  },
  context: { now: new Date('2025-01-06T12:00:00Z'), changeFreeze: false, rolloutInProgress: false },
};
export const NEUTRAL_INPUT: Readonly<PolicyInput> = Object.freeze(neutralInput);

/** `policies/x.yaml` -> `policies/x.test.yaml`. */
export function testFilePath(bundlePath: string): string {
  return `${bundlePath.replace(/\.ya?ml$/, '')}.test.yaml`;
}

/** Reads and validates a test file; throws PolicyError naming the path of each problem. */
export function loadTestFile(path: string): PolicyTestFile {
  if (!existsSync(path)) throw new PolicyError(path, ['no test file: every bundle needs one beside it']);
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(path, 'utf8'), { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new PolicyError(path, [`not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = testFileSchema.safeParse(raw, { error: requiredMessage });
  if (!parsed.success) throw new PolicyError(path, describeIssues(parsed.error));
  return parsed.data;
}

/** The neutral input with the case's fields laid over it. */
export function caseInput(partial: PartialPolicyInput): PolicyInput {
  const base = NEUTRAL_INPUT;
  const { history, context, incident } = partial;
  const impact = partial.impact ?? {};
  const full: History = {
    sameTarget: { ...base.history.sameTarget, ...history?.sameTarget },
    sameTool: { ...base.history.sameTool, ...history?.sameTool },
    approvalsRejected: { ...base.history.approvalsRejected, ...history?.approvalsRejected },
    restarts: { ...base.history.restarts, ...history?.restarts },
    capacityRemoved: { ...base.history.capacityRemoved, ...history?.capacityRemoved },
    principalChanges: { ...base.history.principalChanges, ...history?.principalChanges },
  };
  return {
    request: { ...base.request, ...partial.request },
    target: resolveEnvironment({ ...base.target, ...partial.target }, DEFAULT_ENVIRONMENTS),
    principal: { ...base.principal, ...partial.principal },
    impact: { ...impact, cumulativeFractionOfService: cumulativeFractionOfService(impact, full) },
    history: full,
    ...(incident ? { incident: { id: '', severity: '', status: '', ...incident } } : {}),
    context: {
      ...base.context,
      ...context,
      now: context?.now ? new Date(context.now) : base.context.now,
    },
  };
}
