// A workload's log templates and which are new: lines are reduced to templates (numbers,
// ids, durations masked, src/shape/logs), those seen before the onset form the baseline,
// and a template that appears only after it is novel. Logs are sampled, never read whole:
// per pod, the first bytes since the window began (the baseline) and the first bytes from
// shortly before the onset (what changed), each capped by limitBytes, so a pod writing a
// million lines costs the same as one writing a thousand; troubled pods are read first.
// What the samples held (lines and bytes) is reported, so a reader of the result (or a
// benchmark) knows how much log correlation actually looked at.

import { timestampedLines } from '../../../../tools/kubernetes/log-lines.ts';
import type { KubernetesBackend } from '../../../backends/kubernetes/types.ts';
import { templateOf } from '../../../shape/logs/mask.ts';
import { type Level, parseLine } from '../../../shape/logs/parse.ts';
import type { PodFacts } from './kube.ts';

export interface TemplateFacts {
  template: string;
  level: Level;
  /** One line as written (clipped). */
  example: string;
  count: number;
  first: number;
  last: number;
  pods: string[];
}

export interface WorkloadLogs {
  workload: string;
  /** Pods whose logs were sampled. */
  pods: string[];
  /** Whether any line predates the baseline end; without one, every template looks new. */
  hasBaseline: boolean;
  /** Templates first seen shortly before the onset or later, most frequent first. */
  novel: TemplateFacts[];
  /** Per pod: novel warning and error lines. */
  novelProblemsByPod: Record<string, number>;
  /** What the samples held, as the API returned them: both samples of every pod (a line in both counts twice). */
  read: { lines: number; bytes: number };
}

export interface LogWindow {
  /** Unix ms: the window's start (the baseline sample starts here). */
  since: number;
  /** When the service degraded: templates first seen shortly before it or later are new. */
  onset: number;
  /** Where the second sample starts: a while before the onset. */
  focusStart: number;
  /** Lines after this are ignored. */
  until: number;
  /** The API server's now, which sinceSeconds counts back from. */
  now: number;
}

const BASELINE_BYTES = 192 * 1024;
const FOCUS_BYTES = 384 * 1024;
const MAX_TEMPLATES = 2_000;
const MAX_EXAMPLE = 300;
const MAX_TEMPLATE = 400;
/** A template first seen this long before the onset is new: trouble often starts before it shows. */
const LEAD_MS = 5 * 60_000;
/** For pods younger than that (a rollout just before the onset), the baseline ends here instead. */
const SHORT_LEAD_MS = 30_000;

interface Seen extends TemplateFacts {
  byPod: Map<string, number>;
}

export async function gatherWorkloadLogs(
  kube: KubernetesBackend,
  workload: string,
  pods: readonly PodFacts[],
  window: LogWindow,
  maxPods: number,
): Promise<WorkloadLogs> {
  const sampled = [...pods]
    .sort((a, b) => Number(isTroubled(b)) - Number(isTroubled(a)) || a.name.localeCompare(b.name))
    .slice(0, maxPods);
  const templates = new Map<string, Seen>();
  let earliest = Number.POSITIVE_INFINITY;
  const read = { lines: 0, bytes: 0 };
  for (const pod of sampled) {
    const [head, recent] = await Promise.all([
      readLog(kube, pod, window.now - window.since, BASELINE_BYTES),
      readLog(kube, pod, window.now - window.focusStart, FOCUS_BYTES),
    ]);
    read.bytes += Buffer.byteLength(head) + Buffer.byteLength(recent);
    const take = (text: string, from: number, to: number) => {
      for (const line of timestampedLines(text)) {
        read.lines++;
        const t =
          line.time instanceof Date ? line.time.getTime() : line.time ? Date.parse(line.time) : Number.NaN;
        if (!(t >= from && t < to) || t > window.until) continue;
        const parsed = parseLine(line.text);
        if (/^\s/.test(parsed.message) || !parsed.message) continue; // stack frames continue the line above
        earliest = Math.min(earliest, t);
        const template = templateOf(parsed.message).slice(0, MAX_TEMPLATE);
        const seen = templates.get(template);
        if (seen) {
          seen.count++;
          seen.first = Math.min(seen.first, t);
          seen.last = Math.max(seen.last, t);
          seen.byPod.set(pod.name, (seen.byPod.get(pod.name) ?? 0) + 1);
        } else if (templates.size < MAX_TEMPLATES) {
          templates.set(template, {
            template,
            level: parsed.level,
            example: withoutPrefix(parsed.message).slice(0, MAX_EXAMPLE),
            count: 1,
            first: t,
            last: t,
            pods: [],
            byPod: new Map([[pod.name, 1]]),
          });
        }
      }
    };
    take(head, window.since, window.focusStart);
    take(recent, window.focusStart, Number.POSITIVE_INFINITY);
  }
  const cut = earliest < window.onset - LEAD_MS ? window.onset - LEAD_MS : window.onset - SHORT_LEAD_MS;
  const novel = [...templates.values()]
    .filter((t) => t.first >= cut)
    .map(({ byPod, ...t }) => ({ ...t, pods: [...byPod.keys()].sort() }))
    .sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
  const novelProblemsByPod: Record<string, number> = Object.fromEntries(sampled.map((p) => [p.name, 0]));
  for (const t of templates.values()) {
    if (t.first < cut || (t.level !== 'error' && t.level !== 'warn')) continue;
    for (const [pod, count] of t.byPod) novelProblemsByPod[pod] = (novelProblemsByPod[pod] ?? 0) + count;
  }
  return {
    workload,
    pods: sampled.map((p) => p.name),
    hasBaseline: earliest < cut,
    novel,
    novelProblemsByPod,
    read,
  };
}

const PREFIX =
  /^(?:\[?\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?\]?\s+)?(?:(?:TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|FATAL|CRITICAL)\s+)?/;

/** The message without the time and level the application wrote in front of it. */
function withoutPrefix(message: string): string {
  return message.replace(PREFIX, '');
}

function isTroubled(pod: PodFacts): boolean {
  return !pod.ready || pod.problem !== undefined || pod.restarts > 0;
}

async function readLog(
  kube: KubernetesBackend,
  pod: PodFacts,
  backMs: number,
  limitBytes: number,
): Promise<string> {
  if (!pod.firstContainer || backMs <= 0) return '';
  try {
    return await kube.podLog({
      namespace: pod.namespace,
      pod: pod.name,
      container: pod.firstContainer,
      sinceSeconds: Math.max(1, Math.ceil(backMs / 1000)),
      limitBytes,
    });
  } catch {
    return ''; // a container that never started has no log
  }
}
