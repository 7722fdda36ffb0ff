// A runbook run as an MCP task over stdio (2026-07-28, the tasks extension declared on the
// request): `opswarden serve` answers runbook_run with a task, is killed in the middle of
// the run and started again on the same store, and tasks/get on the new process follows
// the resumed run to its result. A world of its own: the policy's history would hold a
// ConfigMap patched by other tests' runs for approval.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { type Json, modern, TAKES_TASKS } from '../helpers/mcp-wire.ts';
import { configWithRunbook, PATCH_SETTLE_PATCH_RUN, patchSettlePatch } from '../helpers/runbook-server.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

let sandbox: Sandbox;
let configPath: string;

beforeAll(async () => {
  sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios/customer-etl.yaml')), { clock: 'live' });
  configPath = configWithRunbook(sandbox, patchSettlePatch('4s'), 'tasks-stdio');
}, 60_000);
afterAll(async () => sandbox?.close());

/** `opswarden serve` over stdio on the config: one JSON-RPC line per request, answers matched by id. */
function serveStdio() {
  const child = spawn(process.execPath, [CLI, 'serve', '--config', configPath], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const waiting = new Map<number, (message: Json) => void>();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const answer = JSON.parse(line) as Json;
      if (typeof answer.id === 'number') waiting.get(answer.id)?.(answer);
    }
  });
  let lastId = 0;
  return {
    child,
    send(method: string, params: Json, opts: { tasks?: boolean; name?: string } = {}): Promise<Json> {
      const id = ++lastId;
      const req = modern(id, method, params, {
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.tasks ? { meta: TAKES_TASKS } : {}),
      });
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify(req.body)}\n`);
      });
    },
  };
}

it('a runbook task survives the server process being killed and started again', async () => {
  const first = serveStdio();
  const created = (
    await first.send(
      'tools/call',
      { name: 'runbook_run', arguments: PATCH_SETTLE_PATCH_RUN },
      { tasks: true, name: 'runbook_run' },
    )
  ).result as Json;
  expect(created).toMatchObject({ resultType: 'task', status: 'working' });
  const taskId = created.taskId as string;
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = serveStdio();
  try {
    let task: Json = {};
    for (let i = 0; i < 200 && task.status !== 'completed'; i++) {
      task = (await second.send('tasks/get', { taskId }, { name: taskId })).result as Json;
      if (task.status !== 'completed') await new Promise((r) => setTimeout(r, 100));
    }
    expect(task.status, JSON.stringify(task)).toBe('completed');
    expect((task.result as { structuredContent: Json }).structuredContent).toMatchObject({
      state: 'finished',
      outcome: 'resolved',
    });
  } finally {
    second.child.kill('SIGKILL');
  }
}, 60_000);
