// Prometheus metrics for /metrics: what the gate decided and how long calls took, per tool.
// A registry of its own (not prom-client's global one) so several servers in one process,
// as in tests, never share or double-register series.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Values of the `outcome` label of opswarden_tool_calls_total. */
export type ToolCallOutcome = 'ok' | 'error' | 'denied' | 'approval_required' | 'invalid';

export interface MetricsSources {
  /** Approvals waiting for a decision, read at scrape time. */
  approvalsPending?: () => number;
  /** Audit records appended since start, read at scrape time. */
  auditAppends?: () => number;
}

export interface Metrics {
  registry: Registry;
  /** Labels: tool, effect (allow | escalate | deny, or none when no decision was made), outcome. */
  toolCalls: Counter<'tool' | 'effect' | 'outcome'>;
  callDuration: Histogram<'tool'>;
  approvalsPending: Gauge;
  auditAppends: Counter;
  render(): Promise<{ contentType: string; body: string }>;
}

// 0.1 ms (policy-only denials) to 30 s (slow backends, runbook steps).
const DURATION_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(sources: MetricsSources = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opswarden_' });

  const toolCalls = new Counter({
    name: 'opswarden_tool_calls_total',
    help: 'Tool calls by tool, policy effect and outcome',
    labelNames: ['tool', 'effect', 'outcome'] as const,
    registers: [registry],
  });
  const callDuration = new Histogram({
    name: 'opswarden_tool_call_duration_seconds',
    help: 'Time from receiving a tool call to its result, including policy and audit',
    labelNames: ['tool'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const { approvalsPending: readPending, auditAppends: readAppends } = sources;
  const approvalsPending = new Gauge({
    name: 'opswarden_approvals_pending',
    help: 'Approval requests waiting for a human decision',
    registers: [registry],
    ...(readPending && {
      collect() {
        this.set(readPending());
      },
    }),
  });
  const auditAppends = new Counter({
    name: 'opswarden_audit_appends_total',
    help: 'Records appended to the audit log since start',
    registers: [registry],
    ...(readAppends && {
      collect() {
        this.reset();
        this.inc(readAppends());
      },
    }),
  });

  return {
    registry,
    toolCalls,
    callDuration,
    approvalsPending,
    auditAppends,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
