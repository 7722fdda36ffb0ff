// How a service's requests split over HTTP status codes: each code its `errors` segments name
// takes its share at t (`ratio` is code 500's), 200 takes the rest. 500 is always exported,
// at 0 while nothing fails, so `code="500"` finds the series before the first failure. A 4xx
// is the client's answer, not a server error: the 5xx ratio the correlation engine and the
// runbooks read (`code=~"5.."`) counts 500, 502, 504 and not 401 or 429.

import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { ServiceSpec } from '../scenario/schema.ts';
import { blendIncident } from './series.ts';

type ErrorSegment = NonNullable<ServiceSpec['errors']>[number];

/** [code, share of requests at t]: 200 first, then every other code in numeric order. */
export function codeShares(
  errors: readonly ErrorSegment[] | undefined,
  timeline: IncidentTimeline,
): [code: string, share: (t: number) => number][] {
  const codes = new Set(['500', ...(errors ?? []).flatMap((segment) => Object.keys(segment.codes ?? {}))]);
  const failing = [...codes]
    .sort()
    .map((code): [string, (t: number) => number] => [
      code,
      (t) => (errors ? blendIncident(errors, (segment) => shareIn(segment, code), t, timeline) : 0),
    ]);
  const rest = (t: number) => 1 - failing.reduce((sum, [, share]) => sum + share(t), 0);
  return [['200', rest], ...failing];
}

function shareIn(segment: ErrorSegment, code: string): number {
  if (segment.codes) return segment.codes[code] ?? 0;
  return code === '500' ? (segment.ratio ?? 0) : 0;
}
