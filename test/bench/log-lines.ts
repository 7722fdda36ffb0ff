// How many log lines a scenario holds, computed from its spec rather than by reading them
// (the sandbox generates them lazily, so nothing else counts them): per pod a log source
// feeds, each `every` line occurs every `every` from its `from` until the next `every`
// line of its list or `now`, and each `at` line once; a pod's log begins when the pod was
// created (its workload's current revision, plus a second per pod index), as the sandbox
// serves it. A CloudWatch stream is one reader. Restarts are not subtracted.

import { parseRef } from '../../src/sandbox/scenario/refs.ts';
import type { LogLineSpec, Scenario } from '../../src/sandbox/scenario/schema.ts';

const POD_START_STEP_MS = 1000;

export function logLinesHeld(scenario: Scenario): number {
  const now = scenario.spec.now.getTime();
  let total = 0;
  for (const entry of scenario.spec.logs) {
    const readerStarts = typeof entry.source === 'string' ? podStarts(scenario, entry.source) : [-Infinity];
    for (const start of readerStarts) total += linesOf(entry.lines, start, now);
  }
  return total;
}

/** Creation times of the pods a `Deployment/…`, `StatefulSet/…` or `Pod/…#i` source feeds. */
function podStarts(scenario: Scenario, source: string): number[] {
  const ref = parseRef(source);
  const { deployments, statefulsets } = scenario.spec.kubernetes;
  const kind = ref.kind === 'Pod' ? undefined : ref.kind;
  const workload = [
    ...(kind !== 'StatefulSet' ? deployments : []),
    ...(kind !== 'Deployment' ? statefulsets : []),
  ].find((w) => w.namespace === ref.namespace && w.name === ref.name);
  if (!workload) throw new Error(`logs source ${source}: no such workload in spec.kubernetes`);
  const current = workload.revisions.at(-1)!.at.getTime();
  const indexes = ref.index === undefined ? [...Array(workload.replicas).keys()] : [ref.index];
  return indexes.map((index) => current + index * POD_START_STEP_MS);
}

/** Lines one reader sees of one list, from `start` until `now`. */
function linesOf(lines: readonly LogLineSpec[], start: number, now: number): number {
  return lines.reduce((total, line, index) => {
    const height = line.text.split('\n').length;
    if (line.kind === 'once') {
      const at = line.at.getTime();
      return total + (at >= start && at < now ? height : 0);
    }
    const next = lines.slice(index + 1).find((l) => l.kind === 'every');
    const from = line.from.getTime();
    const end = Math.min(next?.kind === 'every' ? next.from.getTime() : now, now);
    const first = Math.max(0, Math.ceil((start - from) / line.every));
    const afterLast = Math.ceil((end - from) / line.every);
    return total + Math.max(0, afterLast - first) * height;
  }, 0);
}
