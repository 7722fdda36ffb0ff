// The kubeconfig a user, kubectl or @kubernetes/client-node points at the simulator: one
// cluster named after the world's cluster (server URL + CA file), one token user, one
// context with the `default` namespace, made current.

import { writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

export interface KubeconfigSpec {
  path: string;
  clusterName: string;
  server: string;
  caPath: string;
  token: string;
}

const SANDBOX_USER = 'opswarden-sandbox';

export function writeKubeconfig(spec: KubeconfigSpec): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: spec.clusterName, cluster: { server: spec.server, 'certificate-authority': spec.caPath } },
    ],
    users: [{ name: SANDBOX_USER, user: { token: spec.token } }],
    contexts: [
      {
        name: spec.clusterName,
        context: { cluster: spec.clusterName, user: SANDBOX_USER, namespace: 'default' },
      },
    ],
    'current-context': spec.clusterName,
    preferences: {},
  };
  writeFileSync(spec.path, yaml.dump(config), { mode: 0o600 });
}
