// Request parameters as Prometheus reads them: the form (query string, plus a urlencoded
// body on POST, body values first as Go's FormValue sees them), times as unix seconds or
// RFC 3339, durations as float seconds or Prometheus durations (`1h30m`), each rejected
// with the message Prometheus gives for it.

import type { IncomingMessage } from 'node:http';
import { invalidParam } from './api-error.ts';

export type Form = URLSearchParams;

/** Bounds of an unbounded range (series and label lookups without start or end). */
export const MIN_TIME = Number.MIN_SAFE_INTEGER;
export const MAX_TIME = Number.MAX_SAFE_INTEGER;

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const DURATION_UNITS_MS = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

export async function readForm(req: IncomingMessage, url: URL): Promise<Form> {
  const form = new URLSearchParams();
  const contentType = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString())) form.append(key, value);
  }
  for (const [key, value] of url.searchParams) form.append(key, value);
  return form;
}

/** Unix ms of a time parameter; `undefined` when the text is no time. */
function parseTime(text: string): number | undefined {
  if (FLOAT.test(text)) return Math.round(Number(text) * 1000);
  const fields = RFC3339.exec(text);
  if (!fields || !validFields(fields.slice(1).map(Number))) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What Go's time.Parse checks and Date.parse lets through (Feb 30, hour 24). */
function validFields([year, month, day, hour, minute, second, zoneHour, zoneMinute]: number[]): boolean {
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    !(zoneHour! >= 24) &&
    !(zoneMinute! >= 60)
  );
}

/** A required time (query_range's start and end). */
export function requiredTime(form: Form, name: string): number {
  const text = form.get(name) ?? '';
  const ms = parseTime(text);
  if (ms === undefined) throw invalidParam(name, `cannot parse ${JSON.stringify(text)} to a valid timestamp`);
  return ms;
}

/** An optional time, `fallback` when absent or empty. */
export function optionalTime(form: Form, name: string, fallback: number): number {
  const text = form.get(name) ?? '';
  if (text === '') return fallback;
  const ms = parseTime(text);
  if (ms === undefined) {
    throw invalidParam(
      name,
      `Invalid time value for '${name}': cannot parse ${JSON.stringify(text)} to a valid timestamp`,
    );
  }
  return ms;
}

/** Milliseconds of a duration parameter: float seconds or a Prometheus duration such as 1m30s. */
export function requiredDuration(form: Form, name: string): number {
  const text = form.get(name) ?? '';
  if (FLOAT.test(text)) return Number(text) * 1000;
  const parts = text === '' ? undefined : DURATION.exec(text)?.slice(1);
  if (!parts) throw invalidParam(name, `cannot parse ${JSON.stringify(text)} to a valid duration`);
  return parts.reduce((total, part, i) => total + Number(part ?? 0) * DURATION_UNITS_MS[i]!, 0);
}

/** The `timeout` parameter in ms; undefined when absent. */
export function optionalTimeout(form: Form): number | undefined {
  return form.get('timeout') ? requiredDuration(form, 'timeout') : undefined;
}
