// A server killed in the middle of a run leaves it leased to itself; once the lease
// (store.lease, 1s here) lapses, the server started again, or another replica already
// serving the same store, adopts the run and finishes it without repeating what already
// ran. The world (customer-etl) runs in this process; opswarden runs as `opswarden serve
// --http` on the sandbox's config, with a runbooks directory of its own and the `data`
// namespace treated as staging (changes need no approval). The run patches the ConfigMap,
// waits, and patches it again; the server is SIGKILLed during the wait.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, expect, it } from 'vitest';
import { AuditLog, verifyAudit } from '../../src/audit/log.ts';
import type { ExecutionStatus } from '../../src/runbooks/service.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import {
  adoptionsIn,
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
  for (const s of servers.splice(0)) s.kill('SIGKILL');
  await sandbox?.close();
  sandbox = undefined;
});

interface Served {
  child: ChildProcess;
  url: string;
  /** What it logged (JSON lines on stderr) since it started listening. */
  log: () => string;
}

async function serve(configPath: string): Promise<Served> {
  const served = await serveHttp(configPath);
  servers.push(served.child);
  let log = '';
  served.child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  return { ...served, log: () => log };
}

async function kill(server: Served): Promise<void> {
  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
}

/** The customer-etl sandbox with patch-settle-patch (waiting `settle`) and a 1s lease; its config path. */
async function world(settle: string, name: string): Promise<string> {
  sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')), {
    clock: 'live',
    apiKey: TOKEN,
  });
  return configWithRunbook(sandbox, patchSettlePatch(settle), name);
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

async function untilStep(client: Client, id: string, step: string): Promise<ExecutionStatus> {
  for (;;) {
    const status = await call(client, 'runbook_status', { id });
    if (status.currentStep === step) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each action of the run executed exactly once, as the run's steps name them; the audit chain intact. */
function expectEachActionOnce(done: ExecutionStatus): void {
  const db = openDatabase(sandbox!.config.store.path);
  try {
    const executed = AuditLog.open(db)
      .query({ type: 'action.executed', tool: 'k8s_configmap_patch' })
      .map((r) => r.callId);
    expect(executed).toHaveLength(2);
    expect(executed).toEqual(done.steps.flatMap((s) => s.callIds));
    expect(verifyAudit(db, { jsonlPath: sandbox!.config.audit.jsonl! })).toMatchObject({ ok: true });
  } finally {
    db.close();
  }
}

const RESOLVED_STEPS = [
  ['raise-pool', 'executed'],
  ['settle', 'waited'],
  ['record', 'executed'],
];

it('a killed server, started again, resumes the run at its current step and does not repeat the executed action', async () => {
  const configPath = await world('8s', 'resume');
  const first = await serve(configPath);
  const client = await connect(first.url);
  const started = await call(client, 'runbook_run', PATCH_SETTLE_PATCH_RUN);
  const status = await untilStep(client, started.id, 'settle');
  expect(status.steps[0]).toMatchObject({ id: 'raise-pool', outcome: 'executed' });
  await kill(first);

  const second = await serve(configPath);
  const again = await connect(second.url);
  const done = await call(again, 'runbook_status', { id: started.id, waitSeconds: 30 });
  await again.close();
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'record' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual(RESOLVED_STEPS);
  // The wait kept its deadline across the restart: 8s in all, not 8s more.
  expect(done.steps[1]!.durationMs!).toBeLessThan(12_000);
  expectEachActionOnce(done);
  const cm = await fetchConfigMap(second.url);
  expect(cm).toMatchObject({ db_pool_max: '40', last_runbook: started.id });
}, 120_000);

it('a replica serving the same store adopts the run of one killed mid-run once its lease lapses', async () => {
  const configPath = await world('4s', 'replicas');
  const [a, b] = await Promise.all([serve(configPath), serve(configPath)]);
  const onA = await connect(a.url);
  const onB = await connect(b.url);
  const started = await call(onA, 'runbook_run', PATCH_SETTLE_PATCH_RUN);
  // B reads the run A executes from the shared store.
  await untilStep(onB, started.id, 'settle');
  const killedAt = Date.now();
  await kill(a);

  const done = await call(onB, 'runbook_status', { id: started.id, waitSeconds: 30 });
  await onB.close();
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved', decidedBy: 'record' });
  expect(done.steps.map((s) => [s.id, s.outcome])).toEqual(RESOLVED_STEPS);
  expect(Date.now() - killedAt).toBeLessThan(15_000);
  expectEachActionOnce(done);
  const adopted = adoptionsIn(b.log());
  expect(adopted).toHaveLength(1);
  expect(adopted[0]).toMatchObject({ execution: started.id });
  expect(adopted[0]!.previousOwner).toContain(`/${a.child.pid}/`);
  expect(adopted[0]!.owner).toContain(`/${b.child.pid}/`);
  const cm = await fetchConfigMap(b.url);
  expect(cm).toMatchObject({ db_pool_max: '40', last_runbook: started.id });
}, 120_000);

it('a waiter on one replica is told when a run another replica executes ends', async () => {
  const configPath = await world('2s', 'waiters');
  const [a, b] = await Promise.all([serve(configPath), serve(configPath)]);
  const onA = await connect(a.url);
  const onB = await connect(b.url);
  const started = await call(onA, 'runbook_run', PATCH_SETTLE_PATCH_RUN);
  const waitedFrom = Date.now();
  const done = await call(onB, 'runbook_status', { id: started.id, waitSeconds: 60 });
  await Promise.all([onA.close(), onB.close()]);
  expect(done).toMatchObject({ state: 'finished', outcome: 'resolved' });
  // Told within a poll of the end, not at the end of its 60 s.
  expect(Date.now() - waitedFrom).toBeLessThan(20_000);
  expectEachActionOnce(done);
  expect(b.log()).not.toContain('resuming runbook execution');
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
