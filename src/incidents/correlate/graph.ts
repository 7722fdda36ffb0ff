// The service dependency graph from the catalog, seen from the symptomatic service: what
// it calls (upstream, with depth: a cause must be somewhere it can reach), what calls it
// (downstream: their changes rarely explain its trouble), and everything else (unrelated).
// Graph position is one part of a candidate's score (score.ts).

import type { CatalogService, ServiceCatalog } from '../catalog.ts';

export type Position =
  | { kind: 'self' }
  | { kind: 'upstream'; depth: number }
  | { kind: 'downstream' }
  | { kind: 'unrelated' };

/** How deep correlation follows dependencies. */
const MAX_DEPTH = 3;

export interface ServiceGraph {
  readonly symptomatic: CatalogService;
  service(name: string): CatalogService | undefined;
  /** Upstream services by increasing depth (1 = called directly), name order within a depth. */
  readonly upstream: readonly { service: CatalogService; depth: number }[];
  position(name: string): Position;
  /** Services `name` calls directly. */
  dependenciesOf(name: string): readonly string[];
  /** Services on a shortest call path from the symptomatic service to `name`, both ends included. */
  pathTo(name: string): readonly string[];
}

export function serviceGraph(catalog: ServiceCatalog, symptomatic: CatalogService): ServiceGraph {
  const byName = new Map(catalog.map((s) => [s.name, s]));
  byName.set(symptomatic.name, symptomatic);
  const depth = new Map<string, number>([[symptomatic.name, 0]]);
  const parent = new Map<string, string>();
  let frontier = [symptomatic.name];
  for (let d = 1; d <= MAX_DEPTH && frontier.length; d++) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const dep of [...(byName.get(name)?.dependsOn ?? [])].sort()) {
        if (depth.has(dep) || !byName.has(dep)) continue;
        depth.set(dep, d);
        parent.set(dep, name);
        next.push(dep);
      }
    }
    frontier = next.sort();
  }
  const callers = new Set<string>();
  const stack = [symptomatic.name];
  while (stack.length) {
    const target = stack.pop()!;
    for (const s of catalog) {
      if (s.dependsOn.includes(target) && !callers.has(s.name) && s.name !== symptomatic.name) {
        callers.add(s.name);
        stack.push(s.name);
      }
    }
  }
  const upstream = [...depth.entries()]
    .filter(([, d]) => d > 0)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([name, d]) => ({ service: byName.get(name)!, depth: d }));
  return {
    symptomatic,
    service: (name) => byName.get(name),
    upstream,
    position(name) {
      const d = depth.get(name);
      if (d === 0) return { kind: 'self' };
      if (d !== undefined) return { kind: 'upstream', depth: d };
      return callers.has(name) ? { kind: 'downstream' } : { kind: 'unrelated' };
    },
    dependenciesOf: (name) => byName.get(name)?.dependsOn ?? [],
    pathTo(name) {
      if (!depth.has(name)) return [];
      const path = [name];
      while (parent.has(path[0]!)) path.unshift(parent.get(path[0]!)!);
      return path;
    },
  };
}
