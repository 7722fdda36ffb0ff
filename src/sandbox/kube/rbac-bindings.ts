// What the stored RBAC objects grant a service account, as the API server's RBAC
// authorizer reads them: every ClusterRoleBinding naming it (or one of its groups) grants
// its ClusterRole everywhere; every RoleBinding grants its Role, or a ClusterRole, in the
// binding's namespace only. Rules are read on each request, so applying or deleting a role
// or binding takes effect at once. Anything malformed (a rule without verbs, a binding to a
// missing role, nonResourceURLs) grants nothing: the authorizer fails closed.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import type { AccessRule } from './rbac.ts';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** `system:serviceaccount:<namespace>:<name>`, the user name a service account's token carries. */
export function serviceAccountUser(sa: ServiceAccountRef): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;

/** The resource rules of a Role or ClusterRole, scoped to `namespace` when a RoleBinding grants them. */
function rulesOf(role: KubeObject | undefined, namespace: string | undefined): AccessRule[] {
  const rules = Array.isArray(role?.rules) ? (role.rules as Record<string, unknown>[]) : [];
  return rules.flatMap((rule) => {
    const verbs = stringList(rule.verbs);
    const apiGroups = stringList(rule.apiGroups);
    const resources = stringList(rule.resources);
    const resourceNames = rule.resourceNames === undefined ? [] : stringList(rule.resourceNames);
    if (!verbs?.length || !apiGroups?.length || !resources?.length || !resourceNames) return [];
    return [
      {
        verbs,
        apiGroups,
        resources,
        ...(resourceNames.length ? { resourceNames } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
      },
    ];
  });
}

function names(binding: KubeObject, sa: ServiceAccountRef): boolean {
  const groups = ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'];
  const subjects = Array.isArray(binding.subjects) ? (binding.subjects as Record<string, unknown>[]) : [];
  return subjects.some(
    (subject) =>
      (subject.kind === 'ServiceAccount' && subject.name === sa.name && subject.namespace === sa.namespace) ||
      (subject.kind === 'User' && subject.name === serviceAccountUser(sa)) ||
      (subject.kind === 'Group' && groups.includes(String(subject.name))),
  );
}

function roleRef(binding: KubeObject): { kind: string; name: string } | undefined {
  const ref = binding.roleRef as Record<string, unknown> | undefined;
  if (ref?.apiGroup !== 'rbac.authorization.k8s.io' || typeof ref.name !== 'string') return undefined;
  return { kind: String(ref.kind), name: ref.name };
}

/** Every rule the cluster's bindings grant the service account right now. */
export function rulesBoundTo(cluster: Cluster, sa: ServiceAccountRef): AccessRule[] {
  const clusterWide = cluster.list('ClusterRoleBinding').flatMap((binding) => {
    const ref = roleRef(binding);
    if (!names(binding, sa) || ref?.kind !== 'ClusterRole') return [];
    return rulesOf(cluster.get('ClusterRole', undefined, ref.name), undefined);
  });
  const namespaced = cluster.list('RoleBinding').flatMap((binding) => {
    const ref = roleRef(binding);
    const namespace = binding.metadata.namespace;
    if (!names(binding, sa) || !ref || namespace === undefined) return [];
    if (ref.kind === 'Role') return rulesOf(cluster.get('Role', namespace, ref.name), namespace);
    if (ref.kind === 'ClusterRole')
      return rulesOf(cluster.get('ClusterRole', undefined, ref.name), namespace);
    return [];
  });
  return [...clusterWide, ...namespaced];
}
