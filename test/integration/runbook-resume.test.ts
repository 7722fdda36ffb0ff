// A server killed in the middle of a run picks it up when it starts again, without
// repeating what already ran. The world (customer-etl) runs in this process; opswarden runs
// as `opswarden serve --http` on the sandbox's config, with a runbooks directory of its own
// and the `data` namespace treated as staging (changes need no approval). The run patches
// the ConfigMap, waits, and patches it again; the server is SIGKILLed during the wait.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import yaml from 'js-yaml';
import { afterEach, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/log.ts';
import type { ExecutionStatus } from '../../src/runbooks/service.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const TOKEN = 'runbook-resume-test-token-0123456789';

const RUNBOOK = `apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: patch-settle-patch, version: 1.0.0, title: Raise the pool then record the run }
spec:
  description: Raises the pool, waits for the workers to pick it up, then records the run on the ConfigMap.
  matches: { categories: [config], signals: [db_pool_exhausted] }
  params:
    - { name: namespace, type: string, required: true, description: Namespace }
    - { name: configmap, type: string, required: true, description: The ConfigMap }
  steps:
    - id: raise-pool
      title: Raise the pool
      action:
        tool: k8s_configmap_patch
        args: { namespace: "{{ params.namespace }}", name: "{{ params.configmap }}", data: { db_pool_max: "40" }, reason: "runbook {{ runbook.name }}: raise the pool" }
    - id: settle
      title: Let the workers pick it up
      wait: 8s
    - id: record
      title: Record the run on the ConfigMap
      action:
        tool: k8s_configmap_patch
        args: { namespace: "{{ params.namespace }}", name: "{{ params.configmap }}", data: { last_runbook: "{{ execution.id }}" }, reason: "runbook {{ runbook.name }}: record" }
`;

let sandbox: Sandbox | undefined;
const servers: ChildProcess[] = [];
afterEach(async () => {
  for (const s of servers) s.kill('SIGKILL');
  await sandbox?.close();
});

/** `opswarden serve --http --port 0`; resolves with its MCP URL once it listens. */
async function serve(configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--config', configPath], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'runbook-resume-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    }),
  );
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ExecutionStatus> {
  const res = await client.callTool({ name, arguments: args });
  expect(res.isError, JSON.stringify(res.content)).toBeFalsy();
  return res.structuredContent as unknown as ExecutionStatus;
}

it('a killed server resumes the run at its current step and does not repeat the executed action', async () => {
  sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')), {
    clock: 'live',
    apiKey: TOKEN,
  });
  const runbooksDir = join(sandbox.dir, 'runbooks');
  mkdirSync(runbooksDir);
  writeFileSync(join(runbooksDir, 'patch-settle-patch.yaml'), RUNBOOK);
  const raw = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Record<string, unknown>;
  const configPath = join(sandbox.dir, 'resume.yaml');
  writeFileSync(
    configPath,
    yaml.dump({ ...raw, runbooks: { dir: runbooksDir }, environments: { namespaces: { data: 'staging' } } }),
  );

  const first = await serve(configPath);
  const client = await connect(first.url);
  const started = await call(client, 'runbook_run', {
    runbook: 'patch-settle-patch',
    params: { namespace: 'data', configmap: 'customer-etl-config' },
    reason: 'customer-etl pool exhausted',
  });
  let status = started;
  while (status.currentStep !== 'settle') {
    await new Promise((r) => setTimeout(r, 100));
    status = await call(client, 'runbook_status', { id: started.id });
  }
  expect(status.steps[0]).toMatchObject({ id: 'raise-pool', outcome: 'executed' });
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await serve(configPath);
  const again = await connect(second.url);
  const done = await call(again, 'runbook_status', { id: started.id, waitSeconds: 30 });
  await again.close();
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'record' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual([
    ['raise-pool', 'executed'],
    ['settle', 'waited'],
    ['record', 'executed'],
  ]);
  // The wait kept its deadline across the restart: 8s in all, not 8s more.
  expect(done.steps[1]!.durationMs!).toBeLessThan(12_000);

  const db = openDatabase(sandbox.config.store.path);
  try {
    const executed = AuditLog.open(db)
      .query({ type: 'action.executed', tool: 'k8s_configmap_patch' })
      .map((r) => r.callId);
    expect(executed).toHaveLength(2);
    expect(executed).toEqual(done.steps.flatMap((s) => s.callIds));
  } finally {
    db.close();
  }
  const cm = await fetchConfigMap(second.url);
  expect(cm).toMatchObject({ db_pool_max: '40', last_runbook: started.id });
}, 120_000);

async function fetchConfigMap(url: string): Promise<Record<string, string>> {
  const client = await connect(url);
  try {
    const res = await client.callTool({
      name: 'k8s_resource_get',
      arguments: { kind: 'ConfigMap', namespace: 'data', name: 'customer-etl-config' },
    });
    const content = res.structuredContent as { object?: { data?: Record<string, string> } };
    return content.object?.data ?? {};
  } finally {
    await client.close();
  }
}
