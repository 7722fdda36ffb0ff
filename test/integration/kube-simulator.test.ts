// The real kubectl against the Kubernetes API simulator: the commands an on-call engineer
// (or an agent with a shell) runs, on the hand-written fixture world and on a rendered
// scenario, over HTTPS with the kubeconfig the simulator writes.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type KubeSimulator, startKubeSimulator } from '../../src/sandbox/kube/simulator.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { kubectlFor, requireKubectl } from '../helpers/kubectl.ts';
import { REPO } from '../helpers/world.ts';
import {
  CHECKOUT_PODS,
  CRASHING_POD,
  fixtureWorld,
  IMAGE_V1,
  IMAGE_V2,
} from '../unit/sandbox/kube/fixture-world.ts';

const REVISION_AND_IMAGE =
  'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.template.spec.containers[0].image}';

async function startWithKubectl(opts: { rolloutStepMs?: number } = {}) {
  const sim = await startKubeSimulator(fixtureWorld(), opts);
  const kubectl = kubectlFor(sim.kubeconfigPath);
  /** Runs kubectl and returns stdout, failing the test with stderr when kubectl fails. */
  const ok = async (...args: string[]) => {
    const result = await kubectl(args);
    if (result.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  return { sim, kubectl, ok };
}

const rows = (table: string) => table.trim().split('\n').slice(1);

beforeAll(() => {
  requireKubectl();
});

describe('kubectl reads the fixture world', () => {
  let env: Awaited<ReturnType<typeof startWithKubectl>>;
  beforeAll(async () => {
    env = await startWithKubectl();
  });
  afterAll(async () => {
    await env.sim.close();
  });

  it('get pods -A shows NAMESPACE, NAME, READY, STATUS, RESTARTS and AGE', async () => {
    const out = await env.ok('get', 'pods', '-A');
    expect(out.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(rows(out)).toHaveLength(8);
    expect(out).toMatch(
      new RegExp(`shop\\s+${CRASHING_POD}\\s+0/1\\s+CrashLoopBackOff\\s+14 \\(12m ago\\)\\s+19m`),
    );
    expect(out).toMatch(/monitoring\s+node-exporter-f7k2m\s+1\/1\s+Running\s+0\s+30d/);
  });

  it('get pods -l selects by label', async () => {
    const out = await env.ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '-o', 'name');
    expect(out.trim().split('\n').sort()).toEqual(CHECKOUT_PODS.map((name) => `pod/${name}`).sort());
  });

  it('logs --tail=5 shows the last five lines of one pod', async () => {
    const out = await env.ok('logs', CHECKOUT_PODS[0]!, '-n', 'shop', '--tail=5');
    expect(out.trim().split('\n')).toEqual(
      [109, 110, 111, 112, 113].map((n) => `${CHECKOUT_PODS[0]} app line ${n}`),
    );
  });

  it('logs -l shows the tail of every selected pod', async () => {
    const out = await env.ok('logs', '-n', 'shop', '-l', 'app=checkout');
    for (const pod of CHECKOUT_PODS) expect(out).toContain(`${pod} app line 113`);
    expect(out.trim().split('\n')).toHaveLength(30);
  });

  it('get events shows the crash loop and the rollout', async () => {
    const out = await env.ok('get', 'events', '-n', 'shop');
    expect(out.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(out).toMatch(new RegExp(`60s\\s+Warning\\s+BackOff\\s+pod/${CRASHING_POD}`));
    expect(out).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/checkout/);
  });

  it('rollout history lists the revisions with their change causes', async () => {
    const out = await env.ok('rollout', 'history', 'deployment/checkout', '-n', 'shop');
    expect(out).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+release 1\.41\.0\n2\s+release 1\.42\.0/);
  });

  it('get secrets finds none, and a missing object is a NotFound error', async () => {
    const secrets = await env.kubectl(['get', 'secrets', '-A']);
    expect(secrets.code).toBe(0);
    expect(secrets.stderr).toContain('No resources found');
    const missing = await env.kubectl(['get', 'deployment', 'nope', '-n', 'shop']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
  });
});

describe('kubectl changes the fixture world', () => {
  let env: Awaited<ReturnType<typeof startWithKubectl>>;
  afterEach(async () => {
    await env.sim.close();
  });

  it('rollout restart, then rollout status completes on new pods of revision 3', async () => {
    env = await startWithKubectl();
    await env.ok('rollout', 'restart', 'deployment/checkout', '-n', 'shop');
    expect(await env.ok('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s')).toContain(
      'deployment "checkout" successfully rolled out',
    );
    expect(await env.ok('get', 'deployment', 'checkout', '-n', 'shop', '-o', REVISION_AND_IMAGE)).toBe(
      `3 ${IMAGE_V2}`,
    );
    const pods = await env.ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '--no-headers');
    expect(pods.trim().split('\n')).toHaveLength(3);
    expect(pods).not.toMatch(new RegExp(CHECKOUT_PODS.join('|')));
    expect(pods).not.toContain('CrashLoopBackOff');
  });

  it('rollout status follows a stepped rollout through the watch until it completes', async () => {
    env = await startWithKubectl({ rolloutStepMs: 150 });
    await env.ok('set', 'image', 'deployment/checkout', 'app=registry.example/checkout:1.43.0', '-n', 'shop');
    const out = await env.ok('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s');
    expect(out).toContain('Waiting for deployment "checkout" rollout to finish');
    expect(out).toContain('deployment "checkout" successfully rolled out');
  });

  it('rollout undo goes back to the previous image under a new revision number', async () => {
    env = await startWithKubectl();
    expect(await env.ok('rollout', 'undo', 'deployment/checkout', '-n', 'shop')).toContain(
      'deployment.apps/checkout rolled back',
    );
    expect(await env.ok('get', 'deployment', 'checkout', '-n', 'shop', '-o', REVISION_AND_IMAGE)).toBe(
      `3 ${IMAGE_V1}`,
    );
    await env.ok('set', 'image', 'deployment/checkout', 'app=registry.example/checkout:1.43.0', '-n', 'shop');
    await env.ok('rollout', 'undo', 'deployment/checkout', '-n', 'shop');
    expect(await env.ok('get', 'deployment', 'checkout', '-n', 'shop', '-o', REVISION_AND_IMAGE)).toBe(
      `5 ${IMAGE_V1}`,
    );
    expect(await env.ok('rollout', 'history', 'deployment/checkout', '-n', 'shop')).toMatch(
      /2\s+release 1\.42\.0\n4\s+release 1\.41\.0\n5\s+release 1\.41\.0/,
    );
  });

  it('scale sets the pod count; with --dry-run=server it changes nothing', async () => {
    env = await startWithKubectl();
    await env.ok('scale', 'deployment/checkout', '--replicas=1', '--dry-run=server', '-n', 'shop');
    expect(
      await env.ok('get', 'deployment', 'checkout', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('3');
    await env.ok('scale', 'deployment/checkout', '--replicas=5', '-n', 'shop');
    expect(rows(await env.ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout'))).toHaveLength(5);
    expect(await env.ok('get', 'deployment', 'checkout', '-n', 'shop')).toMatch(/checkout\s+4\/5\s+5\s+4/);
  });

  it('cordon marks the node SchedulingDisabled and records NodeNotSchedulable', async () => {
    env = await startWithKubectl();
    expect(await env.ok('cordon', 'node-b')).toContain('node/node-b cordoned');
    expect(await env.ok('get', 'node', 'node-b')).toMatch(/node-b\s+Ready,SchedulingDisabled/);
    const events = await env.ok('get', 'events', '-A', '--field-selector', 'involvedObject.name=node-b');
    expect(events).toMatch(
      /Normal\s+NodeNotSchedulable\s+node\/node-b\s+Node node-b status is now: NodeNotSchedulable/,
    );
  });

  it('drain evicts the pods (sparing DaemonSet pods) and they come back on other nodes', async () => {
    env = await startWithKubectl();
    const drain = await env.kubectl([
      'drain',
      'node-c',
      '--ignore-daemonsets',
      '--delete-emptydir-data',
      '--timeout=20s',
    ]);
    expect(drain.code).toBe(0);
    expect(drain.stderr).toContain('ignoring DaemonSet-managed Pods: monitoring/node-exporter-h7k2m');
    expect(drain.stdout).toContain(`pod/${CRASHING_POD} evicted`);
    expect(drain.stdout).toContain('pod/orders-db-1 evicted');
    const left = await env.ok('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-c', '-o', 'name');
    expect(left.trim()).toBe('pod/node-exporter-h7k2m');
    expect(
      await env.ok(
        'get',
        'pod',
        'orders-db-1',
        '-n',
        'shop',
        '-o',
        'jsonpath={.status.phase} {.spec.nodeName}',
      ),
    ).toMatch(/^Running node-[ab]$/);
  });

  it('drain stops at a PodDisruptionBudget it would break', async () => {
    env = await startWithKubectl();
    const drain = await env.kubectl(['drain', 'node-a', '--ignore-daemonsets', '--timeout=2s']);
    expect(drain.code).not.toBe(0);
    expect(drain.stderr).toContain("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(await env.ok('get', 'pod', CHECKOUT_PODS[0]!, '-n', 'shop', '-o', 'name')).toContain(
      CHECKOUT_PODS[0],
    );
  });

  it('apply -f creates and then configures an object (server-side field validation, no schemas needed)', async () => {
    env = await startWithKubectl();
    const manifest = (value: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'feature-flags', namespace: 'shop' },
        data: { pricing: value },
      });
    const file = join(dirname(env.sim.kubeconfigPath), 'flags.json');
    writeFileSync(file, manifest('off'));
    expect(await env.ok('apply', '-f', file)).toContain('configmap/feature-flags created');
    writeFileSync(file, manifest('on'));
    expect(await env.ok('apply', '-f', file)).toContain('configmap/feature-flags configured');
    expect(
      await env.ok('get', 'configmap', 'feature-flags', '-n', 'shop', '-o', 'jsonpath={.data.pricing}'),
    ).toBe('on');
  });
});

describe('kubectl against a rendered scenario', () => {
  let sim: KubeSimulator;
  let ok: (...args: string[]) => Promise<string>;
  beforeAll(async () => {
    const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    const now = new Date('2026-04-25T14:30:00Z');
    sim = await startKubeSimulator(renderKubeWorld(scenario, { now: () => now }));
    const kubectl = kubectlFor(sim.kubeconfigPath);
    ok = async (...args) => {
      const result = await kubectl(args);
      if (result.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return result.stdout;
    };
  });
  afterAll(async () => {
    await sim.close();
  });

  it('shows the crash-looping checkout pod and its logs', async () => {
    const pods = await ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout');
    expect(pods).toMatch(/0\/1\s+CrashLoopBackOff/);
    const logs = await ok('logs', 'deployment/checkout', '-n', 'shop', '--tail=20');
    expect(logs).toMatch(/Connection timeout to orders-db/);
  });

  it('rolls back the bad release: the previous image comes back and the rollout completes', async () => {
    await ok('rollout', 'undo', 'deployment/checkout', '-n', 'shop');
    expect(await ok('get', 'deployment', 'checkout', '-n', 'shop', '-o', REVISION_AND_IMAGE)).toBe(
      '3 registry.example/checkout:1.41.0',
    );
    expect(await ok('rollout', 'status', 'deployment/checkout', '-n', 'shop', '--timeout=20s')).toContain(
      'successfully rolled out',
    );
    expect(rows(await ok('get', 'replicasets', '-n', 'shop', '-l', 'app=checkout'))).toHaveLength(2);
    expect(await ok('get', 'pods', '-n', 'shop', '-l', 'app=checkout')).not.toContain('CrashLoopBackOff');
  });
});
