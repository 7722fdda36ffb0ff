// An incident's lifecycle: open → mitigated → resolved, straight to resolved when the fix
// is the resolution, and back to open when it recurs or a human reopens it. Timestamps
// describe the current state: reopening clears them (the timeline keeps every transition).

import type { Incident, IncidentStatus } from './model.ts';

/** not_found: no such incident; conflict: the transition is not allowed from its status. */
export type IncidentErrorCode = 'not_found' | 'conflict';

export class IncidentError extends Error {
  override name = 'IncidentError';
  readonly code: IncidentErrorCode;
  constructor(code: IncidentErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['mitigated', 'resolved'],
  mitigated: ['open', 'resolved'],
  resolved: ['open'],
};

/** Throws IncidentError (conflict) naming the incident, its status and where it may go. */
export function checkTransition(incident: Pick<Incident, 'id' | 'status'>, to: IncidentStatus): void {
  const allowed = NEXT[incident.status];
  if (!allowed.includes(to)) {
    throw new IncidentError(
      'conflict',
      `${incident.id} is ${incident.status}; it can move to ${allowed.join(' or ')}, not ${to}`,
    );
  }
}

/** Moves the incident to `to` at `at` (ISO 8601). */
export function applyStatus(incident: Incident, to: IncidentStatus, at: string): void {
  incident.status = to;
  if (to === 'open') {
    delete incident.mitigatedAt;
    delete incident.resolvedAt;
  } else if (to === 'mitigated') incident.mitigatedAt = at;
  else incident.resolvedAt = at;
}
