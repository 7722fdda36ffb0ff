// Log shaping for the log tools (k8s_pod_logs, CloudWatch Logs; DESIGN §6): a large log
// becomes a few KB that keep the signal. One streaming pass groups lines into templates
// with counts, keeps every stack trace and the first and last lines, then the result is
// fitted to a byte budget, giving up info before warnings and warnings before errors.
// The output is untrusted log text: the gate redacts it afterwards (src/shape/redact.ts);
// only a secret split over lines (a private key) is masked before grouping, while the lines are in order.
// The pass yields to the event loop as it goes (./pace.ts), so the call's timeout stops it.

import { z } from 'zod';
import type { Pattern } from '../regex.ts';
import { LogCollector } from './logs/collect.ts';
import { fitToBudget } from './logs/fit.ts';
import { LEVELS } from './logs/parse.ts';
import { Pacer } from './pace.ts';
import { maskSplitSecrets } from './redact.ts';

export interface InputLogLine {
  text: string;
  /** When the backend reports it apart from the text (k8s `timestamps`, CloudWatch events). */
  time?: Date | string;
  /** Where the line came from when several logs are merged: pod name, log stream. */
  source?: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ShapeLogsOptions {
  /** Byte budget for the whole result as JSON; at least MIN_LOG_BYTES. */
  maxBytes: number;
  /** Keep only lines matching this (stack frames follow the line they belong to). */
  filter?: Pattern;
  /** Keep only lines at this level or above; a line with no level counts as info. */
  minLevel?: LogLevel;
  /** Return the newest raw lines that fit maxBytes instead of templates. */
  raw?: boolean;
  /** The call's signal: shaping yields to the event loop as it goes and stops when this aborts. */
  signal?: AbortSignal;
}

export interface LogTemplate {
  template: string;
  count: number;
  level: string;
  /** Time of the first and last occurrence when known, otherwise `line <n>` (1-based). */
  first: string;
  last: string;
  example: string;
  sources?: string[];
}

export interface ShapedLogs {
  totalLines: number;
  matchedLines: number;
  levels: Record<string, number>;
  templates: LogTemplate[];
  stackTraces: { header: string; frames: string[]; count: number }[];
  head: string[];
  tail: string[];
  lines?: string[];
  omitted?: { omittedTemplates: number; omittedLines: number; hint: string };
}

/** Leaves room for the rest of a tool result within the gate's 16 KB default budget. */
export const DEFAULT_LOG_BYTES = 12_000;
/** Below this the counts and the truncation note alone may not fit. */
export const MIN_LOG_BYTES = 1_000;

export async function shapeLogs(lines: Iterable<InputLogLine>, opts: ShapeLogsOptions): Promise<ShapedLogs> {
  const { maxBytes } = opts;
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_LOG_BYTES) {
    throw new RangeError(`shapeLogs: maxBytes must be an integer >= ${MIN_LOG_BYTES}, got ${maxBytes}`);
  }
  const collector = new LogCollector({
    ...(opts.filter ? { filter: opts.filter } : {}),
    ...(opts.minLevel ? { minLevel: opts.minLevel } : {}),
    ...(opts.raw ? { rawBytes: maxBytes } : {}),
  });
  const pacer = new Pacer(opts.signal);
  for (const line of maskSplitSecrets(lines)) {
    collector.add(line);
    if (pacer.due()) await pacer.yield();
  }
  return fitToBudget(collector.finish(), maxBytes, opts.raw === true);
}

/** Where shaped logs hold log text (untrusted: see src/shape/untrusted.ts). */
export const UNTRUSTED_LOG_PATHS = [
  '$.templates[*].template',
  '$.templates[*].example',
  '$.stackTraces',
  '$.head',
  '$.tail',
  '$.lines',
] as const;

/** The output schema fragment for a tool that returns shaped logs (nest it under a key). */
export const shapedLogsSchema = z.object({
  totalLines: z.number().int().describe('Lines read.'),
  matchedLines: z.number().int().describe('Non-blank lines that passed filter and minLevel.'),
  levels: z.record(z.enum(LEVELS), z.number().int()).describe('Log entries by detected level.'),
  templates: z
    .array(
      z.object({
        template: z
          .string()
          .describe('The line with variable parts masked: <num> <id> <hex> <uuid> <ip> <ts>…'),
        count: z.number().int(),
        level: z.string(),
        first: z.string().describe('Time of the first occurrence, or `line <n>` when unknown.'),
        last: z.string().describe('Time of the last occurrence, or `line <n>` when unknown.'),
        example: z.string().describe('The first matching line, verbatim (untrusted).'),
        sources: z.array(z.string()).optional().describe('Pods or streams that logged it.'),
      }),
    )
    .describe('Lines grouped by template: errors, then warnings, then by count.'),
  stackTraces: z
    .array(z.object({ header: z.string(), frames: z.array(z.string()), count: z.number().int() }))
    .describe('Distinct stack traces, most frequent first.'),
  head: z.array(z.string()).describe('First matching lines.'),
  tail: z.array(z.string()).describe('Last matching lines.'),
  lines: z.array(z.string()).optional().describe('raw mode: the newest matching lines, oldest first.'),
  omitted: z
    .object({ omittedTemplates: z.number().int(), omittedLines: z.number().int(), hint: z.string() })
    .optional()
    .describe('Present when something was left out to fit the budget: what, and how to narrow.'),
});
