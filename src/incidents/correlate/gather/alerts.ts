// Alerts firing at the time asked about: from Alertmanager when it is configured (what the
// on-call was paged with), else from Prometheus. An alert is evidence for whatever its
// labels or summary name: a service, a node, a dependency.

import type { AlertmanagerBackend } from '../../../backends/alertmanager/types.ts';
import type { PrometheusBackend } from '../../../backends/prometheus/types.ts';

export interface AlertFacts {
  name: string;
  severity: string;
  labels: Record<string, string>;
  summary: string;
  startsAt: number;
}

export async function gatherAlerts(
  source: { alertmanager?: AlertmanagerBackend; prometheus?: PrometheusBackend },
  at: number,
): Promise<AlertFacts[]> {
  const raw = source.alertmanager
    ? (await source.alertmanager.alerts({ active: true, silenced: true, inhibited: true })).map((a) => ({
        labels: a.labels,
        annotations: a.annotations,
        startsAt: Date.parse(a.startsAt),
      }))
    : (await source.prometheus!.alerts())
        .filter((a) => a.state === 'firing')
        .map((a) => ({
          labels: a.labels,
          annotations: a.annotations,
          startsAt: Date.parse(a.activeAt ?? ''),
        }));
  return raw
    .filter((a) => !(a.startsAt > at))
    .map((a) => ({
      name: a.labels.alertname ?? '(unnamed)',
      severity: a.labels.severity ?? '',
      labels: a.labels,
      summary: a.annotations.summary ?? a.annotations.description ?? '',
      startsAt: a.startsAt || at,
    }))
    .sort((a, b) => a.startsAt - b.startsAt || a.name.localeCompare(b.name));
}

/** Label values and summary, for matching names against. */
export function alertText(alert: AlertFacts): string {
  return [alert.name, ...Object.values(alert.labels), alert.summary].join(' ');
}
