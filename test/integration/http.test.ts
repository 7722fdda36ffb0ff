// `serve --http` with bearer API keys: a real Streamable HTTP MCP client as an agent,
// the approvals API used by a human approver, DNS-rebinding defence, metrics, and the
// same gate in stateless mode.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { FakeFleet, fixtureTools } from '../fixtures/fleet.ts';
import { makeWorld, type World } from '../helpers/world.ts';

const AGENT_KEY = 'agent-key-0123456789abcdef';
const ALICE_KEY = 'alice-key-0123456789abcdef';
const BOB_KEY = 'bob-key-0123456789abcdef';

let world: World;
let app: App;
let fleet: FakeFleet;
let server: HttpServer;

beforeAll(async () => {
  world = makeWorld({
    extra: {
      auth: {
        apiKeys: [
          { id: 'ci-agent', type: 'agent', roles: ['responder'], key: AGENT_KEY },
          { id: 'alice', type: 'human', roles: ['sre-oncall'], key: ALICE_KEY },
          { id: 'bob', type: 'human', roles: ['developer'], key: BOB_KEY },
        ],
      },
    },
  });
  fleet = new FakeFleet();
  app = createApp({
    config: world.config,
    extraTools: fixtureTools,
    backends: { fleet },
    logger: pino({ level: 'silent' }),
  });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  world?.cleanup();
});

async function connect(token: string, url = `${server.url}/mcp`): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text: string }[] };

const decide = (id: string, action: string, token: string) =>
  fetch(`${server.url}/v1/approvals/${id}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ comment: 'checked the dashboards' }),
  });

describe('HTTP transport with bearer auth', () => {
  it('refuses a missing or wrong token with 401 and points at the resource metadata', async () => {
    const res = await fetch(`${server.url}/mcp`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(
      /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"/,
    );
    const wrong = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: 'Bearer nope' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const meta = await (await fetch(`${server.url}/.well-known/oauth-protected-resource`)).json();
    expect(meta).toMatchObject({ resource: `${server.url}/mcp`, bearer_methods_supported: ['header'] });
  });

  it('refuses a foreign Origin (DNS rebinding) with 403', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${AGENT_KEY}`,
        Origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('gates calls for the authenticated agent; a human approves over the approvals API', async () => {
    const client = await connect(AGENT_KEY);
    const read = (await client.callTool({
      name: 'fixture_resource_get',
      arguments: { namespace: 'shop', name: 'checkout' },
    })) as Result;
    expect(read.structuredContent).toMatchObject({ replicas: 4 });
    expect(app.audit.query({ type: 'tool.call' }).at(-1)?.principal).toBe('ci-agent');

    const args = { namespace: 'shop', name: 'checkout', replicas: 9, reason: 'checkout p99 over SLO' };
    const pending = (await client.callTool({ name: 'fixture_deployment_scale', arguments: args })) as Result;
    const id = pending.structuredContent?.approvalId as string;
    expect(pending.structuredContent?.status).toBe('approval_required');

    const listed = await fetch(`${server.url}/v1/approvals?status=pending`, {
      headers: { Authorization: `Bearer ${ALICE_KEY}` },
    });
    const list = (await listed.json()) as { approvals: { id: string }[] };
    expect(list.approvals.map((a) => a.id)).toContain(id);

    expect((await decide(id, 'approve', AGENT_KEY)).status).toBe(403); // an agent never approves
    const bob = await decide(id, 'approve', BOB_KEY); // a human without the role
    expect(bob.status).toBe(403);
    expect(bob.headers.get('www-authenticate')).toContain('insufficient_scope');
    const alice = await decide(id, 'approve', ALICE_KEY);
    expect(alice.status).toBe(200);
    expect(await alice.json()).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    expect((await decide(id, 'approve', ALICE_KEY)).status).toBe(409);

    const done = (await client.callTool({
      name: 'fixture_deployment_scale',
      arguments: { ...args, approvalId: id },
    })) as Result;
    expect(done.structuredContent).toMatchObject({ replicas: 9 });
    expect(fleet.scaleCalls).toBe(1);
    await client.close();
  });

  it("refuses to let one principal use another's session", async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${AGENT_KEY}` } },
    });
    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(transport);
    const hijack = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${BOB_KEY}`,
        'mcp-session-id': transport.sessionId!,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} }),
    });
    expect(hijack.status).toBe(404);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0); // the owner still can
    await client.close();
  });

  it('exposes health and Prometheus metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      policy: 'gate-test@1.2.3',
    });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /opswarden_tool_calls_total\{tool="fixture_resource_get",effect="allow",outcome="ok"\} 1/,
    );
    expect(metrics).toMatch(
      /opswarden_tool_calls_total\{tool="fixture_deployment_scale",effect="escalate",outcome="approval_required"\} 1/,
    );
    expect(metrics).toMatch(/opswarden_audit_appends_total \d+/);
    expect(metrics).toContain('opswarden_tool_call_duration_seconds_bucket');
    expect(metrics).toMatch(/opswarden_approvals_pending 0/);
  });

  it('serves the same gate statelessly', async () => {
    const stateless = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: true });
    try {
      const client = await connect(AGENT_KEY, `${stateless.url}/mcp`);
      const denied = (await client.callTool({
        name: 'fixture_resource_get',
        arguments: { kind: 'Secret', namespace: 'shop', name: 's' },
      })) as Result;
      expect(denied.isError).toBe(true);
      expect(denied.content[0]!.text).toContain('no-secrets');
      await client.close();
    } finally {
      await stateless.close();
    }
  });
});

describe('HTTP startup', () => {
  it('refuses to bind a non-loopback address without auth', async () => {
    const open = makeWorld();
    const bare = createApp({ config: open.config, logger: pino({ level: 'silent' }) });
    try {
      await expect(startHttpServer(bare, { host: '0.0.0.0', port: 0, stateless: false })).rejects.toThrow(
        /auth/i,
      );
    } finally {
      await bare.close();
      open.cleanup();
    }
  });
});
