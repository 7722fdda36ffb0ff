// GET /api/v2/alerts and /alerts/groups query parameters, read and applied as the real
// Alertmanager does: `filter` matchers (all must match), the active / silenced / inhibited
// / unprocessed flags (each true unless set false) and `receiver`, an anchored regex.
// Groups are the route's `group_by` labels; a group whose alerts are all filtered out is
// not listed.

import { matchesLabels, parseMatcher } from '../../backends/alertmanager/matchers.ts';
import type { Alert, AlertGroup, Matcher } from '../../backends/alertmanager/types.ts';
import { compilePattern, type Pattern, PatternError } from '../../regex.ts';
import { AlertmanagerApiError, formatError } from './api-error.ts';
import { labelSetText, pickLabels } from './labels.ts';

export interface AlertFilter {
  matchers: Matcher[];
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  unprocessed: boolean;
  receiver?: Pattern;
}

const FLAGS = ['active', 'silenced', 'inhibited', 'unprocessed'] as const;

export function parseAlertFilter(params: URLSearchParams): AlertFilter {
  const matchers = params.getAll('filter').map((text) => {
    try {
      return parseMatcher(text);
    } catch {
      throw new AlertmanagerApiError(400, `bad matcher format: ${text}`);
    }
  });
  const flag = (name: (typeof FLAGS)[number]) => {
    const value = params.get(name);
    if (value === null || value === 'true') return true;
    if (value === 'false') return false;
    throw formatError(601, `${name} in query must be of type boolean: ${JSON.stringify(value)}`);
  };
  const receiverText = params.get('receiver');
  let receiver: Pattern | undefined;
  if (receiverText) {
    try {
      receiver = compilePattern(receiverText);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw new AlertmanagerApiError(
        400,
        `failed to parse receiver param: error parsing regexp: ${err.detail}`,
      );
    }
  }
  return {
    matchers,
    active: flag('active'),
    silenced: flag('silenced'),
    inhibited: flag('inhibited'),
    unprocessed: flag('unprocessed'),
    ...(receiver ? { receiver } : {}),
  };
}

export function filterAlerts(alerts: readonly Alert[], f: AlertFilter): Alert[] {
  return alerts.filter(
    (a) =>
      (!f.receiver || a.receivers.some((r) => f.receiver?.testWhole(r.name))) &&
      (f.silenced || a.status.silencedBy.length === 0) &&
      (f.inhibited || a.status.inhibitedBy.length === 0) &&
      (f.active || a.status.state !== 'active') &&
      (f.unprocessed || a.status.state !== 'unprocessed') &&
      matchesLabels(f.matchers, a.labels),
  );
}

/** One group per distinct value of the `groupBy` labels, sorted by those labels. */
export function groupAlerts(
  alerts: readonly Alert[],
  groupBy: readonly string[],
  receiver: string,
): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of alerts) {
    const labels = pickLabels(alert.labels, groupBy);
    const key = labelSetText(labels);
    const group = groups.get(key) ?? { alerts: [], labels, receiver: { name: receiver } };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}
