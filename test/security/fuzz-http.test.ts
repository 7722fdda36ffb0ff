// Surface: the bodies of the HTTP APIs that take one — alert ingestion (generic and
// Alertmanager's webhook), change events, and an approver's decision. Each is fuzzed with
// its own valid body bent in one known place (a field of another JSON type, a required field
// missing), with any JSON at all (deep, huge, odd strings), and with bytes that are not JSON.
// Whatever comes in: never a 5xx, a refusal is a JSON 4xx with a message, a bent field is
// refused with a message naming it, a bent decision approves nothing, and /healthz still
// answers. Reproduce a failure with FUZZ_SEED=<seed printed>.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyJson, jsonType } from './fuzz-args.ts';
import { type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 1212);
const RUNS = Number(process.env.FUZZ_RUNS_HTTP ?? 300);

type Path = (string | number)[];
type Json = Record<string, unknown>;

interface Endpoint {
  name: string;
  who: Who;
  path: () => string;
  /** A body the endpoint accepts. */
  valid: Json;
  /** Fields the endpoint cannot do without. */
  required: Path[];
  /** Fields that take any JSON. */
  anything?: Path[];
}

const AT = '2026-04-25T14:20:00Z';
let w: SecurityWorld;
let approvalId: string;

const endpoints: Endpoint[] = [
  {
    name: 'POST /v1/alerts',
    who: 'alertWriter',
    path: () => '/v1/alerts',
    valid: {
      alerts: [
        {
          labels: { alertname: 'FuzzAlert', service: 'checkout' },
          annotations: { summary: 'fuzzed' },
          startsAt: AT,
          status: 'firing',
          fingerprint: 'fuzz-1',
          generatorURL: 'http://prometheus/graph',
        },
      ],
    },
    // Without `alerts` the body is read as one alert (the API takes both forms).
    required: [
      ['alerts', 0, 'labels'],
      ['alerts', 0, 'startsAt'],
    ],
  },
  {
    name: 'POST /v1/alerts/alertmanager',
    who: 'alertWriter',
    path: () => '/v1/alerts/alertmanager',
    valid: {
      version: '4',
      groupKey: '{}:{alertname="FuzzAlert"}',
      status: 'firing',
      receiver: 'opswarden',
      groupLabels: { alertname: 'FuzzAlert' },
      commonLabels: { alertname: 'FuzzAlert' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager:9093',
      truncatedAlerts: 0,
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'FuzzAlert', service: 'web' },
          annotations: { summary: 'fuzzed' },
          startsAt: AT,
          fingerprint: 'fuzz-2',
        },
      ],
    },
    required: [
      ['version'],
      ['alerts'],
      ['alerts', 0, 'status'],
      ['alerts', 0, 'labels'],
      ['alerts', 0, 'startsAt'],
    ],
  },
  {
    name: 'POST /v1/changes',
    who: 'changeWriter',
    path: () => '/v1/changes',
    valid: {
      id: 'fuzz-1',
      kind: 'deploy',
      service: 'checkout',
      namespace: 'shop',
      at: AT,
      summary: 'checkout 1.42.0',
      actor: 'ci',
      source: 'github-actions',
      url: 'https://ci.example/run/1',
      data: { sha: 'abc123' },
    },
    required: [['kind'], ['summary']],
    anything: [['data', 'sha']],
  },
  {
    name: 'POST /v1/approvals/{id}/approve',
    who: 'oncall',
    path: () => `/v1/approvals/${approvalId}/approve`,
    valid: { comment: 'looks right' },
    required: [],
  },
];

/** Every path to a field of the valid body (objects' keys and arrays' items, recursively). */
function fieldPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...path, i], ...fieldPaths(v, [...path, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...path, k], ...fieldPaths(v, [...path, k])]);
  return [];
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

/** A deep copy with the field at `path` replaced, or removed when `value` is `remove`. */
function bend(body: Json, path: Path, value: unknown, remove = false): Json {
  const copy = structuredClone(body);
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (remove) delete parent[key];
  else parent[key] = value;
  return copy;
}

/** The name a message must mention for a bent field: its key, or its list's key for an item. */
function fieldName(path: Path): string {
  return String([...path].reverse().find((k) => typeof k === 'string'));
}

interface Sent {
  kind: 'valid' | 'bent' | 'any' | 'not json';
  body: unknown;
  field?: string;
}

function bodies(endpoint: Endpoint): fc.Arbitrary<Sent> {
  const anything = endpoint.anything?.map((p) => p.join('.')) ?? [];
  const free = (endpoint.anything ?? []).map((path) =>
    anyJson.map((value): Sent => ({ kind: 'any', body: bend(endpoint.valid, path, value) })),
  );
  const typed = fieldPaths(endpoint.valid).filter((p) => !anything.includes(p.join('.')));
  const wrongType = typed.map((path) => {
    const type = jsonType(get(endpoint.valid, path));
    return anyJson
      .filter((v) => jsonType(v) !== type)
      .map(
        (value): Sent => ({ kind: 'bent', body: bend(endpoint.valid, path, value), field: fieldName(path) }),
      );
  });
  const missing = endpoint.required.map((path) =>
    fc.constant<Sent>({
      kind: 'bent',
      body: bend(endpoint.valid, path, undefined, true),
      field: fieldName(path),
    }),
  );
  const notJson = fc.oneof(
    fc.constantFrom('{', '{"alerts": [', 'nul', '[1,2', '"\\ud800"', '{"a":1}{"b":2}', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 64 }).filter((s) => !isJson(s)),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Sent>({ kind: 'valid', body: endpoint.valid }) },
    { weight: 5, arbitrary: fc.oneof(...wrongType, ...missing) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        anyJson.map((body): Sent => ({ kind: 'any', body })),
        ...free,
      ),
    },
    { weight: 1, arbitrary: notJson.map((text): Sent => ({ kind: 'not json', body: text })) },
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  w = await startSecurityWorld();
  const pending = await w.call('agent', 'k8s_deployment_scale', {
    namespace: 'shop',
    name: 'checkout',
    replicas: 7,
    reason: 'fuzz: a ticket to decide',
  });
  approvalId = String(pending.structuredContent?.approvalId);
}, 60_000);
afterAll(async () => w?.close());

describe('HTTP API bodies, fuzzed', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))('%s', async (_name, endpoint) => {
    await fc.assert(
      fc.asyncProperty(bodies(endpoint), async (sent) => {
        const body = sent.kind === 'not json' ? sent.body : JSON.stringify(sent.body ?? null);
        const reply = await w.http(endpoint.who, 'POST', endpoint.path(), { body: body as string });
        const where = `${endpoint.name} (${sent.kind}${sent.field ? ` ${sent.field}` : ''}) → ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
        expect(reply.status, where).toBeLessThan(500);
        expect(typeof reply.body === 'object' && reply.body !== null, where).toBe(true);
        if (reply.status >= 400) {
          const message = reply.body?.message ?? reply.body?.error_description;
          expect(typeof message === 'string' && message.length > 0, where).toBe(true);
        }
        if (sent.kind === 'bent') {
          expect(reply.status, where).toBe(400);
          expect(reply.body.message, where).toContain(sent.field);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await w.http(undefined, 'GET', '/healthz')).status).toBe(200);
    // What was accepted can still be read back: no stored body poisons its readers.
    for (const path of ['/v1/changes?since=7d', '/v1/incidents']) {
      const read = await w.http('viewer', 'GET', path);
      expect(read.status, `${path}: ${JSON.stringify(read.body).slice(0, 300)}`).toBe(200);
    }
  });

  it('a change whose data nests thousands deep is refused, naming data, and the history still reads', async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const body = `{"kind":"deploy","service":"checkout","summary":"deep","data":{"d":${deep}}}`;
    const reply = await w.http('changeWriter', 'POST', '/v1/changes', { body });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/^data: nested deeper than \d+ levels/);
    expect((await w.http('viewer', 'GET', '/v1/changes?since=7d')).status).toBe(200);
  });

  it('a decision whose body is bent approves nothing', async () => {
    const fresh = await w.call('agent', 'k8s_deployment_scale', {
      namespace: 'shop',
      name: 'checkout',
      replicas: 8,
      reason: 'fuzz: a ticket nobody may decide by accident',
    });
    const id = String(fresh.structuredContent?.approvalId);
    for (const body of [{ comment: 42 }, { comment: 'ok', approve: false }, [], 'yes', { comment: null }]) {
      const reply = await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`, {
        body: JSON.stringify(body),
      });
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    expect((await w.http('oncall', 'GET', `/v1/approvals/${id}`)).body.status).toBe('pending');
    expect(w.auditRecords({ type: 'approval.granted' }).filter((r) => r.data.approvalId === id)).toEqual([]);
  });
});
