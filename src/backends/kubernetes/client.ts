// The Kubernetes backend on @kubernetes/client-node: kubeconfig contexts (one per
// configured cluster) or the pod's service account. Objects come back as plain API JSON;
// API errors become KubeErrors that name the object and cluster. Discovery is kept per
// cluster and shared by every impersonation (it is the same for any authenticated user).

import { ApiException, CoreV1Api, KubeConfig, PatchStrategy } from '@kubernetes/client-node';
import type { KubeObject } from '../../sandbox/world.ts';
import { listResourcePage, ObjectApi, readResource } from './any-resource.ts';
import {
  clusterContexts,
  clusterNames,
  inClusterName,
  type KubernetesConfig,
  kubeconfigFile,
} from './contexts.ts';
import { Discovery } from './discovery.ts';
import { execInPod } from './exec.ts';
import { readNodeMetrics, readPodMetrics } from './metrics.ts';
import { PooledKubeConfig } from './pooled-config.ts';
import {
  KUBE_KINDS,
  type KubeClusterInfo,
  KubeError,
  type KubeList,
  type KubeListQuery,
  type KubeRef,
  type KubernetesBackend,
  type PatchType,
  type PodLogQuery,
} from './types.ts';

interface Cluster {
  objects: ObjectApi;
  core: CoreV1Api;
  /** For the WebSocket calls (exec), which client-node makes from the config itself. */
  config: KubeConfig;
}

/** Principals whose impersonating clients are kept (JWT subjects are not a fixed list); least recently used go. */
const MAX_IMPERSONATED = 256;

const PATCH_TYPES: Record<PatchType, PatchStrategy> = {
  merge: PatchStrategy.MergePatch,
  strategic: PatchStrategy.StrategicMergePatch,
};

/**
 * `serviceAccountRoot` prefixes the service-account paths of in-cluster mode
 * (/var/run/secrets/kubernetes.io/serviceaccount), for running outside a pod in tests.
 */
export function createKubernetesBackend(
  config: KubernetesConfig = {},
  env = process.env,
  serviceAccountRoot = '',
): KubernetesBackend {
  const { base, contexts, defaultCluster } = loadKubeContexts(config, env, serviceAccountRoot);
  return backendOn({ base, contexts, defaultCluster, discoveries: new Map() }, undefined);
}

/** The kubeconfig (or in-cluster config) once, and which context each cluster name uses. */
export function loadKubeContexts(
  config: KubernetesConfig,
  env: NodeJS.ProcessEnv,
  serviceAccountRoot: string,
) {
  const base = new KubeConfig();
  if (config.inCluster) {
    const name = inClusterName(config, env);
    base.loadFromCluster(serviceAccountRoot);
    return { base, contexts: new Map([[name, base.getCurrentContext()]]), defaultCluster: name };
  }
  const file = kubeconfigFile(config.kubeconfig, env);
  try {
    base.loadFromFile(file);
  } catch (err) {
    throw new KubeError(`cannot load kubeconfig ${file}: ${(err as Error).message}`);
  }
  const contexts = base.getContexts().map((c) => c.name);
  return { base, ...clusterContexts(config, { file, contexts, currentContext: base.getCurrentContext() }) };
}

/** The config of one context, optionally acting as another user (Impersonate-User). */
export function contextKubeConfig(
  base: KubeConfig,
  context: string,
  impersonateUser?: string | undefined,
): KubeConfig {
  const kc = new PooledKubeConfig();
  const userName = base.getContextObject(context)?.user;
  kc.loadFromOptions({
    clusters: base.getClusters(),
    users: base
      .getUsers()
      .map((u) => (impersonateUser && u.name === userName ? { ...u, impersonateUser } : u)),
    contexts: base.getContexts(),
    currentContext: context,
  });
  return kc;
}

/** API clients for one context. */
function connect(base: KubeConfig, context: string, impersonateUser: string | undefined): Cluster {
  const kc = contextKubeConfig(base, context, impersonateUser);
  return { objects: kc.makeApiClient(ObjectApi), core: kc.makeApiClient(CoreV1Api), config: kc };
}

/** What every impersonation of one backend shares. */
interface Shared {
  base: KubeConfig;
  contexts: Map<string, string>;
  defaultCluster: string;
  discoveries: Map<string, Discovery>;
}

function backendOn(shared: Shared, impersonateUser: string | undefined): KubernetesBackend {
  const { base, contexts, defaultCluster } = shared;
  const clusters = new Map(
    [...contexts].map(([name, context]) => [name, connect(base, context, impersonateUser)]),
  );
  const impersonated = new Map<string, KubernetesBackend>();
  // Discovery goes through opswarden's own connections (made first, by the backend that
  // impersonates no one): what the API serves does not depend on who asks.
  if (impersonateUser === undefined) {
    for (const [name, c] of clusters)
      shared.discoveries.set(name, new Discovery((path) => c.objects.getJson(path), name));
  }
  const discovery = (name: string) => shared.discoveries.get(name)!;

  function cluster(name: string | undefined): [string, Cluster] {
    const key = name ?? defaultCluster;
    const found = clusters.get(key);
    if (!found)
      throw new KubeError(`unknown cluster "${key}" (configured: ${[...clusters.keys()].join(', ')})`, 404);
    return [key, found];
  }

  const header = (ref: KubeRef) => {
    const meta = KUBE_KINDS[ref.kind];
    if (!meta) throw new KubeError(`kind ${ref.kind} is not available through opswarden`, 403);
    if (meta.namespaced && !ref.namespace)
      throw new KubeError(`${ref.kind} ${ref.name}: a namespace is required`, 400);
    return {
      apiVersion: meta.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, ...(meta.namespaced ? { namespace: ref.namespace } : {}) },
    };
  };
  const describe = (ref: { kind: string; namespace?: string; name?: string }, clusterName: string) =>
    `${ref.kind} ${[ref.namespace, ref.name].filter(Boolean).join('/')} in cluster ${clusterName}`;

  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof KubeError) throw err;
      if (err instanceof ApiException) {
        const body = typeof err.body === 'string' ? safeJson(err.body) : err.body;
        const reason = (body as { message?: string } | undefined)?.message ?? err.message;
        const status = err.code === 404 ? 'not found' : `failed (HTTP ${err.code})`;
        throw new KubeError(`${what}: ${status}: ${reason}`, err.code);
      }
      throw new KubeError(`${what}: ${(err as Error).message}`);
    }
  }

  return {
    clusters: () => clusterNames({ contexts, defaultCluster }),

    impersonate(user) {
      let backend = impersonated.get(user);
      if (backend)
        impersonated.delete(user); // re-inserted below: most recently used last
      else backend = backendOn(shared, user);
      impersonated.set(user, backend);
      if (impersonated.size > MAX_IMPERSONATED) impersonated.delete(impersonated.keys().next().value!);
      return backend;
    },

    async get(ref) {
      const [name, c] = cluster(ref.cluster);
      return plain(await call(describe(ref, name), () => c.objects.read(header(ref))));
    },

    async list(q: KubeListQuery): Promise<KubeList> {
      const [name, c] = cluster(q.cluster);
      const meta = KUBE_KINDS[q.kind];
      if (!meta) throw new KubeError(`kind ${q.kind} is not available through opswarden`, 403);
      const list = await call(`list ${describe({ kind: q.kind, namespace: q.namespace }, name)}`, () =>
        c.objects.list(
          meta.apiVersion,
          q.kind,
          meta.namespaced ? q.namespace : undefined,
          undefined,
          undefined,
          undefined,
          q.fieldSelector,
          q.labelSelector,
          q.limit,
          q.continueToken,
        ),
      );
      const next = list.metadata?._continue;
      return {
        items: list.items.map((item) => plain({ ...item, apiVersion: meta.apiVersion, kind: q.kind })),
        ...(next ? { continueToken: next } : {}),
      };
    },

    async patch(ref, patch, type, opts) {
      const [name, c] = cluster(ref.cluster);
      const target = header(ref);
      const body = patch as { metadata?: object };
      const spec = { ...body, ...target, metadata: { ...body.metadata, ...target.metadata } };
      return plain(
        await call(`patch ${describe(ref, name)}`, () =>
          c.objects.patch(
            spec,
            undefined,
            opts.dryRun ? 'All' : undefined,
            'opswarden',
            undefined,
            PATCH_TYPES[type],
          ),
        ),
      );
    },

    async delete(ref, opts) {
      const [name, c] = cluster(ref.cluster);
      await call(`delete ${describe(ref, name)}`, () =>
        c.objects.delete(header(ref), undefined, opts.dryRun ? 'All' : undefined, opts.gracePeriodSeconds),
      );
    },

    async evict(ref, opts) {
      const [name, c] = cluster(ref.cluster);
      const namespace = ref.namespace ?? '';
      await call(`evict ${describe(ref, name)}`, () =>
        c.core.createNamespacedPodEviction({
          name: ref.name,
          namespace,
          body: {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: ref.name, namespace },
            ...(opts.dryRun ? { deleteOptions: { dryRun: ['All'] } } : {}),
          },
          ...(opts.dryRun ? { dryRun: 'All' } : {}),
        }),
      );
    },

    async resolve(kind, clusterName) {
      const [name] = cluster(clusterName);
      return call(`discovery of cluster ${name}`, () => discovery(name).resolve(kind));
    },

    async getResource(ref) {
      const [name, c] = cluster(ref.cluster);
      return call(describe({ ...ref, kind: ref.resource.kind }, name), () => readResource(c.objects, ref));
    },

    async listResources(q) {
      const [name, c] = cluster(q.cluster);
      const what = `list ${describe({ kind: q.resource.kind, namespace: q.namespace }, name)}`;
      return call(what, () => listResourcePage(c.objects, q));
    },

    async describeClusters() {
      return clusterNames({ contexts, defaultCluster }).map((name) =>
        clusterInfo(base, name, contexts.get(name)!, name === defaultCluster),
      );
    },

    async podMetrics(q) {
      const [name, c] = cluster(q.cluster);
      const where = q.namespace ? `namespace ${q.namespace}` : 'all namespaces';
      return call(`pod metrics of ${where} in cluster ${name}`, () => readPodMetrics(c.objects, name, q));
    },

    async nodeMetrics(q) {
      const [name, c] = cluster(q.cluster);
      return call(`node metrics in cluster ${name}`, () => readNodeMetrics(c.objects, name, q));
    },

    async exec(q) {
      const [name, c] = cluster(q.cluster);
      const pod = describe({ kind: 'Pod', namespace: q.namespace, name: q.pod }, name);
      return execInPod(c.config, q, `exec in container ${q.container} of ${pod}`);
    },

    async podLog(q: PodLogQuery) {
      const [name, c] = cluster(q.cluster);
      return call(`logs of ${describe({ kind: 'Pod', namespace: q.namespace, name: q.pod }, name)}`, () =>
        c.core.readNamespacedPodLog({
          name: q.pod,
          namespace: q.namespace,
          timestamps: true,
          ...(q.container ? { container: q.container } : {}),
          ...(q.previous ? { previous: true } : {}),
          ...(q.sinceSeconds !== undefined ? { sinceSeconds: q.sinceSeconds } : {}),
          ...(q.tailLines !== undefined ? { tailLines: q.tailLines } : {}),
          ...(q.limitBytes !== undefined ? { limitBytes: q.limitBytes } : {}),
        }),
      );
    },
  };
}

/** A cluster's context and API server as the kubeconfig has them, minus any credentials in the URL. */
function clusterInfo(base: KubeConfig, name: string, context: string, isDefault: boolean): KubeClusterInfo {
  const ctx = base.getContextObject(context);
  const server = (ctx && base.getCluster(ctx.cluster)?.server) ?? '';
  return {
    name,
    context,
    server: withoutCredentials(server),
    default: isDefault,
    ...(ctx?.namespace ? { namespace: ctx.namespace } : {}),
  };
}

/** Scheme, host, port and path: never a user, password, query or fragment. */
function withoutCredentials(server: string): string {
  try {
    const url = new URL(server);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** client-node hands back model instances with Date fields; tools want API JSON. */
function plain(value: unknown): KubeObject {
  return JSON.parse(JSON.stringify(value)) as KubeObject;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
