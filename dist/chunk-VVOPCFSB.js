import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  clusterContexts,
  clusterNames,
  inClusterName,
  kubeconfigFile
} from "./chunk-S7KEFJET.js";
import {
  KUBE_KINDS,
  KubeError
} from "./chunk-RLB2M3XB.js";

// src/backends/kubernetes/client.ts
import {
  ApiException,
  CoreV1Api,
  KubeConfig as KubeConfig2,
  KubernetesObjectApi,
  PatchStrategy
} from "@kubernetes/client-node";

// src/backends/kubernetes/pooled-config.ts
import { KubeConfig } from "@kubernetes/client-node";
var PooledKubeConfig = class extends KubeConfig {
  #pooled;
  async applySecurityAuthentication(context) {
    await super.applySecurityAuthentication(context);
    const made = context.getDispatcher();
    if (!made) return;
    this.#pooled ??= made;
    if (made === this.#pooled) return;
    context.setDispatcher(this.#pooled);
    void made.close();
  }
};

// src/backends/kubernetes/client.ts
var MAX_IMPERSONATED = 256;
var PATCH_TYPES = {
  merge: PatchStrategy.MergePatch,
  strategic: PatchStrategy.StrategicMergePatch
};
function createKubernetesBackend(config = {}, env = process.env, serviceAccountRoot = "") {
  const { base, contexts, defaultCluster } = loadKubeContexts(config, env, serviceAccountRoot);
  return backendOn(base, contexts, defaultCluster, void 0);
}
function loadKubeContexts(config, env, serviceAccountRoot) {
  const base = new KubeConfig2();
  if (config.inCluster) {
    const name = inClusterName(config, env);
    base.loadFromCluster(serviceAccountRoot);
    return { base, contexts: /* @__PURE__ */ new Map([[name, base.getCurrentContext()]]), defaultCluster: name };
  }
  const file = kubeconfigFile(config.kubeconfig, env);
  try {
    base.loadFromFile(file);
  } catch (err) {
    throw new KubeError(`cannot load kubeconfig ${file}: ${err.message}`);
  }
  const contexts = base.getContexts().map((c) => c.name);
  return { base, ...clusterContexts(config, { file, contexts, currentContext: base.getCurrentContext() }) };
}
function contextKubeConfig(base, context, impersonateUser) {
  const kc = new PooledKubeConfig();
  const userName = base.getContextObject(context)?.user;
  kc.loadFromOptions({
    clusters: base.getClusters(),
    users: base.getUsers().map((u) => impersonateUser && u.name === userName ? { ...u, impersonateUser } : u),
    contexts: base.getContexts(),
    currentContext: context
  });
  return kc;
}
function connect(base, context, impersonateUser) {
  const kc = contextKubeConfig(base, context, impersonateUser);
  return { objects: KubernetesObjectApi.makeApiClient(kc), core: kc.makeApiClient(CoreV1Api) };
}
function backendOn(base, contexts, defaultCluster, impersonateUser) {
  const clusters = new Map(
    [...contexts].map(([name, context]) => [name, connect(base, context, impersonateUser)])
  );
  const impersonated = /* @__PURE__ */ new Map();
  function cluster(name) {
    const key = name ?? defaultCluster;
    const found = clusters.get(key);
    if (!found)
      throw new KubeError(`unknown cluster "${key}" (configured: ${[...clusters.keys()].join(", ")})`, 404);
    return [key, found];
  }
  const header = (ref) => {
    const meta = KUBE_KINDS[ref.kind];
    if (!meta) throw new KubeError(`kind ${ref.kind} is not available through opswarden`, 403);
    if (meta.namespaced && !ref.namespace)
      throw new KubeError(`${ref.kind} ${ref.name}: a namespace is required`, 400);
    return {
      apiVersion: meta.apiVersion,
      kind: ref.kind,
      metadata: { name: ref.name, ...meta.namespaced ? { namespace: ref.namespace } : {} }
    };
  };
  const describe = (ref, clusterName) => `${ref.kind} ${[ref.namespace, ref.name].filter(Boolean).join("/")} in cluster ${clusterName}`;
  async function call(what, fn) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiException) {
        const body = typeof err.body === "string" ? safeJson(err.body) : err.body;
        const reason = body?.message ?? err.message;
        const status = err.code === 404 ? "not found" : `failed (HTTP ${err.code})`;
        throw new KubeError(`${what}: ${status}: ${reason}`, err.code);
      }
      throw new KubeError(`${what}: ${err.message}`);
    }
  }
  return {
    clusters: () => clusterNames({ contexts, defaultCluster }),
    impersonate(user) {
      let backend = impersonated.get(user);
      if (backend)
        impersonated.delete(user);
      else backend = backendOn(base, contexts, defaultCluster, user);
      impersonated.set(user, backend);
      if (impersonated.size > MAX_IMPERSONATED) impersonated.delete(impersonated.keys().next().value);
      return backend;
    },
    async get(ref) {
      const [name, c] = cluster(ref.cluster);
      return plain(await call(describe(ref, name), () => c.objects.read(header(ref))));
    },
    async list(q) {
      const [name, c] = cluster(q.cluster);
      const meta = KUBE_KINDS[q.kind];
      if (!meta) throw new KubeError(`kind ${q.kind} is not available through opswarden`, 403);
      const list = await call(
        `list ${describe({ kind: q.kind, namespace: q.namespace }, name)}`,
        () => c.objects.list(
          meta.apiVersion,
          q.kind,
          meta.namespaced ? q.namespace : void 0,
          void 0,
          void 0,
          void 0,
          q.fieldSelector,
          q.labelSelector,
          q.limit,
          q.continueToken
        )
      );
      const next = list.metadata?._continue;
      return {
        items: list.items.map((item) => plain({ ...item, apiVersion: meta.apiVersion, kind: q.kind })),
        ...next ? { continueToken: next } : {}
      };
    },
    async patch(ref, patch, type, opts) {
      const [name, c] = cluster(ref.cluster);
      const target = header(ref);
      const body = patch;
      const spec = { ...body, ...target, metadata: { ...body.metadata, ...target.metadata } };
      return plain(
        await call(
          `patch ${describe(ref, name)}`,
          () => c.objects.patch(
            spec,
            void 0,
            opts.dryRun ? "All" : void 0,
            "opswarden",
            void 0,
            PATCH_TYPES[type]
          )
        )
      );
    },
    async delete(ref, opts) {
      const [name, c] = cluster(ref.cluster);
      await call(
        `delete ${describe(ref, name)}`,
        () => c.objects.delete(header(ref), void 0, opts.dryRun ? "All" : void 0, opts.gracePeriodSeconds)
      );
    },
    async evict(ref, opts) {
      const [name, c] = cluster(ref.cluster);
      const namespace = ref.namespace ?? "";
      await call(
        `evict ${describe(ref, name)}`,
        () => c.core.createNamespacedPodEviction({
          name: ref.name,
          namespace,
          body: {
            apiVersion: "policy/v1",
            kind: "Eviction",
            metadata: { name: ref.name, namespace },
            ...opts.dryRun ? { deleteOptions: { dryRun: ["All"] } } : {}
          },
          ...opts.dryRun ? { dryRun: "All" } : {}
        })
      );
    },
    async podLog(q) {
      const [name, c] = cluster(q.cluster);
      return call(
        `logs of ${describe({ kind: "Pod", namespace: q.namespace, name: q.pod }, name)}`,
        () => c.core.readNamespacedPodLog({
          name: q.pod,
          namespace: q.namespace,
          timestamps: true,
          ...q.container ? { container: q.container } : {},
          ...q.previous ? { previous: true } : {},
          ...q.sinceSeconds !== void 0 ? { sinceSeconds: q.sinceSeconds } : {},
          ...q.tailLines !== void 0 ? { tailLines: q.tailLines } : {},
          ...q.limitBytes !== void 0 ? { limitBytes: q.limitBytes } : {}
        })
      );
    }
  };
}
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export {
  createKubernetesBackend,
  loadKubeContexts,
  contextKubeConfig
};
