// What every candidate builder produces and gets: a candidate cause with its raw score
// parts, evidence and runbook signals; and the shared context (the facts, the onset, the
// graph, each service's degradation, priors), so builders stay small and agree on them.

import { type CatalogService, namespaceOf, type ServiceCatalog } from '../../catalog.ts';
import { type Degradation, degradationOf, type Onset } from '../assess.ts';
import type { Facts } from '../gather/index.ts';
import type { ServiceGraph } from '../graph.ts';
import type { RawParts } from '../score.ts';
import type { Category, Evidence, Priors } from '../types.ts';

export interface Candidate {
  ref: string;
  category: Category;
  /** The catalog service it concerns, if any. */
  service?: string;
  summary: string;
  raw: RawParts;
  evidence: Evidence[];
  /** Runbook `spec.matches.signals` this candidate shows. */
  signals: string[];
}

export interface Context {
  facts: Facts;
  onset: Onset;
  graph: ServiceGraph;
  /** In-scope services only; others are not measured and count as not degraded. */
  degradation(service: string): Degradation;
  /** The catalog service a workload (`Deployment/ns/name`) backs. */
  serviceOfWorkload(workload: string): CatalogService | undefined;
  /** The catalog services of a namespace (the symptomatic one included), by name. */
  servicesIn(namespace: string): CatalogService[];
  /** The prior for a candidate: `base`, scaled by the priors source, with its reason. */
  prior(
    category: Category,
    ref: string,
    service: string | undefined,
    base: number,
  ): { value: number; evidence?: Evidence };
}

const NOT_DEGRADED: Degradation = { strength: 0, evidence: [], signals: [] };

export function createContext(
  facts: Facts,
  onset: Onset,
  catalog: ServiceCatalog,
  priors: Priors | undefined,
): Context {
  const inScope = new Map(facts.scope.map((s) => [s.name, s]));
  const degradations = new Map<string, Degradation>();
  const byWorkload = new Map(catalog.flatMap((s) => (s.workload ? [[s.workload, s] as const] : [])));
  const services = [
    ...catalog.filter((s) => s.name !== facts.graph.symptomatic.name),
    facts.graph.symptomatic,
  ].sort((a, b) => a.name.localeCompare(b.name));
  return {
    facts,
    onset,
    graph: facts.graph,
    degradation(name) {
      const service = inScope.get(name);
      if (!service) return NOT_DEGRADED;
      let found = degradations.get(name);
      if (!found) {
        found = degradationOf(facts, service, onset.at);
        degradations.set(name, found);
      }
      return found;
    },
    serviceOfWorkload: (workload) => byWorkload.get(workload),
    servicesIn: (namespace) => services.filter((s) => namespaceOf(s) === namespace),
    prior(category, ref, service, base) {
      const opinion = priors?.weigh({ category, ref, ...(service ? { service } : {}) });
      if (!opinion) return { value: base };
      const weight = Math.min(2, Math.max(0, opinion.weight));
      return {
        value: Math.min(1, base * weight),
        evidence: { kind: 'prior', summary: `prior from past incidents ×${weight}: ${opinion.why}` },
      };
    },
  };
}
