import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  KubeError
} from "./chunk-RLB2M3XB.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";

// src/backends/kubernetes/contexts.ts
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
function kubeconfigFile(configured, env) {
  return configured ?? (env.KUBECONFIG?.split(":")[0] || join(homedir(), ".kube", "config"));
}
function inClusterName(config, env) {
  if (!env.KUBERNETES_SERVICE_HOST) {
    throw new KubeError(
      "kubernetes.inCluster is set but KUBERNETES_SERVICE_HOST is not: is opswarden running in a pod?"
    );
  }
  return config.defaultCluster ?? "in-cluster";
}
function clusterContexts(config, kubeconfig) {
  const known = kubeconfig.contexts;
  const wanted = config.clusters ?? Object.fromEntries(known.map((c) => [c, { context: c }]));
  const contexts = /* @__PURE__ */ new Map();
  for (const [name, { context }] of Object.entries(wanted)) {
    if (!known.includes(context)) {
      throw new KubeError(
        `cluster ${name}: context "${context}" is not in ${kubeconfig.file} (contexts: ${known.join(", ")})`
      );
    }
    contexts.set(name, context);
  }
  const current = [...contexts].find(([, context]) => context === kubeconfig.currentContext)?.[0];
  const defaultCluster = config.defaultCluster ?? current ?? [...contexts.keys()][0] ?? "";
  if (!contexts.has(defaultCluster)) {
    throw new KubeError(
      `default cluster "${defaultCluster}" is not configured (clusters: ${[...contexts.keys()].join(", ")})`
    );
  }
  return { contexts, defaultCluster };
}
function clusterNames({ contexts, defaultCluster }) {
  return [defaultCluster, ...[...contexts.keys()].filter((c) => c !== defaultCluster)];
}
function readClusterNames(config, env) {
  if (config.inCluster) return [inClusterName(config, env)];
  const file = kubeconfigFile(config.kubeconfig, env);
  let doc;
  try {
    doc = Object(yaml.load(readFileSync(file, "utf8")));
  } catch (err) {
    throw new KubeError(`cannot load kubeconfig ${file}: ${err.message}`);
  }
  const entries = Array.isArray(doc.contexts) ? doc.contexts : [];
  const contexts = entries.map((c) => c?.name).filter((n) => typeof n === "string");
  const current = typeof doc["current-context"] === "string" ? doc["current-context"] : "";
  return clusterNames(clusterContexts(config, { file, contexts, currentContext: current }));
}

export {
  kubeconfigFile,
  inClusterName,
  clusterContexts,
  clusterNames,
  readClusterNames
};
