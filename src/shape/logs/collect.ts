// The one streaming pass over a log (DESIGN §6): each line is read once, counted,
// filtered, and folded into its template, its stack trace, or the head/tail context.
// Memory is bounded by the number of templates (capped) and traces, not by the number of
// lines: a raw line is kept only as a template's example or in the head, tail or raw window.

import type { Pattern } from '../../regex.ts';
import { jsonBytes } from '../budget.ts';
import type { InputLogLine } from '../logs.ts';
import { redactString } from '../redact.ts';
import { clip } from './clip.ts';
import { templateOf } from './mask.ts';
import { LEVELS, type Level, levelRank, parseLine } from './parse.ts';
import {
  NO_HEADER,
  OpenTrace,
  startsFrames,
  TraceBook,
  type TraceRecord,
  traceFromStack,
  tracesOpenedBy,
} from './traces.ts';

export const MAX_TEMPLATES = 5_000;
const MAX_SOURCES_PER_TEMPLATE = 10;
const MAX_MESSAGE_CHARS = 2_000;
const MAX_TEMPLATE_CHARS = 500;
const MAX_EXAMPLE_CHARS = 1_000;
const MAX_RAW_CHARS = 2_000;
const CONTEXT_LINES = 5;
/**
 * The filter reads this much of a line. Matching is linear, but in line length times pattern
 * size (src/regex.ts), and one line is matched in one go: a few-MB line with no newline must
 * not hold the event loop for seconds. 16 KiB is where container runtimes split long lines.
 */
export const MAX_FILTERED_CHARS = 16_384;

export interface TemplateStats {
  template: string;
  level: Level;
  count: number;
  first: string;
  last: string;
  example: string;
  sources: Set<string>;
  moreSources: boolean;
  /** Input order of the first occurrence, for deterministic ties. */
  order: number;
}

export interface Collected {
  totalLines: number;
  matchedLines: number;
  levels: Record<Level, number>;
  templates: TemplateStats[];
  traces: TraceRecord[];
  head: string[];
  tail: string[];
  /** Raw mode: the newest matched lines that fit the raw budget, oldest first. */
  rawLines: string[];
  /** Templates evicted at the cap, and lines that no kept template counts. */
  ungrouped: { templates: number; lines: number };
  /** Occurrences of traces past the limit on distinct traces. */
  tracesOverLimit: number;
  /** Raw mode: matched lines left out of rawLines. */
  rawOmitted: number;
  /** More than one source (pod, log stream) contributed lines. */
  multipleSources: boolean;
}

export interface CollectOptions {
  filter?: Pattern;
  minLevel?: Level;
  /** Raw mode: keep the newest lines within this many JSON bytes instead of templates. */
  rawBytes?: number;
}

interface SourceState {
  lastEntry?: string;
  lastEntryKept: boolean;
  trace?: { open: OpenTrace; kept: boolean; order: number };
}

export class LogCollector {
  private readonly filter: Pattern | undefined;
  private readonly minRank: number;
  private readonly rawBytes: number | undefined;
  private totalLines = 0;
  private matchedLines = 0;
  private readonly levels = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  private readonly templates = new Map<string, TemplateStats>();
  private readonly traces = new TraceBook();
  private readonly sources = new Map<string, SourceState>();
  private readonly ungrouped = { templates: 0, lines: 0 };
  private readonly head: string[] = [];
  private readonly tail: { index: number; text: string }[] = [];
  private readonly raw: { text: string; bytes: number }[] = [];
  private rawWindowBytes = 0;
  private rawOmitted = 0;

  constructor(options: CollectOptions) {
    this.filter = options.filter;
    this.minRank = options.minLevel ? levelRank(options.minLevel) : 0;
    this.rawBytes = options.rawBytes;
  }

  add(line: InputLogLine): void {
    const lineNumber = ++this.totalLines;
    const text = line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text;
    const source = line.source ?? '';
    let state = this.sources.get(source);
    if (!state) {
      state = { lastEntryKept: false };
      this.sources.set(source, state);
    }
    const time = explicitTime(line.time);
    if (this.continueTrace(state, text, lineNumber, line, time)) return;
    if (text.trim() === '') return;
    this.addEntry(state, text, lineNumber, line, time);
  }

  finish(): Collected {
    for (const state of this.sources.values()) this.closeTrace(state);
    const head = this.head;
    const firstTailIndex = head.length;
    return {
      totalLines: this.totalLines,
      matchedLines: this.matchedLines,
      levels: this.levels,
      templates: [...this.templates.values()],
      traces: this.traces.list(),
      head,
      tail: this.tail.filter((t) => t.index >= firstTailIndex).map((t) => t.text),
      rawLines: this.raw.map((r) => r.text),
      ungrouped: this.ungrouped,
      tracesOverLimit: this.traces.overflow,
      rawOmitted: this.rawOmitted,
      multipleSources: this.sources.size > 1,
    };
  }

  /** True when the line is a frame of a trace (open, or opened now under the last entry). */
  private continueTrace(
    state: SourceState,
    text: string,
    lineNumber: number,
    line: InputLogLine,
    time: string | undefined,
  ): boolean {
    const open = state.trace?.open;
    if (open?.continuesWith(text)) {
      if (state.trace!.kept) this.addFrame(open, text, line, time);
      return true;
    }
    if (open) {
      const endsTrace = open.endsWith(text);
      this.closeTrace(state);
      if (endsTrace) return false; // the exception line is an entry too
    }
    if (!startsFrames(text)) return false;
    const kept = state.lastEntry !== undefined ? state.lastEntryKept : this.passes(text, 'error');
    const trace = new OpenTrace('frames', state.lastEntry ?? NO_HEADER);
    state.trace = { open: trace, kept, order: lineNumber };
    if (kept) this.addFrame(trace, text, line, time);
    return true;
  }

  private addFrame(trace: OpenTrace, text: string, line: InputLogLine, time: string | undefined): void {
    if (text.trim() === '') return;
    this.matchedLines++;
    this.keepRaw(line, text, time);
    if (this.rawBytes === undefined) trace.addFrame(text);
  }

  private closeTrace(state: SourceState): void {
    const trace = state.trace;
    if (!trace) return;
    state.trace = undefined;
    if (trace.kept && this.rawBytes === undefined) this.traces.add(trace.open, trace.order);
  }

  private addEntry(
    state: SourceState,
    text: string,
    lineNumber: number,
    line: InputLogLine,
    time: string | undefined,
  ): void {
    const parsed = parseLine(text);
    const kept = this.passes(text, parsed.level);
    state.lastEntry = text;
    state.lastEntryKept = kept;
    const opens = tracesOpenedBy(text);
    if (opens) state.trace = { open: new OpenTrace(opens, text), kept, order: lineNumber };
    if (!kept) return;
    this.matchedLines++;
    this.levels[parsed.level]++;
    this.keepRaw(line, text, time);
    if (this.rawBytes !== undefined) return;
    this.count(
      parsed.level,
      parsed.message,
      text,
      line.source,
      time ?? parsed.time ?? `line ${lineNumber}`,
      lineNumber,
    );
    if (parsed.stack) this.traces.add(traceFromStack(parsed.stack), lineNumber);
  }

  private passes(text: string, level: Level): boolean {
    return (
      levelRank(level) >= this.minRank &&
      (this.filter === undefined || this.filter.test(text.slice(0, MAX_FILTERED_CHARS)))
    );
  }

  private count(
    level: Level,
    message: string,
    text: string,
    source: string | undefined,
    when: string,
    order: number,
  ): void {
    const template = clip(templateOf(clip(message, MAX_MESSAGE_CHARS)), MAX_TEMPLATE_CHARS);
    const key = `${level}\u0000${template}`;
    let stats = this.templates.get(key);
    if (!stats) {
      if (this.templates.size >= MAX_TEMPLATES && !this.evictFor(level)) {
        this.ungrouped.lines++;
        return;
      }
      stats = {
        // Shown from the redacted line: masking numbers and ids first could break a secret
        // into pieces no redaction pattern knows (the key above never leaves this object).
        template: clip(templateOf(clip(redactString(message).text, MAX_MESSAGE_CHARS)), MAX_TEMPLATE_CHARS),
        level,
        count: 0,
        first: when,
        last: when,
        example: clip(text, MAX_EXAMPLE_CHARS),
        sources: new Set(),
        moreSources: false,
        order,
      };
      this.templates.set(key, stats);
    }
    stats.count++;
    stats.last = when;
    if (source !== undefined && !stats.sources.has(source)) {
      if (stats.sources.size < MAX_SOURCES_PER_TEMPLATE) stats.sources.add(source);
      else stats.moreSources = true;
    }
  }

  /**
   * At the cap, an error or warning template takes the place of the least frequent
   * info/debug/unknown one (the latest seen among equals); anything else is not grouped.
   */
  private evictFor(level: Level): boolean {
    if (level !== 'error' && level !== 'warn') return false;
    let victimKey: string | undefined;
    let victim: TemplateStats | undefined;
    for (const [key, stats] of this.templates) {
      if (stats.level === 'error' || stats.level === 'warn') continue;
      if (
        !victim ||
        stats.count < victim.count ||
        (stats.count === victim.count && stats.order > victim.order)
      ) {
        victim = stats;
        victimKey = key;
      }
    }
    if (!victim) return false;
    this.templates.delete(victimKey!);
    this.ungrouped.templates++;
    this.ungrouped.lines += victim.count;
    return true;
  }

  /** Head and tail context, or the raw window in raw mode. */
  private keepRaw(line: InputLogLine, text: string, time: string | undefined): void {
    const formatted = clip(
      `${time ? `${time} ` : ''}${line.source !== undefined ? `[${line.source}] ` : ''}${text}`,
      MAX_RAW_CHARS,
    );
    if (this.rawBytes !== undefined) {
      const bytes = jsonBytes(formatted) + 1;
      this.raw.push({ text: formatted, bytes });
      this.rawWindowBytes += bytes;
      while (this.rawWindowBytes > this.rawBytes && this.raw.length > 0) {
        this.rawWindowBytes -= this.raw.shift()!.bytes;
        this.rawOmitted++;
      }
      return;
    }
    const index = this.matchedLines - 1;
    if (this.head.length < CONTEXT_LINES) this.head.push(formatted);
    this.tail.push({ index, text: formatted });
    if (this.tail.length > CONTEXT_LINES) this.tail.shift();
  }
}

function explicitTime(time: Date | string | undefined): string | undefined {
  if (time instanceof Date) return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
  return time === '' ? undefined : time;
}
