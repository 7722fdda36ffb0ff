// Surface: what a role may reach over HTTP, and the Host/Origin (DNS-rebinding) guard in
// front of every endpoint. Attacks that worked before issue 11: the Alertmanager webhook's
// key (alert-writer) opened /mcp and scaled staging, the CI key (change-writer) restarted a
// workload, and a rebinding page read /metrics (tool names, KPIs). Each test asserts the
// cluster and the audit log, not only the status code.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallResult, PRINCIPALS, type SecurityWorld, startSecurityWorld } from './harness.ts';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'attacker', version: '1' } },
};
const MCP_HEADERS = { accept: 'application/json, text/event-stream' };
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** Every Deployment's spec and generation: what an attack that changed anything would change. */
async function clusterState(w: SecurityWorld): Promise<unknown> {
  const list = JSON.parse(await w.kubectl('get', 'deployments', '-A', '-o', 'json')) as {
    items: { metadata: { namespace: string; name: string; generation: number }; spec: unknown }[];
  };
  return list.items.map(({ metadata: { namespace, name, generation }, spec }) => ({
    namespace,
    name,
    generation,
    spec,
  }));
}

/** A GET with exactly these headers (fetch would replace Host with the URL's). */
function rawGet(url: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ingest-only keys (default access config)', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  }, 60_000);
  afterAll(async () => w?.close());

  it('the Alertmanager key gets 403 on /mcp, still posts alerts, and reaches no tool', async () => {
    const before = await clusterState(w);
    const init = await w.http('alertWriter', 'POST', '/mcp', { body: INITIALIZE, headers: MCP_HEADERS });
    expect(init.status).toBe(403);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    expect(init.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(init.body).toMatchObject({
      error: 'insufficient_scope',
      principal: PRINCIPALS.alertWriter.id,
      roles: ['alert-writer'],
      config: 'access.tools',
    });
    expect(init.body.error_description).toContain('may use no MCP tools');
    // The attack as it was run: a real client, then a staging scale.
    await expect(w.mcp('alertWriter')).rejects.toThrow(/403|access denied/);
    const call = await w.http('alertWriter', 'POST', '/mcp', {
      headers: MCP_HEADERS,
      body: {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'k8s_deployment_scale',
          arguments: { namespace: 'staging', name: 'web', replicas: 1, reason: 'x' },
        },
      },
    });
    expect(call.status).toBe(403);

    const now = w.app.worldClock.now();
    const posted = await w.http('alertWriter', 'POST', '/v1/alerts/alertmanager', {
      body: {
        version: '4',
        groupKey: '{}:{alertname="HighErrorRate"}',
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'opswarden',
        groupLabels: { alertname: 'HighErrorRate' },
        commonLabels: { alertname: 'HighErrorRate' },
        commonAnnotations: {},
        externalURL: 'http://alertmanager.example:9093',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'HighErrorRate', service: 'web', namespace: 'staging', severity: 'warning' },
            annotations: { summary: 'web 5xx above 5%' },
            startsAt: new Date(now.getTime() - 5 * 60_000).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'http://prometheus.example/graph',
            fingerprint: '0a1b2c3d4e5f6a7b',
          },
        ],
      },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.accepted).toBe(1);

    expect(await clusterState(w)).toEqual(before);
    expect(await w.replicas('staging', 'web')).toBe(5);
    const principal = PRINCIPALS.alertWriter.id;
    expect(w.auditRecords({ principal, type: 'tool.call' })).toEqual([]);
    expect(w.auditRecords({ principal, type: 'incidents.ingested' })).toHaveLength(1);
  });

  it('the CI key gets 403 on /mcp, still posts change events, and restarts nothing', async () => {
    const before = await clusterState(w);
    const init = await w.http('changeWriter', 'POST', '/mcp', { body: INITIALIZE, headers: MCP_HEADERS });
    expect(init.status).toBe(403);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    expect(init.body).toMatchObject({ principal: PRINCIPALS.changeWriter.id, roles: ['change-writer'] });
    await expect(w.mcp('changeWriter')).rejects.toThrow(/403|access denied/);

    const posted = await w.http('changeWriter', 'POST', '/v1/changes', {
      body: {
        id: 'deploy-901',
        at: new Date(w.app.worldClock.now().getTime() - 10 * 60_000).toISOString(),
        kind: 'deploy',
        service: 'web',
        summary: 'web 0.9.1 deployed by pipeline #901',
      },
    });
    expect(posted.status).toBe(201);

    expect(await clusterState(w)).toEqual(before);
    const principal = PRINCIPALS.changeWriter.id;
    expect(w.auditRecords({ principal, type: 'tool.call' })).toEqual([]);
    expect(w.auditRecords({ principal, type: 'change.recorded' })).toHaveLength(1);
  });

  it('every endpoint answers a rebinding Host or a foreign Origin with 403 and nothing else', async () => {
    const port = new URL(w.url).port;
    // The control: with the server's own Host, /metrics shows what a rebinding page is after.
    const own = await rawGet(w.url, '/metrics', { host: `127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    expect(own.body).toContain('opswarden_tool_calls_total');

    const paths = [
      '/metrics',
      '/healthz',
      '/readyz',
      '/.well-known/oauth-protected-resource',
      '/mcp',
      '/v1/incidents',
      '/no/such/path',
    ];
    const attacks: Record<string, string>[] = [
      { host: `evil.example:${port}` },
      { host: `127.0.0.1:${port}`, origin: `http://evil.example:${port}` },
    ];
    for (const path of paths) {
      for (const headers of attacks) {
        const res = await rawGet(w.url, path, {
          ...headers,
          authorization: `Bearer ${w.tokens.agent}`,
        });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.body).not.toMatch(/opswarden_|k8s_|policy|resource|ready|"ok"/);
        expect(JSON.parse(res.body)).toMatchObject({
          error: { message: expect.stringMatching(/not allowed/) },
        });
      }
    }
  });
});

describe('read-only role and metrics token', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({
      config: (raw) => {
        raw.access = { tools: { viewer: ['read'] } };
        raw.server = { ...raw.server, http: { ...raw.server?.http, metricsToken: METRICS_TOKEN } };
      },
    });
  }, 60_000);
  afterAll(async () => w?.close());

  it('a principal allowed only read tools lists only them, and its mutation is refused on record', async () => {
    const client = await w.mcp('viewer');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('k8s_pods_list');
    expect(tools.filter((t) => !t.annotations?.readOnlyHint).map((t) => t.name)).toEqual([]);
    expect((await w.mcp('agent').then((c) => c.listTools())).tools.map((t) => t.name)).toContain(
      'k8s_deployment_scale',
    );

    const before = await clusterState(w);
    const refused = await w.call('viewer', 'k8s_deployment_scale', {
      namespace: 'staging',
      name: 'web',
      replicas: 1,
      reason: 'scale down staging',
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]!.text).toMatch(
      /principal "viewer" \(roles \[viewer\]\) may use read tools only, not mutate tools \(config access\.tools/,
    );
    expect(await w.replicas('staging', 'web')).toBe(5);
    expect(await clusterState(w)).toEqual(before);

    const [call] = w.auditRecords({ principal: 'viewer', tool: 'k8s_deployment_scale', type: 'tool.call' });
    expect(call?.data).toMatchObject({
      kind: 'mutate',
      args: { namespace: 'staging', name: 'web', replicas: 1 },
    });
    const records = w.auditRecords({ callId: call!.callId! });
    expect(records.map((r) => r.type)).toEqual(['tool.call', 'decision']);
    expect(records[1]).toMatchObject({
      effect: 'deny',
      data: { rules: [{ name: 'access.tools', effect: 'deny' }], refusedBy: 'access' },
    });

    const read = await w.call('viewer', 'k8s_pods_list', { namespace: 'staging' });
    expect(read.isError).toBeFalsy();
  });

  it("a runbook plan shows the read-only principal's action steps as denied by access.tools", async () => {
    const plan = {
      runbook: 'rollback-deployment',
      params: { namespace: 'staging', deployment: 'web', service: 'web' },
    };
    type Step = { id: string; action?: { effect?: string; rules?: string[] } };
    const undo = (result: CallResult) =>
      ((result.structuredContent?.steps ?? []) as Step[]).find((step) => step.id === 'undo')?.action;
    const viewer = await w.call('viewer', 'runbook_plan', plan);
    expect(viewer.structuredContent?.denied).toContain('undo');
    expect(undo(viewer)).toMatchObject({ effect: 'deny', rules: ['access.tools'] });
    const agent = await w.call('agent', 'runbook_plan', plan);
    expect(undo(agent)).toMatchObject({ effect: expect.any(String) });
    expect(undo(agent)?.rules).not.toContain('access.tools');
  });

  it('/metrics needs the metrics token: none or a wrong one is 401, the right one 200', async () => {
    const none = await w.http(undefined, 'GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="opswarden-metrics"');
    expect(JSON.stringify(none.body)).not.toContain('opswarden_');
    const agentKey = await w.http('agent', 'GET', '/metrics'); // an API key is not the metrics token
    expect(agentKey.status).toBe(401);
    const wrong = await w.http(undefined, 'GET', '/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const right = await w.http(undefined, 'GET', '/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.body).toContain('opswarden_tool_calls_total');
    // The guard still comes first: the token does not let a rebinding page in.
    const port = new URL(w.url).port;
    const rebound = await rawGet(w.url, '/metrics', {
      host: `evil.example:${port}`,
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('opswarden_');
  });
});
