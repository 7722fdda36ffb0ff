// Service accounts on the Kubernetes API simulator: RBAC objects are applied with the real
// kubectl, and a service account's token (what the kubelet mounts into a pod) may do exactly
// what they bind to it, at the time of each request: cluster-wide through a
// ClusterRoleBinding, one namespace through a RoleBinding, named objects through
// resourceNames; nothing through a binding to a missing role; a deleted account's token is
// refused outright.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { type KubectlResult, kubectlFor } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = `${REPO}/test/fixtures/scenarios/first-run.yaml`;
const RBAC_YAML = `
apiVersion: v1
kind: Namespace
metadata: { name: tools }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: robot, namespace: tools }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-reader }
rules:
  - { apiGroups: [""], resources: [pods], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: robot-reads-pods }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader }
subjects: [{ kind: ServiceAccount, name: robot, namespace: tools }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: scale-checkout, namespace: shop }
rules:
  - { apiGroups: [apps], resources: [deployments], resourceNames: [checkout], verbs: [get, patch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: robot-scales-checkout, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: scale-checkout }
subjects: [{ kind: ServiceAccount, name: robot, namespace: tools }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: robot-dangling }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: no-such-role }
subjects: [{ kind: ServiceAccount, name: robot, namespace: tools }]
`;
const USER = 'system:serviceaccount:tools:robot';

let world: KubeWorldFixture;
let dir: string;
let admin: (args: string[]) => Promise<KubectlResult>;
let asRobot: (...args: string[]) => Promise<KubectlResult>;

beforeAll(async () => {
  world = await startKubeWorld(FIXTURE);
  admin = kubectlFor(world.sim.kubeconfigPath);
  dir = mkdtempSync(join(tmpdir(), 'opswarden-sa-'));
  const file = join(dir, 'robot-rbac.yaml');
  writeFileSync(file, RBAC_YAML);
  const applied = await admin(['apply', '-f', file]);
  expect(applied.code, applied.stderr).toBe(0);
  const token = world.sim.serviceAccountToken('tools', 'robot');
  asRobot = (...args) => admin([`--token=${token}`, ...args]);
});
afterAll(async () => {
  await world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const replicas = () =>
  (world.sim.store.get('Deployment', 'shop', 'checkout')?.spec as { replicas?: number } | undefined)
    ?.replicas;

describe('service-account tokens on the simulator', () => {
  it('stores the RBAC kinds kubectl applies, and serves them back', async () => {
    const out = await admin(['get', 'clusterrolebindings,serviceaccounts', '-A', '-o', 'name']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('clusterrolebinding.rbac.authorization.k8s.io/robot-reads-pods');
    expect(out.stdout).toContain('serviceaccount/robot');
  });

  it('grants what a ClusterRoleBinding binds, everywhere, and nothing else', async () => {
    const pods = await asRobot('get', 'pods', '-A', '-o', 'name');
    expect(pods.code, pods.stderr).toBe(0);
    expect(pods.stdout).toContain('pod/checkout-');
    const secrets = await asRobot('get', 'secrets', '-n', 'shop');
    expect(secrets.stderr).toContain(
      `User "${USER}" cannot list resource "secrets" in API group "" in the namespace "shop"`,
    );
    expect((await asRobot('auth', 'can-i', 'delete', 'pods', '-n', 'shop')).stdout.trim()).toBe('no');
  });

  it('grants a RoleBinding’s rules in its namespace only, for the named objects, without subresources', async () => {
    const patched = await asRobot(
      'patch',
      'deployment/checkout',
      '-n',
      'shop',
      '-p',
      '{"spec":{"replicas":3}}',
    );
    expect(patched.code, patched.stderr).toBe(0);
    expect(replicas()).toBe(3);
    const scaled = await asRobot('scale', 'deployment/checkout', '-n', 'shop', '--replicas=5');
    expect(scaled.stderr).toContain(`User "${USER}" cannot patch resource "deployments/scale"`);
    expect(replicas()).toBe(3);
    const other = await asRobot('get', 'deployments', '-n', 'shop');
    expect(other.stderr).toContain(`User "${USER}" cannot list resource "deployments"`);
    expect(
      (await asRobot('auth', 'can-i', 'patch', 'deployments/checkout', '-n', 'default')).stdout.trim(),
    ).toBe('no');
  });

  it('reads the bindings at each request: a deleted binding stops granting at once', async () => {
    const deleted = await admin(['delete', 'clusterrolebinding', 'robot-reads-pods']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const pods = await asRobot('get', 'pods', '-n', 'shop');
    expect(pods.stderr).toContain(`User "${USER}" cannot list resource "pods"`);
  });

  it('refuses a forged token and the token of a deleted service account with 401', async () => {
    const token = world.sim.serviceAccountToken('tools', 'robot');
    const forged = `${token.slice(0, -4)}AAAA`;
    const out = await admin([`--token=${forged}`, 'auth', 'can-i', 'get', 'pods']);
    expect(out.stderr).toMatch(/Unauthorized|provide credentials/);
    expect((await admin(['delete', 'serviceaccount', 'robot', '-n', 'tools'])).code).toBe(0);
    const gone = await admin([`--token=${token}`, 'auth', 'can-i', 'get', 'pods']);
    expect(gone.stderr).toMatch(/Unauthorized|provide credentials/);
    expect(() => world.sim.serviceAccountToken('tools', 'robot')).toThrow(
      'no ServiceAccount "robot" in namespace "tools"',
    );
  });
});
