// Pod log text (with the API's RFC 3339 timestamps) into lines, lazily, and several pods'
// lines merged in time order, each tagged with its pod. Never splits a 100,000-line log
// into an array. And the previous instance of a restarted container, from the pod's
// status, with the note that says when and why it ended.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import type { InputLogLine } from '../../src/shape/logs.ts';

const TIMESTAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (.*)$/;

export function* timestampedLines(text: string, source?: string): Generator<InputLogLine> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (!raw) continue;
    const m = TIMESTAMPED.exec(raw);
    yield m
      ? { time: m[1]!, text: m[2]!, ...(source ? { source } : {}) }
      : { text: raw, ...(source ? { source } : {}) };
  }
}

/** k-way merge by time; lines without a time keep their stream's order. */
export function* mergeByTime(streams: Iterable<InputLogLine>[]): Generator<InputLogLine> {
  const heads = streams.map((s) => s[Symbol.iterator]());
  const current = heads.map((it) => it.next());
  for (;;) {
    let pick = -1;
    for (let i = 0; i < current.length; i++) {
      const c = current[i]!;
      if (c.done) continue;
      if (pick < 0 || String(c.value.time ?? '') < String((current[pick]!.value as InputLogLine).time ?? ''))
        pick = i;
    }
    if (pick < 0) return;
    yield current[pick]!.value as InputLogLine;
    current[pick] = heads[pick]!.next();
  }
}

/** The instance of a container before its last restart, as the pod's status tells it. */
export interface PreviousInstance {
  container: string;
  restarts: number;
  /** lastState.terminated: when and why it ended. */
  endedAt?: string;
  reason?: string;
  exitCode?: number;
}

interface ContainerStatusView {
  name: string;
  restartCount?: number;
  lastState?: { terminated?: { finishedAt?: string; reason?: string; exitCode?: number } };
}

/**
 * The previous instance of the container a log read names (`container`, else the pod's
 * default container, else its first), when that container has restarted.
 */
export function previousInstance(pod: KubeObject, container?: string): PreviousInstance | undefined {
  const spec = pod.spec as { containers?: { name: string }[] } | undefined;
  const name =
    container ??
    pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ??
    spec?.containers?.[0]?.name;
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatusView[];
  const status = statuses.find((s) => s.name === name);
  if (!name || !status || !((status.restartCount ?? 0) > 0)) return undefined;
  const ended = status.lastState?.terminated;
  return {
    container: name,
    restarts: status.restartCount!,
    ...(ended?.finishedAt ? { endedAt: secondsOnly(ended.finishedAt) } : {}),
    ...(ended?.reason ? { reason: ended.reason } : {}),
    ...(ended?.exitCode !== undefined ? { exitCode: ended.exitCode } : {}),
  };
}

/** "previous instance of app (restarted 2 times) ended 2026-04-25T14:18:00Z: OOMKilled, exit code 137". */
export function previousNote(p: PreviousInstance): string {
  const why = [p.reason, p.exitCode !== undefined ? `exit code ${p.exitCode}` : undefined].filter(Boolean);
  const times = p.restarts === 1 ? 'once' : `${p.restarts} times`;
  return `previous instance of ${p.container} (restarted ${times}) ended${p.endedAt ? ` ${p.endedAt}` : ''}${why.length ? `: ${why.join(', ')}` : ''}`;
}

/** RFC 3339 as the API server writes it (second precision), whatever the fraction. */
function secondsOnly(time: string): string {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
