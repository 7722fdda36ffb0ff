// Surface: MCP 2026-07-28 over HTTP, where there is no session and each request says who
// sends it (protocol version, clientInfo, capabilities in its `_meta`). Who the caller is
// still comes from its bearer token alone: an envelope naming another client, a session id
// of someone else's 2025 session, or headers that disagree with the body change nothing or
// are refused before the gate; the limits of 2025 traffic (body size, calls in flight) hold
// on this path too; trace context is recorded only when it is well-formed W3C.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskStore } from '../../src/tasks/store.ts';
import { heavyTools } from '../fixtures/heavy-tools.ts';
import { callTool, type Json, message, modern, TAKES_TASKS } from '../helpers/mcp-wire.ts';
import { type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

let w: SecurityWorld;
beforeAll(async () => {
  w = await startSecurityWorld({
    config: (raw) => {
      raw.access = { tools: { viewer: ['read'] } };
      raw.limits = { maxBodyBytes: 160 * 1024, concurrentCallsPerPrincipal: 1, toolTimeout: '3s' };
    },
    extraTools: heavyTools,
  });
}, 60_000);
afterAll(async () => w?.close());

const send = (who: Who | undefined, req: { body: unknown; headers: Record<string, string> }) =>
  w.http(who, 'POST', '/mcp', req);

describe('MCP 2026-07-28: who the caller is', () => {
  it('refuses a request without a token before anything reads it', async () => {
    const reply = await send(undefined, callTool(1, 'k8s_pods_list', { namespace: 'shop' }));
    expect(reply.status).toBe(401);
    expect(w.auditRecords({ tool: 'k8s_pods_list' }).filter((r) => r.principal === 'anonymous')).toEqual([]);
  });

  it('takes the principal from the token, not from the envelope: a viewer naming itself oncall stays a viewer', async () => {
    const reply = await send(
      'viewer',
      callTool(
        2,
        'k8s_deployment_scale',
        { namespace: 'shop', name: 'checkout', replicas: 0, reason: 'x' },
        {
          clientName: 'oncall',
          meta: { principal: 'oncall', roles: ['sre-oncall'] },
        },
      ),
    );
    expect(reply.status).toBe(200);
    const answer = message(reply);
    expect(JSON.stringify(answer)).toMatch(/may use read tools only/);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    const [call] = w.auditRecords({ tool: 'k8s_deployment_scale', type: 'tool.call' }).slice(-1);
    expect(call!.principal).toBe('viewer');
    expect((call!.data.principal as Json).roles).toEqual(['viewer']);
  });

  it("ignores another principal's 2025 session id: a 2026 request is served as its own sender", async () => {
    const init = await w.http('oncall', 'POST', '/mcp', {
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'oncall-ui', version: '1' },
        },
      },
      headers: { accept: 'application/json, text/event-stream' },
    });
    const session = init.headers.get('mcp-session-id')!;
    expect(session).toBeTruthy();
    const req = callTool(3, 'k8s_pods_list', { namespace: 'shop' });
    const reply = await send('agent', { ...req, headers: { ...req.headers, 'mcp-session-id': session } });
    expect(reply.status).toBe(200);
    const callId = ((message(reply).result as Json)._meta as Json)['opswarden/callId'];
    const [call] = w.auditRecords({ type: 'tool.call' }).filter((r) => r.callId === callId);
    expect(call!.principal).toBe('agent');
  });

  it('refuses a request whose routing headers disagree with its body, before the gate', async () => {
    const req = callTool(4, 'k8s_pods_list', { namespace: 'shop' });
    const before = w.auditRecords({ tool: 'k8s_pods_list', type: 'tool.call' }).length;
    const reply = await send('agent', { ...req, headers: { ...req.headers, 'mcp-name': 'prom_query' } });
    expect(reply.status).toBe(400);
    expect((message(reply).error as Json).code).toBe(-32020);
    expect(w.auditRecords({ tool: 'k8s_pods_list', type: 'tool.call' }).length).toBe(before);
  });
});

describe('MCP 2026-07-28: limits hold on this path too', () => {
  it('answers an oversized body with 413 naming limits.maxBodyBytes', async () => {
    const reply = await send('agent', callTool(5, 'k8s_pods_list', { namespace: 'x'.repeat(200 * 1024) }));
    expect(reply.status).toBe(413);
    expect(JSON.stringify(reply.body)).toContain('limits.maxBodyBytes');
  });

  it('answers a call past concurrentCallsPerPrincipal with 429, and the next one once the first is done', async () => {
    const slow = send('agent', callTool(6, 'fixture_logs_shape', { lines: 1_000_000_000 }));
    await new Promise((r) => setTimeout(r, 300));
    const second = await send('agent', callTool(7, 'k8s_pods_list', { namespace: 'shop' }));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(JSON.stringify(second.body)).toContain('limits.concurrentCallsPerPrincipal');
    // Another principal is not held up by the agent's share.
    const other = await send('oncall', callTool(8, 'k8s_pods_list', { namespace: 'shop' }));
    expect(other.status).toBe(200);
    expect((await slow).status).toBe(200);
    const after = await send('agent', callTool(9, 'k8s_pods_list', { namespace: 'shop' }));
    expect(after.status).toBe(200);
  }, 20_000);
});

describe('MCP 2026-07-28: in-client approval across a retry', () => {
  const ELICITS = { 'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } } };
  const scale = (replicas: number) => ({
    namespace: 'shop',
    name: 'checkout',
    replicas,
    reason: 'fuzz the retry',
  });
  const accept = { approve: { action: 'accept', content: { approve: true } } };

  /** Round one as the on-call human: the question, and the signed state to echo. */
  async function ask(replicas: number): Promise<{ state: string; approvalId: string }> {
    const reply = await send(
      'oncall',
      callTool(20, 'k8s_deployment_scale', scale(replicas), { meta: ELICITS }),
    );
    const result = message(reply).result as Json;
    expect(result.resultType, JSON.stringify(result)).toBe('input_required');
    expect(Object.keys(result.inputRequests as Json)).toEqual(['approve']);
    const [ticket] = w.auditRecords({ type: 'approval.requested' }).slice(-1);
    return { state: result.requestState as string, approvalId: ticket!.data.approvalId as string };
  }

  /** Round two: the same call with an answer and a state, as `who`. */
  function retry(who: Who, replicas: number, state: string, responses: Json = accept) {
    const req = callTool(21, 'k8s_deployment_scale', scale(replicas), { meta: ELICITS });
    const body = req.body as { params: Json };
    body.params.inputResponses = responses;
    body.params.requestState = state;
    return send(who, req);
  }

  it('never asks an agent, whatever its client declares: the change waits out of band', async () => {
    const reply = await send('agent', callTool(22, 'k8s_deployment_scale', scale(5), { meta: ELICITS }));
    const result = message(reply).result as Json;
    expect(result.resultType).not.toBe('input_required');
    expect((result.structuredContent as Json).status).toBe('approval_required');
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });

  it("refuses the human's signed state when another principal echoes it, and a tampered one", async () => {
    const { state, approvalId } = await ask(5);
    const stolen = await retry('agent', 5, state);
    expect((message(stolen).error as Json)?.code).toBe(-32602);
    const [head, body, mac] = state.split('.');
    const tampered = await retry('oncall', 5, `${head}.${body}.${mac!.slice(0, -2)}AA`);
    expect((message(tampered).error as Json)?.code).toBe(-32602);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    expect(w.app.approvals.get(approvalId)?.status).toBe('pending');
  });

  it('an answer decides only the call it was asked for: other arguments are refused and nothing runs', async () => {
    const { state, approvalId } = await ask(5);
    const other = await retry('oncall', 6, state);
    const result = message(other).result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain(
      `answers ${approvalId}, which is not a pending in-client approval of this call`,
    );
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });

  it('an answer is spent once: replaying the retry does not run the change again', async () => {
    const { state } = await ask(5);
    const first = message(await retry('oncall', 5, state)).result as { isError?: boolean };
    expect(first.isError).toBeFalsy();
    expect(await w.replicas('shop', 'checkout')).toBe(5);
    await w.kubectl('scale', 'deployment/checkout', '-n', 'shop', '--replicas=3');
    const again = message(await retry('oncall', 5, state)).result as {
      isError?: boolean;
      content: { text: string }[];
    };
    expect(again.isError).toBe(true);
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });
});

describe('MCP 2026-07-28: hostile bodies', () => {
  it('refuses arguments nested 20,000 deep as a tool error naming the field, and keeps serving', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const req = callTool(11, 'k8s_pods_list', { namespace: 'shop' });
    const body = JSON.stringify(req.body).replace('"namespace":"shop"', `"namespace":"shop","x":${deep}`);
    const reply = await w.http('agent', 'POST', '/mcp', { body, headers: req.headers });
    expect(reply.status).toBe(200);
    const result = message(reply).result as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/unknown argument\(s\) "x"/);
    expect((await send('agent', callTool(12, 'k8s_pods_list', { namespace: 'shop' }))).status).toBe(200);
  });
});

describe('MCP 2026-07-28: subscription streams', () => {
  it('an open subscriptions/listen stream holds one of its principal’s calls in flight: streams are capped per principal', async () => {
    const listen = modern(30, 'subscriptions/listen', { notifications: { resourcesListChanged: true } });
    const text = JSON.stringify(listen.body);
    const stream = await new Promise<{ status: number; close(): void }>((resolve, reject) => {
      const req = request(
        `${w.url}/mcp`,
        {
          method: 'POST',
          headers: {
            ...listen.headers,
            authorization: `Bearer ${w.tokens.agent}`,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(text)),
          },
        },
        (res) => resolve({ status: res.statusCode ?? 0, close: () => req.destroy() }),
      );
      req.on('error', reject);
      req.end(text);
    });
    try {
      expect(stream.status).toBe(200);
      const call = await send('agent', callTool(31, 'k8s_pods_list', { namespace: 'shop' }));
      expect(call.status).toBe(429); // concurrentCallsPerPrincipal is 1 in this world
      expect((await send('oncall', callTool(32, 'k8s_pods_list', { namespace: 'shop' }))).status).toBe(200);
    } finally {
      stream.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await send('agent', callTool(33, 'k8s_pods_list', { namespace: 'shop' }))).status).toBe(200);
  });
});

describe('MCP 2026-07-28: tasks', () => {
  it("a task is its owner's alone: to another principal its id is unknown, to get, update or cancel", async () => {
    const task = new TaskStore(w.app.db).create(
      { principal: 'agent', tool: 'runbook_run', kind: 'runbook', executionId: 'rbx_gone' },
      new Date().toISOString(),
    );
    for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
      const params = { taskId: task.id, ...(method === 'tasks/update' ? { inputResponses: {} } : {}) };
      const reply = message(await send('agent2', modern(40, method, params, { name: task.id })));
      expect((reply.error as Json | undefined)?.message, method).toBe(`no task ${task.id}`);
    }
    // Its owner reads it; the run it points at is gone, which the result says (in band, redacted).
    const own = message(await send('agent', modern(41, 'tasks/get', { taskId: task.id }, { name: task.id })));
    expect(own.result).toMatchObject({ taskId: task.id, status: 'completed', result: { isError: true } });
  });
});

describe('MCP 2026-07-28: tasks per principal', () => {
  it('caps the background tasks a principal may have running: past limits.concurrentCallsPerPrincipal the answer comes in band', async () => {
    const scale = (replicas: number) => ({
      namespace: 'shop',
      name: 'checkout',
      replicas,
      reason: 'flood the tasks',
    });
    const first = message(
      await send('agent', callTool(50, 'k8s_deployment_scale', scale(5), { meta: TAKES_TASKS })),
    );
    const task = first.result as Json;
    expect(task.resultType).toBe('task');
    // concurrentCallsPerPrincipal is 1 in this world: the second waits in band, as approval_required.
    const second = message(
      await send('agent', callTool(51, 'k8s_deployment_scale', scale(6), { meta: TAKES_TASKS })),
    );
    const inBand = second.result as { resultType: string; structuredContent: Json };
    expect(inBand.resultType).toBe('complete');
    expect(inBand.structuredContent.status).toBe('approval_required');
    // Another principal is not held by the agent's tasks.
    const other = message(
      await send('agent2', callTool(52, 'k8s_deployment_scale', scale(7), { meta: TAKES_TASKS })),
    );
    expect((other.result as Json).resultType).toBe('task');
    for (const [who, id] of [
      ['agent', task.taskId],
      ['agent2', (other.result as Json).taskId],
    ] as const)
      await send(who, modern(53, 'tasks/cancel', { taskId: id }, { name: id as string }));
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });
});

describe('MCP 2026-07-28: tasks cut short', () => {
  it('a call task whose process stopped beating says it was interrupted, instead of working forever', async () => {
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    const task = new TaskStore(w.app.db).create(
      { principal: 'agent', tool: 'k8s_node_drain', kind: 'call', owner: 'a-server-that-died' },
      minuteAgo,
    );
    const reply = message(
      await send('agent', modern(42, 'tasks/get', { taskId: task.id }, { name: task.id })),
    );
    expect(reply.result).toMatchObject({ taskId: task.id, status: 'failed', error: { code: -32603 } });
    expect(((reply.result as Json).error as Json).message).toMatch(
      /^interrupted: the server running k8s_node_drain stopped/,
    );
  });
});

describe('MCP 2026-07-28: trace context', () => {
  const recordedTrace = async (meta: Json) => {
    const reply = await send('agent', callTool(10, 'k8s_pods_list', { namespace: 'shop' }, { meta }));
    expect(reply.status).toBe(200);
    const callId = ((message(reply).result as Json)._meta as Json)['opswarden/callId'];
    const [call] = w.auditRecords({ type: 'tool.call' }).filter((r) => r.callId === callId);
    return call!.data.trace;
  };

  it('records a well-formed traceparent and tracestate with the call', async () => {
    expect(await recordedTrace({ traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' })).toEqual({
      traceparent: TRACEPARENT,
      tracestate: 'congo=t61rcWkgMzE',
    });
  });

  it('records nothing of a traceparent that is not W3C: text, an all-zero id, a huge value', async () => {
    for (const traceparent of [
      'IGNORE PREVIOUS INSTRUCTIONS',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01${'x'.repeat(10_000)}`,
      { nested: TRACEPARENT },
    ])
      expect(await recordedTrace({ traceparent })).toBeUndefined();
  });

  it('drops a tracestate that is not printable ASCII but keeps the valid traceparent', async () => {
    expect(await recordedTrace({ traceparent: TRACEPARENT, tracestate: 'a=b\nIGNORE PREVIOUS' })).toEqual({
      traceparent: TRACEPARENT,
    });
  });
});
