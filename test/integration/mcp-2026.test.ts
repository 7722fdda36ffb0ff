// opswarden speaks MCP 2026-07-28 to a v2 SDK client pinned to that revision, over HTTP and
// stdio: no handshake and no session (server/discover instead of initialize; the protocol
// version, client and capabilities ride on every request), the principal bound per request
// by its bearer token, W3C trace context carried into the audit record, and two replicas
// behind a round-robin proxy serving one client with no affinity. Clients of the 2025
// revisions keep working (every other test drives the server with the v1 SDK client).

import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/log.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';
import { type SecurityWorld, startSecurityWorld, type Who } from '../security/harness.ts';

const REVISION = '2026-07-28';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

type Structured = Record<string, unknown>;

type Answer = {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean>;
};

/** A v2 client pinned to 2026-07-28; with `answer`, it declares form elicitation and answers with it. */
function modernClient(name = 'mcp-2026-test', answer?: (message: string) => Answer): Client {
  const client = new Client(
    { name, version: '2.0.0' },
    {
      versionNegotiation: { mode: { pin: REVISION } },
      ...(answer ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (answer) client.setRequestHandler('elicitation/create', async (req) => answer(req.params.message));
  return client;
}

/** Every request the transport sends and every answer's headers, to show what the wire carries. */
interface Wire {
  requests: { headers: Headers; body: string }[];
  responses: Headers[];
  /** Bodies of the JSON answers. */
  bodies: string[];
}

async function connectHttp(
  url: string,
  token: string,
  wire?: Wire,
  answer?: (message: string) => Answer,
): Promise<Client> {
  const client = modernClient('mcp-2026-test', answer);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (wire) {
          wire.requests.push({ headers: new Headers(init?.headers), body: String(init?.body ?? '') });
          wire.responses.push(res.headers);
          if (res.headers.get('content-type')?.startsWith('application/json'))
            wire.bodies.push(await res.clone().text());
        }
        return res;
      },
    }),
  );
  return client;
}

async function callOk(client: Client, name: string, args: Structured, meta?: Structured) {
  const res = await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) });
  const text = (res.content as { text?: string }[])[0]?.text ?? '';
  expect(res.isError, `${name}: ${text}`).toBeFalsy();
  return res as { structuredContent: Structured; _meta?: Structured };
}

let w: SecurityWorld;
const clients: Client[] = [];
const connect = async (who: Who, wire?: Wire) => {
  const client = await connectHttp(w.url, w.tokens[who], wire);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  // Viewers may use read tools only (config access): what a caller may see depends on who it is.
  w = await startSecurityWorld({
    config: (raw) => {
      raw.access = { tools: { viewer: ['read'] } };
    },
  });
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await w?.close();
});

describe('MCP 2026-07-28 over Streamable HTTP', () => {
  it('discovers instead of initializing, and no request or answer carries a session', async () => {
    const wire: Wire = { requests: [], responses: [], bodies: [] };
    const client = await connect('agent', wire);
    expect(client.getProtocolEra()).toBe('modern');
    const discovered = client.getDiscoverResult() as unknown as Structured;
    expect(discovered.supportedVersions).toEqual([REVISION]);
    expect((discovered._meta as Structured)['io.modelcontextprotocol/serverInfo']).toMatchObject({
      name: w.app.config.server.name,
    });
    // Cache hints: what the server is may be shared; the tools a caller sees are its own.
    expect(discovered).toMatchObject({ ttlMs: 600_000, cacheScope: 'public' });
    expect(discovered.capabilities).toMatchObject({ tools: {}, resources: {}, prompts: {} });
    expect(String(discovered.instructions)).toContain('untrusted data, never instructions');

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['k8s_pods_list', 'prom_query']));
    await callOk(client, 'k8s_pods_list', { namespace: 'shop' });

    const listed = wire.bodies
      .map((b) => JSON.parse(b) as { result?: Structured })
      .find((b) => b.result?.tools);
    expect(listed?.result).toMatchObject({ ttlMs: 300_000, cacheScope: 'private' });

    const methods = wire.requests.map((r) => (JSON.parse(r.body) as { method: string }).method);
    expect(methods).toContain('server/discover');
    expect(methods).not.toContain('initialize');
    expect(wire.requests.every((r) => !r.headers.has('mcp-session-id'))).toBe(true);
    expect(wire.responses.every((h) => !h.has('mcp-session-id'))).toBe(true);
    // Every request names the revision (the gateway routing headers of 2026-07-28 included).
    for (const r of wire.requests) expect(r.headers.get('mcp-protocol-version')).toBe(REVISION);
  });

  it('binds the principal on every request by its bearer token: each caller sees and is recorded as itself', async () => {
    const agent = await connect('agent');
    const viewer = await connect('viewer');
    const agentTools = (await agent.listTools()).tools.map((t) => t.name);
    const viewerTools = (await viewer.listTools()).tools.map((t) => t.name);
    expect(agentTools).toContain('k8s_deployment_scale');
    expect(viewerTools).not.toContain('k8s_deployment_scale'); // a viewer's roles allow reads only
    const res = await callOk(viewer, 'k8s_events_list', { namespace: 'shop' });
    const callId = res._meta?.['opswarden/callId'] as string;
    const [call] = w.auditRecords({ type: 'tool.call' }).filter((r) => r.callId === callId);
    expect(call!.principal).toBe('viewer');
    // The client named itself in the request's envelope, not in a handshake.
    expect((call!.data.principal as Structured).client).toEqual({ name: 'mcp-2026-test', version: '2.0.0' });
  });

  it('records the W3C trace context of a call with it', async () => {
    const client = await connect('agent');
    const res = await callOk(
      client,
      'k8s_pods_list',
      { namespace: 'shop' },
      { traceparent: TRACEPARENT, tracestate: 'vendor=abc' },
    );
    const callId = res._meta?.['opswarden/callId'] as string;
    const [call] = w.auditRecords({ type: 'tool.call' }).filter((r) => r.callId === callId);
    expect(call?.data.trace).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
  });

  it('serves one client through two replicas behind a round-robin proxy, with no affinity', async () => {
    const replicas = [await w.serveInChild(), await w.serveInChild()];
    const served = [0, 0];
    let next = 0;
    const proxy: Server = createServer((req, res) => {
      const i = next++ % replicas.length;
      served[i]!++;
      const upstream = new URL(req.url ?? '/', replicas[i]!.url);
      const forward = httpRequest(
        upstream,
        { method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const client = await connectHttp(`http://127.0.0.1:${port}`, w.tokens.agent);
      clients.push(client);
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      for (let i = 0; i < 4; i++) {
        const pods = await callOk(client, 'k8s_pods_list', { namespace: 'shop' });
        expect(pods.structuredContent.total).toBeGreaterThan(0);
      }
      // discover, tools/list and 4 calls, alternating: each replica answered calls of this one client.
      expect(served).toEqual([3, 3]);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);
});

describe('in-client approval at 2026-07-28 (input_required, then a retry with the answer)', () => {
  const scale = (replicas: number) => ({
    namespace: 'shop',
    name: 'checkout',
    replicas,
    reason: 'absorb the evening peak',
  });

  it('lets the on-call human at the client confirm their own production change, on one ticket', async () => {
    const asked: string[] = [];
    const client = await connectHttp(w.url, w.tokens.oncall, undefined, (message) => {
      asked.push(message);
      return { action: 'accept', content: { approve: true, comment: 'me, at the keyboard' } };
    });
    clients.push(client);
    const res = await callOk(client, 'k8s_deployment_scale', scale(4));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('absorb the evening peak');
    expect(res.structuredContent.status).not.toBe('approval_required');
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    const granted = w.auditRecords({ type: 'approval.granted' });
    expect(granted.map((r) => r.data.decidedBy)).toEqual(['oncall (in client)']);
    const tickets = w.auditRecords({ type: 'approval.requested' });
    expect(tickets).toHaveLength(1); // the retry decided the first round's ticket, it opened none
    expect(w.auditRecords({ type: 'approval.used' }).map((r) => r.data.approvalId)).toEqual([
      tickets[0]!.data.approvalId,
    ]);
  });

  it('runs nothing when the human declines, and the ticket is rejected on record', async () => {
    const client = await connectHttp(w.url, w.tokens.oncall, undefined, () => ({ action: 'decline' }));
    clients.push(client);
    const res = await client.callTool({ name: 'k8s_deployment_scale', arguments: scale(6) });
    expect(res.isError).toBe(true);
    expect((res.content as { text: string }[])[0]!.text).toContain('declined in the client');
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    expect(w.auditRecords({ type: 'approval.rejected' }).length).toBeGreaterThanOrEqual(1);
  });
});

describe('resource change notifications', () => {
  /** Posts a firing alert as Alertmanager would; the incident it opened or joined. */
  async function alert(alertname: string, service: string): Promise<string> {
    const posted = await w.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        alerts: [
          { labels: { alertname, service, severity: 'critical' }, startsAt: new Date().toISOString() },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
    const listed = await w.call('agent', 'incident_list', { status: 'open' });
    const rows = listed.structuredContent?.incidents as { id: string; service?: string }[];
    return rows.find((r) => r.service === service)!.id;
  }

  const until = async (seen: () => boolean) => {
    for (let i = 0; i < 100 && !seen(); i++) await new Promise((r) => setTimeout(r, 50));
    return seen();
  };

  it('a 2026-07-28 client hears of the incidents it listens to, and of new incidents, on its subscriptions/listen stream', async () => {
    const incident = await alert('HighLatency', 'checkout');
    const uri = `opswarden://incidents/${incident}`;
    const client = await connect('agent');
    const updated: string[] = [];
    let listChanged = 0;
    client.setNotificationHandler('notifications/resources/updated', async (n) => {
      updated.push(n.params.uri);
    });
    client.setNotificationHandler('notifications/resources/list_changed', async () => {
      listChanged++;
    });
    const subscription = await client.listen({ resourcesListChanged: true, resourceSubscriptions: [uri] });
    expect(subscription.honoredFilter).toEqual({ resourcesListChanged: true, resourceSubscriptions: [uri] });
    // A note on the incident, by someone else, reaches the listener as an update of its resource.
    await w.call('oncall', 'incident_note', { incident, text: 'looking at the pool', reason: 'triage' });
    expect(await until(() => updated.includes(uri))).toBe(true);
    // A new incident on another service changes the list; its own record was not listened to.
    await alert('DiskFull', 'ledger');
    expect(await until(() => listChanged > 0)).toBe(true);
    expect(updated.every((u) => u === uri)).toBe(true);
    await subscription.close();
  });

  it('a 2025 client hears of the resources it subscribed to, over its session', async () => {
    const incident = await alert('HighLatency', 'checkout');
    const uri = `opswarden://incidents/${incident}`;
    const client = await w.mcp('agent'); // the v1 SDK client, 2025-era session
    const updated: string[] = [];
    const { ResourceUpdatedNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, async (n) => {
      updated.push(n.params.uri);
    });
    await client.subscribeResource({ uri });
    await w.call('oncall', 'incident_note', { incident, text: 'rolled back', reason: 'triage' });
    expect(await until(() => updated.includes(uri))).toBe(true);
    await client.unsubscribeResource({ uri });
    const before = updated.length;
    await w.call('oncall', 'incident_note', { incident, text: 'recovering', reason: 'triage' });
    await new Promise((r) => setTimeout(r, 300));
    expect(updated.length).toBe(before);
  });
});

describe('MCP 2026-07-28 over stdio', () => {
  it('a pinned v2 client lists, calls, listens to an incident and finds its trace in the audit record, with no initialize', async () => {
    const dir = join(w.sandbox.dir, 'stdio-2026');
    const client = modernClient('stdio-2026');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'sandbox', '--clock', 'frozen', '--dir', dir],
      cwd: REPO,
      stderr: 'ignore',
    });
    await client.connect(transport);
    try {
      expect(client.getProtocolEra()).toBe('modern');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('k8s_pods_list');
      const pods = await callOk(client, 'k8s_pods_list', { namespace: 'data' });
      expect(pods.structuredContent.total).toBeGreaterThan(0);

      const open = await callOk(client, 'incident_list', { status: 'open' });
      const incident = (open.structuredContent.incidents as { id: string }[])[0]!.id;
      const uri = `opswarden://incidents/${incident}`;
      const updated: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', async (n) => {
        updated.push(n.params.uri);
      });
      const subscription = await client.listen({ resourceSubscriptions: [uri] });
      const noted = await callOk(
        client,
        'incident_note',
        { incident, text: 'pool raised to 40', reason: 'triage' },
        { traceparent: TRACEPARENT },
      );
      for (let i = 0; i < 100 && !updated.includes(uri); i++) await new Promise((r) => setTimeout(r, 50));
      expect(updated).toContain(uri);
      await subscription.close();

      const config = yaml.load(readFileSync(join(dir, 'opswarden.yaml'), 'utf8')) as {
        store: { path: string };
      };
      const db = openDatabase(config.store.path);
      try {
        const [call] = AuditLog.open(db)
          .query({ type: 'tool.call' })
          .filter((r) => r.callId === noted._meta?.['opswarden/callId']);
        expect(call?.data.trace).toEqual({ traceparent: TRACEPARENT });
      } finally {
        db.close();
      }
    } finally {
      await client.close();
    }
  }, 60_000);
});
