// The simulator's alerts: the scenario's, kept firing as Prometheus would keep sending them
// (updated now, ending a resolve timeout from now) until their `endsAt`, and those clients
// POST, which resolve as on the real Alertmanager (at their endsAt, or a resolve timeout
// after they arrive). Resolved alerts are never listed, as on the real API v2. Each alert's
// state comes from the clock and the silences at the moment it is read.
//
// A scenario alert starting at or after the incident's start is the incident's: it resolves
// when the incident is suppressed (its endsAt the suppression's start) and, after a
// transient action, fires again from the suppression's end with that as its new startsAt.

import type { Alert } from '../../backends/alertmanager/types.ts';
import type { Clock } from '../../tool.ts';
import { type AlertEpisodes, episodeAt } from '../reactions/alert-episodes.ts';
import type { AlertSpec, Scenario } from '../scenario/schema.ts';
import { AlertmanagerApiError } from './api-error.ts';
import { fingerprint, type Labels } from './labels.ts';
import type { Silences } from './silences.ts';

export const RESOLVE_TIMEOUT_MS = 5 * 60_000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface StoredAlert {
  labels: Labels;
  annotations: Labels;
  generatorURL: string;
  startsAt: Date;
  /** Resolved, no longer listed, from this time on; null: never. */
  resolvesAt: Date | null;
  /** Kept firing by the scenario: updated now, endsAt a resolve timeout from now. */
  fromScenario: boolean;
  updatedAt: Date;
}

export interface Alerts {
  /** The unresolved alerts, sorted by fingerprint, each with its current silencing. */
  current(receiver: string): Alert[];
  /** Validates a POST /api/v2/alerts body and stores its alerts. */
  post(body: unknown): void;
  /** When the alert last stopped firing, at or before `now`; undefined if it never has. */
  endedAt(fingerprint: string, now: Date): Date | undefined;
}

/** An alert as it stands at a time; undefined when it is not firing then. */
type AlertAt = (now: Date) => StoredAlert | undefined;

export function createAlerts(
  scenario: Scenario,
  clock: Clock,
  silences: Silences,
  episodes: AlertEpisodes,
): Alerts {
  const alerts = new Map<string, AlertAt>();
  const ends = new Map<string, (now: Date) => Date | undefined>();
  for (const a of scenario.spec.alerts) {
    const labels = { alertname: a.name, ...a.labels };
    const stored: StoredAlert = {
      labels,
      annotations: { ...a.annotations },
      generatorURL: '',
      startsAt: a.startsAt,
      resolvesAt: a.endsAt,
      fromScenario: true,
      updatedAt: a.startsAt,
    };
    alerts.set(fingerprint(labels), (now) => currentEpisode(a, stored, episodes, now));
    ends.set(fingerprint(labels), (now) => {
      const ended = episodes.of(a, now.getTime()).filter(([, until]) => until <= now.getTime());
      return ended.length ? new Date(ended.at(-1)![1]) : undefined;
    });
  }

  return {
    current(receiver) {
      const now = clock.now();
      const ahead = new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
      return [...alerts.entries()]
        .flatMap(([fp, alertAt]): [string, StoredAlert][] => {
          const a = alertAt(now);
          return a ? [[fp, a]] : [];
        })
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([fp, a]) => {
          const silencedBy = silences.silencing(a.labels);
          const endsAt = a.fromScenario ? ahead : (a.resolvesAt ?? ahead);
          return {
            annotations: { ...a.annotations },
            endsAt: endsAt.toISOString(),
            fingerprint: fp,
            receivers: [{ name: receiver }],
            startsAt: a.startsAt.toISOString(),
            status: { inhibitedBy: [], silencedBy, state: silencedBy.length ? 'suppressed' : 'active' },
            updatedAt: (a.fromScenario ? now : a.updatedAt).toISOString(),
            labels: { ...a.labels },
            ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
          };
        });
    },
    endedAt: (fp, now) => ends.get(fp)?.(now),
    post(body) {
      if (!Array.isArray(body)) throw new AlertmanagerApiError(400, 'alerts in body must be an array');
      const now = clock.now();
      const parsed = body.map((raw, index) => parsePostedAlert(raw, index, now));
      for (const a of parsed) {
        const fp = fingerprint(a.labels);
        const previous = alerts.get(fp)?.(now);
        if (previous && previous.startsAt < a.startsAt) a.startsAt = previous.startsAt;
        alerts.set(fp, (at) => (a.resolvesAt === null || at < a.resolvesAt ? a : undefined));
        ends.set(fp, (at) => (a.resolvesAt !== null && a.resolvesAt <= at ? a.resolvesAt : undefined));
      }
    },
  };
}

/** A scenario alert at `now`: the episode it is firing in, with that episode's startsAt and resolvesAt. */
function currentEpisode(
  spec: AlertSpec,
  alert: StoredAlert,
  episodes: AlertEpisodes,
  now: Date,
): StoredAlert | undefined {
  const episode = episodeAt(episodes.of(spec, now.getTime()), now.getTime());
  if (!episode) return undefined;
  const [from, until] = episode;
  return { ...alert, startsAt: new Date(from), resolvesAt: Number.isFinite(until) ? new Date(until) : null };
}

function parsePostedAlert(raw: unknown, index: number, now: Date): StoredAlert {
  const a = (raw ?? {}) as Record<string, unknown>;
  const invalid = (why: string) => new AlertmanagerApiError(400, `alert ${index}: ${why}`);
  const labels = stringMap(a.labels, `alert ${index}: labels`);
  if (Object.keys(labels).length === 0) throw invalid('at least one label pair required');
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME.test(name)) throw invalid(`invalid label set: invalid name ${JSON.stringify(name)}`);
  }
  const time = (field: 'startsAt' | 'endsAt') => {
    const value = a[field];
    if (value === undefined || value === '') return undefined;
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw invalid(`${field} ${JSON.stringify(value)} is not a date-time`);
    return date;
  };
  const startsAt = time('startsAt') ?? now;
  const endsAt = time('endsAt') ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
  if (endsAt < startsAt) throw invalid('start time must be before end time');
  return {
    labels,
    annotations: stringMap(a.annotations ?? {}, `alert ${index}: annotations`),
    generatorURL: typeof a.generatorURL === 'string' ? a.generatorURL : '',
    startsAt,
    resolvesAt: endsAt,
    fromScenario: false,
    updatedAt: now,
  };
}

function stringMap(raw: unknown, what: string): Labels {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new AlertmanagerApiError(400, `${what} must be an object of strings`);
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string')
      throw new AlertmanagerApiError(400, `${what}: ${name} must be a string, not ${JSON.stringify(value)}`);
  }
  return { ...(raw as Labels) };
}
