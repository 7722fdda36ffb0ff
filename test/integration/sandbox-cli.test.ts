// The README's first command, end to end: `opswarden sandbox` with the built-in scenario
// (customer-etl v2.3.1 exhausts its database pool) started as a user starts it, driven by a
// real MCP client over stdio and over HTTP. The assistant lists pods, reads logs, queries
// PromQL, lists alerts and reads deployment history; the rollback escalates, a human
// approves it from the CLI, it executes, and the task failure rate in the sandbox recovers.
// A live clock at 30× makes the scenario's 3-minute recovery take seconds.

import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { callOk, startSandboxCli } from '../helpers/sandbox-cli.ts';
import { CLI, runCli } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const FAILURE_RATIO = 'sum(rate(etl_task_failures_total[1m])) / sum(rate(etl_tasks_processed_total[1m]))';
const SPEED = '30';

async function failureRatio(client: Client): Promise<number> {
  const result = await callOk(client, 'prom_query', { query: FAILURE_RATIO });
  const series = result.series as { value: number }[];
  expect(series, JSON.stringify(result)).toHaveLength(1);
  return series[0]!.value;
}

/** How the test's on-call human approves: the command the sandbox banner printed. */
type Approve = (approvalId: string) => ReturnType<typeof runCli>;

/** The whole on-call story against a running sandbox, approving as the banner says. */
async function workTheIncident(client: Client, approve: Approve): Promise<void> {
  const tools = await client.listTools();
  expect(tools.tools.map((t) => t.name)).toEqual(
    expect.arrayContaining([
      'k8s_pods_list',
      'k8s_pod_logs',
      'prom_query',
      'am_alerts_list',
      'deploys_history',
    ]),
  );

  const pods = await callOk(client, 'k8s_pods_list', { namespace: 'data' });
  const names = (pods.pods as { name: string }[]).map((p) => p.name);
  expect(names.some((n) => n.startsWith('customer-etl-'))).toBe(true);
  expect(pods.withProblems as number).toBeGreaterThan(0);

  const logs = await callOk(client, 'k8s_pod_logs', { namespace: 'data', labelSelector: 'app=customer-etl' });
  expect(JSON.stringify(logs)).toMatch(/pool/i);

  expect(await failureRatio(client)).toBeGreaterThan(0.5);

  const alerts = await callOk(client, 'am_alerts_list', {});
  expect(JSON.stringify(alerts)).toContain('ETLTaskFailureRateHigh');
  expect(JSON.stringify(await callOk(client, 'prom_alerts_list', {}))).toContain('ETLTaskFailureRateHigh');

  const history = await callOk(client, 'deploys_history', { namespace: 'data', service: 'customer-etl' });
  expect(JSON.stringify(history)).toContain('2.3.1');
  // Scenario changes arrive as posted change events.
  expect(JSON.stringify(history)).toContain('etl.batch-upserts');

  // The fix: production rollbacks escalate; a human approves from the CLI; the call runs once.
  const undo = { namespace: 'data', name: 'customer-etl', reason: 'v2.3.1 exhausts the DB pool' };
  const escalated = await callOk(client, 'k8s_rollout_undo', undo);
  expect(escalated.status).toBe('approval_required');
  const approved = approve(escalated.approvalId as string);
  expect(approved.code, approved.stderr).toBe(0);
  expect(approved.stdout).toContain('approved by oncall');
  const done = await callOk(client, 'k8s_rollout_undo', { ...undo, approvalId: escalated.approvalId });
  expect(done.toRevision).toBeTypeOf('number');

  // The incident ends: the failure rate returns to its pre-incident 2%.
  const deadline = Date.now() + 60_000;
  let ratio = await failureRatio(client);
  while (ratio > 0.05 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    ratio = await failureRatio(client);
  }
  expect(ratio).toBeLessThan(0.05);
  // The alert's rule reads a 5-minute rate: it resolves once that, too, is under its threshold.
  await eventually(
    async () => JSON.stringify(await callOk(client, 'am_alerts_list', {})),
    (text) => expect(text).not.toContain('ETLTaskFailureRateHigh'),
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  const rules = await callOk(client, 'prom_alerts_list', {});
  expect(JSON.stringify(rules)).not.toContain('ETLTaskFailureRateHigh');
  const healthy = await callOk(client, 'k8s_pods_list', { namespace: 'data', onlyProblems: true });
  expect(healthy.total).toBe(0);
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
function sandboxDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-sandbox-test-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('opswarden sandbox (the README run command)', () => {
  it('serves the built-in scenario over stdio, and a fix ends the incident', async () => {
    const dir = sandboxDir();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'sandbox', '--clock', 'live', '--speed', SPEED, '--dir', dir],
      cwd: REPO,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'sandbox-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      // The banner went to stderr (stdout is MCP) and says how to approve: with the demo
      // approver's signing key, since a name alone proves nothing.
      expect(stderr).toContain('opswarden sandbox: scenario customer-etl');
      const config = join(dir, 'opswarden.yaml');
      const key = join(dir, 'oncall.key');
      expect(stderr).toContain(`approvals approve <id> --key ${key} --config ${config}`);
      const asOnly = runCli(['approvals', 'approve', 'apr_x', '--as', 'oncall', '--config', config]);
      expect(asOnly.stderr).toContain('--as alone is not accepted');
      await workTheIncident(client, (id) =>
        runCli(['approvals', 'approve', id, '--key', key, '--config', config]),
      );
    } finally {
      await client.close();
    }
  }, 120_000);

  it('serves over HTTP with a generated bearer token, printed with the client config', async () => {
    const dir = sandboxDir();
    const sandbox = await startSandboxCli([
      'customer-etl',
      '--clock',
      'live',
      '--speed',
      SPEED,
      '--dir',
      dir,
    ]);
    children.push(sandbox.child);
    const { banner, url } = sandbox;

    // Without the token the server refuses.
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);

    const client = await sandbox.connect('sandbox-http-test');
    // The banner's demo approver token decides through the server's approvals API.
    const approverToken = /OPSWARDEN_TOKEN=(\S+) .* approvals approve <id> --server (\S+)/.exec(banner);
    expect(approverToken, banner).not.toBeNull();
    try {
      await workTheIncident(client, (id) =>
        runCli(['approvals', 'approve', id, '--server', approverToken![2]!], {
          env: { OPSWARDEN_TOKEN: approverToken![1]! },
        }),
      );
    } finally {
      await client.close();
    }
  }, 120_000);

  it('names a scenario that does not exist', () => {
    const res = runCli(['sandbox', 'no-such-scenario']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('scenario "no-such-scenario" is neither a file nor a built-in scenario');
  });

  it('refuses a bad --now, naming what it accepts', () => {
    const res = runCli(['sandbox', '--now', 'yesterday']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      '--now must be wall, scenario or an RFC 3339 time such as 2026-04-25T14:30:00Z, got "yesterday"',
    );
  });

  it('refuses an --oncall file it cannot use, naming the file and the key, before starting a world', () => {
    const dir = sandboxDir();
    const file = join(dir, 'oncall.yaml');
    writeFileSync(
      file,
      'oncall:\n  slack: { botToken: short, signingSecret: also-short, channels: [{ channel: general }] }\n',
    );
    const res = runCli(['sandbox', '--oncall', file, '--dir', join(dir, 'world')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--oncall ${file}: oncall.slack.botToken:`);
    expect(res.stderr).toContain('oncall.slack.channels[0].channel: a Slack channel id such as C0123456789');
    expect(existsSync(join(dir, 'world')), 'no world was started').toBe(false);
    writeFileSync(file, 'slack: {}\n');
    expect(runCli(['sandbox', '--oncall', file]).stderr).toContain(
      'expected a YAML file with an "oncall:" block',
    );
  });

  it('refuses a bad --clock', () => {
    const res = runCli(['sandbox', '--clock', 'fast']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--clock must be live or frozen, got "fast"');
  });
});
