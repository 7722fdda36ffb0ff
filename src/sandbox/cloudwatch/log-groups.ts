// The scenario's CloudWatch sources (`logs` entries with `source: { cloudwatch: {group, stream} }`)
// as log groups of streams of events, rendered on demand by the same line generator as pod
// logs (src/sandbox/scenario/logs.ts), seeded by `<group>/<stream>`. A multi-line text (a
// stack trace) is one event, as the CloudWatch agent ships it. Events exist up to the clock's
// now, so a live clock keeps them flowing; the incident timeline stops incident lines while
// the incident is suppressed and brings back the lines they superseded.

import type { Clock } from '../../tool.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import { type CompiledStream, compileLogEntry, logOccurrences } from '../scenario/logs.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { LogLine } from '../world.ts';

export interface LogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
}

export interface LogGroup {
  name: string;
  /** ms since the epoch: the scenario's history start. */
  creationTime: number;
  streams: Map<string, CompiledStream[]>;
}

export interface LogGroups {
  groups: LogGroup[];
  get(name: string): LogGroup | undefined;
  /** Events of the group's streams (all when `streamNames` is absent) in [lo, hi) ms, time order. */
  events(group: LogGroup, lo: number, hi: number, streamNames?: readonly string[]): Generator<LogEvent>;
}

export function scenarioLogGroups(
  scenario: Scenario,
  clock: Clock,
  timeline: IncidentTimeline = incidentTimeline(undefined),
): LogGroups {
  const { spec } = scenario;
  const byName = new Map<string, LogGroup>();
  spec.logs.forEach((entry, entryIndex) => {
    if (typeof entry.source === 'string') return;
    const { group: name, stream } = entry.source.cloudwatch;
    const group = byName.get(name) ?? { name, creationTime: spec.history.getTime(), streams: new Map() };
    byName.set(name, group);
    group.streams.set(stream, [
      ...(group.streams.get(stream) ?? []),
      compileLogEntry(entry, entryIndex, timeline),
    ]);
  });
  const groups = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));

  function* events(
    group: LogGroup,
    lo: number,
    hi: number,
    streamNames?: readonly string[],
  ): Generator<LogEvent> {
    const end = Math.min(hi, clock.now().getTime() + 1);
    const names = [...group.streams.keys()].filter((s) => !streamNames || streamNames.includes(s)).sort();
    const sources = names.map((name) => ({
      name,
      occurrences: logOccurrences(spec.seed, group.streams.get(name)!, `${group.name}/${name}`, lo, end),
    }));
    const pull = (i: number) => sources[i]!.occurrences.next().value;
    const heads: (LogLine[] | undefined)[] = sources.map((_, i) => pull(i));
    for (;;) {
      let next = -1;
      heads.forEach((head, i) => {
        const best = heads[next];
        if (head && (!best || head[0]!.time < best[0]!.time)) next = i;
      });
      if (next < 0) return;
      const lines = heads[next]!;
      yield {
        logStreamName: sources[next]!.name,
        timestamp: lines[0]!.time.getTime(),
        message: lines.map((l) => l.text).join('\n'),
      };
      heads[next] = pull(next);
    }
  }

  return { groups, get: (name) => byName.get(name), events };
}
