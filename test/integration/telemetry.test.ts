// OpenTelemetry spans of tool calls, end to end: opswarden served over Streamable HTTP on
// the security world (a sandbox Kubernetes API), `telemetry.otlp` pointing at an OTLP/HTTP
// receiver on loopback, and the MCP SDK client sending a W3C traceparent in `_meta`. The
// real exporter posts OTLP JSON; the test decodes it and checks what a tracing backend
// would show: the call as a SERVER span in the caller's trace (child of its span, its
// tracestate kept), one child span per gate step in order, the agreed attributes and no
// others, the caller's sampling decision respected, and spans flushed when the server
// process stops on SIGTERM.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { eventually } from '../helpers/eventually.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../helpers/otlp-receiver.ts';
import { type ElicitAnswer, type SecurityWorld, startSecurityWorld } from '../security/harness.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';
const traceparent = (traceId = TRACE_ID, flags = '01') => `00-${traceId}-${PARENT_SPAN}-${flags}`;
const SERVER = 2;
const INTERNAL = 1;
const STATUS_ERROR = 2;

interface ToolResult {
  isError?: boolean;
  content: { text: string }[];
  structuredContent?: Record<string, unknown>;
  _meta?: Record<string, unknown>;
}

let rx: OtlpReceiver;
let w: SecurityWorld;

beforeAll(async () => {
  rx = await startOtlpReceiver();
  w = await startSecurityWorld({
    config: (raw) => {
      raw.telemetry = {
        otlp: { endpoint: rx.url, serviceName: 'opswarden-test', headers: { 'x-collector-key': 'k3y' } },
      };
    },
  });
});
afterAll(async () => {
  await w?.close();
  await rx?.close();
});

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  meta?: Record<string, unknown>,
): Promise<ToolResult & { callId: string }> {
  const res = (await client.callTool({
    name,
    arguments: args,
    ...(meta ? { _meta: meta } : {}),
  })) as ToolResult;
  const callId = res._meta?.['opswarden/callId'];
  expect(typeof callId, JSON.stringify(res)).toBe('string');
  return { ...res, callId: callId as string };
}

/** The call's span and its children (ordered by start), once the receiver has them. */
async function traced(callId: string): Promise<{ call: ReceivedSpan; steps: ReceivedSpan[] }> {
  const spans = await eventually(
    async () => rx.spans(),
    (all) => expect(all.map((s) => s.attributes['opswarden.call.id'])).toContain(callId),
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  const call = spans.find((s) => s.attributes['opswarden.call.id'] === callId)!;
  const steps = spans
    .filter((s) => s.parentSpanId === call.spanId)
    .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  return { call, steps };
}

/** Steps run one after the other, inside the call's span, in its trace. */
function expectNested(call: ReceivedSpan, steps: ReceivedSpan[]): void {
  let previousEnd = call.startNs;
  for (const step of steps) {
    expect(step.traceId).toBe(call.traceId);
    expect(step.kind).toBe(INTERNAL);
    expect(step.startNs >= previousEnd, `${step.name} starts before the step before it ended`).toBe(true);
    expect(step.endNs >= step.startNs).toBe(true);
    previousEnd = step.endNs;
  }
  expect(previousEnd <= call.endNs, 'a step ends after the call').toBe(true);
}

describe('a tool call as OpenTelemetry spans over OTLP/HTTP', () => {
  it("shows a read as a SERVER span in the caller's trace, with a child span per gate step", async () => {
    const client = await w.mcp('agent');
    const res = await call(
      client,
      'k8s_pods_list',
      { namespace: 'shop' },
      { traceparent: traceparent(), tracestate: 'vendor=abc,other=x1' },
    );
    expect(res.isError, res.content[0]?.text).toBeFalsy();

    const { call: span, steps } = await traced(res.callId);
    expect(span).toMatchObject({
      name: 'tools/call k8s_pods_list',
      kind: SERVER,
      traceId: TRACE_ID,
      parentSpanId: PARENT_SPAN,
      traceState: 'vendor=abc,other=x1',
      status: 0,
      scope: 'opswarden',
    });
    // Exactly these: nothing of the arguments (namespace: shop) or the result.
    expect(span.attributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'k8s_pods_list',
      'opswarden.tool.kind': 'read',
      'opswarden.call.id': res.callId,
      'opswarden.principal.id': 'agent',
      'opswarden.principal.type': 'agent',
      'opswarden.policy.effect': 'allow',
      'opswarden.policy.rules': [],
      'opswarden.policy.bundle': `${w.app.policy.current().ref.name}@${w.app.policy.current().ref.version}`,
      'opswarden.outcome': 'ok',
    });
    expect(span.resource).toMatchObject({ 'service.name': 'opswarden-test', 'service.version': pkg.version });
    expect(steps.map((s) => s.name)).toEqual(['validate', 'resolve', 'policy', 'handler', 'shape', 'audit']);
    expectNested(span, steps);
    for (const step of steps) {
      expect(step.traceState).toBe('vendor=abc,other=x1');
      expect(step.attributes).toEqual({});
    }

    const exported = rx.requests.find((r) => r.body.includes(res.callId))!;
    expect(exported).toMatchObject({ method: 'POST', path: '/v1/traces' });
    expect(exported.headers).toMatchObject({ 'content-type': 'application/json', 'x-collector-key': 'k3y' });
  });

  it('marks a denied call as an error span with its effect and rule, and skips the steps it never reached', async () => {
    const client = await w.mcp('agent');
    const res = await call(
      client,
      'k8s_events_list',
      { namespace: 'shop', kind: 'Secret' },
      { traceparent: traceparent() },
    );
    expect(res.isError).toBe(true);

    const { call: span, steps } = await traced(res.callId);
    expect(span.status).toBe(STATUS_ERROR);
    expect(span.attributes).toMatchObject({
      'gen_ai.tool.name': 'k8s_events_list',
      'opswarden.policy.effect': 'deny',
      'opswarden.policy.rules': ['secrets-are-off-limits'],
      'opswarden.outcome': 'denied',
      'error.type': 'tool_error',
    });
    expect(steps.map((s) => s.name)).toEqual(['validate', 'resolve', 'policy', 'audit']);
    expectNested(span, steps);
  });

  it('times the wait for an approval confirmed in the client as its own step', async () => {
    const APPROVAL_DELAY_MS = 200;
    // The harness types the answer as immediate; the SDK client awaits a promise all the same.
    const slowAccept = (() =>
      new Promise((resolve) =>
        setTimeout(() => resolve({ action: 'accept', content: { approve: true } }), APPROVAL_DELAY_MS),
      )) as unknown as () => ElicitAnswer;
    const client = await w.mcp('oncall', { elicit: slowAccept });
    const res = await call(
      client,
      'k8s_deployment_scale',
      { namespace: 'shop', name: 'checkout', replicas: 4, reason: 'evening peak, traced' },
      { traceparent: traceparent() },
    );
    expect(res.isError, res.content[0]?.text).toBeFalsy();

    const { call: span, steps } = await traced(res.callId);
    expect(span.attributes).toMatchObject({
      'gen_ai.tool.name': 'k8s_deployment_scale',
      'opswarden.tool.kind': 'mutate',
      'opswarden.principal.id': 'oncall',
      'opswarden.principal.type': 'human',
      'opswarden.policy.effect': 'escalate',
      'opswarden.outcome': 'ok',
    });
    expect(span.attributes['opswarden.policy.rules']).toContain('production-mutation-needs-approval');
    expect(steps.map((s) => s.name)).toEqual([
      'validate',
      'resolve',
      'policy',
      'audit', // the call and decision, on record before the wait
      'approval',
      'snapshot',
      'audit',
      'handler',
      'shape',
      'audit',
    ]);
    expectNested(span, steps);
    const approval = steps.find((s) => s.name === 'approval')!;
    expect(Number(approval.endNs - approval.startNs) / 1e6).toBeGreaterThanOrEqual(APPROVAL_DELAY_MS - 5);
  });

  it('starts a trace of its own for a call that brings no traceparent', async () => {
    const client = await w.mcp('agent');
    const res = await call(client, 'k8s_pods_list', { namespace: 'staging' });

    const { call: span, steps } = await traced(res.callId);
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.traceId).not.toBe(TRACE_ID);
    expect(span.parentSpanId).toBeUndefined();
    expect(steps.length).toBeGreaterThan(0);
    expectNested(span, steps);
  });

  it("respects the caller's sampling decision: a traceparent that is not sampled exports nothing", async () => {
    const client = await w.mcp('agent');
    const unsampledTrace = '0123456789abcdef0123456789abcdef';
    const skipped = await call(
      client,
      'k8s_pods_list',
      { namespace: 'shop' },
      { traceparent: traceparent(unsampledTrace, '00') },
    );
    const sampled = await call(
      client,
      'k8s_pods_list',
      { namespace: 'shop' },
      { traceparent: traceparent() },
    );
    expect(skipped.isError).toBeFalsy();

    await traced(sampled.callId);
    expect(rx.spans().filter((s) => s.traceId === unsampledTrace)).toEqual([]);
    expect(rx.requests.some((r) => r.body.includes(skipped.callId))).toBe(false);
  });

  it('flushes the spans of the last calls when `opswarden serve` stops on SIGTERM', async () => {
    // The same config (telemetry included), served by the real CLI in a child process.
    const child = await w.serveInChild();
    const client = new Client({ name: 'telemetry-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${child.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${w.tokens.agent}` } },
      }),
    );
    const res = await call(client, 'k8s_pods_list', { namespace: 'shop' }, { traceparent: traceparent() });
    const called = performance.now();
    await client.close();
    expect(await child.stop(), child.stderr()).toBe(0);
    const stopped = performance.now();

    // On the receiver by the time the process is gone, and sent by the stop: the batch timer
    // would have sent it a second after the call (it is sent some 30 ms after).
    const exported = rx.requests.find((r) => r.body.includes(res.callId));
    expect(exported, child.stderr()).toBeDefined();
    const times = `sent ${(exported!.at - called).toFixed(0)} ms after the call, process gone after ${(stopped - called).toFixed(0)} ms`;
    expect(exported!.at - called, times).toBeLessThan(500);
    const span = rx.spans().find((s) => s.attributes['opswarden.call.id'] === res.callId);
    expect(span).toMatchObject({
      name: 'tools/call k8s_pods_list',
      traceId: TRACE_ID,
      parentSpanId: PARENT_SPAN,
    });
  });
});
