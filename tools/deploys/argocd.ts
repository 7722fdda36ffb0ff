// Argo CD syncs as timeline entries, read from the `Application` objects' status.history
// (one item per sync: revision, deployedAt, source, who initiated it). Applications are
// read from the cluster being asked about; one concerns the scope when its destination
// namespace (or a resource it manages) is the namespace asked for, and, for a service,
// when it is named after the service or manages one of its Deployments or Services.
// A cluster without Argo CD answers 404 for the CRD: the source is then "not installed".

import { KubeError, type KubeObject, type KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import {
  type Entry,
  inWindow,
  type Scope,
  type SourceStatus,
  serviceNames,
  unavailable,
  type Window,
  type Workloads,
} from './timeline.ts';

interface ArgoSource {
  repoURL?: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
}

interface ArgoHistoryItem {
  revision?: string;
  revisions?: string[];
  deployedAt?: string;
  source?: ArgoSource;
  sources?: ArgoSource[];
  initiatedBy?: { username?: string; automated?: boolean };
}

interface ArgoResource {
  kind?: string;
  namespace?: string;
  name?: string;
}

export async function argoEntries(
  kube: KubernetesBackend,
  scope: Scope,
  window: Window,
  workloads: Workloads,
): Promise<{ status: SourceStatus; entries: Entry[] }> {
  let applications: KubeObject[];
  try {
    applications = (
      await kube.list({ kind: 'Application', ...(scope.cluster ? { cluster: scope.cluster } : {}) })
    ).items;
  } catch (err) {
    if (err instanceof KubeError && err.status === 404) return { status: 'not installed', entries: [] };
    return { status: unavailable(err), entries: [] };
  }
  const entries = applications
    .filter((app) => concerns(app, scope, workloads))
    .flatMap((app) => syncEntries(app, window));
  return { status: 'ok', entries };
}

function concerns(app: KubeObject, scope: Scope, workloads: Workloads): boolean {
  const destination = (app.spec?.destination as { namespace?: string } | undefined)?.namespace;
  const resources = (app.status?.resources ?? []) as ArgoResource[];
  if (
    scope.namespace &&
    destination !== scope.namespace &&
    !resources.some((r) => r.namespace === scope.namespace)
  )
    return false;
  if (!scope.service) return true;
  const names = serviceNames(workloads).add(scope.service);
  return (
    names.has(app.metadata.name) ||
    resources.some(
      (r) =>
        (r.kind === 'Deployment' || r.kind === 'Service') &&
        r.name !== undefined &&
        names.has(r.name) &&
        (!scope.namespace || r.namespace === scope.namespace),
    )
  );
}

function syncEntries(app: KubeObject, window: Window): Entry[] {
  const history = [...((app.status?.history ?? []) as ArgoHistoryItem[])].sort(
    (a, b) => Date.parse(a.deployedAt ?? '') - Date.parse(b.deployedAt ?? ''),
  );
  const target = `Application/${app.metadata.namespace ?? ''}/${app.metadata.name}`;
  return history.flatMap((item, index): Entry[] => {
    if (!inWindow(item.deployedAt, window)) return [];
    const to = revisionOf(item);
    const previous = history[index - 1];
    const from = previous && revisionOf(previous);
    const by =
      item.initiatedBy?.username ?? (item.initiatedBy?.automated ? 'argocd (automated sync)' : undefined);
    return [
      {
        time: item.deployedAt,
        source: 'argocd',
        target,
        change: {
          type: 'sync',
          summary: `synced ${describeSource(item.source ?? item.sources?.[0])} to ${to}`,
          ...(from ? { from } : {}),
          to,
        },
        ...(by ? { by } : {}),
      },
    ];
  });
}

function revisionOf(item: ArgoHistoryItem): string {
  const revisions = item.revisions ?? (item.revision ? [item.revision] : []);
  return (
    revisions.map((r) => (/^[0-9a-f]{40}$/.test(r) ? r.slice(0, 7) : r)).join(', ') || 'an unknown revision'
  );
}

function describeSource(source: ArgoSource | undefined): string {
  if (!source?.repoURL) return 'its source';
  const what = [source.repoURL, source.chart ?? source.path].filter(Boolean).join(' ');
  return source.targetRevision ? `${what} (${source.targetRevision})` : what;
}
