// A server killed in the middle of a run picks it up when it starts again, without
// repeating what already ran. The world (customer-etl) runs in this process; opswarden runs
// as `opswarden serve --http` on the sandbox's config, with a runbooks directory of its own
// and the `data` namespace treated as staging (changes need no approval). The run patches
// the ConfigMap, waits, and patches it again; the server is SIGKILLed during the wait.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/log.ts';
import type { ExecutionStatus } from '../../src/runbooks/service.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import {
  configWithRunbook,
  PATCH_SETTLE_PATCH_RUN,
  patchSettlePatch,
  serveHttp,
} from '../helpers/runbook-server.ts';
import { REPO } from '../helpers/world.ts';

const TOKEN = 'runbook-resume-test-token-0123456789';

let sandbox: Sandbox | undefined;
const servers: ChildProcess[] = [];
afterEach(async () => {
  for (const s of servers) s.kill('SIGKILL');
  await sandbox?.close();
});

async function serve(configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const served = await serveHttp(configPath);
  servers.push(served.child);
  return served;
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
  const configPath = configWithRunbook(sandbox, patchSettlePatch('8s'), 'resume');

  const first = await serve(configPath);
  const client = await connect(first.url);
  const started = await call(client, 'runbook_run', PATCH_SETTLE_PATCH_RUN);
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
