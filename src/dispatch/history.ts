// The policy's memory (policy input `history`, `impact.cumulativeFractionOfService`):
// guards must judge a call by what already happened, not one call at a time. Deleting a
// workload's pods one by one is a restart loop; scaling 5 → 3 → 2 removes 60% of it. Only
// executed real changes count: the dispatcher writes the target and workload keys on the
// outcome records of real mutations only (records.ts). Computed on every call, so each
// figure is one indexed lookup (src/audit/schema.ts).

import type { AuditLog } from '../audit/log.ts';
import type { History, Impact, Principal, Target } from '../types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Tools whose executed changes count in `history.restarts`: each one bounces the workload's pods. */
export const RESTART_FAMILY: ReadonlySet<string> = new Set(['k8s_rollout_restart', 'k8s_pod_delete']);

/** The key under which actions on one target are counted (sameTarget). */
export function targetKey(target: Target): string {
  return [
    target.cluster ?? '',
    target.kind ?? '',
    target.namespace ?? '',
    target.name ?? target.service ?? '',
  ].join('/');
}

/** The key of the workload a change counts against (restarts, capacityRemoved): the target's own without one. */
export function workloadKey(target: Target): string {
  return targetKey(target.workload ? { ...target, ...target.workload } : target);
}

/** Shares of capacity taken one after another: 0.4 then 1/3 of what is left is 0.6 of the whole. */
export function combineFractions(fractions: Iterable<number>): number {
  let left = 1;
  for (const f of fractions) left *= 1 - clampFraction(f);
  return 1 - left;
}

/**
 * This call's fractionOfService on top of what executed changes took from the workload in
 * the last hour. A call that takes nothing inherits nothing: scaling back up after a cut
 * must not need the approval the cut needed.
 */
export function cumulativeFractionOfService(
  impact: Impact,
  history: Pick<History, 'capacityRemoved'>,
): number {
  const own = clampFraction(impact.fractionOfService ?? 0);
  return own > 0 ? combineFractions([own, history.capacityRemoved['1h']]) : 0;
}

export function historyFor(
  audit: AuditLog,
  tool: string,
  target: Target,
  principal: Principal,
  now: Date,
): History {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const [m10, h1, h24] = [ago(10 * MINUTE), ago(HOUR), ago(24 * HOUR)];
  const [
    [sameTarget10m, sameTarget1h, sameTarget24h],
    [principal10m, principal1h],
    [sameTool1h],
    [rejected24h],
  ] = audit.countWindows([
    { of: 'executed', filter: { targetKey: targetKey(target) }, since: [m10, h1, h24] },
    { of: 'executed', filter: { principal: principal.id }, since: [m10, h1] },
    { of: 'executed', filter: { tool }, since: [h1] },
    { of: 'rejected', filter: { principal: principal.id }, since: [h24] },
  ]) as [number[], number[], number[], number[]];
  const workload = audit.executedOnWorkload(workloadKey(target), h24);
  const restarts = (since: Date) =>
    workload.filter((c) => RESTART_FAMILY.has(c.tool) && c.at >= since).length;
  const removed = (since: Date) =>
    combineFractions(workload.filter((c) => c.at >= since).map((c) => c.fractionOfService));
  return {
    sameTarget: { '10m': sameTarget10m ?? 0, '1h': sameTarget1h ?? 0, '24h': sameTarget24h ?? 0 },
    sameTool: { '1h': sameTool1h ?? 0 },
    approvalsRejected: { '24h': rejected24h ?? 0 },
    restarts: { '10m': restarts(m10), '1h': restarts(h1), '24h': restarts(h24) },
    capacityRemoved: { '1h': removed(h1), '24h': removed(h24) },
    principalChanges: { '10m': principal10m ?? 0, '1h': principal1h ?? 0 },
  };
}

/** A tool's estimate may be off; a share outside 0..1 is read as none or all of it. */
function clampFraction(f: number): number {
  return Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : 1;
}
