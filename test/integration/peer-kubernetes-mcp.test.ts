// A peer MCP server built on client-go, kubernetes-mcp-server, driven through a real MCP
// client against the customer-etl scenario's simulated cluster: it lists the scenario's
// pods (all namespaces, which it first checks with a protobuf SelfSubjectAccessReview), reads
// the crash-looping pod's logs (current and previous container) exactly as kubectl does,
// lists the scenario's events, and scales a Deployment; kubectl and opswarden's own
// Kubernetes tools, on the same simulator, see the new replica count; on another scenario
// the peer's scale-out is the fix, and the sandbox heals as it would for opswarden's.
// kubectl's typed commands, which send protobuf, get a Secret stored as base64 data and a
// clear 415 for anything else.

import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { eventually } from '../helpers/eventually.ts';
import { type KubectlResult, kubectlFor } from '../helpers/kubectl.ts';
import { type KubernetesMcpServer, startKubernetesMcpServer } from '../helpers/kubernetes-mcp-server.ts';
import { connectSandboxAgent } from '../helpers/sandbox-agent.ts';
import { REPO } from '../helpers/world.ts';

interface PodJson {
  metadata: { name: string; labels: Record<string, string> };
  status: { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
}

let sandbox: Sandbox;
let peer: KubernetesMcpServer;
let app: App;
let opswarden: Client;
let run: (args: string[]) => Promise<KubectlResult>;

async function kubectl(...args: string[]): Promise<string> {
  const res = await run(args);
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${res.code}): ${res.stderr}`);
  return res.stdout;
}

/** A peer tool call that must succeed; its text. */
async function peerCall(name: string, args: Record<string, unknown> = {}): Promise<string> {
  const res = await peer.call(name, args);
  expect(res.isError, `${name} failed: ${res.text}\n${peer.log().slice(-4000)}`).toBe(false);
  return res.text;
}

/** An opswarden tool call that must succeed; its structured content. */
async function opswardenCall(name: string, args: Record<string, unknown>) {
  const res = await opswarden.callTool({ name, arguments: args });
  const text = (res.content as { text?: string }[])[0]?.text ?? '';
  expect(res.isError, `${name} failed: ${text}`).toBeFalsy();
  return res.structuredContent as Record<string, unknown>;
}

async function dataPods(): Promise<PodJson[]> {
  return (JSON.parse(await kubectl('get', 'pods', '-n', 'data', '-o', 'json')) as { items: PodJson[] }).items;
}

beforeAll(async () => {
  sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios', 'customer-etl.yaml')), {
    clock: 'frozen',
  });
  run = kubectlFor(sandbox.kubeconfigPath);
  peer = await startKubernetesMcpServer(sandbox.kubeconfigPath);
  app = createApp({
    config: sandbox.config,
    logger: pino({ level: 'silent' }),
    worldClock: sandbox.clock,
  });
  opswarden = await connectSandboxAgent(app, 'peer-test-agent');
});

afterAll(async () => {
  await peer?.close();
  await opswarden?.close();
  await app?.close();
  await sandbox?.close();
});

describe('kubernetes-mcp-server against the simulated customer-etl cluster', () => {
  it('starts over stdio on the sandbox kubeconfig and lists its core tools, writes included', () => {
    expect(peer.tools).toEqual(
      expect.arrayContaining([
        'pods_list',
        'pods_list_in_namespace',
        'pods_log',
        'events_list',
        'resources_scale',
        'resources_get',
        'pods_delete',
      ]),
    );
  });

  it('lists the scenario pods, in the namespace and across all namespaces', async () => {
    const pods = await dataPods();
    expect(pods.map((pod) => pod.metadata.labels.app).sort()).toEqual([
      'billing-export',
      'crm-sync',
      'crm-sync',
      'customer-etl',
      'customer-etl',
      'customer-etl',
      'report-builder',
    ]);
    const crashing = pods.find(
      (pod) => pod.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
    )!;
    expect(crashing.metadata.labels.app).toBe('customer-etl');

    const inNamespace = await peerCall('pods_list_in_namespace', { namespace: 'data' });
    // All namespaces: the peer checks `list pods` cluster-wide with a SelfSubjectAccessReview
    // first, and lists only its default namespace when the review fails.
    const everywhere = await peerCall('pods_list');
    for (const listing of [inNamespace, everywhere]) {
      for (const pod of pods) expect(listing).toContain(pod.metadata.name);
      const row = listing.split('\n').find((line) => line.includes(crashing.metadata.name))!;
      expect(row).toMatch(/\b0\/1\s+CrashLoopBackOff\s+3 \(3m ago\)/);
      expect(row).toContain('ip-10-20-3-201');
    }
  });

  it("reads the crash-looping pod's logs as kubectl does, current and previous container", async () => {
    const crashing = (await dataPods()).find(
      (pod) => pod.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
    )!.metadata.name;
    const current = await peerCall('pods_log', { namespace: 'data', name: crashing, tail: 40 });
    expect(current).toContain('Timeout acquiring connection from pool (pool size 8, waiting ');
    expect(current).toMatch(/Task queue backlog \d+ tasks waiting for a connection; heap \d+% of 2048Mi/);
    expect(current).toBe(await kubectl('logs', '-n', 'data', crashing, '--tail=40'));

    const previous = await peerCall('pods_log', {
      namespace: 'data',
      name: crashing,
      previous: true,
      tail: 5,
    });
    expect(previous).toBe(await kubectl('logs', '-n', 'data', crashing, '--previous', '--tail=5'));
    const stamps = (text: string) => [...text.matchAll(/^(\S+Z) /gm)].map((m) => Date.parse(m[1]!));
    // The last OOM kill was at 03:07 (-3m): the previous container's log ends there.
    const lastOomKill = Date.parse('2026-05-12T03:07:00Z');
    expect(stamps(previous).length).toBeGreaterThan(0);
    expect(Math.max(...stamps(previous))).toBeLessThan(lastOomKill);
    expect(Math.min(...stamps(current))).toBeGreaterThanOrEqual(lastOomKill);
  });

  it('lists the scenario events: back-off and failing probes of the crashing pod, OOM kills, the rollout', async () => {
    const crashing = (await dataPods()).find(
      (pod) => pod.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff',
    )!.metadata.name;
    const events = await peerCall('events_list', { namespace: 'data' });
    expect(events).toContain(`Back-off restarting failed container etl in pod ${crashing}_data(`);
    expect(events).toContain('Reason: BackOff');
    expect(events).toContain('Readiness probe failed');
    expect(events).toMatch(/Scaled up replica set customer-etl-[a-z0-9]+ to 3 from 0/);
    expect(events).toMatch(/Scaled down replica set customer-etl-[a-z0-9]+ to 0 from 3/);
    // The node's OOM kills are events in `default`, seen when listing every namespace.
    const all = await peerCall('events_list');
    expect(all.match(/Reason: OOMKilling/g)).toHaveLength(3);
    expect(all).toContain('Memory cgroup out of memory: Killed process');
    expect(all).toContain(`Back-off restarting failed container etl in pod ${crashing}_data(`);
  });

  it('scales a Deployment: kubectl and opswarden see the new spec.replicas and the new pods', async () => {
    const before = await peerCall('resources_scale', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'data',
      name: 'crm-sync',
    });
    expect(before).toMatch(/kind: Scale[\s\S]*spec:\n {2}replicas: 2\n/);
    const after = await peerCall('resources_scale', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'data',
      name: 'crm-sync',
      scale: 4,
    });
    expect(after).toMatch(/spec:\n {2}replicas: 4\n/);
    expect(after).toContain('selector: app=crm-sync');

    expect(
      await kubectl('get', 'deployment', 'crm-sync', '-n', 'data', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('4');
    await eventually(
      () => kubectl('get', 'deployment', 'crm-sync', '-n', 'data', '-o', 'jsonpath={.status.readyReplicas}'),
      (ready) => expect(ready).toBe('4'),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const deployment = await opswardenCall('k8s_resource_get', {
      kind: 'Deployment',
      namespace: 'data',
      name: 'crm-sync',
    });
    expect((deployment.object as { spec: { replicas: number } }).spec.replicas).toBe(4);
    const pods = await opswardenCall('k8s_pods_list', { namespace: 'data', labelSelector: 'app=crm-sync' });
    expect(pods.total).toBe(4);
    // And the peer itself, reading the scale back.
    expect(
      await peerCall('resources_scale', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'data',
        name: 'crm-sync',
      }),
    ).toMatch(/spec:\n {2}replicas: 4\n[\s\S]*status:\n {2}replicas: 4\n/);
  });
});

describe('a fix made by the peer heals the world as one made by opswarden would', () => {
  it('scaling search out through kubernetes-mcp-server ends search-traffic-surge: its alerts resolve', async () => {
    const surge = await startSandbox(loadScenario(join(REPO, 'scenarios', 'search-traffic-surge.yaml')), {
      clock: 'live',
      speed: 120,
    });
    const other = await startKubernetesMcpServer(surge.kubeconfigPath);
    try {
      const firing = async () =>
        (
          (await (await fetch(`${surge.urls.alertmanager}/api/v2/alerts`)).json()) as {
            labels: { alertname: string };
          }[]
        ).map((a) => a.labels.alertname);
      expect(await firing()).toContain('SearchLatencyHigh');
      const scaled = await other.call('resources_scale', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'catalog',
        name: 'search',
        scale: 8,
      });
      expect(scaled.isError, scaled.text).toBe(false);
      await eventually(
        async () => surge.reactions(),
        (reactions) =>
          expect(reactions).toEqual([
            expect.objectContaining({
              kind: 'fix',
              tool: 'k8s_deployment_scale',
              target: 'Deployment/catalog/search',
            }),
          ]),
        { timeoutMs: 5_000, intervalMs: 50 },
      );
      // The latency recovers over the scenario's 4 minutes (2 s here), then the rule stops.
      await eventually(firing, (names) => expect(names).not.toContain('SearchLatencyHigh'), {
        timeoutMs: 30_000,
        intervalMs: 250,
      });
    } finally {
      await other.close();
      await surge.close();
    }
  }, 60_000);
});

describe("kubectl's protobuf writes against the same simulator", () => {
  it('stores `kubectl create secret generic --from-literal` as base64 data', async () => {
    await kubectl('create', 'secret', 'generic', 'peer-check', '-n', 'data', '--from-literal=a=b');
    expect(await kubectl('get', 'secret', 'peer-check', '-n', 'data', '-o', 'jsonpath={.data.a}')).toBe(
      'Yg==',
    );
    expect(await kubectl('get', 'secret', 'peer-check', '-n', 'data', '-o', 'jsonpath={.type}')).toBe(
      'Opaque',
    );
  });

  it('answers a protobuf ConfigMap (`kubectl create configmap`) with a 415 asking for JSON', async () => {
    const res = await run(['create', 'configmap', 'peer-check', '-n', 'data', '--from-literal=a=b']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('protobuf is not supported');
    expect(res.stderr).toContain('send JSON');
    expect((await run(['get', 'configmap', 'peer-check', '-n', 'data'])).code).not.toBe(0);
  });
});
