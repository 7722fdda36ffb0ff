// What fixed the incident, as the records show it: when it recovered (every alert resolved,
// else when it was marked mitigated or resolved), the runbook run that ended resolved, and
// the changes that preceded recovery, apart from those that turned out wrong (undone,
// reverted, or failing their runbook's verification: ../kpis/false-actions.ts).

import { type FalseAction, falseActions } from '../kpis/false-actions.ts';
import type { Incident } from '../records/model.ts';
import type { ActionTrail, AuditTrail, RunbookRunTrail } from './trail.ts';

export interface Fix {
  recoveredAt?: string;
  /** The last run that ended resolved, started before recovery. */
  run?: RunbookRunTrail;
  /** The changes that preceded recovery (the resolving run's, when there is one). */
  actions: ActionTrail[];
  didNotHelp: (FalseAction & { action: ActionTrail })[];
}

const MAX_FIX_ACTIONS = 5;

export function whatFixedIt(incident: Incident, trail: AuditTrail): Fix {
  const recoveredAt = recoveryTime(incident);
  const wrong = new Map(falseActions(trail).map((f) => [f.callId, f]));
  const before = (at: string) => !recoveredAt || Date.parse(at) <= Date.parse(recoveredAt);
  const run = trail.runs.filter((r) => r.outcome === 'resolved' && before(r.startedAt)).at(-1);
  const helped = trail.actions.filter(
    (a) =>
      a.outcome === 'executed' &&
      !wrong.has(a.callId) &&
      (run ? a.runbook?.execution === run.execution : before(a.at)),
  );
  return {
    ...(recoveredAt ? { recoveredAt } : {}),
    ...(run ? { run } : {}),
    actions: helped.slice(-MAX_FIX_ACTIONS),
    didNotHelp: trail.actions.flatMap((action) => {
      const f = wrong.get(action.callId);
      return f ? [{ ...f, action }] : [];
    }),
  };
}

function recoveryTime(incident: Incident): string | undefined {
  const alerts = incident.alerts;
  if (alerts.length && alerts.every((a) => a.status === 'resolved' && a.endsAt)) {
    return alerts
      .map((a) => a.endsAt!)
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
  }
  return incident.mitigatedAt ?? incident.resolvedAt;
}
