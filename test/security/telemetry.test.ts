// Surface: the spans opswarden sends to a tracing backend, a third party. The redaction
// corpus is planted in a sandbox world (ConfigMap data, pod logs) and sent in as arguments
// (a change's reason, names a failing backend echoes, a tool whose error carries a secret);
// every OTLP request the collector receives is searched for each secret, for an argument
// value that is no secret, and for the collector's own credential. A collector that is
// down, or that accepts a request and never answers, must not slow a call or hold up the
// server's stop beyond telemetry.otlp.timeout. A hostile traceparent or tracestate gets a
// fresh trace, never an error or its text in a span. Bad telemetry config is refused at
// start, naming the key (or the variable that set it).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { defineTool } from '../../src/tool.ts';
import { redactionCorpus, type SecretShape } from '../fixtures/redaction-corpus.ts';
import { eventually } from '../helpers/eventually.ts';
import {
  deadCollectorUrl,
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../helpers/otlp-receiver.ts';
import { runCli } from '../helpers/spawn.ts';
import { tempDir } from '../unit/audit/helpers.ts';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';
import {
  CONFIGMAP,
  DEPLOYMENT,
  isMultiline,
  leakedShapes,
  NAMESPACE,
  writeRedactionScenario,
} from './redaction-world.ts';

const corpus = redactionCorpus();
/** The collector's credential: sent to it as a header, never in a body or a log line. */
const COLLECTOR_TOKEN = 'otlp-token-5b0c8f1e9d2a47c3a6e1f0b9d8c7a6e5';
/** An argument value that is no secret: no argument value of any kind leaves in a span. */
const PLAIN_ARGUMENT = 'canary-argument-7c1e2f';
/** Every attribute a span may carry: anything else would be a leak waiting to happen. */
const ALLOWED_ATTRIBUTES = new Set([
  'mcp.method.name',
  'gen_ai.operation.name',
  'gen_ai.tool.name',
  'opswarden.tool.kind',
  'opswarden.call.id',
  'opswarden.principal.id',
  'opswarden.principal.type',
  'opswarden.policy.effect',
  'opswarden.policy.rules',
  'opswarden.policy.bundle',
  'opswarden.outcome',
  'error.type',
]);
const HOSTILE_TRACE = 'deadbeefdeadbeefdeadbeefdeadbeef';
const PARENT_SPAN = '00f067aa0ba902b7';

/** A backend client whose error names itself after what the server answered (as some SDKs do). */
class EchoingBackendError extends Error {
  constructor(message: string, code: string) {
    super(message);
    this.name = code;
  }
}

const LEAKY_SHAPE = corpus.find((s) => !isMultiline(s) && s.secret.length >= 20)!;
/** Fails with the secret in its error's message and name, and the argument echoed back. */
const echoingTool = defineTool({
  name: 'fixture_echoing_backend',
  title: 'Fixture: Echoing backend',
  description: 'Fails with a secret in its error (test fixture).',
  kind: 'read',
  input: z.object({ token: z.string().min(1) }).strict(),
  output: z.object({ ok: z.boolean() }),
  target: () => ({ kind: 'Event', namespace: NAMESPACE }),
  handler: async (_ctx, args) => {
    throw new EchoingBackendError(`upstream rejected ${args.token}: ${LEAKY_SHAPE.line}`, LEAKY_SHAPE.secret);
  },
});

interface Result {
  isError?: boolean;
  content: { text: string }[];
  _meta?: Record<string, unknown>;
}

const callIdOf = (res: Result) => res._meta?.['opswarden/callId'] as string;

/** Waits for the spans of these calls; returns every span received. */
async function spansOf(rx: OtlpReceiver, callIds: readonly string[]): Promise<ReceivedSpan[]> {
  return eventually(
    async () => rx.spans(),
    (spans) => {
      const seen = new Set(spans.map((s) => s.attributes['opswarden.call.id']));
      expect(callIds.filter((id) => !seen.has(id))).toEqual([]);
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
}

function logSink(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
}

describe('what reaches the collector', () => {
  let rx: OtlpReceiver;
  let w: SecurityWorld;
  /** One session for every call (a principal may hold 16). */
  let client: Client;
  const logLines: string[] = [];
  const callIds: string[] = [];

  beforeAll(async () => {
    rx = await startOtlpReceiver();
    w = await startSecurityWorld({
      scenario: writeRedactionScenario(corpus),
      extraTools: [echoingTool],
      logger: createLogger('debug', logSink(logLines)),
      config: (raw) => {
        raw.output = { maxBytes: 4_000_000 };
        raw.telemetry = {
          otlp: { endpoint: rx.url, headers: { authorization: `Bearer ${COLLECTOR_TOKEN}` } },
        };
      },
    });
    client = await w.mcp('agent');
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await rx?.close();
  });

  async function call(tool: string, args: Record<string, unknown>): Promise<Result> {
    const res = (await client.callTool({ name: tool, arguments: args })) as Result;
    callIds.push(callIdOf(res));
    return res;
  }

  it('carries no secret from results, arguments or errors, no argument value, and only the agreed attributes', async () => {
    // Secrets in what backends answer.
    const configMap = await call('k8s_resource_get', {
      namespace: NAMESPACE,
      kind: 'ConfigMap',
      name: CONFIGMAP,
    });
    expect(configMap.isError, configMap.content[0]?.text).toBeFalsy();
    const logs = await call('k8s_pod_logs', {
      namespace: NAMESPACE,
      labelSelector: `app=${DEPLOYMENT}`,
      maxPods: 1,
      tailLines: 5000,
      raw: true,
    });
    expect(logs.isError, logs.content[0]?.text).toBeFalsy();
    // Secrets in arguments: a change's reason (dry runs, so the handler runs), names a
    // backend does not find and echoes back, an invalid argument, a tool whose error
    // carries one in its message and its name.
    const lines = corpus.filter((s) => !isMultiline(s)).map((s) => s.line);
    for (let i = 0; i < lines.length; i += 12) {
      const res = await call('k8s_deployment_scale', {
        namespace: NAMESPACE,
        name: DEPLOYMENT,
        replicas: 3,
        reason: lines
          .slice(i, i + 12)
          .join(' | ')
          .slice(0, 2000),
        dryRun: true,
      });
      expect(res.isError, res.content[0]?.text).toBeFalsy();
    }
    for (const shape of corpus.filter((s) => !isMultiline(s)).slice(0, 10)) {
      const res = await call('k8s_resource_get', {
        namespace: NAMESPACE,
        kind: 'ConfigMap',
        name: shape.secret,
      });
      expect(res.isError).toBe(true);
    }
    const invalid = await call('k8s_pods_list', { namespace: PLAIN_ARGUMENT, secret: LEAKY_SHAPE.secret });
    expect(invalid.isError).toBe(true);
    const plain = await call('k8s_pods_list', { namespace: PLAIN_ARGUMENT });
    expect(plain.content[0]?.text).toBeDefined();
    const leaky = await call('fixture_echoing_backend', { token: PLAIN_ARGUMENT });
    expect(leaky.isError).toBe(true);

    const spans = await spansOf(rx, callIds);
    const bodies = rx.requests.map((r) => r.body).join('\n');
    // The data did reach the exits it should: every call is there, by id and tool.
    expect(callIds.filter((id) => !bodies.includes(id))).toEqual([]);
    expect(bodies).toContain('tools/call k8s_pod_logs');
    expect(leakedShapes(bodies, corpus).map((s: SecretShape) => s.id)).toEqual([]);
    // (Booleans: a failure should not print megabytes of spans.)
    expect(bodies.includes(PLAIN_ARGUMENT), 'an argument value in a span').toBe(false);
    expect(bodies.includes(COLLECTOR_TOKEN), "the collector's token in a span").toBe(false);
    expect(bodies.includes(DEPLOYMENT), 'a target name (an argument too) in a span').toBe(false);
    for (const span of spans) {
      expect(Object.keys(span.attributes).filter((k) => !ALLOWED_ATTRIBUTES.has(k))).toEqual([]);
    }
    // The failing tool's span says what failed by class, not by the name the error gave itself.
    const failed = spans.find((s) => s.attributes['opswarden.call.id'] === callIdOf(leaky))!;
    const handler = spans.find((s) => s.parentSpanId === failed.spanId && s.name === 'handler')!;
    expect(handler.attributes).toEqual({ 'error.type': 'EchoingBackendError' });

    // The collector's credential went where it belongs, and nowhere else.
    expect(rx.requests.every((r) => r.headers.authorization === `Bearer ${COLLECTOR_TOKEN}`)).toBe(true);
    expect(logLines.join('').includes(COLLECTOR_TOKEN), "the collector's token in a log line").toBe(false);
  });

  describe('a hostile trace context', () => {
    const TRACEPARENTS: [string, unknown][] = [
      ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_SPAN}-01`],
      ['an all-zero parent id', `00-${HOSTILE_TRACE}-${'0'.repeat(16)}-01`],
      ['upper-case hex', `00-${HOSTILE_TRACE.toUpperCase()}-${PARENT_SPAN}-01`],
      ['the forbidden version ff', `ff-${HOSTILE_TRACE}-${PARENT_SPAN}-01`],
      ['a trailing field on version 00', `00-${HOSTILE_TRACE}-${PARENT_SPAN}-01-cafe`],
      ['a header injection', `00-${HOSTILE_TRACE}-${PARENT_SPAN}-01\r\nx-injected: 1`],
      ['100 kB of text', `00-${HOSTILE_TRACE}-${'a'.repeat(100_000)}`],
      ['a number', 4242],
      ['an object', { traceId: HOSTILE_TRACE, spanId: PARENT_SPAN }],
      ['a list', [`00-${HOSTILE_TRACE}-${PARENT_SPAN}-01`]],
    ];
    const GOOD_TRACE = '5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e';
    const TRACESTATES: [string, string, string | undefined][] = [
      ['control characters', 'a=1\r\nx-injected: 1', undefined],
      ['over 512 bytes', `a=${'b'.repeat(600)}`, undefined],
      ['members that are not key=value', 'ok=1,BAD KEY=2,=3,novalue', 'ok=1'],
    ];
    /** Each case's call, all made first: one wait for the exporter's batch serves every case. */
    const calls = new Map<string, Result>();
    let spans: ReceivedSpan[];
    const spanOf = (name: string) =>
      spans.find((s) => s.attributes['opswarden.call.id'] === callIdOf(calls.get(name)!))!;

    beforeAll(async () => {
      const call = async (name: string, meta: Record<string, unknown>) => {
        const res = (await client.callTool({
          name: 'k8s_pods_list',
          arguments: { namespace: NAMESPACE },
          _meta: meta,
        })) as Result;
        calls.set(name, res);
      };
      for (const [name, traceparent] of TRACEPARENTS)
        await call(name, { traceparent, tracestate: `evil=${HOSTILE_TRACE}` });
      for (const [name, tracestate] of TRACESTATES)
        await call(name, { traceparent: `00-${GOOD_TRACE}-${PARENT_SPAN}-01`, tracestate });
      spans = await spansOf(rx, [...calls.values()].map(callIdOf));
    });

    it.each(TRACEPARENTS)('gives a call whose traceparent is %s a fresh trace, not an error', (name) => {
      const res = calls.get(name)!;
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      const span = spanOf(name);
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.traceId).not.toBe(HOSTILE_TRACE);
      expect(span.parentSpanId).toBeUndefined();
      expect(span.traceState).toBeUndefined();
    });

    it.each(TRACESTATES)('keeps the trace but not a tracestate with %s', (name, _, kept) => {
      const res = calls.get(name)!;
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      expect(spanOf(name)).toMatchObject({ traceId: GOOD_TRACE, parentSpanId: PARENT_SPAN });
      expect(spanOf(name).traceState).toBe(kept);
    });

    it('puts none of their text in a span', () => {
      const bodies = rx.requests.map((r) => r.body).join('\n');
      expect(bodies.includes(HOSTILE_TRACE), 'the hostile trace id in a span').toBe(false);
      expect(bodies.includes('x-injected'), 'the injected header in a span').toBe(false);
      expect(bodies.includes('a'.repeat(1000)), 'the long traceparent in a span').toBe(false);
    });
  });
});

describe('a collector that is down or never answers', () => {
  /** A call to the sandbox takes some 10-50 ms; one that waited on an export would take the export timeout (2 s). */
  const CALL_BOUND_MS = 750;
  const TIMEOUT = '2s';
  /** telemetry.otlp.timeout, plus the rest of the stop (sessions, the store, the sandbox) on a slow machine. */
  const CLOSE_BOUND_MS = 2000 + 1500;
  let collectorUrl: string;
  beforeAll(async () => {
    collectorUrl = await deadCollectorUrl();
  });

  async function timedCalls(w: SecurityWorld, count: number): Promise<number[]> {
    const client = await w.mcp('agent');
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = (await client.callTool({
        name: 'k8s_pods_list',
        arguments: { namespace: 'shop' },
      })) as Result;
      times.push(performance.now() - started);
      expect(res.isError, res.content[0]?.text).toBeFalsy();
    }
    return times;
  }

  async function timedClose(w: SecurityWorld): Promise<number> {
    const started = performance.now();
    await w.close();
    return performance.now() - started;
  }

  it('refusing connections: calls stay fast, the outage is logged once, the stop is bounded', async () => {
    const logLines: string[] = [];
    const w = await startSecurityWorld({
      logger: createLogger('info', logSink(logLines)),
      config: (raw) => {
        raw.telemetry = { otlp: { endpoint: collectorUrl, timeout: TIMEOUT } };
      },
    });
    let closed = false;
    try {
      const before = await timedCalls(w, 5);
      await eventually(
        async () => logLines.filter((l) => l.includes('spans could not be exported')),
        (warnings) => expect(warnings).toHaveLength(1),
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      const during = await timedCalls(w, 10);
      expect(Math.max(...before, ...during)).toBeLessThan(CALL_BOUND_MS);
      expect(logLines.filter((l) => l.includes('spans could not be exported'))).toHaveLength(1);
      closed = true;
      expect(await timedClose(w)).toBeLessThan(CLOSE_BOUND_MS);
    } finally {
      if (!closed) await w.close();
    }
  });

  it('hanging on a request: calls stay fast while it hangs, the stop is bounded, spans go out once it answers', async () => {
    const rx = await startOtlpReceiver('hang');
    const logLines: string[] = [];
    const w = await startSecurityWorld({
      logger: createLogger('info', logSink(logLines)),
      config: (raw) => {
        raw.telemetry = { otlp: { endpoint: rx.url, timeout: TIMEOUT } };
      },
    });
    let closed = false;
    try {
      await timedCalls(w, 1);
      // The first export is in flight and will not be answered.
      await eventually(
        async () => rx.requests.length,
        (n) => expect(n).toBeGreaterThanOrEqual(1),
        { timeoutMs: 5000, intervalMs: 20 },
      );
      const hungAt = performance.now();
      const during = await timedCalls(w, 10);
      expect(performance.now() - hungAt, 'the calls ran while the export hung').toBeLessThan(2000);
      expect(Math.max(...during)).toBeLessThan(CALL_BOUND_MS);

      // The collector recovers: what was queued meanwhile is delivered.
      rx.mode = 'ok';
      await eventually(
        async () => rx.spans().filter((s) => s.name === 'tools/call k8s_pods_list').length,
        (n) => expect(n).toBeGreaterThanOrEqual(10),
        { timeoutMs: 10_000, intervalMs: 50 },
      );

      // And hangs again, with calls queued: the stop gives up after the timeout.
      rx.mode = 'hang';
      await timedCalls(w, 3);
      closed = true;
      expect(await timedClose(w)).toBeLessThan(CLOSE_BOUND_MS);
    } finally {
      if (!closed) await w.close();
      await rx.close();
    }
  });
});

describe('telemetry config', () => {
  function configWith(raw: Record<string, unknown>): string {
    const path = join(tempDir(), 'opswarden.yaml');
    writeFileSync(path, yaml.dump({ store: { path: 'opswarden.db' }, ...raw }));
    return path;
  }

  it.each<[string, unknown, RegExp]>([
    [
      'a URL without a scheme',
      { otlp: { endpoint: 'collector:4318' } },
      /telemetry\.otlp\.endpoint: an http:\/\/ or https:\/\/ URL/,
    ],
    ['no URL at all', { otlp: { endpoint: 'the collector' } }, /telemetry\.otlp\.endpoint: not a URL/],
    [
      'a file URL',
      { otlp: { tracesEndpoint: 'file:///etc/passwd' } },
      /telemetry\.otlp\.tracesEndpoint: an http:\/\/ or https:\/\/ URL/,
    ],
    [
      'credentials in the URL',
      { otlp: { endpoint: 'https://ops:hunter2@collector:4318' } },
      /telemetry\.otlp\.endpoint: credentials do not belong in the URL/,
    ],
    [
      'a header value smuggling another header',
      {
        otlp: { endpoint: 'http://collector:4318', headers: { authorization: 'Bearer x\r\nX-Injected: 1' } },
      },
      /telemetry\.otlp\.headers\.authorization: a header value without control characters/,
    ],
    [
      'a header name with a space',
      { otlp: { endpoint: 'http://collector:4318', headers: { 'api key': 'x' } } },
      /telemetry\.otlp\.headers\.api key: not an HTTP header name/,
    ],
    [
      'a zero timeout',
      { otlp: { endpoint: 'http://collector:4318', timeout: '0s' } },
      /telemetry\.otlp\.timeout: from 100ms to 60s/,
    ],
    [
      'an hour-long timeout',
      { otlp: { endpoint: 'http://collector:4318', timeout: '1h' } },
      /telemetry\.otlp\.timeout: from 100ms to 60s/,
    ],
    [
      'no collector',
      { otlp: { serviceName: 'ops' } },
      /telemetry\.otlp\.endpoint: set the collector's OTLP\/HTTP URL/,
    ],
    [
      'a misspelt key',
      { otlp: { endpiont: 'http://collector:4318' } },
      /telemetry\.otlp\.endpiont: unknown key/,
    ],
    [
      'a protocol opswarden does not speak',
      { otlp: { endpoint: 'http://c:4318' }, zipkin: {} },
      /telemetry\.zipkin: unknown key/,
    ],
  ])('refuses %s, naming the key', (_, telemetry, message) => {
    const load = () => loadConfig(configWith({ telemetry }), {});
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it('does not repeat a refused header value (it is usually a credential)', () => {
    const path = configWith({
      telemetry: {
        otlp: { endpoint: 'http://c:4318', headers: { authorization: `Bearer ${COLLECTOR_TOKEN}\n` } },
      },
    });
    expect(() => loadConfig(path, {})).toThrow(/headers\.authorization/);
    expect(() => loadConfig(path, {})).not.toThrow(COLLECTOR_TOKEN);
  });

  it('names the standard variable that set a bad endpoint', () => {
    expect(() => loadConfig(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /telemetry\.otlp\.endpoint \(from \$OTEL_EXPORTER_OTLP_ENDPOINT\): an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('stops `opswarden serve` before it serves anything', () => {
    const res = runCli(['serve', '--config', configWith({ telemetry: { otlp: { endpoint: 'ftp://c' } } })]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/telemetry\.otlp\.endpoint: an http:\/\/ or https:\/\/ URL, got ftp:/);
  });
});
