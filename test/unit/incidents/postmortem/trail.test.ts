// The audit trail joins a change back together from its records (request, snapshot,
// outcome, the approval that let it through, the runbook step it ran in), keeps dry runs and
// reads out of it, narrows it to one incident, and reads the log in the world's time.

import { describe, expect, it } from 'vitest';
import type { AuditQuery } from '../../../../src/audit/log.ts';
import { worldTimeAudit } from '../../../../src/incidents/postmortem/audit-view.ts';
import {
  auditTrail,
  readAuditTrail,
  scopeOf,
  trailOfIncident,
} from '../../../../src/incidents/postmortem/trail.ts';
import { drillIncident, drillRecords, Records, T } from './fixtures.ts';

describe('auditTrail', () => {
  it('joins each change with its approval, runbook step and snapshot', () => {
    const trail = auditTrail(drillRecords().all);
    expect(trail.actions).toHaveLength(2);
    expect(trail.actions[0]).toMatchObject({
      callId: 'c-pool',
      tool: 'k8s_configmap_patch',
      at: T('03:07:12'),
      by: 'claude-agent',
      ref: 'ConfigMap/data/customer-etl-config',
      reason: 'pool exhausted: raise db_pool_max to 40',
      outcome: 'executed',
      runbook: { name: 'db-connection-exhaustion', execution: 'rbx_1', step: 'raise-pool' },
      approval: {
        id: 'apr_1',
        status: 'granted',
        requestedAt: T('03:05:10'),
        decidedAt: T('03:07:10'),
        decidedBy: 'alice',
      },
      before: { data: { db_pool_max: '8', batch_size: '500' } },
    });
    expect(trail.runs).toEqual([
      expect.objectContaining({
        execution: 'rbx_1',
        runbook: 'db-connection-exhaustion',
        outcome: 'resolved',
        decidedBy: 'failures-recovered',
        steps: [
          expect.objectContaining({ step: 'raise-pool', kind: 'action', outcome: 'executed' }),
          expect.objectContaining({ step: 'restart', kind: 'action', outcome: 'executed' }),
          expect.objectContaining({ step: 'restarted', kind: 'check', outcome: 'passed' }),
          expect.objectContaining({ step: 'failures-recovered', kind: 'check', outcome: 'passed' }),
        ],
      }),
    ]);
  });

  it('leaves out reads, dry runs, dry-run runbooks, runbook starts and incident notes; keeps failed changes with their error', () => {
    const records = new Records()
      .change({
        callId: 'start',
        at: T('03:00:30'),
        tool: 'runbook_run',
        target: { kind: 'Runbook', namespace: 'data', name: 'customer-etl' },
      })
      .change({
        callId: 'note',
        at: T('03:00:40'),
        tool: 'incident_note',
        target: { kind: 'Incident', namespace: 'data', name: 'INC-2026-05-12-001' },
      })
      .add(T('03:01:00'), 'tool.call', {
        callId: 'r1',
        tool: 'k8s_pod_logs',
        data: { kind: 'read', target: {} },
      })
      .add(T('03:01:00'), 'action.executed', {
        callId: 'r1',
        tool: 'k8s_pod_logs',
        data: { kind: 'read', dryRun: false },
      })
      .add(T('03:02:00'), 'tool.call', {
        callId: 'd1',
        tool: 'k8s_rollout_undo',
        data: { kind: 'mutate', target: {} },
      })
      .add(T('03:02:00'), 'action.executed', {
        callId: 'd1',
        tool: 'k8s_rollout_undo',
        data: { kind: 'mutate', dryRun: true },
      })
      .add(T('03:03:00'), 'runbook.started', {
        data: { runbook: { name: 'x' }, execution: 'rbx_dry', dryRun: true },
      })
      .change({
        callId: 'f1',
        at: T('03:04:00'),
        tool: 'k8s_deployment_scale',
        target: { kind: 'Deployment', namespace: 'data', name: 'customer-etl' },
        args: { replicas: 6 },
        failed: 'timed out after 60s',
      });
    const trail = auditTrail(records.all);
    expect(trail.actions.map((a) => [a.callId, a.outcome, a.error])).toEqual([
      ['f1', 'failed', 'timed out after 60s'],
    ]);
    expect(trail.runs).toEqual([]);
  });

  it("narrows to the changes on the incident's services, workloads and namespaces", () => {
    const records = drillRecords().change({
      callId: 'elsewhere',
      at: T('03:06:00'),
      tool: 'k8s_rollout_restart',
      target: { kind: 'Deployment', namespace: 'shop', name: 'checkout' },
    });
    const narrowed = trailOfIncident(auditTrail(records.all), scopeOf(drillIncident()));
    expect(narrowed.actions.map((a) => a.callId)).toEqual(['c-pool', 'c-restart']);
    expect(narrowed.approvals.map((a) => a.id)).toEqual(['apr_1', 'apr_2']);
    expect(narrowed.runs.map((r) => r.execution)).toEqual(['rbx_1']);
  });

  it('a catalog widens the scope to the workload behind a service, in its own namespace', () => {
    const incident = drillIncident({ namespace: undefined, alerts: [], services: ['etl'] });
    const target = { kind: 'Deployment', namespace: 'batch', name: 'customer-etl-worker' };
    expect(scopeOf(incident).concerns(target)).toBe(false);
    const catalog = [{ name: 'etl', workload: 'Deployment/batch/customer-etl-worker', dependsOn: [] }];
    expect(scopeOf(incident, catalog).concerns(target)).toBe(true);
  });
});

describe("reading the trail in the world's time", () => {
  it('maps record times gate → world and filters world → gate (a sandbox at 60x)', () => {
    const gateNow = Date.parse('2026-11-23T18:00:00Z');
    const worldNow = Date.parse('2026-05-12T03:30:00Z');
    const records = drillRecords().all.map((r) => ({
      ...r,
      // Gate time: the world ran 60 times faster, so a world minute is a gate second.
      ts: new Date(gateNow - (worldNow - Date.parse(r.ts)) / 60).toISOString(),
    }));
    const asked: AuditQuery[] = [];
    const audit = worldTimeAudit(
      {
        query(filter) {
          asked.push(filter);
          return records.filter(
            (r) =>
              (!filter.type || r.type === filter.type) &&
              (!filter.callId || r.callId === filter.callId) &&
              (!filter.since || Date.parse(r.ts) >= filter.since.getTime()),
          );
        },
      },
      {
        clock: { now: () => new Date(gateNow) },
        worldClock: { now: () => new Date(worldNow) },
        timeScale: 60,
      },
    );
    const trail = readAuditTrail(audit, { since: new Date(T('03:00:00')) });
    expect(asked[0]?.since?.toISOString()).toBe(new Date(gateNow - (30 * 60_000) / 60).toISOString());
    // Gate times hold milliseconds: a world time comes back within a scaled millisecond.
    const toSecond = (at: string | undefined) =>
      new Date(Math.round(Date.parse(at ?? '') / 1000) * 1000).toISOString();
    expect(trail.actions.map((a) => [a.callId, toSecond(a.at)])).toEqual([
      ['c-pool', T('03:07:12')],
      ['c-restart', T('03:08:05')],
    ]);
    expect(toSecond(trail.actions[0]!.approval?.decidedAt)).toBe(T('03:07:10'));
  });

  it('is the log itself when both clocks are one', () => {
    const log = { query: () => [] };
    const clock = { now: () => new Date() };
    expect(worldTimeAudit(log, { clock, worldClock: clock, timeScale: 1 })).toBe(log);
  });
});
