// Surface: bounded work (`limits.*`). A call that computes for minutes, a principal that
// holds more calls or sessions than its share, a body of megabytes, a signal to a busy
// server, a config that does not load: each meets a limit with a clear answer, and the
// server keeps serving everyone else. Before issue 12 a CPU-bound call froze the process
// past its timeout and past SIGTERM, oversized bodies got 500, 400 or a reset connection,
// and refusals to start printed stack traces.

import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite.ts';
import { generated, heavyTools } from '../fixtures/heavy-tools.ts';
import { eventually } from '../helpers/eventually.ts';
import { FIXTURE_CLI, runCli } from '../helpers/spawn.ts';
import { makeWorld } from '../helpers/world.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

const MCP_HEADERS = { accept: 'application/json, text/event-stream' };
const PROTOCOL = '2025-06-18';
const EXPENSIVE = { name: 'fixture_logs_shape', arguments: { lines: 1_000_000_000 } };

const rpc = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});
const initialize = (extra: Record<string, unknown> = {}) =>
  rpc(1, 'initialize', {
    protocolVersion: PROTOCOL,
    capabilities: {},
    clientInfo: { name: 'limits-test', version: '1' },
    ...extra,
  });

/** A request whose response stays open (an SSE stream, a call in flight): resolves on its status line. */
function openRequest(
  w: SecurityWorld,
  who: Who,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${w.url}/mcp`,
      {
        method,
        headers: {
          authorization: `Bearer ${w.tokens[who]}`,
          ...headers,
          ...(text ? { 'content-type': 'application/json', 'content-length': String(text.length) } : {}),
        },
      },
      (res) => resolve({ status: res.statusCode ?? 0, close: () => req.destroy() }),
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** A new MCP session opened over raw HTTP; its id (expects 200). */
async function openSession(w: SecurityWorld, who: Who): Promise<string> {
  const res = await w.http(who, 'POST', '/mcp', { body: initialize(), headers: MCP_HEADERS });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.headers.get('mcp-session-id')!;
}

const inSession = (id: string) => ({
  ...MCP_HEADERS,
  'mcp-session-id': id,
  'mcp-protocol-version': PROTOCOL,
});

describe('a CPU-bound call', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({
      config: (raw) => {
        raw.limits = { toolTimeout: '1s' };
      },
      extraTools: heavyTools,
    });
  }, 60_000);
  afterAll(async () => w?.close());

  it('is stopped at limits.toolTimeout and audited as failed, while /healthz keeps answering', async () => {
    let settled = false;
    const calling = w.call('agent', EXPENSIVE.name, EXPENSIVE.arguments).finally(() => {
      settled = true;
    });
    let healthAnswersDuringCall = 0;
    while (!settled) {
      const health = await w.http(undefined, 'GET', '/healthz');
      expect(health.status).toBe(200);
      if (!settled) healthAnswersDuringCall++;
    }
    const result: CallResult = await calling;
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toBe(
      'fixture_logs_shape failed: timed out after 1s (limits.toolTimeout)',
    );
    // A loop that never yields would have let one /healthz through at most.
    expect(healthAnswersDuringCall).toBeGreaterThanOrEqual(5);

    // The work itself stopped: no more log lines are generated while the server goes on serving.
    const linesAtTimeout = generated.lines;
    expect(linesAtTimeout).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await w.http(undefined, 'GET', '/healthz');
    expect(generated.lines).toBe(linesAtTimeout);

    const failed = w.auditRecords({ tool: EXPENSIVE.name, type: 'action.failed' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      principal: 'agent',
      data: { error: 'timed out after 1s (limits.toolTimeout)' },
    });
    expect(w.auditRecords({ tool: EXPENSIVE.name, type: 'action.executed' })).toEqual([]);

    const next = await w.call('agent', 'k8s_pods_list', { namespace: 'shop' });
    expect(next.isError, next.content[0]?.text).toBeFalsy();
  });
});

describe('a principal past its share', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({
      config: (raw) => {
        raw.limits = { toolTimeout: '3s', concurrentCallsPerPrincipal: 2, sessionsPerPrincipal: 2 };
      },
      extraTools: heavyTools,
    });
  }, 60_000);
  afterAll(async () => w?.close());

  it('gets 429 with Retry-After past limits.concurrentCallsPerPrincipal; nothing runs; others are served', async () => {
    const session = await openSession(w, 'agent');
    const running = [
      await openRequest(w, 'agent', 'POST', inSession(session), rpc(2, 'tools/call', EXPENSIVE)),
      await openRequest(w, 'agent', 'POST', inSession(session), rpc(3, 'tools/call', EXPENSIVE)),
    ];
    expect(running.map((r) => r.status)).toEqual([200, 200]);

    const third = await w.http('agent', 'POST', '/mcp', {
      body: rpc(4, 'tools/call', { name: 'k8s_events_list', arguments: { namespace: 'shop' } }),
      headers: inSession(session),
    });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(third.body.error).toMatchObject({
      message: expect.stringContaining('agent already has 2 (limits.concurrentCallsPerPrincipal)'),
      data: { limit: 'limits.concurrentCallsPerPrincipal', max: 2 },
    });
    expect(w.auditRecords({ principal: 'agent', tool: 'k8s_events_list' })).toEqual([]);

    const other = await w.call('agent2', 'k8s_events_list', { namespace: 'shop' });
    expect(other.isError, other.content[0]?.text).toBeFalsy();
    expect(
      w.auditRecords({ principal: 'agent-2', tool: 'k8s_events_list', type: 'action.executed' }),
    ).toHaveLength(1);

    for (const r of running) r.close();
    const retried = await eventually(
      () =>
        w.http('agent', 'POST', '/mcp', {
          body: rpc(5, 'tools/call', { name: 'k8s_events_list', arguments: { namespace: 'shop' } }),
          headers: inSession(session),
        }),
      (res) => expect(res.status).toBe(200),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(retried.status).toBe(200);
    expect(
      w.auditRecords({ principal: 'agent', tool: 'k8s_events_list', type: 'action.executed' }),
    ).toHaveLength(1);
  });

  it('gets 429 past limits.sessionsPerPrincipal while its sessions are in use; an idle one makes room', async () => {
    const [first, second] = [await openSession(w, 'viewer'), await openSession(w, 'viewer')];
    const streams = [
      await openRequest(w, 'viewer', 'GET', { ...inSession(first!), accept: 'text/event-stream' }),
      await openRequest(w, 'viewer', 'GET', { ...inSession(second!), accept: 'text/event-stream' }),
    ];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);

    const refused = await w.http('viewer', 'POST', '/mcp', { body: initialize(), headers: MCP_HEADERS });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('mcp-session-id')).toBeNull();
    expect(refused.body.error).toMatchObject({
      message: expect.stringContaining('limits.sessionsPerPrincipal'),
      data: { limit: 'limits.sessionsPerPrincipal', max: 2 },
    });
    await openSession(w, 'agent2');
    const listed = await w.http('viewer', 'POST', '/mcp', {
      body: rpc(2, 'tools/list'),
      headers: inSession(first!),
    });
    expect(listed.status).toBe(200);

    // The first client goes away: its session is idle and the next initialize takes its place.
    streams[0]!.close();
    const third = await eventually(
      () => w.http('viewer', 'POST', '/mcp', { body: initialize(), headers: MCP_HEADERS }),
      (res) => expect(res.status).toBe(200),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(third.headers.get('mcp-session-id')).toBeTruthy();
    const evicted = await w.http('viewer', 'POST', '/mcp', {
      body: rpc(3, 'tools/list'),
      headers: inSession(first!),
    });
    expect(evicted.status).toBe(404);
    const kept = await w.http('viewer', 'POST', '/mcp', {
      body: rpc(3, 'tools/list'),
      headers: inSession(second!),
    });
    expect(kept.status).toBe(200);
    streams[1]!.close();
  });
});

describe('oversized bodies', () => {
  const MAX_BODY = 64 * 1024;
  const MAX_ALERTS_BODY = 128 * 1024;
  /** Megabytes a client is still sending when the server has seen enough. */
  const padding = 'x'.repeat(2 * 1024 * 1024);
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({
      config: (raw) => {
        raw.limits = { maxBodyBytes: MAX_BODY, maxAlertsBodyBytes: MAX_ALERTS_BODY };
      },
    });
  }, 60_000);
  afterAll(async () => w?.close());

  function expectTooLarge(res: { status: number; body: unknown }, limit: string, maxBytes: number) {
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(413);
    expect(JSON.stringify(res.body)).toContain(`request body is larger than ${maxBytes} bytes (${limit})`);
  }

  it('get 413 on /mcp, at initialize and later, with a JSON-RPC error naming limits.maxBodyBytes', async () => {
    const init = await w.http('agent', 'POST', '/mcp', {
      body: initialize({ padding }),
      headers: MCP_HEADERS,
    });
    expectTooLarge(init, 'limits.maxBodyBytes', MAX_BODY);
    expect(init.body.error.data).toEqual({ limit: 'limits.maxBodyBytes', maxBytes: MAX_BODY });
    expect(init.headers.get('mcp-session-id')).toBeNull();

    const session = await openSession(w, 'agent');
    const call = await w.http('agent', 'POST', '/mcp', {
      body: rpc(2, 'tools/call', { name: 'k8s_pods_list', arguments: { namespace: 'shop', padding } }),
      headers: inSession(session),
    });
    expectTooLarge(call, 'limits.maxBodyBytes', MAX_BODY);
    expect(w.auditRecords({ principal: 'agent', type: 'tool.call' })).toEqual([]);
    const after = await w.http('agent', 'POST', '/mcp', {
      body: rpc(3, 'tools/list'),
      headers: inSession(session),
    });
    expect(after.status).toBe(200);
  });

  it('get 413 on /v1/approvals: the ticket stays pending', async () => {
    const pending = await w.call('agent', 'k8s_deployment_scale', {
      namespace: 'shop',
      name: 'checkout',
      replicas: 4,
      reason: 'absorb the evening peak',
    });
    const id = pending.structuredContent?.approvalId as string;
    expect(id, pending.content[0]?.text).toBeTruthy();
    const res = await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`, { body: { comment: padding } });
    expectTooLarge(res, 'limits.maxBodyBytes', MAX_BODY);
    expect(res.body).toMatchObject({ error: 'payload_too_large', limit: 'limits.maxBodyBytes' });
    expect(w.app.approvals.get(id)?.status).toBe('pending');
    expect(w.auditRecords({ type: 'approval.granted' })).toEqual([]);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });

  it('get 413 on /v1/changes: nothing is recorded', async () => {
    const res = await w.http('changeWriter', 'POST', '/v1/changes', {
      body: { service: 'checkout', kind: 'deploy', summary: padding },
    });
    expectTooLarge(res, 'limits.maxBodyBytes', MAX_BODY);
    expect(w.auditRecords({ type: 'change.recorded' })).toEqual([]);
  });

  it('get 413 on /v1/alerts and the Alertmanager webhook, naming limits.maxAlertsBodyBytes', async () => {
    for (const path of ['/v1/alerts', '/v1/alerts/alertmanager']) {
      const res = await w.http('alertWriter', 'POST', path, { body: { alerts: [], padding } });
      expectTooLarge(res, 'limits.maxAlertsBodyBytes', MAX_ALERTS_BODY);
    }
    expect(w.auditRecords({ type: 'incidents.ingested' })).toEqual([]);
    expect(w.app.incidents.list()).toEqual([]);
  });
});

describe('the serve process', () => {
  it('ends within its grace period on SIGTERM while calls are computing, and audits them as cancelled', async () => {
    const world = makeWorld({ extra: { logging: { level: 'info' }, limits: { toolTimeout: '10m' } } });
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [FIXTURE_CLI, 'serve', '--http', '--port', '0', '--config', world.configPath],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const clients: Client[] = [];
    try {
      const url = await eventually(
        async () => /"url":"([^"]+)"[^\n]*opswarden serving MCP over HTTP/.exec(stderr)?.[1],
        (found) => expect(found).toBeTruthy(),
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      for (let i = 0; i < 2; i++) {
        const client = new Client({ name: `busy-${i}`, version: '1' });
        await client.connect(new StreamableHTTPClientTransport(new URL(url!)));
        clients.push(client);
        client.callTool(EXPENSIVE).catch(() => {}); // ends with the server
      }
      await eventually(
        async () =>
          stderr
            .split('\n')
            .filter((l) => l.includes('"tool":"fixture_logs_shape"') && l.includes('policy decision')).length,
        (decisions) => expect(decisions).toBeGreaterThanOrEqual(2),
        { timeoutMs: 30_000, intervalMs: 50 },
      );

      child.kill('SIGTERM');
      const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000).unref());
      const outcome = await Promise.race([exited, hung]);
      expect(outcome, stderr.slice(-2_000)).toEqual({ code: 0, signal: null });
      expect(stderr).not.toMatch(/\n\s+at /);

      const db = openDatabase(join(world.dir, 'opswarden.db'));
      const failed = db
        .prepare("SELECT data FROM audit_log WHERE tool = 'fixture_logs_shape' AND type = 'action.failed'")
        .all() as { data: string }[];
      db.close();
      expect(failed.map((row) => JSON.parse(row.data).error)).toEqual([
        'cancelled before it finished (the client went away or the server is stopping)',
        'cancelled before it finished (the client went away or the server is stopping)',
      ]);
    } finally {
      child.kill('SIGKILL');
      await Promise.all(clients.map((c) => c.close().catch(() => {})));
      world.cleanup();
    }
  }, 90_000);

  it('refuses to start with one line on stderr and no stack trace', async () => {
    const world = makeWorld();
    try {
      const bad = join(world.dir, 'bad.yaml');
      writeFileSync(bad, yaml.dump({ limits: { maxBodyBytes: 'big', toolTimeout: 'soon' } }));
      const invalid = runCli(['serve', '--config', bad]);
      expect(invalid.code).toBe(2);
      const [line, ...more] = invalid.stderr.trim().split('\n');
      expect(more).toEqual([]);
      expect(line).toMatch(/^opswarden serve: invalid config .*bad\.yaml: /);
      expect(line).toMatch(/limits\.maxBodyBytes: .*; |; limits\.maxBodyBytes: /);
      expect(line).toContain('limits.toolTimeout: a duration like 90s');

      const open = join(world.dir, 'open.yaml');
      writeFileSync(open, yaml.dump({ logging: { level: 'silent' }, server: { http: { host: '0.0.0.0' } } }));
      const unauthenticated = runCli(['serve', '--http', '--port', '0', '--config', open]);
      expect(unauthenticated.code).toBe(2);
      expect(unauthenticated.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^opswarden serve: refusing to serve HTTP on 0\.0\.0\.0 without authentication/,
        ),
      ]);

      const holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      const taken = (holder.address() as AddressInfo).port;
      try {
        const silent = join(world.dir, 'silent.yaml');
        writeFileSync(silent, yaml.dump({ logging: { level: 'silent' } }));
        const busy = runCli(['serve', '--http', '--port', String(taken), '--config', silent]);
        expect(busy.code).toBe(1);
        expect(busy.stderr.trim().split('\n')).toEqual([
          `opswarden serve: cannot listen on 127.0.0.1:${taken}: the port is in use; choose another --port (server.http.port) or stop what holds it`,
        ]);
      } finally {
        holder.close();
      }
    } finally {
      world.cleanup();
    }
  });
});
