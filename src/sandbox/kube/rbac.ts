// Who may do what on the simulator. Each bearer token is a user holding RBAC-style rules
// (verbs, API groups, resources as `<plural>` or `<plural>/<subresource>`, `*` for any),
// checked on every resource request the way the API server's RBAC authorizer checks them,
// and reported through SelfSubjectAccessReview. The sandbox's own token may do everything;
// tests add restricted users (a read-only viewer) to see what a missing grant looks like,
// and a service account's token holds what the stored RBAC objects bind to it
// (service-accounts.ts).

import { KubeError } from './errors.ts';
import type { Target } from './handlers.ts';
import { qualifiedName } from './resources.ts';

export interface AccessRule {
  verbs: string[];
  apiGroups: string[];
  // `deployments`, `deployments/scale`, `*/scale` (any scale subresource) or `*`.
  resources: string[];
  /** Only these objects (a Role's `resourceNames`); any object when absent or empty. */
  resourceNames?: string[];
  /** Only requests in this namespace (granted by a RoleBinding); any scope when absent. */
  namespace?: string;
}

export interface SimulatedUser {
  name: string;
  token: string;
  rules: readonly AccessRule[];
}

export const ALL_ACCESS: readonly AccessRule[] = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
/** The `view`-like grant: read everything, change nothing. */
export const READ_ONLY_ACCESS: readonly AccessRule[] = [
  { verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] },
];

/** What a request asks to do, as authorization.k8s.io's ResourceAttributes names it. */
export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string | undefined;
  namespace?: string | undefined;
  name?: string | undefined;
}

const matches = (granted: readonly string[], wanted: string) =>
  granted.includes('*') || granted.includes(wanted);

function ruleAllows(rule: AccessRule, attrs: ResourceAttributes): boolean {
  if (!matches(rule.verbs, attrs.verb) || !matches(rule.apiGroups, attrs.group)) return false;
  if (rule.namespace !== undefined && attrs.namespace !== rule.namespace) return false;
  if (rule.resourceNames?.length && (attrs.name === undefined || !rule.resourceNames.includes(attrs.name)))
    return false;
  const full = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return rule.resources.some(
    (r) => r === '*' || r === full || (attrs.subresource !== undefined && r === `*/${attrs.subresource}`),
  );
}

export function allows(user: SimulatedUser, attrs: ResourceAttributes): boolean {
  return user.rules.some((rule) => ruleAllows(rule, attrs));
}

/** The verb RBAC sees for an HTTP method on a target (collection reads are list or watch). */
export function requestVerb(method: string, target: Target, watch: boolean): string {
  // Exec's WebSocket upgrade is a GET, authorized as create since Kubernetes 1.31
  // (AuthorizePodWebsocketUpgradeCreatePermission): a `get pods/exec` grant does not run commands.
  if (target.subresource === 'exec') return 'create';
  const collection = target.name === undefined;
  switch (method) {
    case 'GET':
      return collection ? (watch ? 'watch' : 'list') : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
    default:
      return method.toLowerCase();
  }
}

/** Throws the API server's 403 when `user` may not do `verb` on `target`. */
export function authorize(user: SimulatedUser, verb: string, target: Target): void {
  const { type, namespace, name, subresource } = target;
  const attrs = { verb, group: type.group, resource: type.plural, subresource, namespace, name };
  if (allows(user, attrs)) return;
  const what = name === undefined ? qualifiedName(type) : `${qualifiedName(type)} "${name}"`;
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const resource = subresource ? `${type.plural}/${subresource}` : type.plural;
  throw new KubeError(
    403,
    'Forbidden',
    `${what} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${type.group}" ${scope}`,
    { ...(name !== undefined ? { name } : {}), group: type.group, kind: type.plural },
  );
}
