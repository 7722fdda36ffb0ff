// The service catalog as the graph incidents are grouped by: an alert on a service may share
// an incident with alerts on the services it depends on or that depend on it (directly or
// through others), and a dependency's alert explains its dependents'. Closures are computed
// once per catalog, so grouping an alert costs set lookups, not graph walks.

import { namespaceOf, type ServiceCatalog, workloadOf } from '../catalog.ts';

export interface Topology {
  /** `service` itself, its transitive dependencies and its transitive dependents. */
  related(service: string): ReadonlySet<string>;
  /** Whether `service` calls `dependency`, directly or through other services. */
  dependsOn(service: string, dependency: string): boolean;
  /** Services that call `service`, directly or through other services. */
  dependents(service: string): ReadonlySet<string>;
  /** The catalog service backed by the workload named `name`, or named `name` itself. */
  serviceNamed(name: string): string | undefined;
  namespaceOf(service: string): string | undefined;
  /** The name of the workload that backs the service, per the catalog. */
  workloadName(service: string): string | undefined;
}

export function topologyOf(catalog: ServiceCatalog): Topology {
  const byName = new Map(catalog.map((s) => [s.name, s]));
  const byWorkload = new Map<string, string>();
  for (const service of catalog) {
    const workload = workloadOf(service);
    if (workload && !byWorkload.has(workload.name)) byWorkload.set(workload.name, service.name);
  }
  const dependencies = new Map<string, Set<string>>();
  for (const service of catalog) dependencies.set(service.name, reachable(service.name, byName));
  const dependents = new Map<string, Set<string>>(catalog.map((s) => [s.name, new Set<string>()]));
  for (const [service, deps] of dependencies) for (const dep of deps) dependents.get(dep)?.add(service);
  const related = new Map<string, Set<string>>();
  for (const service of catalog) {
    const name = service.name;
    related.set(name, new Set([name, ...dependencies.get(name)!, ...dependents.get(name)!]));
  }
  const none = new Set<string>();
  return {
    related: (service) => related.get(service) ?? new Set([service]),
    dependsOn: (service, dependency) => dependencies.get(service)?.has(dependency) ?? false,
    dependents: (service) => dependents.get(service) ?? none,
    serviceNamed: (name) => (byName.has(name) ? name : byWorkload.get(name)),
    namespaceOf: (service) => {
      const entry = byName.get(service);
      return entry ? namespaceOf(entry) : undefined;
    },
    workloadName: (service) => {
      const entry = byName.get(service);
      return entry ? workloadOf(entry)?.name : undefined;
    },
  };
}

/** Every service `from` reaches through dependsOn (cycles are walked once, `from` excluded). */
function reachable(from: string, byName: ReadonlyMap<string, { dependsOn: string[] }>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(byName.get(from)?.dependsOn ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === from || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byName.get(next)?.dependsOn ?? []));
  }
  return seen;
}
