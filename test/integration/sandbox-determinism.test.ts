// Same scenario twice → identical API responses: two frozen sandboxes of the same scenario
// answer the Kubernetes, Prometheus, Alertmanager and CloudWatch Logs APIs byte for byte
// alike (pod names, uids, log lines, sample values, alert fingerprints), so a drill or a
// test sees the same world every run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { REPO } from '../helpers/world.ts';

const SCENARIO = join(REPO, 'scenarios/checkout-bad-deploy.yaml');
const sandboxes: Sandbox[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'opswarden-determinism-'));
    dirs.push(dir);
    sandboxes.push(await startSandbox(loadScenario(SCENARIO), { clock: 'frozen', dir }));
  }
}, 60_000);

afterAll(async () => {
  for (const sandbox of sandboxes) await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The same request against both sandboxes. */
async function both<T>(ask: (sandbox: Sandbox) => Promise<T>): Promise<[T, T]> {
  return [await ask(sandboxes[0]!), await ask(sandboxes[1]!)];
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return res.json();
}

describe('the same scenario twice', () => {
  it('gives identical Kubernetes objects and pod logs', async () => {
    const [a, b] = await both(async (sandbox) => {
      const kc = new KubeConfig();
      kc.loadFromFile(sandbox.kubeconfigPath);
      const core = kc.makeApiClient(CoreV1Api);
      const pods = await core.listPodForAllNamespaces();
      const first = pods.items.find((p) => p.metadata?.labels?.app === 'checkout')!;
      const log = await core.readNamespacedPodLog({
        name: first.metadata!.name!,
        namespace: first.metadata!.namespace!,
        tailLines: 200,
        timestamps: true,
      });
      const events = await core.listEventForAllNamespaces();
      return JSON.stringify({ pods: pods.items, log, events: events.items });
    });
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toBe(b);
  });

  it('gives identical Prometheus query results', async () => {
    const query = encodeURIComponent('sum by (code) (rate(http_requests_total{service="checkout"}[5m]))');
    const [a, b] = await both(async (sandbox) =>
      JSON.stringify(
        await getJson(
          `${sandbox.urls.prometheus}/api/v1/query_range?query=${query}&start=${sandbox.scenario.spec.now.getTime() / 1000 - 3600}&end=${sandbox.scenario.spec.now.getTime() / 1000}&step=60`,
        ),
      ),
    );
    expect(a).toContain('"resultType":"matrix"');
    expect(a).toBe(b);
  });

  it('gives identical Alertmanager alerts', async () => {
    const [a, b] = await both(async (sandbox) =>
      JSON.stringify(await getJson(`${sandbox.urls.alertmanager}/api/v2/alerts`)),
    );
    expect(a).toContain('fingerprint');
    expect(a).toBe(b);
  });

  it('gives identical CloudWatch log events', async () => {
    const [a, b] = await both(async (sandbox) => {
      const client = new CloudWatchLogsClient({
        region: 'us-east-1',
        endpoint: sandbox.urls.cloudwatch,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const groups = sandbox.scenario.spec.logs.flatMap((l) =>
        typeof l.source === 'object' ? [l.source.cloudwatch.group] : [],
      );
      expect(groups.length).toBeGreaterThan(0);
      const out = await client.send(new FilterLogEventsCommand({ logGroupName: groups[0], limit: 100 }));
      client.destroy();
      return JSON.stringify(out.events);
    });
    expect(a.length).toBeGreaterThan(100);
    expect(a).toBe(b);
  });
});
