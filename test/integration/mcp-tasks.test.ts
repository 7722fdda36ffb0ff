// A runbook run as an MCP task (the tasks extension of 2026-07-28) over HTTP: a client that
// declares the extension gets a task handle from runbook_run instead of waiting, polls
// tasks/get, and still gets the result after the server was killed and started again (the
// task is a row in the store pointing at the run, which resumes; stdio:
// mcp-tasks-stdio.test.ts); tasks/cancel cancels the run through
// the gate. Clients without the extension keep the in-band answer. The wire is written out
// here as a client sends it, so each field the extension defines is asserted.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type Json, message, modern, TAKES_TASKS, TASKS_EXTENSION } from '../helpers/mcp-wire.ts';
import {
  configWithRunbook,
  PATCH_SETTLE_PATCH_RUN,
  patchSettlePatch,
  serveHttp,
} from '../helpers/runbook-server.ts';
import { REPO } from '../helpers/world.ts';

const TOKEN = 'mcp-tasks-test-token-0123456789abcdef';

let sandbox: Sandbox;
let configPath: string;
let server: { child: ChildProcess; url: string };

/** One 2026-07-28 request; `tasks` declares the extension in the request's capabilities. */
async function rpc(
  method: string,
  params: Json,
  opts: { tasks?: boolean; name?: string } = {},
): Promise<Json> {
  const req = modern(1, method, params, {
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.tasks ? { meta: TAKES_TASKS } : {}),
  });
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { ...req.headers, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(req.body),
  });
  return message({ body: await res.text() });
}

const runbookRun = (tasks: boolean) =>
  rpc(
    'tools/call',
    { name: 'runbook_run', arguments: PATCH_SETTLE_PATCH_RUN },
    { tasks, name: 'runbook_run' },
  );
const taskGet = (taskId: string) => rpc('tasks/get', { taskId }, { name: taskId });

async function until(taskId: string, status: string): Promise<Json> {
  for (let i = 0; i < 200; i++) {
    const got = await taskGet(taskId);
    const result = got.result as Json | undefined;
    if (result?.status === status) return result;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${taskId} never reached ${status}`);
}

beforeAll(async () => {
  sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')), {
    clock: 'live',
    apiKey: TOKEN,
  });
  configPath = configWithRunbook(sandbox, patchSettlePatch('6s'), 'tasks');
  server = await serveHttp(configPath);
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await sandbox?.close();
});

it('advertises the tasks extension in server/discover', async () => {
  const discovered = (await rpc('server/discover', {})).result as { capabilities: Json };
  expect(discovered.capabilities.extensions).toEqual({ [TASKS_EXTENSION]: {} });
});

it('a runbook started as a task is followed to its result, across a server killed and started again', async () => {
  const created = (await runbookRun(true)).result as Json;
  expect(created).toMatchObject({ resultType: 'task', status: 'working', ttlMs: null, pollIntervalMs: 2000 });
  expect(created).not.toHaveProperty('result');
  const taskId = created.taskId as string;
  const working = (await taskGet(taskId)).result as Json;
  expect(working).toMatchObject({ resultType: 'complete', taskId, status: 'working' });
  // Progress: the step the run is at.
  expect(working.statusMessage).toMatch(/^running step (raise-pool|settle)$/);

  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  server = await serveHttp(configPath);

  const done = await until(taskId, 'completed');
  const result = done.result as { structuredContent: Json; content: { text: string }[] };
  expect(result.structuredContent).toMatchObject({
    state: 'finished',
    outcome: 'resolved',
    decidedBy: 'record',
  });
  expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent);
}, 60_000);

it('tasks/cancel cancels the run through the gate, and the task says so', async () => {
  const created = (await runbookRun(true)).result as Json;
  const taskId = created.taskId as string;
  const ack = await rpc('tasks/cancel', { taskId }, { name: taskId });
  expect(ack.result).toMatchObject({ resultType: 'complete' });
  const cancelled = await until(taskId, 'cancelled');
  expect(cancelled).not.toHaveProperty('result');
}, 30_000);

it('answers a client without the extension in band, and an unknown task id with an error naming it', async () => {
  const inBand = (await runbookRun(false)).result as { structuredContent: Json; resultType: string };
  expect(inBand.resultType).toBe('complete');
  expect(inBand.structuredContent).toMatchObject({ state: 'running' });
  await rpc(
    'tools/call',
    { name: 'runbook_cancel', arguments: { id: inBand.structuredContent.id, reason: 'cleanup' } },
    { name: 'runbook_cancel' },
  );
  const unknown = await taskGet('tsk_madeup');
  expect((unknown.error as Json).message).toContain('no task tsk_madeup');
}, 30_000);
