// How bad an incident is, from three things an on-call engineer weighs:
//   1. its alerts' `severity` labels, the worst one counting: critical → critical;
//      warning, error, major, high → major; anything else (info, none, missing) → minor;
//   2. breadth: three or more affected services raise it one level (minor → major → critical);
//   3. SLO impact: once enrichment has measured an error ratio of 5% or more (a 99.9% SLO
//      burning fifty times too fast), it is at least major.

import { INCIDENT_SEVERITIES, type IncidentAlert, type IncidentSeverity, type MetricSpike } from './model.ts';

const LEVELS: readonly IncidentSeverity[] = INCIDENT_SEVERITIES;
const MAJOR_LABELS = new Set(['warning', 'error', 'major', 'high']);
/** Services affected before breadth raises the severity. */
export const BROAD_INCIDENT_SERVICES = 3;
/** Error ratio (0..1) that makes an incident at least major. */
export const SLO_BURNING_ERROR_RATIO = 0.05;
export const ERROR_RATIO_SIGNAL = 'error ratio';

export function alertLevel(severityLabel: string): number {
  const label = severityLabel.toLowerCase();
  if (label === 'critical') return 2;
  return MAJOR_LABELS.has(label) ? 1 : 0;
}

export function incidentSeverity(
  alerts: readonly Pick<IncidentAlert, 'severity'>[],
  serviceCount: number,
  spike?: MetricSpike,
): IncidentSeverity {
  let level = alerts.reduce((worst, a) => Math.max(worst, alertLevel(a.severity)), 0);
  if (serviceCount >= BROAD_INCIDENT_SERVICES) level += 1;
  if (spike?.signal === ERROR_RATIO_SIGNAL && spike.to >= SLO_BURNING_ERROR_RATIO) level = Math.max(level, 1);
  return LEVELS[Math.min(level, LEVELS.length - 1)]!;
}
