// A runbook run as an MCP task (the tasks extension of 2026-07-28): a client that declares
// the extension gets a task handle from runbook_run instead of waiting, polls tasks/get,
// and still gets the result after the server was killed and started again (the task is a
// row in the store pointing at the run, which resumes); tasks/cancel cancels the run through
// the gate. Clients without the extension keep the in-band answer. The wire is written out
// here as a client sends it, so each field the extension defines is asserted.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type Json, message, modern, TAKES_TASKS, TASKS_EXTENSION } from '../helpers/mcp-wire.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const TOKEN = 'mcp-tasks-test-token-0123456789abcdef';

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
      wait: 6s
    - id: record
      title: Record the run on the ConfigMap
      action:
        tool: k8s_configmap_patch
        args: { namespace: "{{ params.namespace }}", name: "{{ params.configmap }}", data: { last_runbook: "{{ execution.id }}" }, reason: "runbook {{ runbook.name }}: record" }
`;
const RUN = {
  runbook: 'patch-settle-patch',
  params: { namespace: 'data', configmap: 'customer-etl-config' },
  reason: 'customer-etl pool exhausted',
};

let sandbox: Sandbox;
let configPath: string;
let server: { child: ChildProcess; url: string };

/** `opswarden serve --http --port 0`; resolves with its MCP URL once it listens. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--config', configPath], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  rpc('tools/call', { name: 'runbook_run', arguments: RUN }, { tasks, name: 'runbook_run' });
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
  const runbooksDir = join(sandbox.dir, 'runbooks');
  mkdirSync(runbooksDir);
  writeFileSync(join(runbooksDir, 'patch-settle-patch.yaml'), RUNBOOK);
  const raw = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Json;
  configPath = join(sandbox.dir, 'tasks.yaml');
  writeFileSync(
    configPath,
    yaml.dump({ ...raw, runbooks: { dir: runbooksDir }, environments: { namespaces: { data: 'staging' } } }),
  );
  server = await serve();
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

  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  server = await serve();

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
