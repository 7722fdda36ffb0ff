// Fits collected logs to the byte budget (DESIGN §6), giving up the least signal first:
// info/debug templates with the lowest counts, then length (examples, frames, context),
// then warnings, then stack traces, and errors only as a last resort. Whatever is cut is
// counted in `omitted`, with how to narrow the query instead.

import { jsonBytes } from '../budget.ts';
import type { LogTemplate, ShapedLogs } from '../logs.ts';
import { clip } from './clip.ts';
import { type Collected, MAX_TEMPLATES, type TemplateStats } from './collect.ts';
import { type Level, levelRank } from './parse.ts';
import type { TraceRecord } from './traces.ts';

interface Limits {
  exampleChars: number;
  templateChars: number;
  frames: number;
  frameChars: number;
  contextLines: number;
  contextChars: number;
  sources: number;
}

const FULL: Limits = {
  exampleChars: Number.POSITIVE_INFINITY,
  templateChars: Number.POSITIVE_INFINITY,
  frames: Number.POSITIVE_INFINITY,
  frameChars: Number.POSITIVE_INFINITY,
  contextLines: Number.POSITIVE_INFINITY,
  contextChars: 500,
  sources: 10,
};
const SHORTER: Limits = {
  exampleChars: 300,
  templateChars: 300,
  frames: 12,
  frameChars: 200,
  contextLines: 5,
  contextChars: 300,
  sources: 5,
};
const SHORTEST: Limits = {
  exampleChars: 120,
  templateChars: 160,
  frames: 4,
  frameChars: 120,
  contextLines: 2,
  contextChars: 120,
  sources: 3,
};

interface Cuts {
  templates: number;
  lines: number;
  errorTemplates: number;
  traces: number;
  shortened: boolean;
  contextDropped: boolean;
}

const NARROW =
  'Narrow with filter (a regex), since (a shorter window) or minLevel ("warn", "error"), ' +
  'or read the lines themselves with raw: true and a filter.';

export function fitToBudget(collected: Collected, maxBytes: number, raw: boolean): ShapedLogs {
  return raw ? fitRaw(collected, maxBytes) : fitTemplates(collected, maxBytes);
}

function fitRaw(collected: Collected, maxBytes: number): ShapedLogs {
  const lines = collected.rawLines;
  let omitted = collected.rawOmitted;
  const render = (): ShapedLogs => {
    const result: ShapedLogs = {
      ...counts(collected),
      templates: [],
      stackTraces: [],
      head: [],
      tail: [],
      lines,
    };
    if (omitted > 0) {
      result.omitted = {
        omittedTemplates: 0,
        omittedLines: omitted,
        hint: `raw keeps the newest lines that fit ${maxBytes} bytes; ${omitted} older matching lines were left out. ${NARROW}`,
      };
    }
    return result;
  };
  let result = render();
  while (jsonBytes(result) > maxBytes && lines.length > 0) {
    lines.shift();
    omitted++;
    result = render();
  }
  return result;
}

function fitTemplates(collected: Collected, maxBytes: number): ShapedLogs {
  const templates = [...collected.templates].sort(byImportance);
  const dropped = new Set<TemplateStats | TraceRecord>();
  const kept = <T extends TemplateStats | TraceRecord>(items: T[]) => items.filter((t) => !dropped.has(t));
  let limits = FULL;
  const cuts: Cuts = {
    templates: 0,
    lines: 0,
    errorTemplates: 0,
    traces: collected.tracesOverLimit,
    shortened: false,
    contextDropped: false,
  };
  const { ungrouped, multipleSources } = collected;
  const templateJson = (t: TemplateStats) => templateOut(t, limits, multipleSources);
  const render = (withTruncation: boolean): ShapedLogs => {
    const result: ShapedLogs = {
      ...counts(collected),
      templates: kept(templates).map(templateJson),
      stackTraces: kept(collected.traces).map((t) => traceOut(t, limits)),
      head: cuts.contextDropped ? [] : contextOut(collected.head, limits, 'head'),
      tail: cuts.contextDropped ? [] : contextOut(collected.tail, limits, 'tail'),
    };
    if (withTruncation) result.omitted = truncation(cuts, ungrouped);
    return result;
  };

  const untouched = render(ungrouped.lines > 0 || cuts.traces > 0);
  if (jsonBytes(untouched) <= maxBytes) return untouched;
  const budget = maxBytes - truncationReserve();
  const size = () => jsonBytes(render(false));

  /** Drops candidates in order until the result fits; returns those dropped. */
  const dropUntilFits = <T extends TemplateStats | TraceRecord>(
    candidates: T[],
    itemBytes: (t: T) => number,
  ) => {
    let bytes = size();
    let next = 0;
    while (bytes > budget && next < candidates.length) {
      // Estimate from item sizes, then measure: commas make the estimate off by a byte or so.
      let estimate = bytes;
      while (estimate > budget && next < candidates.length) {
        const candidate = candidates[next++]!;
        dropped.add(candidate);
        estimate -= itemBytes(candidate) + 1;
      }
      bytes = size();
    }
    return candidates.slice(0, next);
  };
  const dropTemplates = (levels: Level[]) => {
    const candidates = kept(templates)
      .filter((t) => levels.includes(t.level))
      .sort(byExpendability);
    const gone = dropUntilFits(candidates, (t) => jsonBytes(templateJson(t)));
    cuts.templates += gone.length;
    cuts.lines += gone.reduce((sum, t) => sum + t.count, 0);
    return gone.length;
  };

  dropTemplates(['debug']);
  dropTemplates(['info', 'unknown']);
  for (const shorter of [SHORTER, SHORTEST]) {
    if (size() <= budget) break;
    limits = shorter;
    cuts.shortened = true;
  }
  dropTemplates(['warn']);
  const traces = [...collected.traces].sort((a, b) => a.count - b.count || b.order - a.order);
  cuts.traces += dropUntilFits(traces, (t) => jsonBytes(traceOut(t, limits))).length;
  cuts.errorTemplates = dropTemplates(['error']);
  cuts.contextDropped = size() > budget;
  return render(true);
}

/** Errors, then warnings, then the rest; most frequent first, then first seen. */
function byImportance(a: TemplateStats, b: TemplateStats): number {
  return severity(b.level) - severity(a.level) || b.count - a.count || a.order - b.order;
}

/** Drop order within a level: lowest count first, the latest seen among equals. */
function byExpendability(a: TemplateStats, b: TemplateStats): number {
  return a.count - b.count || b.order - a.order;
}

function severity(level: Level): number {
  return level === 'error' || level === 'warn' ? levelRank(level) : 0;
}

function counts(collected: Collected): Pick<ShapedLogs, 'totalLines' | 'matchedLines' | 'levels'> {
  return { totalLines: collected.totalLines, matchedLines: collected.matchedLines, levels: collected.levels };
}

function templateOut(stats: TemplateStats, limits: Limits, withSources: boolean): LogTemplate {
  const out: LogTemplate = {
    template: clip(stats.template, limits.templateChars),
    count: stats.count,
    level: stats.level,
    first: stats.first,
    last: stats.last,
    example: clip(stats.example, limits.exampleChars),
  };
  if (withSources && stats.sources.size > 0) out.sources = sourcesOut(stats, limits.sources);
  return out;
}

/** Sorted; past the limit, a last entry says how many more (`+3 more`, or `+more` past the count). */
function sourcesOut(stats: TemplateStats, limit: number): string[] {
  const sorted = [...stats.sources].sort();
  const shown = sorted.slice(0, limit);
  const hidden = sorted.length - shown.length;
  if (stats.moreSources) shown.push(hidden > 0 ? `+${hidden} or more` : '+more');
  else if (hidden > 0) shown.push(`+${hidden} more`);
  return shown;
}

function traceOut(trace: TraceRecord, limits: Limits): ShapedLogs['stackTraces'][number] {
  const frames = trace.frames.slice(0, limits.frames).map((f) => clip(f, limits.frameChars));
  if (trace.frames.length > limits.frames) frames.push(`… ${trace.frames.length - limits.frames} more lines`);
  return { header: clip(trace.header, limits.templateChars), frames, count: trace.count };
}

function contextOut(lines: string[], limits: Limits, end: 'head' | 'tail'): string[] {
  const kept = end === 'head' ? lines.slice(0, limits.contextLines) : lines.slice(-limits.contextLines);
  return kept.map((line) => clip(line, limits.contextChars));
}

function truncation(cuts: Cuts, ungrouped: Collected['ungrouped']): NonNullable<ShapedLogs['omitted']> {
  const notes: string[] = [];
  if (cuts.templates > 0) {
    notes.push(
      `${cuts.templates} templates (${cuts.lines} lines) left out, lowest levels and counts first` +
        (cuts.errorTemplates > 0 ? `, ${cuts.errorTemplates} of them errors` : ''),
    );
  }
  if (ungrouped.lines > 0) {
    notes.push(`${ungrouped.lines} lines past the ${MAX_TEMPLATES}-template limit counted but not grouped`);
  }
  if (cuts.traces > 0) notes.push(`${cuts.traces} stack traces left out`);
  if (cuts.shortened) notes.push('examples, frames and context lines shortened');
  if (cuts.contextDropped) notes.push('head and tail left out');
  return {
    omittedTemplates: cuts.templates + ungrouped.templates,
    omittedLines: cuts.lines + ungrouped.lines,
    hint: `${notes.join('; ')}. ${NARROW}`,
  };
}

/** Bytes the truncation note can take at most: every note, with 10-digit counts. */
function truncationReserve(): number {
  const big = 1_000_000_000;
  const note = truncation(
    { templates: big, lines: big, errorTemplates: big, traces: big, shortened: true, contextDropped: true },
    { templates: big, lines: big },
  );
  return jsonBytes(note) + ',"omitted":'.length;
}
