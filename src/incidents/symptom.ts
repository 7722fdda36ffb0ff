// Which symptom an incident is correlated from: the most alarming firing alert that names a
// service — highest severity first, then the earliest, then by name for a stable choice.
// The engine walks the dependency graph down from there. Incident correlation and the
// drill evaluator pick the same way.

/** How alarming an alert's `severity` label is. */
const SEVERITY_RANK: Record<string, number> = {
  critical: 4,
  page: 4,
  error: 3,
  high: 3,
  warning: 2,
  warn: 2,
  info: 1,
};

export interface Symptom {
  alertname: string;
  service: string;
  severity: string | undefined;
  /** Unix ms. */
  startsAt: number;
}

/** The most alarming of the symptoms, if any. */
export function mostAlarming<S extends Symptom>(symptoms: readonly S[]): S | undefined {
  return symptoms.toSorted(
    (a, b) =>
      (SEVERITY_RANK[b.severity ?? ''] ?? 0) - (SEVERITY_RANK[a.severity ?? ''] ?? 0) ||
      a.startsAt - b.startsAt ||
      a.service.localeCompare(b.service) ||
      a.alertname.localeCompare(b.alertname),
  )[0];
}
