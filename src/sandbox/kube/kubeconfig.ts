// The kubeconfig a user, kubectl or @kubernetes/client-node points at the simulator: one
// cluster named after the world's cluster (server URL + CA file), one token user (the
// sandbox's own, or a restricted one a test added), one context with the `default`
// namespace, made current.

import { writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

export interface KubeconfigSpec {
  path: string;
  clusterName: string;
  server: string;
  caPath: string;
  token: string;
  /** The user entry's name; the sandbox's own user when absent. */
  userName?: string;
}

/** The simulator's own user, whose token may do everything. */
export const SANDBOX_USER = 'opswarden-sandbox';

export function writeKubeconfig(spec: KubeconfigSpec): void {
  const user = spec.userName ?? SANDBOX_USER;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: spec.clusterName, cluster: { server: spec.server, 'certificate-authority': spec.caPath } },
    ],
    users: [{ name: user, user: { token: spec.token } }],
    contexts: [
      {
        name: spec.clusterName,
        context: { cluster: spec.clusterName, user, namespace: 'default' },
      },
    ],
    'current-context': spec.clusterName,
    preferences: {},
  };
  writeFileSync(spec.path, yaml.dump(config), { mode: 0o600 });
}
