// Prometheus metrics for /metrics: what the gate decided and how long calls took, per tool,
// and the on-call KPIs (as ops_kpis, over a window, computed once per scrape; a KPI
// without data has no series). A registry of its own (not prom-client's global one) so several
// servers in one process, as in tests, never share or double-register series.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsKpis } from '../incidents/kpis/index.ts';

/** Values of the `outcome` label of opswarden_tool_calls_total. */
export type ToolCallOutcome = 'ok' | 'error' | 'denied' | 'approval_required' | 'invalid';

export interface MetricsSources {
  /** Approvals waiting for a decision, read at scrape time. */
  approvalsPending?: () => number;
  /** Audit records appended since start, read at scrape time. */
  auditAppends?: () => number;
  /** Incidents open now, read at scrape time. */
  incidentsOpen?: () => number;
  /** The on-call KPIs, computed once per scrape over `window` (the series' label). */
  kpis?: { window: string; read: () => OpsKpis };
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
  const { approvalsPending: readPending, auditAppends: readAppends, incidentsOpen: readOpen } = sources;
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

  if (readOpen)
    new Gauge({
      name: 'opswarden_incidents_open',
      help: 'Incidents open now (not mitigated, not resolved)',
      registers: [registry],
      collect() {
        this.set(readOpen());
      },
    });
  const updateKpis = sources.kpis && kpiGauges(registry, sources.kpis);

  return {
    registry,
    toolCalls,
    callDuration,
    approvalsPending,
    auditAppends,
    async render() {
      updateKpis?.();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * The KPI gauges, labelled with their window; the returned function computes the KPIs once
 * and sets them all. A KPI without data (no approvals yet, no resolved incident) has no
 * series, rather than a misleading 0.
 */
function kpiGauges(registry: Registry, source: NonNullable<MetricsSources['kpis']>): () => void {
  const window = { window: source.window };
  const gauge = (name: string, help: string, extra: string[] = []) =>
    new Gauge({ name, help, labelNames: ['window', ...extra], registers: [registry] });
  const mtta = gauge('opswarden_mtta_seconds', 'Mean time from incident detection to first response');
  const mttr = gauge('opswarden_mttr_seconds', 'Mean time from incident detection to resolution');
  const falseActions = gauge(
    'opswarden_false_action_ratio',
    'Executed changes later undone, reverted or failing their runbook check, over all executed changes',
  );
  const acceptance = gauge(
    'opswarden_approval_acceptance_ratio',
    'Approvals granted over granted, rejected and expired',
  );
  const latency = gauge('opswarden_approval_latency_seconds', 'Approval request to decision, by quantile', [
    'quantile',
  ]);
  const recurrence = gauge(
    'opswarden_incident_recurrence_ratio',
    'Incidents reopened or repeating a service and alert of the 7 days before, over all incidents',
  );
  const runbooks = gauge('opswarden_runbook_success_ratio', 'Runbook runs that resolved over finished runs');
  const success = new Gauge({
    name: 'opswarden_kpi_scrape_success',
    help: '1 when the KPIs could be computed for this scrape, 0 when reading the records failed',
    registers: [registry],
  });
  const set = (g: Gauge, value: number | null, labels: Record<string, string> = {}) => {
    if (value !== null) g.set({ ...window, ...labels }, value);
  };
  return () => {
    for (const g of [mtta, mttr, falseActions, acceptance, latency, recurrence, runbooks]) g.reset();
    let k: OpsKpis;
    try {
      k = source.read();
    } catch {
      success.set(0);
      return;
    }
    success.set(1);
    set(mtta, k.mttaSeconds);
    set(mttr, k.mttrSeconds);
    set(falseActions, k.actions.falseRatio);
    set(acceptance, k.approvals.acceptanceRatio);
    set(latency, k.approvals.latencySeconds.median, { quantile: '0.5' });
    set(latency, k.approvals.latencySeconds.p90, { quantile: '0.9' });
    set(recurrence, k.recurrence.ratio);
    set(runbooks, k.runbooks.successRatio);
  };
}
