// Judgements about services and pods that several kinds of candidate share: when the
// symptomatic service degraded (the onset every cause is timed against), how badly and
// since when a dependency is degraded, which pods are failing or were OOM-killed, whether a
// volume is full, and whether a change lines up with shifts in the metrics right after it.

import { type CatalogService, workloadOf } from '../catalog.ts';
import { crossingTime, currentValue } from './changepoint.ts';
import type { Facts } from './gather/index.ts';
import { type PodFacts, podsOf } from './gather/kube.ts';
import type { SeriesFacts, ServiceMetrics } from './gather/metrics.ts';
import { format, iso, round } from './text.ts';
import type { Evidence } from './types.ts';

export interface Onset {
  at: number;
  /** The series that moved first, or the alert that fired first. */
  signal: string;
  /** Baseline and current level; absent when the onset is an alert's start. */
  from?: number;
  to?: number;
}

const DEGRADING = new Set(['error', 'latency']);

/**
 * The first sustained rise in the service's error ratio or p99 latency; for a service
 * without those (no HTTP metrics), in its own error or latency metrics; failing that, the
 * start of its earliest firing alert (for a node, the earliest naming the node); failing
 * that, the time asked about.
 */
export function findOnset(facts: Facts, service: CatalogService): Onset {
  const series = facts.metrics.get(service.name)?.series ?? [];
  const golden = series.filter((s) => (s.signal === 'errorRatio' || s.signal === 'latencyP99') && rising(s));
  const custom = series.filter((s) => s.metric && DEGRADING.has(s.kind) && rising(s));
  const first = earliestShift(golden.length ? golden : custom, facts.window.at);
  if (first?.shift)
    return { at: first.shift.at, signal: first.signal, from: first.shift.from, to: first.shift.to };
  const alert = facts.alerts
    .filter(
      (a) =>
        a.labels.service === service.name || (facts.node !== undefined && namesNode(a.labels, facts.node)),
    )
    .sort((a, b) => a.startsAt - b.startsAt || a.name.localeCompare(b.name))[0];
  if (alert) return { at: alert.startsAt, signal: `alert ${alert.name}` };
  return { at: facts.window.at, signal: 'the time asked about' };
}

/** An alert about a node: its `node` label, or its `instance` (`host:port`) naming it. */
export function namesNode(labels: Record<string, string>, node: string): boolean {
  return labels.node === node || labels.instance?.replace(/:\d+$/, '') === node;
}

function rising(s: SeriesFacts): boolean {
  return s.shift?.direction === 'up';
}

function earliestShift(series: SeriesFacts[], until: number): SeriesFacts | undefined {
  return series
    .filter((s) => s.shift && s.shift.at <= until)
    .sort((a, b) => a.shift!.at - b.shift!.at || a.signal.localeCompare(b.signal))[0];
}

export interface Degradation {
  /** 0..1: how sure it is that the service is in trouble. */
  strength: number;
  /** When its trouble began, as far as the evidence dates it. */
  at?: number;
  evidence: Evidence[];
  signals: string[];
}

/** How far before the onset a dependency's trouble may begin and still be this incident's. */
export const DEPENDENCY_LEAD_MS = 30 * 60_000;
/** How long after the onset evidence still dates a cause (sampling and alert delays). */
export const ONSET_TOLERANCE_MS = 2 * 60_000;

const WARNING_REASONS = /BackOff|Unhealthy|Failed|OOM|Evict|Kill|Error|NotReady/i;

/** Evidence that a service is in trouble around the onset, from its metrics, pods, events and alerts. */
export function degradationOf(facts: Facts, service: CatalogService, onset: number): Degradation {
  const from = onset - DEPENDENCY_LEAD_MS;
  const until = facts.window.at;
  const items: { strength: number; at: number; evidence: Evidence; signal?: string }[] = [];
  for (const s of facts.metrics.get(service.name)?.series ?? []) {
    const shift = s.shift;
    if (!shift || shift.at < from || shift.at > until) continue;
    const strength = metricStrength(s);
    if (!strength) continue;
    items.push({
      strength,
      at: shift.at,
      evidence: metricEvidence(s, service.name),
      ...(s.kind === 'error' && shift.direction === 'up' ? { signal: 'high_error_rate' } : {}),
      ...(s.kind === 'latency' && shift.direction === 'up' ? { signal: 'high_latency' } : {}),
    });
  }
  const volume = fullestVolume(facts.metrics.get(service.name));
  if (volume && volume.level >= VOLUME_FULL)
    items.push({
      strength: 0.7,
      at: Math.max(from, volume.since ?? until),
      evidence: {
        kind: 'metric',
        ...(volume.since !== undefined ? { at: iso(volume.since) } : {}),
        summary: `volume claim ${volume.claim} of ${service.name} is ${Math.round(volume.level * 1000) / 10}% full`,
      },
      signal: 'volume_full',
    });
  const workload = workloadOf(service);
  if (workload && facts.kube) {
    for (const pod of podsOf(facts.kube, workload)) {
      const restart = pod.lastRestart;
      if (restart && restart.at >= from && restart.at <= until)
        items.push({
          strength: 0.6,
          at: restart.at,
          evidence: {
            kind: 'event',
            at: iso(restart.at),
            summary: `pod ${pod.name} restarted (${restart.reason ?? 'exit'}${restart.exitCode !== undefined ? `, exit code ${restart.exitCode}` : ''}); ${pod.restarts} restarts in all`,
            ref: `Pod/${pod.namespace}/${pod.name}`,
          },
          signal: restart.reason === 'OOMKilled' ? 'oom_killed' : 'crash_loop',
        });
      if (pod.problem)
        items.push({
          strength: 0.5,
          at: until,
          evidence: {
            kind: 'event',
            summary: `pod ${pod.name} is ${pod.problem}`,
            ref: `Pod/${pod.namespace}/${pod.name}`,
          },
          signal: /CrashLoop|Error/.test(pod.problem) ? 'crash_loop' : 'pod_not_running',
        });
    }
    const names = new Set([workload.name, ...podsOf(facts.kube, workload).map((p) => p.name)]);
    for (const event of facts.kube.events) {
      if (event.object.namespace !== workload.namespace || !names.has(event.object.name)) continue;
      if (event.at < from || !(event.type === 'Warning' || WARNING_REASONS.test(event.reason))) continue;
      if (event.type !== 'Warning' && !/liveness|readiness|fail/i.test(event.message)) continue;
      items.push({
        strength: event.type === 'Warning' ? 0.5 : 0.4,
        at: event.first >= from ? event.first : event.at,
        evidence: {
          kind: 'event',
          at: iso(event.first >= from ? event.first : event.at),
          summary: `${event.type} ${event.reason} on ${event.object.kind} ${event.object.name}: ${event.message}${event.count > 1 ? ` (×${event.count})` : ''}`,
          ref: `${event.object.kind}/${workload.namespace}/${event.object.name}`,
        },
      });
    }
  }
  for (const alert of facts.alerts) {
    if (!alertConcerns(alert.labels, service) || alert.startsAt < from) continue;
    items.push({
      strength: alert.severity === 'info' ? 0.3 : 0.5,
      at: alert.startsAt,
      evidence: {
        kind: 'alert',
        at: iso(alert.startsAt),
        summary: `${alert.name} (${alert.severity || 'no severity'}) firing: ${alert.summary}`,
      },
    });
  }
  items.sort((a, b) => a.at - b.at || a.evidence.summary.localeCompare(b.evidence.summary));
  const strength = combine(items.map((i) => i.strength));
  return {
    strength,
    ...(items.length ? { at: items[0]!.at } : {}),
    evidence: items.map((i) => i.evidence),
    signals: [...new Set(items.flatMap((i) => (i.signal ? [i.signal] : [])))].sort(),
  };
}

/** A shift's weight as evidence of trouble: errors and latency up count most. */
function metricStrength(s: SeriesFacts): number {
  const up = s.shift?.direction === 'up';
  if (s.kind === 'error') return up ? (s.metric ? 0.7 : 0.9) : 0;
  if (s.kind === 'latency') return up ? (s.metric ? 0.5 : 0.8) : 0;
  if (s.kind === 'saturation') return up ? 0.4 : 0.1;
  return 0.2;
}

function alertConcerns(labels: Record<string, string>, service: CatalogService): boolean {
  if (labels.service) return labels.service === service.name;
  const workload = workloadOf(service);
  return Boolean(
    workload &&
      (labels.deployment === workload.name ||
        labels.statefulset === workload.name ||
        labels.horizontalpodautoscaler === workload.name) &&
      (!labels.namespace || labels.namespace === workload.namespace),
  );
}

function metricEvidence(s: SeriesFacts, service: string): Evidence {
  const shift = s.shift!;
  return {
    kind: 'metric',
    at: iso(shift.at),
    summary: `${service} ${s.signal} ${shift.direction === 'up' ? 'rose' : 'fell'} from ${format(shift.from)} to ${format(shift.to)}`,
    value: { from: round(shift.from), to: round(shift.to) },
  };
}

/** Probability that at least one piece of evidence holds, treating them as independent. */
export function combine(strengths: readonly number[]): number {
  return 1 - strengths.reduce((p, s) => p * (1 - Math.min(1, Math.max(0, s))), 1);
}

/** A volume this full fails writes (kube-prometheus pages at 3% free). */
export const VOLUME_FULL = 0.97;

/** The fullest PersistentVolumeClaim of a service's StatefulSet: its used share now, and since when it has been this full. */
export function fullestVolume(
  metrics: ServiceMetrics | undefined,
): { claim: string; level: number; since?: number } | undefined {
  const levels = (metrics?.volumeByClaim ?? [])
    .map((c) => ({ claim: c.claim, points: c.points, level: currentValue(c.points) ?? 0 }))
    .sort((a, b) => b.level - a.level || a.claim.localeCompare(b.claim));
  const fullest = levels[0];
  if (!fullest) return undefined;
  // Full from when it came within half a point of where it is now: a disk fails writes when it is full, not on the way.
  const since = crossingTime(fullest.points, Math.max(VOLUME_FULL, fullest.level - 0.005));
  return { claim: fullest.claim, level: fullest.level, ...(since !== undefined ? { since } : {}) };
}

/** Pods whose container the kernel killed at its memory limit in the window (or that are in that state). */
export function oomKilled(pods: readonly PodFacts[], since: number): PodFacts[] {
  return pods.filter(
    (p) => (p.lastRestart?.reason === 'OOMKilled' && p.lastRestart.at >= since) || p.problem === 'OOMKilled',
  );
}

/** A pod in trouble: not running normally, restarted in the window, or logging new errors. */
export function isFailing(pod: PodFacts, facts: Facts): boolean {
  const logs = pod.workload ? facts.logs.get(pod.workload) : undefined;
  const newProblems = logs?.novelProblemsByPod[pod.name] ?? 0;
  const restarted = pod.lastRestart !== undefined && pod.lastRestart.at >= facts.window.since;
  return pod.problem !== undefined || !pod.ready || restarted || newProblems >= 3;
}

/** Whether a shift at `shiftAt` follows a change at `at`: within 5 min after it (30 s before, for sampling). */
export function follows(shiftAt: number, at: number): boolean {
  return shiftAt >= at - 30_000 && shiftAt <= at + 5 * 60_000;
}

/**
 * How well a change at `at` lines up with metric shifts that follow it within minutes:
 * 1 when a series moved right at the change, less the longer after, 0 when none did.
 */
export function alignment(at: number, series: readonly { shiftAt: number; weight: number }[]): number {
  const after = series.filter((s) => follows(s.shiftAt, at));
  if (!after.length) return 0;
  const best = Math.max(...after.map((s) => s.weight * Math.exp(-Math.max(0, s.shiftAt - at) / 120_000)));
  return Math.min(1, best * (0.7 + 0.3 * Math.min(1, after.length / 3)));
}
