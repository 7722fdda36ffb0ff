// The simulator's silences, with the rules of the real Alertmanager: a POST is validated
// as it validates (the same messages), a start in the past becomes now, state follows the
// clock (pending, active, expired), expiring ends it now, and the list comes sorted as
// the real API sorts it (active by end, pending by start, expired latest first).

import { randomUUID } from 'node:crypto';
import { matchesLabels } from '../../backends/alertmanager/matchers.ts';
import type { Matcher, Silence, SilenceState } from '../../backends/alertmanager/types.ts';
import { cachedPattern, PatternError } from '../../regex.ts';
import type { Clock } from '../../tool.ts';
import { AlertmanagerApiError, formatError } from './api-error.ts';
import type { Labels } from './labels.ts';

interface StoredSilence {
  id: string;
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  createdBy: string;
  comment: string;
}

export interface Silences {
  list(): Silence[];
  /** Undefined when there is no such silence. */
  get(id: string): Silence | undefined;
  /** Validates a POST /api/v2/silences body; returns the new id. */
  create(body: unknown): string;
  expire(id: string): void;
  /** Ids of the active silences whose matchers all match `labels`, sorted. */
  silencing(labels: Labels): string[];
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const STATE_ORDER: Record<SilenceState, number> = { active: 0, pending: 1, expired: 2 };

export function createSilences(clock: Clock): Silences {
  const silences = new Map<string, StoredSilence>();
  const stateOf = (s: StoredSilence, now: Date): SilenceState =>
    s.endsAt <= now ? 'expired' : s.startsAt > now ? 'pending' : 'active';
  const render = (s: StoredSilence, now: Date): Silence => ({
    id: s.id,
    status: { state: stateOf(s, now) },
    updatedAt: s.updatedAt.toISOString(),
    comment: s.comment,
    createdBy: s.createdBy,
    endsAt: s.endsAt.toISOString(),
    matchers: s.matchers.map((m) => ({ ...m })),
    startsAt: s.startsAt.toISOString(),
  });

  return {
    list() {
      const now = clock.now();
      return [...silences.values()]
        .map((s) => render(s, now))
        .sort((a, b) => {
          const byState = STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state];
          if (byState) return byState;
          if (a.status.state === 'pending') return a.startsAt.localeCompare(b.startsAt);
          if (a.status.state === 'expired') return b.endsAt.localeCompare(a.endsAt);
          return a.endsAt.localeCompare(b.endsAt);
        });
    },
    get(id) {
      const s = silences.get(id);
      return s && render(s, clock.now());
    },
    create(body) {
      const now = clock.now();
      const s = parseSilence(body);
      if (s.endsAt < s.startsAt)
        throw new AlertmanagerApiError(400, 'Failed to create silence: start time must be before end time');
      if (s.endsAt < now)
        throw new AlertmanagerApiError(400, "Failed to create silence: end time can't be in the past");
      const id = randomUUID();
      silences.set(id, {
        id,
        ...s,
        startsAt: new Date(Math.max(s.startsAt.getTime(), now.getTime())),
        updatedAt: now,
      });
      return id;
    },
    expire(id) {
      const s = silences.get(id);
      if (!s) throw new AlertmanagerApiError(500, 'silence not found');
      const now = clock.now();
      if (stateOf(s, now) === 'expired') return;
      if (s.startsAt > now) s.startsAt = now;
      s.endsAt = now;
      s.updatedAt = now;
    },
    silencing(labels) {
      const now = clock.now();
      return [...silences.values()]
        .filter((s) => stateOf(s, now) === 'active' && matchesLabels(s.matchers, labels))
        .map((s) => s.id)
        .sort();
    },
  };
}

function parseSilence(body: unknown): Omit<StoredSilence, 'id' | 'updatedAt'> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw formatError(602, 'silence in body must be of type object');
  const b = body as Record<string, unknown>;
  if (b.id)
    throw new AlertmanagerApiError(
      400,
      `silence ${JSON.stringify(b.id)}: the sandbox does not update silences`,
    );
  for (const field of ['createdBy', 'comment'] as const) {
    if (typeof b[field] !== 'string') throw formatError(602, `${field} in body is required`);
  }
  if (!Array.isArray(b.matchers) || b.matchers.length === 0)
    throw formatError(612, 'matchers in body should have at least 1 items');
  const matchers = b.matchers.map(parseSilenceMatcher);
  if (matchers.every((m) => matchesLabels([m], {})))
    throw new AlertmanagerApiError(
      400,
      'silence invalid: at least one matcher must not match the empty string',
    );
  return {
    matchers,
    startsAt: parseTime(b.startsAt, 'startsAt'),
    endsAt: parseTime(b.endsAt, 'endsAt'),
    createdBy: b.createdBy as string,
    comment: b.comment as string,
  };
}

function parseSilenceMatcher(raw: unknown, index: number): Matcher {
  const m = (raw ?? {}) as Record<string, unknown>;
  if (typeof m.name !== 'string' || typeof m.value !== 'string' || typeof m.isRegex !== 'boolean')
    throw formatError(602, `matchers.${index}: name, value and isRegex are required`);
  const invalid = (why: string) =>
    new AlertmanagerApiError(400, `silence invalid: invalid label matcher ${index}: ${why}`);
  if (!LABEL_NAME.test(m.name)) throw invalid(`invalid label name ${JSON.stringify(m.name)}`);
  if (m.isRegex) {
    try {
      cachedPattern(m.value);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw invalid(
        `invalid regular expression ${JSON.stringify(m.value)}: error parsing regexp: ${err.detail}`,
      );
    }
  }
  return { name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual !== false };
}

function parseTime(raw: unknown, field: string): Date {
  if (raw === undefined) throw formatError(602, `${field} in body is required`);
  const date = typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw formatError(601, `${field} in body must be of type date-time: ${JSON.stringify(raw)}`);
  return date;
}
