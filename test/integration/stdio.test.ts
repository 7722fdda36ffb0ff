// `opswarden serve` over stdio, spawned as Claude Desktop would, with a real SDK client:
// an allowed read, a denial, an escalation approved out of band through the real
// `opswarden approvals` CLI by another principal, and `audit verify` on the result.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite.ts';
import { FIXTURE_CLI, runCli } from '../helpers/spawn.ts';
import { makeWorld, type World } from '../helpers/world.ts';

let world: World;
let client: Client;
let stderr = '';

beforeAll(async () => {
  world = makeWorld({ extra: { logging: { level: 'info' } } });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [FIXTURE_CLI, 'serve', '--config', world.configPath],
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  world?.cleanup();
});

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text: string }[] };
const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as Result;

describe('opswarden serve (stdio)', () => {
  it('tells the agent how the gate works and exposes the policy bundle', async () => {
    expect(client.getInstructions()).toMatch(/approval_required/);
    const { resources } = await client.listResources();
    expect(resources[0]?.uri).toBe('opswarden://policy/current');
    const read = await client.readResource({ uri: 'opswarden://policy/current' });
    expect((read.contents[0] as { text: string }).text).toContain('name: gate-test');
  });

  it('allows a read and denies a Secret, naming the rule', async () => {
    const ok = await call('fixture_resource_get', { namespace: 'shop', name: 'checkout' });
    expect(ok.structuredContent).toMatchObject({ name: 'checkout', replicas: 4 });
    const denied = await call('fixture_resource_get', { kind: 'Secret', namespace: 'shop', name: 'x' });
    expect(denied.isError).toBe(true);
    expect(denied.content[0]!.text).toContain('no-secrets');
  });

  it('runs an escalated change once, after a human approves it with the CLI', async () => {
    const args = { namespace: 'shop', name: 'checkout', replicas: 7, reason: 'absorb the sale traffic' };
    const pending = await call('fixture_deployment_scale', args);
    const approvalId = pending.structuredContent?.approvalId as string;
    expect(pending.structuredContent?.status).toBe('approval_required');

    const listed = runCli(['approvals', 'list', '--config', world.configPath]);
    expect(listed.stdout).toContain(approvalId);
    const byBob = runCli([
      'approvals',
      'approve',
      approvalId,
      '--key',
      world.keyOf('bob'),
      '--config',
      world.configPath,
    ]);
    expect(byBob.code).toBe(1);
    expect(byBob.stderr).toMatch(/needs one of \[sre-oncall\]/);
    const byAlice = runCli([
      'approvals',
      'approve',
      approvalId,
      '--key',
      world.keyOf('alice'),
      '--config',
      world.configPath,
    ]);
    expect(byAlice.code, byAlice.stderr).toBe(0);

    const done = await call('fixture_deployment_scale', { ...args, approvalId });
    expect(done.structuredContent).toMatchObject({ replicasBefore: 4, replicas: 7 });
    const again = await call('fixture_deployment_scale', { ...args, approvalId });
    expect(again.isError).toBe(true);

    const verify = runCli(['audit', 'verify', '--config', world.configPath]);
    expect(verify.code, verify.stderr).toBe(0);
    const query = runCli([
      'audit',
      'query',
      '--type',
      'action.executed',
      '--json',
      '--config',
      world.configPath,
    ]);
    const executed = query.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(executed.filter((r) => r.tool === 'fixture_deployment_scale')).toHaveLength(1);
  });

  it('audit verify catches an edit to the log the server wrote, naming the record', () => {
    const db = openDatabase(world.config.store.path);
    db.exec('DROP TRIGGER audit_log_no_update'); // an attacker with write access to the file
    db.exec(
      "UPDATE audit_log SET data = replace(data, 'absorb the sale traffic', 'routine') WHERE type = 'tool.call'",
    );
    db.close();
    const verify = runCli(['audit', 'verify', '--config', world.configPath]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/audit log TAMPERED at record #\d+/);
  });

  it('refuses to serve a configured principal whose roles allow no tool (config access)', () => {
    const ingestOnly = makeWorld({
      extra: { principal: { id: 'am', type: 'service', roles: ['alert-writer'] } },
    });
    try {
      const res = runCli(['serve', '--config', ingestOnly.configPath]);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain(
        'principal: access denied: principal "am" (roles [alert-writer]) may use no MCP tools',
      );
    } finally {
      ingestOnly.cleanup();
    }
  });

  it('logs JSON to stderr only, with a callId on call lines', () => {
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const decisions = lines.filter((l) => l.msg === 'policy decision');
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.every((l) => typeof l.callId === 'string')).toBe(true);
  });
});
