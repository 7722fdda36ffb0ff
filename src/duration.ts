// Human durations ('15m', '1h30m', '7d') and "since" times for config (approval ttl),
// CLI filters (--since 1h) and policy windows. One parser, so every place accepts the
// same spellings and rejects the same typos with the same message.

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds in a duration such as `30s`, `15m`, `1h30m`, `24h`, `7d`. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) {
    throw new Error(
      `invalid duration ${JSON.stringify(text)}: expected a number and unit, e.g. 30s, 15m, 1h, 7d`,
    );
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return Math.round(total);
}

/** A point in time given as a duration back from `now` (`1h`) or an RFC 3339 timestamp. */
export function parseSince(text: string, now: Date): Date {
  const trimmed = text.trim();
  if (DURATION.test(trimmed)) return new Date(now.getTime() - parseDuration(trimmed));
  if (RFC3339.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(
    `invalid time ${JSON.stringify(text)}: expected a duration back from now (15m, 1h, 7d) or RFC 3339 (2024-05-01T12:00:00Z)`,
  );
}
