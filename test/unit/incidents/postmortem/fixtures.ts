// Records of the customer-etl drill as the stores hold them: the incident, its own
// timeline, the audit records of a db-connection-exhaustion run whose two changes a human
// approved, and the correlation that blames the 2.3.1 release. Builders for variations.

import type { AuditRecord } from '../../../../src/audit/log.ts';
import type { Correlation } from '../../../../src/incidents/correlate/types.ts';
import type { Incident, IncidentAlert, TimelineEntry } from '../../../../src/incidents/records/model.ts';

export const T = (hhmmss: string) => `2026-05-12T${hhmmss}.000Z`;

export function alert(
  overrides: Partial<IncidentAlert> & Pick<IncidentAlert, 'fingerprint' | 'alertname'>,
): IncidentAlert {
  return {
    service: 'customer-etl',
    namespace: 'data',
    severity: 'critical',
    labels: {},
    annotations: {},
    status: 'resolved',
    startsAt: T('03:00:00'),
    endsAt: T('03:12:00'),
    ...overrides,
  };
}

export function drillIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-2026-05-12-001',
    title: 'ETLTaskFailureRateHigh on customer-etl',
    status: 'resolved',
    severity: 'critical',
    service: 'customer-etl',
    namespace: 'data',
    services: ['customer-etl', 'billing-export'],
    detectedAt: T('03:00:00'),
    openedAt: T('03:00:30'),
    resolvedAt: T('03:22:00'),
    alerts: [
      alert({
        fingerprint: 'aaa111',
        alertname: 'ETLTaskFailureRateHigh',
        annotations: { summary: 'customer-etl task failure rate is 78% (threshold 20%)' },
      }),
      alert({
        fingerprint: 'bbb222',
        alertname: 'BillingExportStalled',
        service: 'billing-export',
        severity: 'warning',
        startsAt: T('03:02:00'),
        endsAt: T('03:11:00'),
        explainedBy: 'aaa111',
      }),
    ],
    context: {
      recentDeployments: [
        { at: T('02:45:00'), ref: 'Deployment/data/customer-etl', summary: '2.3.0 → 2.3.1' },
      ],
      metricSpike: {
        signal: 'error ratio',
        service: 'customer-etl',
        from: 0.02,
        to: 0.78,
        summary: 'task failure rate from 2% to 78%',
        onset: T('02:55:00'),
      },
      downstreamImpact: ['billing-export'],
      gaps: [],
    },
    ...overrides,
  };
}

/** The store's own entries (what its timeline() returns apart from audit-derived ones). */
export function drillTimeline(): TimelineEntry[] {
  return [
    {
      at: T('03:00:00'),
      kind: 'alert',
      summary: 'ETLTaskFailureRateHigh firing on customer-etl (critical)',
      ref: 'Alert/aaa111',
    },
    {
      at: T('03:02:00'),
      kind: 'alert',
      summary: 'BillingExportStalled firing on billing-export (warning)',
      ref: 'Alert/bbb222',
    },
    // The store's own rendering of an audited action: the postmortem uses the audit trail's instead.
    {
      at: T('03:07:12'),
      kind: 'action',
      summary: 'k8s_configmap_patch on ConfigMap/data/customer-etl-config executed',
      by: 'claude-agent',
    },
    {
      at: T('03:11:00'),
      kind: 'alert.resolved',
      summary: 'BillingExportStalled resolved on billing-export',
      ref: 'Alert/bbb222',
    },
    {
      at: T('03:12:00'),
      kind: 'alert.resolved',
      summary: 'ETLTaskFailureRateHigh resolved on customer-etl',
      ref: 'Alert/aaa111',
    },
    {
      at: T('03:12:00'),
      kind: 'status',
      summary:
        'open → resolved: all 2 alerts resolved (the last at 2026-05-12T03:12:00.000Z) and quiet for 10m',
      by: 'opswarden',
    },
  ];
}

/** Builds audit records in order, numbering them. */
export class Records {
  readonly all: AuditRecord[] = [];

  add(
    ts: string,
    type: AuditRecord['type'],
    fields: Partial<Omit<AuditRecord, 'seq' | 'ts' | 'type'>> = {},
  ): this {
    this.all.push({ seq: this.all.length + 1, ts, type, data: {}, prevHash: '', hash: '', ...fields });
    return this;
  }

  /** A real change: its request (with target, args, approval, runbook context), snapshot and outcome. */
  change(opts: {
    callId: string;
    at: string;
    tool: string;
    target: { kind: string; namespace: string; name: string };
    args?: Record<string, unknown>;
    by?: string;
    approvalId?: string;
    runbook?: { name: string; execution: string; step: string };
    before?: unknown;
    failed?: string;
  }): this {
    const by = opts.by ?? 'claude-agent';
    const common = {
      callId: opts.callId,
      principal: by,
      tool: opts.tool,
      targetKey: `prod/${opts.target.kind}/${opts.target.namespace}/${opts.target.name}`,
    };
    this.add(opts.at, 'tool.call', {
      ...common,
      data: {
        kind: 'mutate',
        args: { namespace: opts.target.namespace, name: opts.target.name, ...opts.args },
        target: { cluster: 'prod', environment: 'production', ...opts.target },
        ...(opts.approvalId ? { approvalId: opts.approvalId } : {}),
        ...(opts.runbook ? { context: { runbook: opts.runbook } } : {}),
      },
    });
    if (opts.before !== undefined)
      this.add(opts.at, 'snapshot', {
        ...common,
        data: { kind: 'mutate', dryRun: false, before: opts.before },
      });
    return this.add(opts.at, opts.failed ? 'action.failed' : 'action.executed', {
      ...common,
      data: { kind: 'mutate', dryRun: false, ...(opts.failed ? { error: opts.failed } : {}) },
    });
  }

  approval(
    id: string,
    opts: {
      tool: string;
      requestedAt: string;
      decidedAt?: string;
      status?: 'granted' | 'rejected' | 'expired';
      decidedBy?: string;
      callId?: string;
    },
  ): this {
    this.add(opts.requestedAt, 'approval.requested', {
      callId: opts.callId ?? `req-${id}`,
      principal: 'claude-agent',
      tool: opts.tool,
      data: { approvalId: id, matchedRules: ['production-mutation-needs-approval'] },
    });
    if (opts.decidedAt)
      this.add(opts.decidedAt, `approval.${opts.status ?? 'granted'}`, {
        callId: opts.callId ?? `req-${id}`,
        principal: 'claude-agent',
        tool: opts.tool,
        data: { approvalId: id, ...(opts.decidedBy ? { decidedBy: opts.decidedBy } : {}) },
      });
    return this;
  }

  run(
    execution: string,
    runbook: string,
    startedAt: string,
    params: Record<string, unknown> = { namespace: 'data' },
  ): this {
    return this.add(startedAt, 'runbook.started', {
      principal: 'claude-agent',
      data: {
        runbook: { name: runbook, version: '1.0.0' },
        execution,
        params,
        target: 'Deployment/data/customer-etl',
        reason: 'tasks fail: DB pool exhausted',
        dryRun: false,
      },
    });
  }

  step(execution: string, runbook: string, at: string, step: string, kind: string, outcome: string): this {
    return this.add(at, 'runbook.step', {
      principal: 'claude-agent',
      data: { runbook: { name: runbook }, execution, step, kind, outcome, dryRun: false },
    });
  }

  finish(execution: string, runbook: string, at: string, outcome: string, decidedBy?: string): this {
    return this.add(at, 'runbook.finished', {
      principal: 'claude-agent',
      data: {
        runbook: { name: runbook },
        execution,
        outcome,
        dryRun: false,
        ...(decidedBy ? { decidedBy } : {}),
      },
    });
  }
}

const RUNBOOK = 'db-connection-exhaustion';
const RUN = { name: RUNBOOK, execution: 'rbx_1' };

/** The drill's audit records: the runbook raises the pool and restarts, each change approved by alice. */
export function drillRecords(): Records {
  return new Records()
    .run('rbx_1', RUNBOOK, T('03:05:00'))
    .approval('apr_1', {
      tool: 'k8s_configmap_patch',
      requestedAt: T('03:05:10'),
      decidedAt: T('03:07:10'),
      decidedBy: 'alice',
    })
    .change({
      callId: 'c-pool',
      at: T('03:07:12'),
      tool: 'k8s_configmap_patch',
      target: { kind: 'ConfigMap', namespace: 'data', name: 'customer-etl-config' },
      args: { data: { db_pool_max: '40' }, reason: 'pool exhausted: raise db_pool_max to 40' },
      approvalId: 'apr_1',
      runbook: { ...RUN, step: 'raise-pool' },
      before: { data: { db_pool_max: '8', batch_size: '500' } },
    })
    .step('rbx_1', RUNBOOK, T('03:07:12'), 'raise-pool', 'action', 'executed')
    .approval('apr_2', {
      tool: 'k8s_rollout_restart',
      requestedAt: T('03:07:13'),
      decidedAt: T('03:08:00'),
      decidedBy: 'alice',
    })
    .change({
      callId: 'c-restart',
      at: T('03:08:05'),
      tool: 'k8s_rollout_restart',
      target: { kind: 'Deployment', namespace: 'data', name: 'customer-etl' },
      args: { reason: 'pick up db_pool_max=40' },
      approvalId: 'apr_2',
      runbook: { ...RUN, step: 'restart' },
    })
    .step('rbx_1', RUNBOOK, T('03:08:05'), 'restart', 'action', 'executed')
    .step('rbx_1', RUNBOOK, T('03:09:00'), 'restarted', 'check', 'passed')
    .step('rbx_1', RUNBOOK, T('03:15:00'), 'failures-recovered', 'check', 'passed')
    .finish('rbx_1', RUNBOOK, T('03:15:00'), 'resolved', 'failures-recovered');
}

export function drillCorrelation(): Correlation {
  return {
    request: { service: 'customer-etl', namespace: 'data', at: T('03:00:00'), lookbackMs: 7_200_000 },
    onset: { at: T('02:55:00'), signal: 'error ratio', from: 0.02, to: 0.78 },
    hypotheses: [
      {
        rank: 1,
        category: 'deploy',
        ref: 'Deployment/data/customer-etl',
        summary: 'customer-etl 2.3.1 rolled out 10m before the onset and lowered DB_POOL_MAX from 40 to 8',
        confidence: 0.82,
        score: { total: 8.2, parts: { timing: 4, mentions: 4.2 } },
        evidence: [
          {
            kind: 'rollout',
            at: T('02:45:00'),
            summary: 'customer-etl 2.3.0 → 2.3.1, env DB_POOL_MAX 40 → 8',
            ref: 'Deployment/data/customer-etl',
          },
          {
            kind: 'log',
            at: T('02:55:10'),
            summary: 'new error: Timeout acquiring connection from pool (pool size 8)',
          },
        ],
        suggestedRunbooks: [
          {
            name: 'db-connection-exhaustion',
            params: {
              namespace: 'data',
              deployment: 'customer-etl',
              configmap: 'customer-etl-config',
              service: 'customer-etl',
            },
          },
        ],
      },
      {
        rank: 2,
        category: 'dependency',
        ref: 'Service/customer-db',
        summary: 'customer-db is a dependency of customer-etl',
        confidence: 0.2,
        score: { total: 2, parts: { topology: 2 } },
        evidence: [],
        suggestedRunbooks: [],
      },
    ],
    timeline: [],
    signals: [{ source: 'prometheus', status: 'ok' }],
  };
}
