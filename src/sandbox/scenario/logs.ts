// Pod logs, generated on demand: the scenario's `logs` entries whose source matches a pod,
// merged in time order, one line at a time. Nothing is materialized, so a six-hour stream
// at 200 ms costs only what the reader consumes, and `since` jumps straight to the first
// line instead of generating the ones before it. Every line draws its placeholders from
// its own seeded stream, so the same pod and query always give the same text.
//
// Which pods a source feeds:
// - `Deployment/<ns>/<name>`: every pod whose controller is a ReplicaSet of that deployment,
//   i.e. owned by ReplicaSet `<name>-<pod-template-hash>` (the hash read from the pod's own
//   `pod-template-hash` label). Pods a rollout creates later therefore match too.
// - `StatefulSet/<ns>/<name>`, `DaemonSet/<ns>/<name>`, `Job/<ns>/<name>`: every pod owned by it.
// - `Pod/<ns>/<workload>#<i>`: that rendered pod only, by name.
//
// How long a repeating line runs: from its `from` until its `until`, or without one until the
// next later `from` of a repeating line without `until` in the same list (lines that share a
// `from` run side by side, interleaved by time; a line with `until` ends no other line).
//
// Which part of a pod's life a query sees: logs belong to the pod's main (first) container.
// The current instance's log starts at its last restart (`lastState.terminated.finishedAt`)
// or the pod's start; `previous: true` gives the lines from the pod's start to that last
// restart (a simplification: all earlier instances count as "the previous one"). A container
// that never started (Pending, ImagePullBackOff) has no log.
//
// How the incident timeline shapes them: a line at or after `incidentStart` (an `at` line,
// or an `every` line by its `from`) is the incident's and is not written while the incident
// is suppressed; meanwhile the pre-incident `every` line it superseded in the same list is
// written again (after a fix, "GET /cart 200" comes back). Occurrences keep their numbers
// and texts, so what was written before a suppression never changes.

import { type Span, suppressedSpans, within, without } from '../reactions/spans.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import type { KubeObject, LogLine, LogQuery } from '../world.ts';
import { compileTemplate, renderTemplate, type Template } from './placeholders.ts';
import { hash32, mix32, mulberry32 } from './random.ts';
import { parseRef, workloadKey } from './refs.ts';
import type { LogEntrySpec, LogLineSpec, ScenarioSpec } from './schema.ts';
import { podByRef, type WorkloadPlan } from './workloads.ts';

export type PodLogs = (pod: KubeObject, query: LogQuery) => Iterable<LogLine>;

interface CompiledLine {
  spec: LogLineSpec;
  template: Template;
  /** Identity of the line within the scenario, for its random streams. */
  identity: string;
  /** Where the line is written under the timeline's suppressions so far, oldest first. */
  spans(): Span[];
}

export interface CompiledStream {
  format: 'text' | 'json';
  lines: CompiledLine[];
}

/** One line spec's upcoming occurrence in a pod's window. */
interface Cursor {
  time: number;
  occurrence: number;
  line: CompiledLine;
  format: CompiledStream['format'];
  seed: number;
  /** The occurrences after this one. */
  rest: Iterator<number>;
}

export function podLogSource(
  spec: ScenarioSpec,
  plans: readonly WorkloadPlan[],
  timeline: IncidentTimeline = incidentTimeline(undefined),
): PodLogs {
  const streamsByKey = new Map<string, CompiledStream[]>();
  spec.logs.forEach((entry, entryIndex) => {
    if (typeof entry.source !== 'string') return; // CloudWatch streams: src/sandbox/cloudwatch
    const ref = parseRef(entry.source);
    const key =
      ref.kind === 'Pod'
        ? workloadKey('Pod', ref.namespace!, podByRef(plans, ref).pod.name)
        : workloadKey(ref.kind, ref.namespace!, ref.name);
    streamsByKey.set(key, [...(streamsByKey.get(key) ?? []), compileLogEntry(entry, entryIndex, timeline)]);
  });

  return function* podLogs(pod: KubeObject, query: LogQuery): Generator<LogLine> {
    const namespace = pod.metadata.namespace ?? '';
    const streams = [ownerKey(pod), workloadKey('Pod', namespace, pod.metadata.name)].flatMap(
      (key) => (key && streamsByKey.get(key)) || [],
    );
    const window = containerWindow(pod, query);
    if (!window) return;
    const occurrences = logOccurrences(spec.seed, streams, `${namespace}/${pod.metadata.name}`, ...window);
    for (const occurrence of occurrences) yield* occurrence;
  };
}

/** A scenario `logs` entry compiled once; `entryIndex` is its position in spec.logs. */
export function compileLogEntry(
  entry: LogEntrySpec,
  entryIndex: number,
  timeline: IncidentTimeline,
): CompiledStream {
  return { format: entry.format, lines: compileLines(entry.lines, `logs/${entryIndex}`, timeline) };
}

/**
 * Every occurrence of the streams' lines in [lo, hi), in time order. One occurrence is one
 * line, or several with the same time for a multi-line text (a stack trace). `reader` names
 * who reads them (a pod, a CloudWatch stream) and seeds their placeholders.
 */
export function* logOccurrences(
  seed: number,
  streams: readonly CompiledStream[],
  reader: string,
  lo: number,
  hi: number,
): Generator<LogLine[]> {
  const cursors = streams.flatMap((stream) =>
    stream.lines.flatMap((line) => {
      const cursor = cursorFor(line, stream.format, hash32(`${seed}/${line.identity}/${reader}`), lo, hi);
      return cursor ? [cursor] : [];
    }),
  );
  while (cursors.length) {
    let next = 0;
    for (let i = 1; i < cursors.length; i++) if (cursors[i]!.time < cursors[next]!.time) next = i;
    const cursor = cursors[next]!;
    yield render(cursor);
    const after = cursor.rest.next();
    if (after.done) cursors.splice(next, 1);
    else {
      cursor.occurrence = after.value;
      cursor.time = occurrenceTime(cursor.line.spec, after.value);
    }
  }
}

function compileLines(
  lines: readonly LogLineSpec[],
  identity: string,
  timeline: IncidentTimeline,
): CompiledLine[] {
  const beginning = (line: LogLineSpec) => (line.kind === 'once' ? line.at : line.from).getTime();
  const isIncident = (line: LogLineSpec) => beginning(line) >= timeline.incidentStart;
  /** Where an `every` line without `until` stops: the next later `from` of such a line among `among`. */
  const endOf = (index: number, among: (line: LogLineSpec) => boolean) => {
    const start = beginning(lines[index]!);
    const next = lines
      .slice(index + 1)
      .find((l) => l.kind === 'every' && !l.until && beginning(l) > start && among(l));
    return next ? beginning(next) : Number.POSITIVE_INFINITY;
  };
  return lines.map((line, index) => {
    const start = beginning(line);
    const until = line.kind === 'every' ? line.until?.getTime() : start + 1;
    const end = until ?? endOf(index, () => true);
    /** Until where the line holds among the pre-incident lines alone, written while suppressed. */
    const preEnd = until !== undefined || isIncident(line) ? end : endOf(index, (l) => !isIncident(l));
    return {
      spec: line,
      template: compileTemplate(line.text),
      identity: `${identity}/${index}`,
      spans() {
        const suppressed = suppressedSpans(timeline);
        if (isIncident(line)) return without([start, end], suppressed);
        return start < end ? [[start, end], ...within([end, preEnd], suppressed)] : [];
      },
    };
  });
}

/** `<Kind>/<ns>/<name>` of the workload controlling the pod (through its ReplicaSet for a Deployment), if any. */
function ownerKey(pod: KubeObject): string | undefined {
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller !== false);
  const namespace = pod.metadata.namespace ?? '';
  if (owner?.kind === 'StatefulSet' || owner?.kind === 'DaemonSet' || owner?.kind === 'Job')
    return workloadKey(owner.kind, namespace, owner.name);
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner?.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return workloadKey('Deployment', namespace, owner.name.slice(0, -(hash.length + 1)));
  }
  return undefined;
}

interface ContainerStatusView {
  name?: string;
  state?: { running?: object; terminated?: object };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** [start, end) of the requested container instance's log, cut to `since` and `until`. */
function containerWindow(pod: KubeObject, query: LogQuery): [number, number] | undefined {
  const spec = pod.spec as { containers?: { name: string }[] } | undefined;
  if (spec?.containers?.[0]?.name !== query.container) return undefined;
  const status = pod.status as { startTime?: string; containerStatuses?: ContainerStatusView[] } | undefined;
  const container = status?.containerStatuses?.find((c) => c.name === query.container);
  const everStarted =
    container?.state?.running || container?.state?.terminated || container?.lastState?.terminated;
  if (!everStarted) return undefined;
  const podStart = Date.parse(status?.startTime ?? pod.metadata.creationTimestamp);
  const lastRestart = container?.lastState?.terminated?.finishedAt;
  if (query.previous && !lastRestart) return undefined;
  const [start, end] = query.previous
    ? [podStart, Date.parse(lastRestart!)]
    : [lastRestart ? Date.parse(lastRestart) : podStart, Number.POSITIVE_INFINITY];
  const lo = Math.max(start, query.since?.getTime() ?? start);
  const hi = Math.min(end, query.until.getTime());
  return lo < hi ? [lo, hi] : undefined;
}

function cursorFor(
  line: CompiledLine,
  format: CompiledStream['format'],
  seed: number,
  lo: number,
  hi: number,
): Cursor | undefined {
  const rest = occurrences(line.spec, within([lo, hi], line.spans()));
  const first = rest.next();
  if (first.done) return undefined;
  return { time: occurrenceTime(line.spec, first.value), occurrence: first.value, line, format, seed, rest };
}

/** The numbers of the line's occurrences within `spans`, in time order. */
function* occurrences(spec: LogLineSpec, spans: readonly Span[]): Generator<number> {
  if (spec.kind === 'once') {
    if (spans.length) yield 0;
    return;
  }
  const from = spec.from.getTime();
  for (const [lo, hi] of spans) {
    for (let n = Math.max(0, Math.ceil((lo - from) / spec.every)); from + n * spec.every < hi; n++) yield n;
  }
}

function occurrenceTime(spec: LogLineSpec, occurrence: number): number {
  return spec.kind === 'once' ? spec.at.getTime() : spec.from.getTime() + occurrence * spec.every;
}

/** One occurrence: a JSON line, or the text with a `<ts> <LEVEL>` prefix on its first line. */
function render(cursor: Cursor): LogLine[] {
  const { spec, template } = cursor.line;
  const time = new Date(cursor.time);
  const text = renderTemplate(template, mulberry32(mix32(cursor.seed, cursor.occurrence)));
  if (cursor.format === 'json') {
    return [
      { time, text: JSON.stringify({ ts: time.toISOString(), level: spec.level ?? 'info', msg: text }) },
    ];
  }
  const prefix = spec.level ? `${time.toISOString()} ${spec.level.toUpperCase().padEnd(5)} ` : '';
  if (!text.includes('\n')) return [{ time, text: prefix + text }];
  const [first, ...continuation] = text.split('\n');
  return [{ time, text: prefix + first }, ...continuation.map((line) => ({ time, text: line }))];
}
