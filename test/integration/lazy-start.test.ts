// What a stdio server loads before it answers, and what waits for first use. An MCP client
// starts `opswarden serve` for every session, so the heavy client libraries (the Kubernetes
// client alone took ~400 ms to import), prom-client, the HTTP stack and other commands'
// modules must not load before initialize and tools/list are answered, even with every
// backend configured; a call then loads the client it needs and works. Recorded by a
// module-load hook in the real child process the SDK client starts.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const HOOK = pathToFileURL(join(REPO, 'test/fixtures/record-module-loads.ts')).href;
/** Nothing listens here: calls fail fast, after their client library has loaded. */
const NOWHERE = '127.0.0.1:1';
/** Loaded on first use only; each pattern names what it stands for in failures. */
const DEFERRED: Record<string, RegExp> = {
  '@kubernetes/client-node': /node_modules\/@kubernetes\/client-node\//,
  '@aws-sdk/client-cloudwatch-logs': /node_modules\/@aws-sdk\/client-cloudwatch-logs\//,
  'prometheus-query': /node_modules\/prometheus-query\//,
  'prom-client': /node_modules\/prom-client\//,
  'jose (HTTP auth)': /node_modules\/jose\//,
  'node:http (first ES import costs ~80 ms)': /^node:http$/,
  'the sandbox simulators': /\/src\/sandbox\/(kube|prometheus|alertmanager|cloudwatch)\//,
  'the other commands':
    /\/src\/cli\/(sandbox|init|doctor|drill|approvals|audit|policy|runbook|scenario)\.ts$/,
  // Not configured here (no `telemetry`): never loaded at all, not even by a call.
  'the OpenTelemetry SDK': /node_modules\/@opentelemetry\/(sdk-trace|exporter-trace-otlp-http|resources)\//,
  'src/telemetry/otel.ts': /\/src\/telemetry\/otel\.ts$/,
};

const dir = mkdtempSync(join(tmpdir(), 'opswarden-lazy-start-'));
const moduleLog = join(dir, 'modules.log');
const loaded = () => readFileSync(moduleLog, 'utf8').split('\n');
const loadedNow = (pattern: RegExp) => loaded().some((url) => pattern.test(url));
let client: Client;
let stderr = '';

beforeAll(async () => {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: prod',
      `clusters: [{ name: prod, cluster: { server: "https://${NOWHERE}" } }]`,
      'users: [{ name: me, user: { token: t0ken } }]',
      'contexts: [{ name: prod, context: { cluster: prod, user: me } }, { name: staging, context: { cluster: prod, user: me } }]',
    ].join('\n'),
  );
  const configPath = join(dir, 'opswarden.yaml');
  writeFileSync(
    configPath,
    [
      `store: { path: ${join(dir, 'opswarden.db')} }`,
      `kubernetes: { kubeconfig: ${kubeconfig} }`,
      `prometheus: { url: "http://${NOWHERE}" }`,
      `cloudwatch: { region: eu-west-1, endpoint: "http://${NOWHERE}" }`,
      'logging: { level: warn }',
    ].join('\n'),
  );
  writeFileSync(moduleLog, '');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', HOOK, CLI, 'serve', '--config', configPath],
    env: { ...(process.env as Record<string, string>), MODULE_LOAD_LOG: moduleLog },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'lazy-start-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opswarden serve over stdio, every backend configured', () => {
  it('answers initialize and tools/list without loading what only a call, HTTP or another command needs', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['k8s_pods_list', 'prom_query']));
    expect(loaded().length, 'the hook recorded nothing').toBeGreaterThan(10);
    const early = Object.entries(DEFERRED).filter(([, pattern]) => loadedNow(pattern));
    expect(
      early.map(([what]) => what),
      stderr,
    ).toEqual([]);
  });

  it('loads the Kubernetes client on the first Kubernetes call, which then reaches the default cluster', async () => {
    const res = await client.callTool({ name: 'k8s_pods_list', arguments: { namespace: 'shop' } });
    const text = (res.content as { text: string }[])[0]!.text;
    expect(res.isError).toBe(true);
    expect(text).toMatch(/Pod shop in cluster prod/);
    expect(loadedNow(DEFERRED['@kubernetes/client-node']!)).toBe(true);
    const unknown = await client.callTool({
      name: 'k8s_pods_list',
      arguments: { cluster: 'qa', namespace: 'x' },
    });
    expect((unknown.content as { text: string }[])[0]!.text).toMatch(/unknown cluster "qa".*prod, staging/);
  });

  it('loads prometheus-query on the first PromQL call and prom-client once a call is counted', async () => {
    const res = await client.callTool({ name: 'prom_query', arguments: { query: 'up' } });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0]!.text).toMatch(/Prometheus/);
    expect(loadedNow(DEFERRED['prometheus-query']!)).toBe(true);
    expect(loadedNow(DEFERRED['prom-client']!)).toBe(true);
    expect(loadedNow(DEFERRED['@aws-sdk/client-cloudwatch-logs']!)).toBe(false);
    expect(loadedNow(DEFERRED['the OpenTelemetry SDK']!)).toBe(false);
    expect(loadedNow(DEFERRED['src/telemetry/otel.ts']!)).toBe(false);
  });
});

describe('a kubeconfig that cannot serve the configured clusters', () => {
  const serveWith = (kubernetes: string) => {
    const configPath = join(dir, `bad-${kubernetes.length}.yaml`);
    writeFileSync(configPath, `store: { path: ${join(dir, 'bad.db')} }\nkubernetes: ${kubernetes}\n`);
    return runCli(['serve', '--config', configPath]);
  };

  it('still refuses to start, in one line, when the file is missing', () => {
    const res = serveWith(`{ kubeconfig: ${join(dir, 'missing')} }`);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^opswarden serve: cannot load kubeconfig .*missing: .*ENOENT/m);
  });

  it('still refuses to start when a cluster names a context the file does not have', () => {
    const res = serveWith(`{ kubeconfig: ${join(dir, 'kubeconfig')}, clusters: { qa: { context: qa-1 } } }`);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /cluster qa: context "qa-1" is not in .*kubeconfig \(contexts: prod, staging\)/,
    );
  });
});
