// Cumulative policy history against a real AuditLog, written the way the dispatcher writes
// it (outcomeRecord): pod deletes count as restarts of their workload, capacity taken step
// by step adds up, a principal's change rate is counted, and only executed real changes
// count. Also: databases written before the workload column still verify and count.

import { describe, expect, it } from 'vitest';
import { AuditLog, verifyAudit } from '../../../src/audit/log.ts';
import {
  combineFractions,
  cumulativeFractionOfService,
  historyFor,
  targetKey,
  workloadKey,
} from '../../../src/dispatch/history.ts';
import { buildPolicyInput } from '../../../src/dispatch/policy-input.ts';
import { type CallFacts, outcomeRecord } from '../../../src/dispatch/records.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import type { History, Impact, Principal, Target } from '../../../src/types.ts';
import { auditFixture } from '../audit/helpers.ts';

const MINUTE = 60_000;
const agent: Principal = { id: 'agent', type: 'agent', roles: ['responder'], transport: 'http' };
const agent2: Principal = { id: 'agent-2', type: 'agent', roles: ['responder'], transport: 'http' };

const inCluster = { cluster: 'test', namespace: 'staging', environment: 'staging' };
const api: Target = { ...inCluster, kind: 'Deployment', name: 'api' };
const web: Target = { ...inCluster, kind: 'Deployment', name: 'web' };
const apiPod = (name: string): Target => ({
  ...inCluster,
  kind: 'Pod',
  name,
  workload: { kind: 'Deployment', name: 'api' },
});

interface Change {
  tool: string;
  target: Target;
  impact?: Impact;
  principal?: Principal;
  dryRun?: boolean;
  outcome?: 'action.executed' | 'action.failed';
}

/** Appends the outcome of one call exactly as the dispatcher builds it. */
function record(log: AuditLog, c: Change): void {
  const dryRun = c.dryRun ?? false;
  const input = buildPolicyInput({
    tool: c.tool,
    kind: 'mutate',
    args: { dryRun, reason: 'test' },
    target: { ...c.target, environment: 'staging' },
    impact: c.impact ?? {},
    principal: c.principal ?? agent,
    history: historyFor(log, c.tool, c.target, c.principal ?? agent, new Date()),
    now: new Date(),
    changeFreeze: false,
  });
  const facts: CallFacts = {
    callId: `call-${Math.random()}`,
    tool: c.tool,
    input,
    args: input.request.args,
    redactedArgs: input.request.args,
    echoes: [],
    targetKey: targetKey(c.target),
    workloadKey: workloadKey(c.target),
    approvalId: undefined,
  };
  log.append(outcomeRecord(facts, c.outcome ?? 'action.executed', !dryRun, {}));
}

function world() {
  const fixture = auditFixture();
  const history = (tool: string, target: Target, principal = agent): History =>
    historyFor(fixture.log, tool, target, principal, fixture.clock.now());
  return { ...fixture, history, change: (c: Change) => record(fixture.log, c) };
}

describe('restarts: the restart family per workload', () => {
  it('counts pod deletes against the Deployment that owns the pods, with rollout restarts', () => {
    const { change, history, clock } = world();
    change({ tool: 'k8s_pod_delete', target: apiPod('api-1'), impact: { fractionOfService: 0.25 } });
    clock.advance(30 * MINUTE);
    change({ tool: 'k8s_pod_delete', target: apiPod('api-2'), impact: { fractionOfService: 0.25 } });
    change({ tool: 'k8s_rollout_restart', target: api });
    clock.advance(5 * MINUTE);

    for (const [tool, target] of [
      ['k8s_pod_delete', apiPod('api-3')],
      ['k8s_rollout_restart', api],
    ] as const) {
      expect(history(tool, target).restarts).toEqual({ '10m': 2, '1h': 3, '24h': 3 });
    }
    // sameTarget keeps its meaning: the exact object.
    expect(history('k8s_pod_delete', apiPod('api-2')).sameTarget['1h']).toBe(1);
    expect(history('k8s_rollout_restart', api).sameTarget['1h']).toBe(1);
    // Another workload has its own count.
    expect(history('k8s_rollout_restart', web).restarts['1h']).toBe(0);
  });

  it('counts only executed real changes of the family, inside each window', () => {
    const { change, history, clock } = world();
    change({ tool: 'k8s_rollout_restart', target: api });
    clock.advance(2 * 60 * MINUTE);
    change({ tool: 'k8s_pod_delete', target: apiPod('api-1'), dryRun: true });
    change({ tool: 'k8s_pod_delete', target: apiPod('api-1'), outcome: 'action.failed' });
    change({ tool: 'k8s_deployment_scale', target: api, impact: { fractionOfService: 0 } });

    expect(history('k8s_rollout_restart', api).restarts).toEqual({ '10m': 0, '1h': 0, '24h': 1 });
  });
});

describe('capacityRemoved and impact.cumulativeFractionOfService', () => {
  it('5 -> 3 -> 2 reads as 60% of the workload taken', () => {
    const { change, history, clock } = world();
    change({ tool: 'k8s_deployment_scale', target: web, impact: { fractionOfService: 0.4 } });
    clock.advance(10 * MINUTE);

    const before = history('k8s_deployment_scale', web);
    expect(before.capacityRemoved['1h']).toBeCloseTo(0.4);
    const next = buildPolicyInput({
      tool: 'k8s_deployment_scale',
      kind: 'mutate',
      args: { replicas: 2, reason: 'cost' },
      target: { ...web, environment: 'staging' },
      impact: { fractionOfService: 1 / 3 },
      principal: agent,
      history: before,
      now: clock.now(),
      changeFreeze: false,
    });
    expect(next.impact.cumulativeFractionOfService).toBeCloseTo(0.6);

    change({ tool: 'k8s_deployment_scale', target: web, impact: { fractionOfService: 1 / 3 } });
    expect(history('k8s_deployment_scale', web).capacityRemoved).toEqual({
      '1h': expect.closeTo(0.6),
      '24h': expect.closeTo(0.6),
    });
  });

  it('adds pod deletes to their workload, and forgets what is older than the window', () => {
    const { change, history, clock } = world();
    change({ tool: 'k8s_deployment_scale', target: api, impact: { fractionOfService: 0.5 } });
    clock.advance(90 * MINUTE);
    change({ tool: 'k8s_pod_delete', target: apiPod('api-1'), impact: { fractionOfService: 0.25 } });
    change({ tool: 'k8s_pod_delete', target: apiPod('api-2'), impact: { fractionOfService: 0.25 } });
    change({
      tool: 'k8s_pod_delete',
      target: apiPod('api-3'),
      dryRun: true,
      impact: { fractionOfService: 0.25 },
    });

    const removed = history('k8s_deployment_scale', api).capacityRemoved;
    expect(removed['1h']).toBeCloseTo(1 - 0.75 * 0.75);
    expect(removed['24h']).toBeCloseTo(1 - 0.5 * 0.75 * 0.75);
    expect(history('k8s_deployment_scale', web).capacityRemoved).toEqual({ '1h': 0, '24h': 0 });
  });

  it('a call that takes nothing inherits nothing; shares out of range are read fail-closed', () => {
    const removed = { capacityRemoved: { '1h': 0.6, '24h': 0.6 } };
    expect(cumulativeFractionOfService({ fractionOfService: 0 }, removed)).toBe(0);
    expect(cumulativeFractionOfService({}, removed)).toBe(0);
    expect(cumulativeFractionOfService({ fractionOfService: 0.5 }, removed)).toBeCloseTo(0.8);
    expect(combineFractions([2])).toBe(1);
    expect(combineFractions([Number.NaN])).toBe(1);
    expect(combineFractions([-1, 0.5])).toBe(0.5);
  });
});

describe('principalChanges', () => {
  it('counts the executed real changes of the calling principal on any target', () => {
    const { change, history, clock } = world();
    change({ tool: 'k8s_deployment_scale', target: web, impact: { fractionOfService: 0 } });
    clock.advance(30 * MINUTE);
    change({ tool: 'k8s_rollout_restart', target: api });
    change({ tool: 'k8s_pod_delete', target: apiPod('api-1') });
    change({ tool: 'k8s_pod_delete', target: apiPod('api-2'), dryRun: true });
    change({ tool: 'k8s_rollout_restart', target: web, principal: agent2 });

    expect(history('k8s_pod_logs', web).principalChanges).toEqual({ '10m': 2, '1h': 3 });
    expect(history('k8s_pod_logs', web, agent2).principalChanges).toEqual({ '10m': 1, '1h': 1 });
  });
});

describe('a database written before the workload column', () => {
  it('migrates without touching old rows: the chain verifies and new changes count', () => {
    const { db, dbPath, jsonlPath, log, clock } = auditFixture();
    log.append({ type: 'action.executed', tool: 'k8s_rollout_restart', targetKey: targetKey(api), data: {} });
    // Back to the audit-1 schema, as a database from before this migration has it.
    db.exec('DROP INDEX audit_executed_workload');
    db.exec('DROP INDEX audit_executed_principal');
    db.exec('ALTER TABLE audit_log DROP COLUMN workload_key');
    db.exec("DELETE FROM schema_migrations WHERE name = 'audit-2'");
    db.close();

    const reopened = openDatabase(dbPath);
    const upgraded = AuditLog.open(reopened, { jsonlPath, clock });
    expect(verifyAudit(reopened, { jsonlPath })).toMatchObject({ ok: true, count: 1 });
    record(upgraded, {
      tool: 'k8s_pod_delete',
      target: apiPod('api-1'),
      impact: { fractionOfService: 0.25 },
    });
    expect(verifyAudit(reopened, { jsonlPath })).toMatchObject({ ok: true, count: 2 });

    const history = historyFor(upgraded, 'k8s_rollout_restart', api, agent, clock.now());
    expect(history.sameTarget['1h']).toBe(1);
    expect(history.restarts['1h']).toBe(1);
    expect(history.capacityRemoved['1h']).toBeCloseTo(0.25);
    expect(upgraded.query({ type: 'action.executed' }).map((r) => r.workloadKey)).toEqual([
      undefined,
      'test/Deployment/staging/api',
    ]);
  });
});
