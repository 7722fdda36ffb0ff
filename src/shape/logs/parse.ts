// Reads what a log line says about itself: its level (from the formats services actually
// use: logfmt `level=`, `[ERROR]`, bare `WARN`, klog `E0425`, JSON `{"level":…}`, and
// `panic:` / `…Exception` / `Traceback` when nothing else says), its message and its time.
// The text is data: it is matched against patterns and parsed as JSON, never evaluated.

import { splitStack } from './traces.ts';

export const LEVELS = ['error', 'warn', 'info', 'debug', 'unknown'] as const;
export type Level = (typeof LEVELS)[number];

export interface ParsedLine {
  level: Level;
  /** What the template is made of: the message of a JSON line, otherwise the whole text. */
  message: string;
  time?: string;
  /** A JSON line's embedded stack (`stack`, `err.stack`, `exception`…), one frame per line. */
  stack?: string;
}

const WORD_LEVEL: Record<string, Level> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'error',
  critical: 'error',
  crit: 'error',
  panic: 'error',
  dpanic: 'error',
  severe: 'error',
  alert: 'error',
  emerg: 'error',
  emergency: 'error',
};
const LEVEL_WORD = Object.keys(WORD_LEVEL).join('|');

const KLOG = /^([IWEF])\d{4} \d/;
const KLOG_LEVEL: Record<string, Level> = { I: 'info', W: 'warn', E: 'error', F: 'error' };
// level=error, "severity":"WARN", [error], error: (at the start)
const EXPLICIT = new RegExp(
  String.raw`\b(?:level|lvl|severity|loglevel)["']?\s*[=:]\s*["']?(${LEVEL_WORD})\b|\[(${LEVEL_WORD})\]|^(${LEVEL_WORD})\s*:`,
  'i',
);
// Bare upper-case level words: `2024-… ERROR [main] …`, Python's `WARNING:root:…`.
const UPPER_WORD = new RegExp(String.raw`\b(${LEVEL_WORD.toUpperCase()})\b`);
const ERROR_HINT = /\bpanic:|\bfatal error:|\bTraceback \(most recent call last\)|\b\w*(?:Exception|Error)\b/;
const LEADING_TIME = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/;

const JSON_LEVEL_KEYS = ['level', 'lvl', 'severity', 'levelname', 'log.level', '@l'];
const JSON_MESSAGE_KEYS = ['msg', 'message', '@m', '@mt', 'event', 'textPayload'];
const JSON_TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', '@t', 'datetime'];
const JSON_ERROR_KEYS = ['error', 'err', 'exception', 'exc_info', '@x', 'error.message'];
const JSON_STACK_KEYS = ['stack', 'stacktrace', 'stack_trace', 'error.stack_trace'];

export function parseLine(text: string): ParsedLine {
  if (text.charCodeAt(0) === 123 /* { */ && text.charCodeAt(text.length - 1) === 125 /* } */) {
    const parsed = parseJsonLine(text);
    if (parsed) return parsed;
  }
  const time = LEADING_TIME.exec(text)?.[1];
  return { level: textLevel(text), message: text, ...(time ? { time } : {}) };
}

/** Level rank for `minLevel`: an unknown level counts as info. */
export function levelRank(level: Level): number {
  return level === 'error' ? 3 : level === 'warn' ? 2 : level === 'debug' ? 0 : 1;
}

function textLevel(text: string): Level {
  const klog = KLOG.exec(text);
  if (klog) return KLOG_LEVEL[klog[1]!]!;
  const explicit = EXPLICIT.exec(text);
  if (explicit) return WORD_LEVEL[(explicit[1] ?? explicit[2] ?? explicit[3])!.toLowerCase()]!;
  const upper = UPPER_WORD.exec(text);
  if (upper) return WORD_LEVEL[upper[1]!.toLowerCase()]!;
  return ERROR_HINT.test(text) ? 'error' : 'unknown';
}

function parseJsonLine(text: string): ParsedLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const error = field(value, JSON_ERROR_KEYS);
  const errorMessage = typeof error === 'string' ? error : isRecord(error) ? error.message : undefined;
  const stack = [
    field(value, JSON_STACK_KEYS),
    isRecord(error) ? error.stack : undefined,
    typeof error === 'string' ? error : undefined,
  ].find((s): s is string => typeof s === 'string' && s.includes('\n'));
  const msg = field(value, JSON_MESSAGE_KEYS);
  let message = typeof msg === 'string' ? msg : text;
  const errorHeadline =
    typeof errorMessage === 'string'
      ? splitStack(errorMessage).header
      : stack
        ? splitStack(stack).header
        : '';
  if (errorHeadline !== '' && !message.includes(errorHeadline)) message = `${message}: ${errorHeadline}`;
  const level = jsonLevel(field(value, JSON_LEVEL_KEYS)) ?? (error || stack ? 'error' : textLevel(message));
  const time = jsonTime(field(value, JSON_TIME_KEYS));
  return { level, message, ...(time ? { time } : {}), ...(stack ? { stack } : {}) };
}

/** A top-level key, or a dotted path into nested objects (`log.level` either way). */
function field(record: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) {
    if (record[key] !== undefined) return record[key];
    const dot = key.indexOf('.');
    if (dot > 0) {
      const parent = record[key.slice(0, dot)];
      if (isRecord(parent) && parent[key.slice(dot + 1)] !== undefined) return parent[key.slice(dot + 1)];
    }
  }
  return undefined;
}

function jsonLevel(value: unknown): Level | undefined {
  if (typeof value === 'string') return WORD_LEVEL[value.toLowerCase()];
  // pino / bunyan numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
  if (typeof value === 'number')
    return value >= 50 ? 'error' : value >= 40 ? 'warn' : value >= 30 ? 'info' : 'debug';
  return undefined;
}

function jsonTime(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  // Epoch milliseconds (pino) or seconds (zap, structlog).
  const date = new Date(value > 1e11 ? value : value * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
