// What is correlated. An incident about a service is scoped to that service and what it
// depends on. One about a node (its alerts carry `node` or `instance`, no `service`) is
// scoped to the node and the workloads running on it: the catalog services whose pods are
// scheduled there become the dependencies of a stand-in for the node (`Node/<name>`), so the
// node's own conditions and changes sit at the centre of the graph and its workloads one
// step away. One with neither (a cluster-wide alert) is scoped to every catalog service
// that runs in the cluster, around a stand-in for the cluster (`Cluster`).

import { listAll } from '../../backends/kubernetes/list-all.ts';
import type { Backends } from '../../backends/types.ts';
import { type CatalogService, namespaceOf, type ServiceCatalog } from '../catalog.ts';
import { workloadOfPod } from './gather/kube.ts';
import type { CorrelateRequest, SignalStatus } from './types.ts';

export interface Scope {
  /** The symptomatic service, or the stand-in for a node or the cluster. */
  service: CatalogService;
  /** The node correlated, when the incident is about one. */
  node?: string;
  signals: SignalStatus[];
}

export async function scopeOf(
  req: CorrelateRequest,
  catalog: ServiceCatalog,
  backends: Partial<Backends>,
): Promise<Scope> {
  if (req.service) return serviceScope(req.service, req.namespace, catalog);
  const running = catalog.filter((s) => s.workload);
  if (!req.node)
    return {
      service: { name: 'Cluster', dependsOn: running.map((s) => s.name).sort() },
      signals: [],
    };
  const onNode = await workloadsOn(req.node, backends);
  const services = running.filter((s) => onNode.has(s.workload!)).map((s) => s.name);
  return {
    service: { name: `Node/${req.node}`, dependsOn: services.sort() },
    node: req.node,
    signals: [
      {
        source: 'scope',
        status: onNode.size
          ? `node ${req.node} runs pods of ${services.length ? services.join(', ') : 'no catalog service'}`
          : `no pod found on node ${req.node}`,
      },
    ],
  };
}

/** The catalog entry asked about; a service missing from the catalog is correlated alone. */
function serviceScope(name: string, namespace: string | undefined, catalog: ServiceCatalog): Scope {
  const found = catalog.find((s) => s.name === name && (!namespace || namespaceOf(s) === namespace));
  if (found) return { service: found, signals: [] };
  return {
    service: { name, ...(namespace ? { namespace } : {}), dependsOn: [] },
    signals: [{ source: 'catalog', status: `no service "${name}" in the catalog: no dependencies known` }],
  };
}

/** The workloads (`Deployment/ns/name`) with pods scheduled on the node. */
async function workloadsOn(node: string, backends: Partial<Backends>): Promise<Set<string>> {
  const kube = backends.kubernetes;
  if (!kube) return new Set();
  try {
    const pods = await listAll(kube, { kind: 'Pod', fieldSelector: `spec.nodeName=${node}` });
    return new Set(
      pods
        .filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node)
        .flatMap((p) => {
          const workload = workloadOfPod(p);
          return workload ? [workload] : [];
        }),
    );
  } catch {
    return new Set();
  }
}
