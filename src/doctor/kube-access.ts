// The Kubernetes API access each tool needs, in kubectl's words (`verb resource[.group][/sub]`),
// so `opswarden doctor` can ask the cluster (SelfSubjectAccessReview) whether opswarden's
// credentials hold it before an agent finds out mid-incident. Access is cluster-wide: the
// tools take any namespace. Every Kubernetes tool also reads its target's Namespace (the
// environment label). The tools that take any kind (k8s_resource_get, k8s_resources_list)
// need get or list on whatever kind is asked for: listed here are the kinds they answered
// before any kind was allowed. A test keeps this table in step with the catalog.

export interface KubeAccess {
  /** As written and printed: `patch deployments.apps`, `create pods/eviction`. */
  text: string;
  verb: string;
  resource: string;
  group: string;
  subresource?: string;
}

export function parseKubeAccess(text: string): KubeAccess {
  const match = /^([a-z]+) ([a-z]+)(?:\.([a-z0-9.-]+))?(?:\/([a-z]+))?$/.exec(text);
  if (!match)
    throw new Error(`access ${JSON.stringify(text)}: expected "verb resource[.group][/subresource]"`);
  const [, verb, resource, group, subresource] = match;
  return {
    text,
    verb: verb!,
    resource: resource!,
    group: group ?? '',
    ...(subresource ? { subresource } : {}),
  };
}

const TARGET = ['get namespaces'];
const READ_DEPLOYMENT = ['get deployments.apps'];
const CHANGE_DEPLOYMENT = [...READ_DEPLOYMENT, 'patch deployments.apps'];
/** Rollouts of StatefulSets and DaemonSets, beside Deployments'. */
const READ_ROLLOUTS = ['get statefulsets.apps', 'get daemonsets.apps'];
const CHANGE_ROLLOUTS = [...READ_ROLLOUTS, 'patch statefulsets.apps', 'patch daemonsets.apps'];
const CHANGE_NODE = ['get nodes', 'patch nodes'];

const TOOL_ACCESS: Readonly<Record<string, readonly string[]>> = {
  k8s_pods_list: [...TARGET, 'list pods'],
  k8s_pod_logs: [...TARGET, 'get pods', 'list pods', 'get pods/log'],
  k8s_events_list: [...TARGET, 'list events'],
  k8s_nodes_list: ['list nodes', 'list pods'],
  k8s_pods_top: [...TARGET, 'list pods', 'list pods.metrics.k8s.io'],
  k8s_nodes_top: ['list nodes', 'list nodes.metrics.k8s.io'],
  k8s_resource_get: [
    ...TARGET,
    ...['pods', 'configmaps', 'services', 'nodes', 'namespaces'].map((r) => `get ${r}`),
    ...['deployments', 'statefulsets', 'daemonsets', 'replicasets'].map((r) => `get ${r}.apps`),
    'get ingresses.networking.k8s.io',
    'get horizontalpodautoscalers.autoscaling',
    'get poddisruptionbudgets.policy',
    'get jobs.batch',
    'get cronjobs.batch',
    'get applications.argoproj.io',
  ],
  k8s_resources_list: TARGET,
  k8s_namespaces_list: ['list namespaces'],
  k8s_clusters_list: [],
  k8s_rollout_status: [...TARGET, ...READ_DEPLOYMENT, ...READ_ROLLOUTS, 'list pods'],
  k8s_rollout_history: [
    ...TARGET,
    ...READ_DEPLOYMENT,
    'list replicasets.apps',
    'get statefulsets.apps',
    'get daemonsets.apps',
    'list controllerrevisions.apps',
    'list pods',
  ],
  k8s_rollout_restart: [...TARGET, ...CHANGE_DEPLOYMENT, ...CHANGE_ROLLOUTS],
  k8s_rollout_undo: [
    ...TARGET,
    ...CHANGE_DEPLOYMENT,
    ...CHANGE_ROLLOUTS,
    'list replicasets.apps',
    'list controllerrevisions.apps',
  ],
  k8s_deployment_scale: [...TARGET, ...CHANGE_DEPLOYMENT],
  k8s_pod_delete: [...TARGET, 'get pods', 'get replicasets.apps', 'delete pods'],
  k8s_pod_exec: [...TARGET, 'get pods', 'create pods/exec'],
  k8s_configmap_patch: [...TARGET, 'get configmaps', 'patch configmaps', 'list deployments.apps'],
  k8s_node_cordon: CHANGE_NODE,
  k8s_node_uncordon: CHANGE_NODE,
  k8s_node_drain: [...CHANGE_NODE, 'list pods', 'create pods/eviction'],
  deploys_history: ['list deployments.apps', 'list replicasets.apps', 'list applications.argoproj.io'],
  incident_correlate: [
    'list pods',
    'list nodes',
    'list events',
    'list configmaps',
    'list deployments.apps',
    'list replicasets.apps',
    'list controllerrevisions.apps',
    'get pods/log',
  ],
  runbook_run: [...READ_DEPLOYMENT, 'list pods'],
};

/** The tools that reach Kubernetes, by name. */
export const KUBERNETES_TOOLS: ReadonlySet<string> = new Set(Object.keys(TOOL_ACCESS));

/** Each access the given tools need, with the tools that need it. */
export function kubeAccessFor(toolNames: readonly string[]): { access: KubeAccess; tools: string[] }[] {
  const byText = new Map<string, { access: KubeAccess; tools: string[] }>();
  for (const tool of toolNames) {
    for (const text of TOOL_ACCESS[tool] ?? []) {
      const entry = byText.get(text) ?? { access: parseKubeAccess(text), tools: [] };
      entry.tools.push(tool);
      byText.set(text, entry);
    }
  }
  return [...byText.values()];
}
