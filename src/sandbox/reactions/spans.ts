// Spans of scenario time under the incident timeline, for what is written or fires over an
// interval rather than sampled at points: a log line repeats within the spans where it is
// written, an alert fires in episodes. A span is [from, until) in Unix ms; lists of spans
// are sorted and disjoint. Something belongs to the incident when it begins at or after
// `incidentStart`; it is held off wherever the incident is suppressed.

import type { IncidentTimeline } from './timeline.ts';

export type Span = readonly [from: number, until: number];

/** Whether something that begins at `from` belongs to the incident and is held off at t. */
export function heldOff(timeline: IncidentTimeline, from: number, t: number): boolean {
  return from >= timeline.incidentStart && !timeline.active(t);
}

/** Where the incident is suppressed so far: the timeline's windows, overlapping ones merged. */
export function suppressedSpans(timeline: IncidentTimeline): Span[] {
  const merged: [number, number][] = [];
  for (const { from, until } of timeline.windows()) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], until);
    else merged.push([from, until]);
  }
  return merged;
}

/** The parts of `span` inside `spans`. */
export function within(span: Span, spans: readonly Span[]): Span[] {
  const [from, until] = span;
  return spans.flatMap(([a, b]): Span[] => {
    const lo = Math.max(a, from);
    const hi = Math.min(b, until);
    return lo < hi ? [[lo, hi]] : [];
  });
}

/** The parts of `span` outside `spans`. */
export function without(span: Span, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let [from] = span;
  for (const [a, b] of within(span, spans)) {
    if (from < a) out.push([from, a]);
    from = b;
  }
  if (from < span[1]) out.push([from, span[1]]);
  return out;
}
