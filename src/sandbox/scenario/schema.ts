// The opswarden.dev/v1 Scenario format (docs/scenarios.md) as zod schemas. Every object is
// strict, so a typo is an error with its YAML path instead of a silently ignored key, and
// every time is resolved to an absolute Date while parsing, against spec.now. References
// between sections are checked afterwards (checks.ts), on the parsed document.

import { z } from 'zod';
import { parseDuration } from '../../duration.ts';
import { typeOf } from '../promql/ast.ts';
import { parseExpr } from '../promql/parse.ts';
import { fixDataProblem } from './fix-data.ts';
import { conditionProblem } from './fix-targets.ts';
import { compileTemplate } from './placeholders.ts';
import { parseQuantity, parseQuantityRate } from './quantity.ts';
import { kindSchemas } from './schema-kinds.ts';
import { ratioOrCodes, statusCodeShares } from './status-codes.ts';

/** How the schema turns time texts into Dates; built from spec.now before parsing. */
export interface TimeContext {
  /** A relative (`-6h`) or RFC 3339 time. */
  resolve(text: string): Date;
  /** spec.now itself: RFC 3339 only. */
  now(text: string): Date;
  /** spec.history resolved, the default `from` of a first segment. */
  history: Date;
}

export const POD_STATES = [
  'Running',
  'CrashLoopBackOff',
  'Pending',
  'ImagePullBackOff',
  'OOMKilled',
  'Error',
  'Evicted',
  'Terminating',
] as const;
export type PodState = (typeof POD_STATES)[number];

export const ROOT_CAUSE_CATEGORIES = [
  'deploy',
  'config',
  'dependency',
  'capacity',
  'infrastructure',
  'external',
] as const;

const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'notice',
  'warn',
  'warning',
  'error',
  'fatal',
  'critical',
] as const;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY =
  /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const PROM_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PROM_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TOOL_NAME = /^[a-z][a-z0-9_]*$/;

/** A string field parsed by `parse`; its error message becomes the issue at the field's path. */
function textAs<T>(parse: (text: string) => T, expected: string) {
  return z.string({ error: `expected ${expected}` }).transform((text, ctx): T => {
    try {
      return parse(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
}

const name = (pattern: RegExp, what: string) => z.string().regex(pattern, `expected ${what}`);
const dnsLabel = name(DNS_LABEL, 'a DNS label (lowercase letters, digits and -, at most 63)');
const dnsSubdomain = name(DNS_SUBDOMAIN, 'a DNS subdomain (lowercase letters, digits, - and .)');

/** YAML scalars where Kubernetes wants strings (`replicas: "3"` style maps): numbers and booleans become text. */
const scalarText = z
  .union([z.string(), z.number(), z.boolean()], { error: 'expected a string' })
  .transform((value) => String(value));
const stringMap = z.record(z.string(), scalarText);
const kubeLabels = z.record(
  name(LABEL_KEY, 'a Kubernetes label key'),
  scalarText.pipe(name(LABEL_VALUE, 'a Kubernetes label value (at most 63 of A-Z a-z 0-9 - _ .)')),
);
const promLabels = z.record(name(PROM_LABEL, 'a Prometheus label name'), scalarText);

const positiveDuration = textAs((text) => {
  const ms = parseDuration(text);
  if (ms <= 0) throw new Error(`duration ${JSON.stringify(text)} must be longer than 0`);
  return ms;
}, 'a duration such as 15s, 5m or 1h');

const nonNegativeDuration = textAs((text) => {
  const ms = parseDuration(text);
  if (ms < 0) throw new Error(`duration ${JSON.stringify(text)} must not be negative`);
  return ms;
}, 'a duration such as 0s, 5m or 1h');

/** An alerting rule's expression: PromQL that gives an instant vector. */
const promqlRule = z.string().superRefine((text, ctx) => {
  try {
    const type = typeOf(parseExpr(text));
    if (type !== 'vector')
      ctx.addIssue({ code: 'custom', message: `an alerting rule needs an instant vector, not a ${type}` });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid PromQL: ${(err as Error).message}` });
  }
});

/** A quantity kept as written (`512Mi`), validated. */
const quantityText = z
  .union([z.string(), z.number()], { error: 'expected a quantity such as 512Mi, 500m or 2' })
  .transform((value, ctx) => {
    const text = String(value);
    try {
      parseQuantity(text);
      return text;
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
const quantityValue = quantityText.transform(parseQuantity);

const conditionStatus = z.union([
  z.enum(['True', 'False', 'Unknown']),
  z.boolean().transform((value) => (value ? 'True' : 'False')),
]);

export function scenarioDocumentSchema(times: TimeContext) {
  const time = textAs(times.resolve, 'a time: a duration relative to spec.now (-6h, +5m) or RFC 3339');

  /**
   * A piecewise series: segments oldest first, each holding from its `from` until the next;
   * a single object is one segment. The first segment's `from` defaults to spec.history.
   */
  const piecewise = <Shape extends z.ZodRawShape>(fields: Shape) =>
    z
      .preprocess(
        (value) => (value && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
        z
          .array(z.strictObject({ from: time.optional(), ramp: positiveDuration.optional(), ...fields }))
          .min(1),
      )
      .transform((segments, ctx) => {
        const froms = segments.map((segment) => (segment as { from?: Date }).from);
        froms.forEach((from, index) => {
          const previous = froms[index - 1];
          if (index > 0 && !from) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'from'],
              message: 'required after the first segment',
            });
          } else if (previous && from && from < previous) {
            ctx.addIssue({ code: 'custom', path: [index, 'from'], message: 'segments must be oldest first' });
          }
        });
        return segments.map((segment, index) => ({ ...segment, from: froms[index] ?? times.history }));
      });

  const percentiles = { p50: z.number().positive(), p99: z.number().positive() };
  const p50BelowP99 = (segments: readonly { p50: number; p99: number }[], ctx: z.RefinementCtx) =>
    segments.forEach((segment, index) => {
      if (segment.p50 > segment.p99) {
        ctx.addIssue({ code: 'custom', path: [index, 'p99'], message: 'p99 must not be below p50' });
      }
    });

  const oldestFirst =
    (what: string) =>
    (items: readonly { at: Date }[], ctx: z.RefinementCtx): void =>
      items.forEach((item, index) => {
        const previous = items[index - 1];
        if (previous && item.at < previous.at) {
          ctx.addIssue({ code: 'custom', path: [index, 'at'], message: `${what} must be oldest first` });
        }
      });

  const namespace = z.strictObject({ name: dnsLabel, labels: kubeLabels.default({}) });

  const node = z.strictObject({
    name: dnsSubdomain,
    labels: kubeLabels.default({}),
    capacity: z.record(z.string(), quantityText).default({}),
    conditions: z
      .array(
        z.strictObject({
          type: z.string().min(1),
          status: conditionStatus,
          since: time.optional(),
          reason: z.string().optional(),
          message: z.string().optional(),
        }),
      )
      .default([]),
    unschedulable: z.boolean().default(false),
    created: time.optional(),
    taints: z.array(z.lazy(() => kinds.taint)).default([]),
  });

  const container = z.strictObject({
    name: dnsLabel,
    ports: z.array(z.int().min(1).max(65535)).default([]),
    resources: z
      .strictObject({
        limits: z.record(z.string(), quantityText).optional(),
        requests: z.record(z.string(), quantityText).optional(),
      })
      .default({}),
  });

  const revision = z.strictObject({
    at: time,
    image: z.string().min(1),
    changeCause: z.string().optional(),
    env: stringMap.default({}),
  });

  const restart = z
    .strictObject({ at: time, reason: z.string().min(1).default('Error'), exitCode: z.int().optional() })
    .transform((r) => ({ ...r, exitCode: r.exitCode ?? (r.reason === 'OOMKilled' ? 137 : 1) }));

  const podOverride = z.strictObject({
    index: z.int().min(0),
    node: z.string().optional(),
    state: z.enum(POD_STATES).default('Running'),
    restarts: z.array(restart).default([]).superRefine(oldestFirst('restarts')),
    /** Evicted or Terminating: when the eviction or the deletion happened. */
    since: time.optional(),
    /** Evicted: the kubelet's message. */
    message: z.string().min(1).optional(),
  });
  const podOverrides = z.array(podOverride).default([]);
  const workloadLabels = kubeLabels.optional();
  const revisions = z.array(revision).min(1).superRefine(oldestFirst('revisions'));
  const containers = z.array(container).min(1);

  const workload = z
    .strictObject({
      name: dnsLabel,
      namespace: dnsLabel,
      labels: workloadLabels,
      replicas: z.int().min(0).default(1),
      containers,
      revisions,
      pods: podOverrides,
    })
    .transform((w) => ({ ...w, labels: w.labels ?? { app: w.name } }));

  const kinds = kindSchemas({
    time,
    name: dnsLabel,
    labels: workloadLabels,
    containers,
    revisions,
    podOverrides,
    stringMap,
    labelKey: name(LABEL_KEY, 'a Kubernetes label key'),
    hpaStatus: piecewise({
      replicas: z.int().min(0),
      desired: z.int().min(0).optional(),
      utilization: z.number().min(0).optional(),
    }),
  });

  const configmap = z.strictObject({
    name: dnsSubdomain,
    namespace: dnsLabel,
    data: stringMap.default({}),
    history: z
      .array(z.strictObject({ at: time, data: stringMap }))
      .default([])
      .superRefine(oldestFirst('history entries')),
  });

  const event = z.strictObject({
    at: time,
    type: z.enum(['Normal', 'Warning']).default('Normal'),
    reason: z.string().min(1),
    object: z.string(),
    message: z.string().default(''),
    count: z.int().min(1).default(1),
  });

  const kubernetes = z.strictObject({
    namespaces: z.array(namespace).default([]),
    nodes: z.array(node).default([]),
    deployments: z.array(workload).default([]),
    statefulsets: z.array(workload).default([]),
    daemonsets: z.array(kinds.daemonset).default([]),
    jobs: z.array(kinds.job).default([]),
    cronjobs: z.array(kinds.cronjob).default([]),
    horizontalpodautoscalers: z.array(kinds.hpa).default([]),
    configmaps: z.array(configmap).default([]),
    events: z.array(event).default([]),
  });

  const service = z.strictObject({
    name: dnsLabel,
    namespace: dnsLabel.optional(),
    kind: z.literal('external').optional(),
    workload: z.string().optional(),
    dependsOn: z.array(z.string()).default([]),
    traffic: piecewise({ rps: z.number().min(0) }).optional(),
    errors: piecewise({ ratio: z.number().min(0).max(1).optional(), codes: statusCodeShares.optional() })
      .superRefine(ratioOrCodes)
      .optional(),
    latency: piecewise(percentiles).superRefine(p50BelowP99).optional(),
    cpu: piecewise({ cores: z.number().min(0) }).optional(),
    memory: piecewise({
      bytes: quantityValue,
      growth: textAs(parseQuantityRate, 'a rate such as 2Mi/min').optional(),
    }).optional(),
  });

  const metricCommon = {
    name: name(PROM_METRIC, 'a Prometheus metric name'),
    labels: promLabels.default({}),
    noise: z.number().min(0).default(0.02),
    /** The series' life (metrics/life.ts): no samples before `from`, none from `until` on. */
    from: time.optional(),
    until: time.optional(),
  };
  const metric = z.preprocess(
    renameCounterValueToRate,
    z.discriminatedUnion('type', [
      z.strictObject({ ...metricCommon, type: z.literal('gauge'), value: piecewise({ value: z.number() }) }),
      z.strictObject({
        ...metricCommon,
        type: z.literal('counter'),
        rate: piecewise({ rate: z.number().min(0), reset: z.boolean().optional() }),
      }),
      z.strictObject({
        ...metricCommon,
        type: z.literal('histogram'),
        rate: piecewise({ rate: z.number().min(0), ...percentiles }).superRefine(p50BelowP99),
      }),
    ]),
  );

  const logLine = z
    .strictObject({
      from: time.optional(),
      every: positiveDuration.optional(),
      until: time.optional(),
      at: time.optional(),
      level: z.enum(LOG_LEVELS).optional(),
      text: z.string(),
    })
    .superRefine((line, ctx) => {
      const once = line.at !== undefined;
      if (once ? line.from !== undefined || line.every !== undefined : !line.from || !line.every) {
        ctx.addIssue({
          code: 'custom',
          message: 'a line has either `at` (once) or `from` and `every` (repeating)',
        });
      }
      if (once && line.until !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['until'],
          message: 'an `at` line happens once; only repeating lines end',
        });
      }
      untilAfterFrom(line, ctx);
      try {
        compileTemplate(line.text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: (err as Error).message });
      }
    })
    .transform(({ from, every, until, at, ...rest }): LogLineSpec => {
      if (at) return { kind: 'once', at, ...rest };
      return { kind: 'every', from: from!, every: every!, ...(until ? { until } : {}), ...rest };
    });

  const logEntry = z.strictObject({
    source: z.union([
      z.string(),
      z.strictObject({ cloudwatch: z.strictObject({ group: z.string().min(1), stream: z.string().min(1) }) }),
    ]),
    format: z.enum(['text', 'json']).default('text'),
    lines: z
      .array(logLine)
      .min(1)
      .superRefine((lines, ctx) => {
        let previous: Date | undefined;
        lines.forEach((line, index) => {
          if (line.kind !== 'every') return;
          if (previous && line.from < previous) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'from'],
              message: '`every` lines must be oldest first',
            });
          }
          previous = line.from;
        });
      }),
  });

  const alert = z
    .strictObject({
      name: z.string().min(1),
      labels: promLabels.default({}),
      annotations: stringMap.default({}),
      startsAt: time,
      endsAt: time.nullable().default(null),
      expr: promqlRule.optional(),
      for: nonNegativeDuration.default(0),
    })
    .superRefine((a, ctx) => {
      if (a.endsAt && a.endsAt < a.startsAt) {
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must not be before startsAt' });
      }
    });

  const change = z.strictObject({
    id: z.string().min(1),
    at: time,
    kind: name(/^[a-z][a-z0-9_]*$/, 'a snake_case kind such as feature_flag'),
    service: z.string().optional(),
    summary: z.string().min(1),
  });

  const toolName = name(TOOL_NAME, 'a tool name such as k8s_rollout_undo');
  /** Per key, the value a change must set: exact, "*" or a comparison (fix-data.ts). */
  const fixData = z.record(
    z.string(),
    scalarText.superRefine((pattern, ctx) => {
      const problem = fixDataProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );
  /** A resolution entry is a condition on the world's state (reactions/world-conditions.ts). */
  const worldChange = (entry: { tool: string; target?: string | undefined }, ctx: z.RefinementCtx) => {
    const problem = conditionProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
  };
  const resolution = z.strictObject({
    incidentStart: time,
    fixes: z
      .array(
        z
          .strictObject({ tool: toolName, target: z.string().optional(), data: fixData.optional() })
          .superRefine(worldChange),
      )
      .default([]),
    recovery: positiveDuration.default(120_000),
    transient: z
      .array(
        z
          .strictObject({ tool: toolName, target: z.string().optional(), lasts: positiveDuration })
          .superRefine(worldChange),
      )
      .default([]),
  });

  const remedy = z
    .strictObject({
      runbook: z.string().min(1).optional(),
      tool: toolName.optional(),
      target: z.string().optional(),
    })
    .superRefine((r, ctx) => {
      if ((r.runbook === undefined) === (r.tool === undefined) || (r.runbook && r.target)) {
        ctx.addIssue({ code: 'custom', message: 'expected { runbook } or { tool, target? }' });
      }
    });
  const truth = z.strictObject({
    rootCause: z.strictObject({
      category: z.enum(ROOT_CAUSE_CATEGORIES),
      ref: z.string(),
      summary: z.string().min(1),
    }),
    remediation: z
      .strictObject({ acceptable: z.array(remedy).default([]), harmful: z.array(remedy).default([]) })
      .prefault({}),
  });

  return z.strictObject({
    apiVersion: z.literal('opswarden.dev/v1'),
    kind: z.literal('Scenario'),
    metadata: z.strictObject({
      name: name(KEBAB, 'a kebab-case name such as checkout-bad-deploy'),
      description: z.string().default(''),
    }),
    spec: z.strictObject({
      now: textAs(times.now, 'an RFC 3339 timestamp such as 2026-04-25T14:30:00Z'),
      step: positiveDuration.default(15_000),
      history: time.default(times.history),
      seed: z.int().min(0).optional(),
      cluster: z.strictObject({ name: z.string().min(1) }).default({ name: 'sandbox' }),
      kubernetes: kubernetes.prefault({}),
      services: z.array(service).default([]),
      metrics: z.array(metric.superRefine(untilAfterFrom)).default([]),
      logs: z.array(logEntry).default([]),
      alerts: z.array(alert).default([]),
      changes: z.array(change).default([]),
      resolution: resolution.optional(),
      truth: truth.optional(),
    }),
  });
}

/** Something that lives from `from` to `until` (a series, a repeating log line) ends after it begins. */
function untilAfterFrom(
  item: { from?: Date | undefined; until?: Date | undefined },
  ctx: z.RefinementCtx,
): void {
  if (item.from && item.until && item.until <= item.from) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after `from`' });
  }
}

/** Counters and histograms take their per-second rate under `rate`; `value` is accepted as its alias. */
function renameCounterValueToRate(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { type, value, ...rest } = raw as Record<string, unknown>;
  if ((type === 'counter' || type === 'histogram') && value !== undefined && !('rate' in rest)) {
    return { type, ...rest, rate: value };
  }
  return raw;
}

export interface LogLineCommon {
  level?: (typeof LOG_LEVELS)[number];
  /** May hold several lines (a stack trace) and placeholders. */
  text: string;
}
export type LogLineSpec =
  | (LogLineCommon & { kind: 'once'; at: Date })
  | (LogLineCommon & { kind: 'every'; from: Date; every: number; until?: Date });

type ScenarioDocument = z.output<ReturnType<typeof scenarioDocumentSchema>>;
type DocumentSpec = ScenarioDocument['spec'];

/** Everything the simulators may serve: the spec without `truth` and `resolution`, seed filled in. */
export type ScenarioSpec = Omit<DocumentSpec, 'truth' | 'resolution' | 'seed'> & { seed: number };
export type Truth = NonNullable<DocumentSpec['truth']>;
export type Resolution = NonNullable<DocumentSpec['resolution']>;

export interface Scenario {
  /** The file (or label) it was parsed from, for messages. */
  source: string;
  name: string;
  description: string;
  spec: ScenarioSpec;
  /** Ground truth: for the drill evaluator only, never served. */
  truth: Truth | undefined;
  /** Sandbox reactions to fixes: for the reaction logic only, never served. */
  resolution: Resolution | undefined;
}

export type KubeSpec = ScenarioSpec['kubernetes'];
export type NamespaceSpec = KubeSpec['namespaces'][number];
export type NodeSpec = KubeSpec['nodes'][number];
export type WorkloadSpec = KubeSpec['deployments'][number];
export type ContainerSpec = WorkloadSpec['containers'][number];
export type RevisionSpec = WorkloadSpec['revisions'][number];
export type PodOverride = WorkloadSpec['pods'][number];
export type RestartSpec = PodOverride['restarts'][number];
export type ConfigMapSpec = KubeSpec['configmaps'][number];
export type DaemonSetSpec = KubeSpec['daemonsets'][number];
export type JobSpec = KubeSpec['jobs'][number];
export type CronJobSpec = KubeSpec['cronjobs'][number];
/** One run of a Job, standalone or created by a CronJob, with its counts filled in. */
export type JobRunSpec = CronJobSpec['jobs'][number];
export type HpaSpec = KubeSpec['horizontalpodautoscalers'][number];
export type TaintSpec = NodeSpec['taints'][number];
export type EventSpec = KubeSpec['events'][number];
export type ServiceSpec = ScenarioSpec['services'][number];
export type MetricSpec = ScenarioSpec['metrics'][number];
export type LogEntrySpec = ScenarioSpec['logs'][number];
export type AlertSpec = ScenarioSpec['alerts'][number];
export type ChangeSpec = ScenarioSpec['changes'][number];
