// What the Kubernetes tools share: the common arguments, the backend lookup, how a
// namespace's environment is found (its `environment` label; config mappings win in the
// dispatcher), and compact time formatting for agents.

import { z } from 'zod';
import type {
  KubeKind,
  KubeRef,
  KubeResource,
  KubernetesBackend,
} from '../../src/backends/kubernetes/types.ts';
import { mutateArgs } from '../../src/tool.ts';
import type { Target } from '../../src/types.ts';

// Arguments every Kubernetes tool shares, told once in the server instructions (src/server/mcp.ts)
// rather than in each tool's schema: a cluster from the config (omitted: the default), a namespace.
export const clusterArg = z.string().min(1).optional();
export const namespaceArg = z.string().min(1);
export const labelSelectorArg = z.string().min(1).max(1024).optional().describe('e.g. app=web');
/** A namespace name (an RFC 1123 label): checked, since it becomes a URL path segment. */
export const namespaceNameArg = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace name (lowercase RFC 1123 label)');
/** Any served kind, as kubectl takes it (resolved through the cluster's discovery). */
export const kindArg = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9./-]*$/,
    'a kind, plural or short name, e.g. Ingress, hpa or certificates.cert-manager.io',
  );
/** An object name as the API allows them (RBAC names hold colons), never a path. */
export const objectNameArg = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:@+=-]*$/,
    'an object name (a letter or digit, then letters, digits, . _ : @ + = -)',
  );

export function kubernetes(backends: { kubernetes?: KubernetesBackend }): KubernetesBackend {
  if (!backends.kubernetes) {
    throw new Error(
      'Kubernetes is not configured: add a `kubernetes:` section (kubeconfig or inCluster) to opswarden.yaml',
    );
  }
  return backends.kubernetes;
}

const NAMESPACE_TTL_MS = 60_000;
const namespaceCache = new WeakMap<KubernetesBackend, Map<string, { environment?: string; at: number }>>();

/** The namespace's `environment` label (cached a minute); undefined when unlabeled or unreadable. */
export async function namespaceEnvironment(
  backend: KubernetesBackend,
  cluster: string | undefined,
  namespace: string | undefined,
): Promise<string | undefined> {
  if (!namespace) return undefined;
  const cache = namespaceCache.get(backend) ?? new Map();
  namespaceCache.set(backend, cache);
  const key = `${cluster ?? ''}/${namespace}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < NAMESPACE_TTL_MS) return hit.environment;
  let environment: string | undefined;
  try {
    const ns = await backend.get({ ...(cluster ? { cluster } : {}), kind: 'Namespace', name: namespace });
    environment = ns.metadata.labels?.environment;
  } catch {
    environment = undefined; // unknown: the dispatcher treats it as production
  }
  cache.set(key, { ...(environment ? { environment } : {}), at: Date.now() });
  return environment;
}

/** A target for a namespaced object, with the environment its namespace declares. */
export async function kubeTarget(
  backends: { kubernetes?: KubernetesBackend },
  t: { cluster?: string; namespace?: string; kind: string; name?: string },
): Promise<Target> {
  const backend = kubernetes(backends);
  const cluster = t.cluster ?? backend.clusters()[0];
  const environment = await namespaceEnvironment(backend, t.cluster, t.namespace);
  return {
    ...(cluster ? { cluster } : {}),
    ...(t.namespace ? { namespace: t.namespace } : {}),
    kind: t.kind,
    ...(t.name ? { name: t.name } : {}),
    ...(environment ? { environment } : {}),
  };
}

/**
 * A read of any kind: the served resource it names (discovery), and a target named by its
 * Kind, so the policy sees `Secret` however it was spelt (`secrets`, `v1/Secret`). A
 * cluster-scoped kind has no namespace.
 */
export async function resourceTarget(
  backends: { kubernetes?: KubernetesBackend },
  args: { cluster?: string | undefined; namespace?: string | undefined; kind: string; name?: string },
): Promise<{ target: Target; resource: KubeResource }> {
  const resource = await kubernetes(backends).resolve(args.kind, args.cluster);
  const { namespace, ...rest } = args;
  const scoped = resource.namespaced && namespace ? { namespace } : {};
  return { target: await kubeTarget(backends, { ...rest, ...scoped, kind: resource.kind }), resource };
}

/** "3m", "2h", "5d": how long ago, the way kubectl prints AGE. */
export function age(timestamp: string | undefined, now: Date): string | undefined {
  if (!timestamp) return undefined;
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/** The backend reference for a tool's arguments. */
export function kubeRef<K extends KubeKind>(
  kind: K,
  args: { cluster?: string | undefined; namespace?: string | undefined; name: string },
): KubeRef & { kind: K } {
  return {
    kind,
    name: args.name,
    ...(args.namespace ? { namespace: args.namespace } : {}),
    ...(args.cluster ? { cluster: args.cluster } : {}),
  };
}

/** The target of a node operation: the node in its cluster. */
export function nodeTarget(
  backends: { kubernetes?: KubernetesBackend },
  args: { cluster?: string | undefined; name?: string },
): Target {
  const cluster = args.cluster ?? kubernetes(backends).clusters()[0];
  return { kind: 'Node', ...(args.name ? { name: args.name } : {}), ...(cluster ? { cluster } : {}) };
}

/** The input of a change to one node (cordon, uncordon, drain). */
export const nodeChangeInput = z
  .object({ cluster: clusterArg, name: z.string().min(1), ...mutateArgs })
  .strict();
