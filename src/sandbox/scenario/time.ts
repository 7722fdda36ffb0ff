// Scenario times: every time in a scenario is a signed duration relative to spec.now
// ("-6h", "-90s", "+5m") or an RFC 3339 timestamp, resolved to an absolute Date at load,
// and every timestamp the Kubernetes API shows has second precision.

import { parseDuration } from '../../duration.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds in a signed duration such as `-6h`, `-1h30m` or `+5m` (the sign is required). */
export function parseDurationSigned(text: string): number {
  const signed = /^([+-])(.+)$/.exec(text.trim());
  if (signed) {
    try {
      const ms = parseDuration(signed[2]!);
      return signed[1] === '-' ? -ms : ms;
    } catch {
      // fall through to the message that names the whole input
    }
  }
  throw new Error(
    `invalid relative time ${JSON.stringify(text)}: expected a signed duration such as -6h, -90s or +5m`,
  );
}

/** An RFC 3339 timestamp, or an error naming the input. */
export function parseTimestamp(text: string): Date {
  const date = RFC3339.test(text.trim()) ? new Date(text.trim()) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new Error(
      `invalid timestamp ${JSON.stringify(text)}: expected RFC 3339, e.g. 2026-04-25T14:30:00Z`,
    );
  }
  return date;
}

/** A scenario time: relative to `now` when it starts with a sign, else an RFC 3339 timestamp. */
export function resolveTime(text: string, now: Date): Date {
  if (/^\s*[+-]/.test(text)) return new Date(now.getTime() + parseDurationSigned(text));
  if (RFC3339.test(text.trim())) return parseTimestamp(text);
  throw new Error(
    `invalid time ${JSON.stringify(text)}: expected a duration relative to spec.now (-6h, -90s, +5m) or an RFC 3339 timestamp`,
  );
}

/** RFC 3339 at second precision, as the API server writes metav1.Time. */
export function kubeTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A Go-style duration under an hour (`40s`, `5m0s`, `2m40s`), as kubelet back-off messages print them. */
export function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}
