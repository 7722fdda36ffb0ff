// Pod log text (with the API's RFC 3339 timestamps) into lines, lazily, and several pods'
// lines merged in time order, each tagged with its pod. Never splits a 100,000-line log
// into an array.

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
