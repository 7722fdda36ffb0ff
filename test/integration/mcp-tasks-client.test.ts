// The official MCP tasks client (@modelcontextprotocol/ext-tasks) on a v2 SDK Client pinned
// to 2026-07-28 drives opswarden's tasks: a background drain settles to its result, and a
// change held for approval is cancelled through the library and never runs. The library
// speaks the tasks wire itself through the host's raw request path (its 2026-07-28 mode
// needs one); here that path is a plain POST with the agent's bearer token.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTaskSessionFromClient, resultFromTaskOutcome } from '@modelcontextprotocol/ext-tasks/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Json, message, REVISION, TASKS_EXTENSION } from '../helpers/mcp-wire.ts';
import { type SecurityWorld, startSecurityWorld } from '../security/harness.ts';

let w: SecurityWorld;
let client: Client;
beforeAll(async () => {
  w = await startSecurityWorld();
  client = new Client(
    { name: 'ext-tasks-test', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: REVISION } } },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${w.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${w.tokens.agent}` } },
    }),
  );
}, 60_000);
afterAll(async () => {
  await client?.close();
  await w?.close();
});

let requestId = 0;

/** The host's raw request path: frames the library's request (jsonrpc, id) and POSTs it with the routing headers. */
async function rawDispatch(request: unknown, options?: { signal?: AbortSignal }) {
  const { method, params } = request as { method: string; params?: Json };
  const name = (params?.name ?? params?.taskId) as string | undefined;
  const res = await fetch(`${w.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${w.tokens.agent}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': REVISION,
      'mcp-method': method,
      ...(name ? { 'mcp-name': name } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++requestId, ...(request as Json) }),
    ...(options?.signal ? { signal: options.signal } : {}),
  });
  const reply = message({ body: await res.text() });
  return reply.error
    ? ({ kind: 'error', error: reply.error } as never)
    : ({ kind: 'result', result: reply.result } as never);
}

const session = () =>
  createTaskSessionFromClient(client, {
    endpointId: 'opswarden-test',
    rawDispatch,
    v2RequestFraming: {
      protocolVersion: REVISION,
      clientInfo: { name: 'ext-tasks-test', version: '1.0.0' },
      clientCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
    },
  });

it('settles a background drain to its result', async () => {
  const tasks = session();
  try {
    const execution = await tasks.callTool('k8s_node_drain', {
      name: 'node-a',
      reason: 'kernel upgrade',
      dryRun: true,
    });
    expect(execution.kind).toBe('task');
    const { outcome } = await execution.settle();
    const result = resultFromTaskOutcome(outcome) as { isError?: boolean; _meta?: Json };
    expect(result.isError).toBeFalsy();
    const [call] = w.auditRecords({ type: 'tool.call', tool: 'k8s_node_drain' }).slice(-1);
    expect(call!.callId).toBe(result._meta?.['opswarden/callId']);
  } finally {
    await tasks.close();
  }
});

it('cancels a change waiting for its approval: the task ends cancelled and a later approval runs nothing', async () => {
  const tasks = session();
  try {
    const args = { namespace: 'shop', name: 'checkout', replicas: 7, reason: 'absorb the evening peak' };
    const execution = await tasks.callTool('k8s_deployment_scale', args);
    expect(execution.kind).toBe('task');
    const [ticket] = w.auditRecords({ type: 'approval.requested' }).slice(-1);
    await execution.cancel();
    const { outcome } = await execution.settle();
    expect(outcome.status).toBe('cancelled');
    await w.http('oncall', 'POST', `/v1/approvals/${ticket!.data.approvalId}/approve`, {
      body: { comment: 'ok' },
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  } finally {
    await tasks.close();
  }
});
