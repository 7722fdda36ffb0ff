// The incident's timeline: what happened in the window, oldest first, from every source at
// once (rollouts, change events, ConfigMap data writes, node conditions, warning events,
// metric shifts of the services in scope, new log templates, alerts), the way an on-call
// engineer reconstructs it by hand across five consoles.

import type { Onset } from './assess.ts';
import type { Facts } from './gather/index.ts';
import { configMapRef } from './gather/kube.ts';
import { format, iso } from './text.ts';
import type { TimelineEntry } from './types.ts';

const MAX_ENTRIES = 60;
const NOVEL_PER_WORKLOAD = 3;

export function buildTimeline(facts: Facts, onset: Onset): TimelineEntry[] {
  const { since, at } = facts.window;
  const entries: (Omit<TimelineEntry, 'at'> & { t: number })[] = [
    ...facts.rollouts.map((r) => ({
      t: r.at,
      kind: 'rollout',
      summary: `${r.workload} ${r.summary}`,
      ref: r.workload,
    })),
    ...facts.changes.map((c) => ({
      t: c.at,
      kind: 'change',
      summary: `${c.kind}${c.service ? ` on ${c.service}` : ''}: ${c.summary}`,
      ref: `Change/${c.id}`,
    })),
    ...(facts.kube?.configMaps ?? []).flatMap((c) =>
      c.dataWrite
        ? [
            {
              t: c.dataWrite.at,
              kind: 'config',
              summary: `${configMapRef(c)} data written by ${c.dataWrite.manager || 'an unnamed manager'}`,
              ref: configMapRef(c),
            },
          ]
        : [],
    ),
    ...(facts.kube?.nodes ?? []).flatMap((n) =>
      n.bad.map((c) => ({
        t: c.since,
        kind: 'node',
        summary: `${n.name} ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`,
        ref: `Node/${n.name}`,
      })),
    ),
    ...(facts.kube?.events ?? [])
      .filter((e) => e.type === 'Warning')
      .map((e) => ({
        t: e.first >= since ? e.first : e.at,
        kind: 'event',
        summary: `${e.reason} ${e.object.kind} ${e.object.namespace ? `${e.object.namespace}/` : ''}${e.object.name}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`,
      })),
    ...facts.scope.flatMap((service) =>
      (facts.metrics.get(service.name)?.series ?? [])
        .filter((s) => s.shift)
        .map((s) => ({
          t: s.shift!.at,
          kind: 'metric',
          summary: `${service.name} ${s.signal} ${s.shift!.direction === 'up' ? 'rose' : 'fell'} from ${format(s.shift!.from)} to ${format(s.shift!.to)}`,
        })),
    ),
    ...[...facts.logs.values()].flatMap((logs) =>
      logs.novel
        .filter((t) => t.level === 'error' || t.level === 'warn')
        .slice(0, NOVEL_PER_WORKLOAD)
        .map((t) => ({
          t: t.first,
          kind: 'log',
          summary: `new in ${logs.workload}: ${t.example}`,
          ref: logs.workload,
        })),
    ),
    ...facts.alerts.map((a) => ({
      t: a.startsAt,
      kind: 'alert',
      summary: `${a.name} (${a.severity || 'no severity'}) fired: ${a.summary}`,
    })),
    {
      t: onset.at,
      kind: 'onset',
      summary: `${facts.graph.symptomatic.name} degraded: ${onset.signal}${onset.from !== undefined ? ` ${format(onset.from)} → ${format(onset.to!)}` : ''}`,
    },
  ];
  const kept = entries
    .filter((e) => e.t >= since && e.t <= at)
    .sort((a, b) => a.t - b.t || a.kind.localeCompare(b.kind) || a.summary.localeCompare(b.summary));
  // Keep the end of a long window: the incident is there.
  return kept.slice(-MAX_ENTRIES).map(({ t, ...entry }) => ({ at: iso(t), ...entry }));
}
