// What an incident says about itself, derived from its alerts every time they change: the
// affected services, the one it is about (the most upstream alerting service), which alert
// explains which (a dependency's alert explains its dependents'), severity, title and the
// dependents it is hurting. Pure, so grouping and tests see the same answer.

import type { IncidentAlert, IncidentSeverity, MetricSpike } from './model.ts';
import { incidentSeverity } from './severity.ts';
import type { Topology } from './topology.ts';

export interface DerivedIncident {
  /** In order of their first alert. */
  services: string[];
  service?: string;
  namespace?: string;
  detectedAt: string;
  severity: IncidentSeverity;
  title: string;
  downstreamImpact: string[];
  /** Per alert fingerprint: the fingerprint of the alert that explains it, if any. */
  explainedBy: Map<string, string>;
}

/** `alerts` sorted by startsAt (the store keeps them so); at least one. */
export function deriveIncident(
  alerts: readonly IncidentAlert[],
  topology: Topology,
  spike?: MetricSpike,
): DerivedIncident {
  const representative = new Map<string, IncidentAlert>();
  const firing = new Set<string>();
  for (const alert of alerts) {
    if (!alert.service) continue;
    const current = representative.get(alert.service);
    if (!current || (alert.status === 'firing' && current.status !== 'firing'))
      representative.set(alert.service, alert);
    if (alert.status === 'firing') firing.add(alert.service);
  }
  const services = [...representative.keys()];
  const ranked = upstreamFirst(services, topology);
  const service = ranked[0];
  const explainerOf = new Map<string, string>();
  for (const s of services) {
    const dependencies = ranked.filter((t) => t !== s && topology.dependsOn(s, t));
    const roots = dependencies.filter((t) => !dependencies.some((u) => u !== t && topology.dependsOn(t, u)));
    const explainer = roots[0] ?? dependencies[0];
    if (explainer) explainerOf.set(s, representative.get(explainer)!.fingerprint);
  }
  const explainedBy = new Map<string, string>();
  for (const alert of alerts) {
    const by = alert.service ? explainerOf.get(alert.service) : undefined;
    if (by) explainedBy.set(alert.fingerprint, by);
  }
  const lead = (service ? representative.get(service) : undefined) ?? alerts[0]!;
  const namespace = lead.namespace ?? alerts.find((a) => a.namespace)?.namespace;
  return {
    services,
    ...(service ? { service } : {}),
    ...(namespace ? { namespace } : {}),
    detectedAt: alerts[0]!.startsAt,
    severity: incidentSeverity(alerts, services.length, spike),
    title: titleOf(
      lead,
      service ?? namespace ?? lead.labels.cluster ?? 'cluster',
      alerts.length,
      services.length,
    ),
    downstreamImpact: service ? services.filter((s) => firing.has(s) && topology.dependsOn(s, service)) : [],
    explainedBy,
  };
}

/**
 * Most upstream first: services no other alerting service of the incident is a dependency
 * of come before those that depend on them; among those, the one more of the incident's
 * services depend on, then the one that alerted first.
 */
function upstreamFirst(services: readonly string[], topology: Topology): string[] {
  const dependsOnAnother = (s: string) => services.some((t) => t !== s && topology.dependsOn(s, t));
  const dependentsHere = (s: string) => services.filter((t) => t !== s && topology.dependsOn(t, s)).length;
  const order = new Map(services.map((s, i) => [s, i]));
  return [...services].sort(
    (a, b) =>
      Number(dependsOnAnother(a)) - Number(dependsOnAnother(b)) ||
      dependentsHere(b) - dependentsHere(a) ||
      order.get(a)! - order.get(b)!,
  );
}

function titleOf(lead: IncidentAlert, subject: string, alertCount: number, serviceCount: number): string {
  const head = `${subject}: ${lead.alertname}`;
  if (alertCount === 1) return head;
  return serviceCount > 1
    ? `${head}, ${alertCount} alerts on ${serviceCount} services`
    : `${head}, ${alertCount} alerts`;
}
