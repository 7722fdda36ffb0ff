// When a scenario alert fires under the incident timeline: from its startsAt to its endsAt,
// and, for an incident alert (starting at or after incidentStart), only outside the
// suppressions, each stretch an episode of its own. Alertmanager's alerts and Prometheus's
// rules, alerts and ALERTS series all read these, so they resolve and re-fire together.

import type { AlertSpec } from '../scenario/schema.ts';
import { type Span, suppressedSpans, without } from './spans.ts';
import type { IncidentTimeline } from './timeline.ts';

/** The alert's firing episodes so far, oldest first; the last may be open (until Infinity). */
export function firingEpisodes(
  alert: Pick<AlertSpec, 'startsAt' | 'endsAt'>,
  timeline: IncidentTimeline,
): Span[] {
  const firing: Span = [alert.startsAt.getTime(), alert.endsAt?.getTime() ?? Number.POSITIVE_INFINITY];
  return firing[0] >= timeline.incidentStart ? without(firing, suppressedSpans(timeline)) : [firing];
}

/** The episode firing at t, if any. */
export function episodeAt(episodes: readonly Span[], t: number): Span | undefined {
  return episodes.find(([from, until]) => from <= t && t < until);
}
