// Gathers a postmortem's records through the backends a tool has, then drafts it: the
// incident and its timeline from the store, the audit trail from detection until an hour
// after it was resolved (runs and checks that finish after the incident closes belong to it),
// the correlation at its service and detection time, and the loaded runbooks.

import type { Backends } from '../../backends/types.ts';
import type { Clock } from '../../tool.ts';
import { correlate } from '../correlate/index.ts';
import type { Correlation } from '../correlate/types.ts';
import { correlationDeps, correlationRequestFor } from '../correlate-deps.ts';
import { buildPostmortem, type PostmortemDraft } from './index.ts';
import { readAuditTrail, scopeOf, trailOfIncident } from './trail.ts';

const AFTER_RESOLVED_MS = 3_600_000;

export interface DraftOptions {
  /** Run correlation for the root cause (queries the backends); false: leave the cause open. */
  correlate: boolean;
}

export interface DraftResult extends PostmortemDraft {
  /** `ok`, `skipped`, or why correlation did not run. */
  correlation: string;
}

export async function draftPostmortem(
  backends: Backends,
  clock: Clock,
  id: string,
  opts: DraftOptions,
): Promise<DraftResult> {
  const store = backends.incidents;
  if (!store) throw new Error('incidents are not available on this server');
  if (!backends.audit) throw new Error('the audit log is not readable on this server');
  const incident = store.get(id);
  if (!incident) throw new Error(`no incident with id ${id}; incident_list shows the ids`);
  const now = clock.now();
  const until = incident.resolvedAt
    ? new Date(Math.min(Date.parse(incident.resolvedAt) + AFTER_RESOLVED_MS, now.getTime()))
    : now;
  const trail = trailOfIncident(
    readAuditTrail(backends.audit, { since: new Date(incident.detectedAt), until }),
    scopeOf(incident, backends.catalog),
  );
  let correlation: Correlation | undefined;
  let status = 'skipped';
  if (opts.correlate) {
    try {
      correlation = await correlate(
        correlationRequestFor(incident, clock.now()),
        // Weighed by history from before the incident, not by its own conclusion and fix.
        correlationDeps(backends, clock, new Date(incident.detectedAt)),
      );
      status = 'ok';
    } catch (err) {
      status = `failed: ${(err as Error).message}`;
    }
  }
  const draft = buildPostmortem({
    incident,
    timeline: store.timeline(id),
    trail,
    ...(correlation ? { correlation } : { correlationGap: `correlation ${status}` }),
    runbooks: backends.runbooks?.list() ?? [],
    generatedAt: now,
  });
  return { ...draft, correlation: status };
}
