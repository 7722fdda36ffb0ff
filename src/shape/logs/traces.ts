// Multi-line stack traces (DESIGN §6: always kept): Java/JS/.NET `at …` frames with
// `Caused by:`, Python `Traceback` blocks ending in the exception line, and Go
// `panic:` / `goroutine N [running]:` dumps. Frames are not log entries of their own: they
// join the trace opened by the entry above them, and identical traces are counted once.

import { clip } from './clip.ts';
import { templateOf } from './mask.ts';

export type TraceKind = 'frames' | 'python' | 'go';

export interface TraceRecord {
  header: string;
  frames: string[];
  count: number;
  /** Input order of the first occurrence, for deterministic ties. */
  order: number;
}

const FRAME_START = /^(?:\s+at\s|\s*\.\.\. \d+ (?:more|common frames omitted)|Caused by: |\s+Suppressed: )/;
const INDENTED = /^\s/;
const GO_FRAME = /^(?:\s|$|\[signal |goroutine \d+ \[|created by |exit status \d+$)/;
const GO_CALL = /^[\w./*()[\]-]+\(/; // main.handler(0xc000010000), net/http.(*conn).serve(…)
const PYTHON_EXCEPTION = /^[A-Za-z_][\w.]*(?::|$)/;
const MAX_FRAMES = 50;
const MAX_FRAME_CHARS = 300;
const MAX_HEADER_CHARS = 500;
const MAX_TRACES = 200;
export const NO_HEADER = '(trace begins before the first line read)';

/** A frame line that starts a trace under the previous entry when none is open. */
export function startsFrames(text: string): boolean {
  return FRAME_START.test(text);
}

/** The trace an entry line opens by itself, if any. */
export function tracesOpenedBy(text: string): TraceKind | undefined {
  if (text.startsWith('Traceback (most recent call last)')) return 'python';
  if (text.startsWith('panic: ') || text.startsWith('fatal error: ')) return 'go';
  return undefined;
}

export class OpenTrace {
  readonly kind: TraceKind;
  header: string;
  readonly frames: string[] = [];
  private readonly keyFrames: string[] = [];
  private omittedFrames = 0;

  constructor(kind: TraceKind, header: string) {
    this.kind = kind;
    this.header = header;
  }

  /** Whether `text` continues this trace (a blank line does only inside a Go dump). */
  continuesWith(text: string): boolean {
    if (this.kind === 'go') return GO_FRAME.test(text) || (text.endsWith(')') && GO_CALL.test(text));
    return INDENTED.test(text) || (this.kind === 'frames' && FRAME_START.test(text));
  }

  /** A Python traceback ends on its exception line, which then names the trace. */
  endsWith(text: string): boolean {
    if (this.kind !== 'python' || !PYTHON_EXCEPTION.test(text)) return false;
    this.header = text;
    return true;
  }

  addFrame(text: string): void {
    if (this.frames.length < MAX_FRAMES) {
      const frame = clip(text, MAX_FRAME_CHARS);
      this.frames.push(frame);
      this.keyFrames.push(templateOf(frame));
    } else {
      this.omittedFrames++;
    }
  }

  /** Identical traces differ only in masked values (addresses, line numbers, ids). */
  key(): string {
    return `${templateOf(clip(this.header, MAX_HEADER_CHARS))}\n${this.keyFrames.join('\n')}`;
  }

  toFrames(): string[] {
    return this.omittedFrames > 0 ? [...this.frames, `… ${this.omittedFrames} more lines`] : this.frames;
  }
}

/**
 * Splits a stack embedded in one JSON log line (`err.stack`, Python's `exception`) into the
 * line that names the error (a Python traceback's last line, otherwise the first) and frames.
 */
export function splitStack(stack: string): { header: string; frames: string[] } {
  const lines = stack.trimEnd().split('\n');
  if (lines[0]!.startsWith('Traceback ')) return { header: lines.at(-1)!.trim(), frames: lines.slice(1, -1) };
  return { header: lines[0]!.trim(), frames: lines.slice(1) };
}

export function traceFromStack(stack: string): OpenTrace {
  const { header, frames } = splitStack(stack);
  const trace = new OpenTrace('frames', header);
  for (const frame of frames) if (frame.trim() !== '') trace.addFrame(frame);
  return trace;
}

/** Distinct traces with their counts, at most MAX_TRACES; the rest are counted as overflow. */
export class TraceBook {
  private readonly byKey = new Map<string, TraceRecord>();
  overflow = 0;

  add(trace: OpenTrace, order: number): void {
    if (trace.frames.length === 0) return;
    const key = trace.key();
    const known = this.byKey.get(key);
    if (known) known.count++;
    else if (this.byKey.size >= MAX_TRACES) this.overflow++;
    else
      this.byKey.set(key, {
        header: clip(trace.header, MAX_HEADER_CHARS),
        frames: trace.toFrames(),
        count: 1,
        order,
      });
  }

  /** Most frequent first, then first seen. */
  list(): TraceRecord[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.order - b.order);
  }
}
