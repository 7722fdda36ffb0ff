// Builds the backends the config asks for. Explicit, like the tool registry: a backend
// exists because the config names it, never because a module was imported.

import type { Config } from '../config/schema.ts';
import { createKubernetesBackend } from './kubernetes/client.ts';
import type { Backends } from './types.ts';

export function createBackends(config: Config): Partial<Backends> {
  const k = config.kubernetes;
  return {
    ...(k
      ? {
          kubernetes: createKubernetesBackend({
            inCluster: k.inCluster,
            ...(k.kubeconfig ? { kubeconfig: k.kubeconfig } : {}),
            ...(k.clusters ? { clusters: k.clusters } : {}),
            ...(k.defaultCluster ? { defaultCluster: k.defaultCluster } : {}),
          }),
        }
      : {}),
  };
}
