// The resource types the simulator serves, described once: discovery documents, URL
// routing, the store's buckets and kubectl's short names all derive from this table, so a
// resource is either fully served or not at all. Custom resources are served once their
// CRD is stored (crds.ts), or, for Argo CD's Application below, once an object of it is:
// see Cluster.servedResources().

export interface ResourceType {
  group: string;
  version: string;
  /** URL segment and discovery name: `pods`, `deployments`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** `kubectl get all` reads the `all` category. */
  categories: string[];
  /** Served under `<plural>/<name>/<subresource>`. */
  subresources: Subresource[];
  /** Defined by a CRD rather than built in: absent from discovery and URLs until installed. */
  custom?: boolean;
  /** A CRD's additionalPrinterColumns: the Table's columns after Name (Name and Age when empty). */
  printerColumns?: PrinterColumn[];
  /** The verbs discovery lists, when not OBJECT_VERBS (metrics.k8s.io serves get and list). */
  verbs?: string[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority: number;
}

export interface Subresource {
  name: 'status' | 'scale' | 'log' | 'eviction' | 'exec';
  /** The object served at the subresource when it is not the parent kind. */
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const OBJECT_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const STATUS = (group: string, version: string, kind: string): Subresource => ({
  name: 'status',
  group,
  version,
  kind,
  verbs: ['get', 'patch', 'update'],
});
const SCALE: Subresource = {
  name: 'scale',
  group: 'autoscaling',
  version: 'v1',
  kind: 'Scale',
  verbs: ['get', 'patch', 'update'],
};

function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: {
    namespaced?: boolean;
    shortNames?: string[];
    all?: boolean;
    status?: boolean;
    scale?: boolean;
    custom?: boolean;
  } = {},
): ResourceType {
  const subresources: Subresource[] = [];
  if (opts.status) subresources.push(STATUS(group, version, kind));
  if (opts.scale) subresources.push(SCALE);
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced: opts.namespaced ?? true,
    shortNames: opts.shortNames ?? [],
    categories: opts.all ? ['all'] : [],
    subresources,
    ...(opts.custom ? { custom: true } : {}),
  };
}

const pods = resource('', 'v1', 'Pod', 'pods', { shortNames: ['po'], all: true, status: true });
pods.subresources.push(
  { name: 'log', group: '', version: 'v1', kind: 'Pod', verbs: ['get'] },
  { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
  { name: 'exec', group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] },
);

export const RESOURCES: readonly ResourceType[] = [
  pods,
  resource('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'], status: true }),
  resource('', 'v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'], status: true }),
  resource('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  resource('', 'v1', 'Secret', 'secrets'),
  resource('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  resource('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', {
    shortNames: ['pvc'],
    status: true,
  }),
  resource('', 'v1', 'Service', 'services', { shortNames: ['svc'], all: true, status: true }),
  resource('', 'v1', 'Endpoints', 'endpoints', { shortNames: ['ep'] }),
  resource('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  resource('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    all: true,
    status: true,
    scale: true,
  }),
  resource('apps', 'v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    all: true,
    status: true,
    scale: true,
  }),
  resource('apps', 'v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    all: true,
    status: true,
    scale: true,
  }),
  resource('apps', 'v1', 'DaemonSet', 'daemonsets', { shortNames: ['ds'], all: true, status: true }),
  resource('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  resource('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', {
    shortNames: ['pdb'],
    status: true,
  }),
  resource('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    shortNames: ['hpa'],
    all: true,
    status: true,
  }),
  resource('batch', 'v1', 'Job', 'jobs', { all: true, status: true }),
  resource('batch', 'v1', 'CronJob', 'cronjobs', { shortNames: ['cj'], all: true, status: true }),
  resource('networking.k8s.io', 'v1', 'Ingress', 'ingresses', { shortNames: ['ing'], status: true }),
  resource('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', { shortNames: ['netpol'] }),
  // RBAC objects: stored like any other, and read by the authorizer of service-account
  // tokens (service-accounts.ts), so what is applied is what a pod's token may do.
  resource(RBAC_GROUP, 'v1', 'ClusterRole', 'clusterroles', { namespaced: false }),
  resource(RBAC_GROUP, 'v1', 'ClusterRoleBinding', 'clusterrolebindings', { namespaced: false }),
  resource(RBAC_GROUP, 'v1', 'Role', 'roles'),
  resource(RBAC_GROUP, 'v1', 'RoleBinding', 'rolebindings'),
  resource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    status: true,
  }),
  // Argo CD's CRD (no status subresource, as in Argo CD's own manifest).
  resource('argoproj.io', 'v1alpha1', 'Application', 'applications', {
    shortNames: ['app', 'apps'],
    custom: true,
  }),
];

/** `apps/v1`, or `v1` for the core group. */
export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function apiVersionOf(type: ResourceType): string {
  return groupVersion(type.group, type.version);
}

/** `deployments.apps`, `pods`: how Kubernetes names a resource in error messages (and the store its bucket). */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** The group versions of `served`, in discovery order (core first). */
export function servedGroupVersions(served: readonly ResourceType[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const type of served) seen.set(groupVersion(type.group, type.version), type);
  return [...seen.values()].map(({ group, version }) => ({ group, version }));
}

export function resourceByPath(
  served: readonly ResourceType[],
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return served.find((type) => type.group === group && type.version === version && type.plural === plural);
}

/** The resource among `types` (the built-in ones by default) for an object's apiVersion and kind. */
export function resourceByApiVersionKind(
  apiVersion: string,
  kind: string,
  types: readonly ResourceType[] = RESOURCES,
): ResourceType | undefined {
  return types.find((type) => apiVersionOf(type) === apiVersion && type.kind === kind);
}

/** The resource among `types` for a kind name (`Deployment`): the first, its preferred version. */
export function resourceByKind(kind: string, types: readonly ResourceType[] = RESOURCES): ResourceType {
  const type = types.find((candidate) => candidate.kind === kind);
  if (!type) {
    throw new Error(
      `kind ${JSON.stringify(kind)} is not served; served kinds: ${types.map((r) => r.kind).join(', ')}`,
    );
  }
  return type;
}
