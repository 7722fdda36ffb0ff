// Which kubeconfig context each configured cluster name uses, and which is the default.
// Kept apart from client.ts so the server can know its clusters (and refuse to start on a
// missing kubeconfig or an unknown context) without importing @kubernetes/client-node,
// which takes ~400 ms: the client loads on the first Kubernetes call (see ../index.ts).

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { KubeError } from './types.ts';

export interface KubernetesConfig {
  /** kubeconfig file; default $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Use the pod's service account instead of a kubeconfig. */
  inCluster?: boolean;
  /** cluster name -> kubeconfig context; default: every context, by its own name. */
  clusters?: Record<string, { context: string }>;
  /** Default: the kubeconfig's current context (or "in-cluster"). */
  defaultCluster?: string;
}

export interface ClusterContexts {
  /** Cluster name -> kubeconfig context. */
  contexts: Map<string, string>;
  defaultCluster: string;
}

/** The kubeconfig file: the configured one, else the first of $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigFile(configured: string | undefined, env: NodeJS.ProcessEnv): string {
  return configured ?? (env.KUBECONFIG?.split(':')[0] || join(homedir(), '.kube', 'config'));
}

/** In-cluster mode has one cluster, named by `defaultCluster`, using the pod's own context. */
export function inClusterName(config: KubernetesConfig, env: NodeJS.ProcessEnv): string {
  if (!env.KUBERNETES_SERVICE_HOST) {
    throw new KubeError(
      'kubernetes.inCluster is set but KUBERNETES_SERVICE_HOST is not: is opswarden running in a pod?',
    );
  }
  return config.defaultCluster ?? 'in-cluster';
}

/** Maps configured cluster names onto the kubeconfig's contexts; unknown names fail with the known ones. */
export function clusterContexts(
  config: KubernetesConfig,
  kubeconfig: { file: string; contexts: string[]; currentContext: string },
): ClusterContexts {
  const known = kubeconfig.contexts;
  const wanted = config.clusters ?? Object.fromEntries(known.map((c) => [c, { context: c }]));
  const contexts = new Map<string, string>();
  for (const [name, { context }] of Object.entries(wanted)) {
    if (!known.includes(context)) {
      throw new KubeError(
        `cluster ${name}: context "${context}" is not in ${kubeconfig.file} (contexts: ${known.join(', ')})`,
      );
    }
    contexts.set(name, context);
  }
  const current = [...contexts].find(([, context]) => context === kubeconfig.currentContext)?.[0];
  const defaultCluster = config.defaultCluster ?? current ?? [...contexts.keys()][0] ?? '';
  if (!contexts.has(defaultCluster)) {
    throw new KubeError(
      `default cluster "${defaultCluster}" is not configured (clusters: ${[...contexts.keys()].join(', ')})`,
    );
  }
  return { contexts, defaultCluster };
}

/** Cluster names as `KubernetesBackend.clusters()` lists them: the default first. */
export function clusterNames({ contexts, defaultCluster }: ClusterContexts): string[] {
  return [defaultCluster, ...[...contexts.keys()].filter((c) => c !== defaultCluster)];
}

/**
 * The configured cluster names, from the kubeconfig's context names alone (YAML or JSON):
 * client-node reads the whole file again when the client loads.
 */
export function readClusterNames(config: KubernetesConfig, env: NodeJS.ProcessEnv): string[] {
  if (config.inCluster) return [inClusterName(config, env)];
  const file = kubeconfigFile(config.kubeconfig, env);
  let doc: { contexts?: unknown; 'current-context'?: unknown };
  try {
    doc = Object(yaml.load(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new KubeError(`cannot load kubeconfig ${file}: ${(err as Error).message}`);
  }
  const entries: unknown[] = Array.isArray(doc.contexts) ? doc.contexts : [];
  const contexts = entries
    .map((c) => (c as { name?: unknown } | null)?.name)
    .filter((n): n is string => typeof n === 'string');
  const current = typeof doc['current-context'] === 'string' ? doc['current-context'] : '';
  return clusterNames(clusterContexts(config, { file, contexts, currentContext: current }));
}
