// Which executed changes turned out wrong, judged from what came after them in the audit
// log: a later k8s_rollout_undo of the same workload undid it; a later ConfigMap patch set a
// key back to the value it had before; or the runbook it ran in failed the check that was
// to verify it. The false action rate is these over all executed changes.

import type { ActionTrail, AuditTrail, RunbookRunTrail } from '../postmortem/trail.ts';

export interface FalseAction {
  callId: string;
  tool: string;
  ref: string;
  at: string;
  why: string;
}

const UNDO = 'k8s_rollout_undo';
const CONFIGMAP_PATCH = 'k8s_configmap_patch';
/** Check outcomes that verify nothing went wrong (skipped: a dry run). */
const CHECK_OK = new Set(['passed', 'skipped']);

export function falseActions(trail: AuditTrail): FalseAction[] {
  const executed = trail.actions.filter((a) => a.outcome === 'executed');
  const runs = new Map(trail.runs.map((r) => [r.execution, r]));
  const found: FalseAction[] = [];
  for (const [i, action] of executed.entries()) {
    const later = executed.slice(i + 1);
    const why = undoneBy(action, later) ?? revertedBy(action, later) ?? failedVerification(action, runs);
    if (why) found.push({ callId: action.callId, tool: action.tool, ref: action.ref, at: action.at, why });
  }
  return found;
}

function undoneBy(action: ActionTrail, later: readonly ActionTrail[]): string | undefined {
  if (action.tool === UNDO) return undefined;
  const undo = later.find((a) => a.tool === UNDO && a.ref === action.ref);
  return undo ? `undone by ${UNDO} of ${undo.ref} at ${undo.at}` : undefined;
}

/** A later patch of the same ConfigMap that sets a key this patch changed back to its old value. */
function revertedBy(action: ActionTrail, later: readonly ActionTrail[]): string | undefined {
  if (action.tool !== CONFIGMAP_PATCH) return undefined;
  const before = (action.before as { data?: Record<string, string> } | undefined)?.data ?? {};
  const set = (action.args.data as Record<string, string | null> | undefined) ?? {};
  const changed = Object.keys(set).filter((key) => (before[key] ?? null) !== set[key]);
  for (const patch of later.filter((a) => a.tool === CONFIGMAP_PATCH && a.ref === action.ref)) {
    const again = (patch.args.data as Record<string, string | null> | undefined) ?? {};
    const key = changed.find((k) => k in again && again[k] === (before[k] ?? null));
    if (key) return `reverted at ${patch.at}: ${key} set back to ${JSON.stringify(before[key] ?? null)}`;
  }
  return undefined;
}

/** The runbook the action ran in went on to fail a check after it. */
function failedVerification(
  action: ActionTrail,
  runs: ReadonlyMap<string, RunbookRunTrail>,
): string | undefined {
  const run = action.runbook && runs.get(action.runbook.execution);
  if (!run) return undefined;
  const failed = run.steps.find((s) => s.kind === 'check' && s.at >= action.at && !CHECK_OK.has(s.outcome));
  return failed
    ? `runbook ${run.runbook} check ${failed.step} ${failed.outcome.replace('_', ' ')} after it`
    : undefined;
}
