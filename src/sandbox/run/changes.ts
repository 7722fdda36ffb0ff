// A scenario's `changes` as opswarden's change events, as a CI/CD system or flag service
// would have posted them: kinds opswarden knows keep their kind, others become `other` with
// the scenario's kind kept under `data.kind`.

import { CHANGE_KINDS, type ChangeEventInput, type ChangeKind } from '../../changes/event.ts';
import type { Scenario } from '../scenario/schema.ts';

export function scenarioChangeEvents(scenario: Pick<Scenario, 'spec'>): ChangeEventInput[] {
  const known = new Set<string>(CHANGE_KINDS);
  return scenario.spec.changes.map((change) => ({
    id: change.id,
    at: change.at.toISOString(),
    kind: (known.has(change.kind) ? change.kind : 'other') as ChangeKind,
    ...(change.service ? { service: change.service } : {}),
    summary: change.summary,
    source: 'opswarden-sandbox',
    ...(known.has(change.kind) ? {} : { data: { kind: change.kind } }),
  }));
}
