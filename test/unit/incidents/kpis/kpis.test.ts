// The on-call KPIs from incident records and the audit trail: MTTA and MTTR, the false
// action rate (undone, reverted, failing verification), approval latency and acceptance,
// recurrence (reopened, or the same alert on the same service within a week), runbook
// success. Built on the customer-etl drill records with variations.

import { describe, expect, it } from 'vitest';
import { computeKpis, type KpiInput } from '../../../../src/incidents/kpis/index.ts';
import { auditTrail } from '../../../../src/incidents/postmortem/trail.ts';
import type { Incident, TimelineEntry } from '../../../../src/incidents/records/model.ts';
import { alert, drillIncident, drillRecords, drillTimeline, Records, T } from '../postmortem/fixtures.ts';

const WINDOW = { since: new Date('2026-05-11T00:00:00Z'), until: new Date('2026-05-13T00:00:00Z') };

function kpis(overrides: Partial<KpiInput> = {}) {
  const incident = drillIncident();
  return computeKpis({
    window: WINDOW,
    incidents: [incident],
    timelines: new Map([[incident.id, drillTimeline()]]),
    trail: auditTrail(drillRecords().all),
    ...overrides,
  });
}

/** A second incident on another service, acknowledged by a note and resolved by hand. */
function checkoutIncident(): { incident: Incident; timeline: TimelineEntry[] } {
  const at = (t: string) => `2026-05-12T${t}.000Z`;
  const incident = drillIncident({
    id: 'INC-2026-05-12-002',
    service: 'checkout',
    namespace: 'shop',
    services: ['checkout'],
    detectedAt: at('10:00:00'),
    resolvedAt: at('11:00:00'),
    alerts: [
      alert({
        fingerprint: 'ccc',
        alertname: 'HighLatency',
        service: 'checkout',
        namespace: 'shop',
        startsAt: at('10:00:00'),
      }),
    ],
  });
  const timeline: TimelineEntry[] = [
    { at: at('10:01:00'), kind: 'note', summary: 'correlation: most likely …', by: 'opswarden' },
    { at: at('10:03:00'), kind: 'note', summary: 'looking at it', by: 'alice' },
    { at: at('11:00:00'), kind: 'status', summary: 'open → resolved: fixed', by: 'alice' },
  ];
  return { incident, timeline };
}

describe('computeKpis', () => {
  it('MTTA counts the first response by someone other than opswarden; MTTR detection to resolved', () => {
    const other = checkoutIncident();
    const k = kpis({
      incidents: [drillIncident(), other.incident],
      timelines: new Map([
        [drillIncident().id, drillTimeline()],
        [other.incident.id, other.timeline],
      ]),
    });
    // drill: the runbook started at 03:05 (5m); checkout: alice's note after 3m (the opswarden note does not count).
    expect(k.mttaSeconds).toBe((300 + 180) / 2);
    // drill resolved after 22m, checkout after 60m.
    expect(k.mttrSeconds).toBe((1320 + 3600) / 2);
    expect(k.incidents).toEqual({ total: 2, open: 0, mitigated: 0, resolved: 2 });
  });

  it('has no MTTA or MTTR without responses or resolutions, rather than zero', () => {
    const incident = drillIncident({ status: 'open', resolvedAt: undefined });
    const k = kpis({ incidents: [incident], timelines: new Map(), trail: auditTrail([]) });
    expect(k.mttaSeconds).toBeNull();
    expect(k.mttrSeconds).toBeNull();
    expect(k.actions.falseRatio).toBeNull();
    expect(k.approvals.acceptanceRatio).toBeNull();
  });

  it('approval latency median and p90, acceptance over granted, rejected and expired', () => {
    const records = drillRecords()
      .approval('apr_3', {
        tool: 'k8s_rollout_undo',
        requestedAt: T('03:09:00'),
        decidedAt: T('03:19:00'),
        status: 'rejected',
        decidedBy: 'bob',
      })
      .approval('apr_4', {
        tool: 'k8s_pod_delete',
        requestedAt: T('03:09:00'),
        decidedAt: T('03:24:00'),
        status: 'expired',
      })
      .approval('apr_5', { tool: 'k8s_deployment_scale', requestedAt: T('03:30:00') });
    const k = kpis({ trail: auditTrail(records.all) });
    // Decided: 120s, 47s, 600s (the expired one was never decided).
    expect(k.approvals).toEqual({
      requested: 5,
      granted: 2,
      rejected: 1,
      expired: 1,
      pending: 1,
      acceptanceRatio: 0.5,
      latencySeconds: { median: 120, p90: 504 },
    });
  });

  it('runbook success: resolved over finished runs, cancelled ones not counted', () => {
    const records = drillRecords()
      .run('rbx_2', 'rollback-deployment', T('04:00:00'))
      .finish('rbx_2', 'rollback-deployment', T('04:10:00'), 'escalate', 'verify')
      .run('rbx_3', 'rollback-deployment', T('05:00:00'))
      .finish('rbx_3', 'rollback-deployment', T('05:01:00'), 'cancelled');
    expect(kpis({ trail: auditTrail(records.all) }).runbooks).toEqual({
      finished: 2,
      resolved: 1,
      successRatio: 0.5,
      byRunbook: [
        { name: 'db-connection-exhaustion', finished: 1, resolved: 1 },
        { name: 'rollback-deployment', finished: 1, resolved: 0 },
      ],
    });
  });

  it('recurrence: a reopened incident, or the same alert on the same service within 7 days', () => {
    const earlier = drillIncident({ id: 'INC-2026-05-08-001', detectedAt: '2026-05-08T03:00:00.000Z' });
    const tooOld = drillIncident({ id: 'INC-2026-05-01-001', detectedAt: '2026-05-01T03:00:00.000Z' });
    const drill = drillIncident();
    const other = checkoutIncident();
    const reopened: TimelineEntry[] = [
      ...other.timeline,
      {
        at: '2026-05-12T12:00:00.000Z',
        kind: 'status',
        summary: 'resolved → open: HighLatency fired again on checkout (recurrence)',
        by: 'opswarden',
      },
    ];
    const k = kpis({
      incidents: [drill, other.incident, earlier, tooOld],
      timelines: new Map([
        [drill.id, drillTimeline()],
        [other.incident.id, reopened],
      ]),
    });
    expect(k.incidents.total).toBe(2);
    expect(k.recurrence).toEqual({
      recurring: 2,
      ratio: 1,
      examples: [
        {
          incident: 'INC-2026-05-12-001',
          why: 'ETLTaskFailureRateHigh on customer-etl also fired in INC-2026-05-08-001',
        },
        { incident: 'INC-2026-05-12-002', why: 'reopened at 2026-05-12T12:00:00.000Z' },
      ],
    });
    // A week and more apart is not a recurrence.
    const alone = kpis({ incidents: [drill, tooOld] });
    expect(alone.recurrence.recurring).toBe(0);
  });
});

describe('false actions', () => {
  const deployment = { kind: 'Deployment', namespace: 'data', name: 'customer-etl' };
  const configMap = { kind: 'ConfigMap', namespace: 'data', name: 'customer-etl-config' };

  it('none in the drill: both changes held', () => {
    expect(kpis().actions).toEqual({ executed: 2, false: 0, falseRatio: 0, examples: [] });
  });

  it('a change to a Deployment later rolled back with k8s_rollout_undo', () => {
    const records = drillRecords().change({
      callId: 'undo',
      at: T('03:30:00'),
      tool: 'k8s_rollout_undo',
      target: deployment,
    });
    const { actions } = kpis({ trail: auditTrail(records.all) });
    expect(actions.examples).toEqual([
      {
        callId: 'c-restart',
        tool: 'k8s_rollout_restart',
        ref: 'Deployment/data/customer-etl',
        at: T('03:08:05'),
        why: `undone by k8s_rollout_undo of Deployment/data/customer-etl at ${T('03:30:00')}`,
      },
    ]);
    expect(actions.falseRatio).toBeCloseTo(1 / 3);
  });

  it('a ConfigMap patch whose key a later patch sets back to the old value', () => {
    const records = drillRecords()
      .change({
        callId: 'other-key',
        at: T('03:20:00'),
        tool: 'k8s_configmap_patch',
        target: configMap,
        args: { data: { batch_size: '250' } },
      })
      .change({
        callId: 'revert',
        at: T('03:30:00'),
        tool: 'k8s_configmap_patch',
        target: configMap,
        args: { data: { db_pool_max: '8' } },
      });
    const { actions } = kpis({ trail: auditTrail(records.all) });
    expect(actions.examples.map((f) => [f.callId, f.why])).toEqual([
      ['c-pool', `reverted at ${T('03:30:00')}: db_pool_max set back to "8"`],
    ]);
  });

  it('the changes of a runbook whose verification then failed', () => {
    const records = new Records()
      .run('rbx_9', 'db-connection-exhaustion', T('03:05:00'))
      .change({
        callId: 'pool',
        at: T('03:06:00'),
        tool: 'k8s_configmap_patch',
        target: configMap,
        args: { data: { db_pool_max: '40' } },
        runbook: { name: 'db-connection-exhaustion', execution: 'rbx_9', step: 'raise-pool' },
      })
      .step('rbx_9', 'db-connection-exhaustion', T('03:06:00'), 'raise-pool', 'action', 'executed')
      .step('rbx_9', 'db-connection-exhaustion', T('03:21:00'), 'failures-recovered', 'check', 'timed_out')
      .change({
        callId: 'rollback',
        at: T('03:22:00'),
        tool: 'k8s_rollout_undo',
        target: deployment,
        runbook: { name: 'db-connection-exhaustion', execution: 'rbx_9', step: 'rollback' },
      })
      .step(
        'rbx_9',
        'db-connection-exhaustion',
        T('03:35:00'),
        'failures-recovered-after-rollback',
        'check',
        'passed',
      );
    const { actions } = kpis({ trail: auditTrail(records.all) });
    expect(actions.examples.map((f) => [f.callId, f.why])).toEqual([
      ['pool', 'runbook db-connection-exhaustion check failures-recovered timed out after it'],
    ]);
    expect(actions.falseRatio).toBe(0.5);
  });
});
