// What new log templates say for a candidate: how many came after a change, how much of
// the new trouble names a dependency (and speaks of timeouts), or speaks of running out of
// a resource; and the runbook signals they show. Shares are weighted by occurrences, so a
// line logged every two seconds outweighs one logged once.

import type { TemplateFacts, WorkloadLogs } from '../gather/logs.ts';
import { type Mentions, speaksOfCapacity, speaksOfPoolExhaustion, speaksOfTimeouts } from '../mentions.ts';
import { iso } from '../text.ts';
import type { Evidence } from '../types.ts';

/** Without a baseline every template looks new: what novelty says is worth less. */
const NO_BASELINE_FACTOR = 0.6;

function isProblem(t: TemplateFacts): boolean {
  return t.level === 'error' || t.level === 'warn';
}

function weight(t: TemplateFacts): number {
  return t.count * (isProblem(t) ? 1 : 0.5);
}

/** Share of the new templates that appeared after `at` (within a minute before it). */
export function noveltyAfter(logs: WorkloadLogs | undefined, at: number): number {
  if (!logs?.novel.length) return 0;
  const total = logs.novel.reduce((n, t) => n + weight(t), 0);
  const after = logs.novel.filter((t) => t.first >= at - 60_000).reduce((n, t) => n + weight(t), 0);
  return (after / total) * (logs.hasBaseline ? 1 : NO_BASELINE_FACTOR);
}

export interface MentionShare {
  /** 0..1 of new warning and error lines. */
  share: number;
  /** Whether the lines that name it speak of timeouts or refusals. */
  timeouts: boolean;
  /** When the first of them appeared. */
  first?: number;
  examples: TemplateFacts[];
}

/** How much of the workload's new trouble names something. */
export function mentionShare(logs: WorkloadLogs | undefined, mentions: Mentions): MentionShare {
  const problems = (logs?.novel ?? []).filter(isProblem);
  const total = problems.reduce((n, t) => n + t.count, 0);
  const naming = problems.filter((t) => mentions(t.example));
  const count = naming.reduce((n, t) => n + t.count, 0);
  return {
    share: total ? (count / total) * (logs!.hasBaseline ? 1 : NO_BASELINE_FACTOR) : 0,
    timeouts: naming.some((t) => speaksOfTimeouts(t.example)),
    ...(naming.length ? { first: Math.min(...naming.map((t) => t.first)) } : {}),
    examples: naming.slice(0, 2),
  };
}

/** Share of the new trouble that speaks of running out of memory, CPU, workers, queue or disk, and when it began. */
export function capacityShare(logs: WorkloadLogs | undefined): {
  share: number;
  first?: number;
  examples: TemplateFacts[];
} {
  const problems = (logs?.novel ?? []).filter(isProblem);
  const total = problems.reduce((n, t) => n + t.count, 0);
  const speaking = problems.filter((t) => speaksOfCapacity(t.example));
  return {
    share: total ? speaking.reduce((n, t) => n + t.count, 0) / total : 0,
    ...(speaking.length ? { first: Math.min(...speaking.map((t) => t.first)) } : {}),
    examples: speaking.slice(0, 2),
  };
}

export function logSignals(logs: WorkloadLogs | undefined): string[] {
  const problems = (logs?.novel ?? []).filter(isProblem);
  return [
    ...(problems.some((t) => speaksOfPoolExhaustion(t.example)) ? ['db_pool_exhausted'] : []),
    ...(problems.some((t) => /\bgc\b|garbage|mark-compact|heap/i.test(t.example)) ? ['gc_thrash'] : []),
    ...(problems.some((t) => speaksOfTimeouts(t.example)) ? ['upstream_timeouts'] : []),
  ];
}

export function templateEvidence(t: TemplateFacts, workload: string): Evidence {
  return {
    kind: 'log',
    at: iso(t.first),
    summary: `new ${t.level} log in ${workload} (×${t.count} on ${t.pods.length} pod${t.pods.length === 1 ? '' : 's'}): ${t.example}`,
    ref: workload,
  };
}

/** The new templates worth showing: trouble first, most frequent first. */
export function topNovel(logs: WorkloadLogs | undefined, limit: number, after = 0): TemplateFacts[] {
  return (logs?.novel ?? [])
    .filter((t) => t.first >= after - 60_000)
    .sort(
      (a, b) =>
        Number(isProblem(b)) - Number(isProblem(a)) ||
        b.count - a.count ||
        a.template.localeCompare(b.template),
    )
    .slice(0, limit);
}
