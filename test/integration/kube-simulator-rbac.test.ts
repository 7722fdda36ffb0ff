// The Kubernetes API simulator's authorization: each bearer token is a user with RBAC
// rules, enforced on every request and reported by SelfSubjectAccessReview, the way
// `kubectl auth can-i` (protobuf) and client-node (JSON) ask it. A read-only viewer reads
// and is refused writes with the API server's own Forbidden message.

import { AuthorizationV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_ACCESS } from '../../src/sandbox/kube/rbac.ts';
import { type KubeWorldFixture, startKubeWorld } from '../helpers/kube-world.ts';
import { kubectlFor } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = `${REPO}/test/fixtures/scenarios/first-run.yaml`;
const VIEWER = { name: 'viewer', token: 'viewer-token-for-rbac-tests', rules: READ_ONLY_ACCESS };
const SCALER = {
  name: 'scaler',
  token: 'scaler-token-for-rbac-tests',
  rules: [
    { verbs: ['get', 'patch'], apiGroups: ['apps'], resources: ['deployments/scale'] },
    { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] },
  ],
};

let world: KubeWorldFixture;
beforeAll(async () => {
  world = await startKubeWorld(FIXTURE, { users: [VIEWER, SCALER] });
});
afterAll(async () => {
  await world?.close();
});

const checkoutReplicas = () =>
  (world.sim.store.get('Deployment', 'shop', 'checkout')?.spec as { replicas?: number } | undefined)
    ?.replicas;

async function review(kubeconfig: string, attrs: Record<string, string>) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const res = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attrs },
    },
  });
  return res.status?.allowed;
}

describe('simulator RBAC', () => {
  it('answers SelfSubjectAccessReview from the token’s rules (JSON, client-node)', async () => {
    const viewer = world.sim.kubeconfigFor('viewer');
    expect(
      await review(world.sim.kubeconfigPath, { verb: 'patch', group: 'apps', resource: 'deployments' }),
    ).toBe(true);
    expect(await review(viewer, { verb: 'list', resource: 'pods' })).toBe(true);
    expect(await review(viewer, { verb: 'get', resource: 'pods', subresource: 'log' })).toBe(true);
    expect(await review(viewer, { verb: 'patch', group: 'apps', resource: 'deployments' })).toBe(false);
    expect(await review(viewer, { verb: 'create', resource: 'pods', subresource: 'eviction' })).toBe(false);
  });

  it('answers `kubectl auth can-i` (protobuf) per user', async () => {
    const asViewer = kubectlFor(world.sim.kubeconfigFor('viewer'));
    const asScaler = kubectlFor(world.sim.kubeconfigFor('scaler'));
    const can = async (run: typeof asViewer, ...args: string[]) => {
      const res = await run(['auth', 'can-i', ...args]);
      return `${res.stdout.trim()} ${res.code}`;
    };
    expect(await can(asViewer, 'list', 'pods', '-A')).toBe('yes 0');
    expect(await can(asViewer, 'patch', 'deployments', '-n', 'shop')).toBe('no 1');
    expect(await can(asScaler, 'patch', 'deployments', '--subresource=scale', '-n', 'shop')).toBe('yes 0');
    expect(await can(asScaler, 'patch', 'deployments', '-n', 'shop')).toBe('no 1');
    expect(await can(asScaler, 'list', 'pods')).toBe('no 1');
  });

  it('enforces the rules: a viewer reads, and its writes are Forbidden naming user, verb and resource', async () => {
    const asViewer = kubectlFor(world.sim.kubeconfigFor('viewer'));
    const pods = await asViewer(['get', 'pods', '-n', 'shop', '-o', 'name']);
    expect(pods.code, pods.stderr).toBe(0);
    expect(pods.stdout).toContain('pod/checkout-');
    const scale = await asViewer(['scale', 'deployment/checkout', '-n', 'shop', '--replicas=5']);
    expect(scale.code).not.toBe(0);
    expect(scale.stderr).toContain(
      'Error from server (Forbidden): deployments.apps "checkout" is forbidden: User "viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "shop"',
    );
    expect(checkoutReplicas()).toBe(2);
  });

  it('lets a scoped user do exactly its grant: scale, but not list pods', async () => {
    const asScaler = kubectlFor(world.sim.kubeconfigFor('scaler'));
    const scale = await asScaler(['scale', 'deployment/checkout', '-n', 'shop', '--replicas=3']);
    expect(scale.code, scale.stderr).toBe(0);
    expect(checkoutReplicas()).toBe(3);
    const pods = await asScaler(['get', 'pods', '-A']);
    expect(pods.stderr).toContain(
      'User "scaler" cannot list resource "pods" in API group "" at the cluster scope',
    );
  });

  it('refuses an unknown token with 401', async () => {
    const asViewer = kubectlFor(world.sim.kubeconfigFor('viewer'));
    const out = await asViewer(['get', 'pods', '--token', 'not-a-token']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/Unauthorized|provide credentials/);
  });
});
