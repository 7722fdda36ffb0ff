// Surface: every tool's arguments, fuzzed through the whole path (HTTP, MCP, dispatcher,
// policy, handlers, backends) on the security world, as an agent and as a viewer.
// Arguments come from each tool's published input schema (./fuzz-args.ts): plausible ones,
// ones with exactly one known defect, and chaos. Whatever comes in: no transport error or
// JSON-RPC internal error, results that match the tool's output schema (the client checks),
// a defect refused with a message that names its key, a server that still answers /healthz,
// an audit chain that still verifies, no polluted prototype, and nothing changed in
// production without an approval.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> (and FUZZ_RUNS=<runs>).

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/log.ts';
import type { ListedTool } from '../../src/registry.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { allTools } from '../../tools/index.ts';
import { argumentsFor, type Generated, type WorldValues } from './fuzz-args.ts';
import { type SecurityWorld, startSecurityWorld } from './harness.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 1212);
/** Runs per tool and principal. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const PRINCIPALS = ['agent', 'viewer'] as const;
/** Namespaces of the world whose environment is production (shop by label, prodlike by the "prod" alias). */
const PRODUCTION = ['shop', 'prodlike'];
/**
 * The MCP SDK parses tools/call with zod, whose records drop a "__proto__" key, so it never
 * reaches the gate and cannot be refused there; that it neither pollutes nor smuggles
 * arguments is tested below.
 */
const DROPPED_BY_THE_SDK = '__proto__';

let w: SecurityWorld;
const clients = {} as Record<(typeof PRINCIPALS)[number], Client>;
let world: WorldValues;
let productionBefore: unknown;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Every Deployment's spec in the production namespaces: what an unapproved change would alter. */
async function productionState(): Promise<unknown> {
  const list = JSON.parse(await w.kubectl('get', 'deployments', '-A', '-o', 'json')) as {
    items: { metadata: { namespace: string; name: string; generation: number }; spec: unknown }[];
  };
  return list.items
    .filter((d) => PRODUCTION.includes(d.metadata.namespace))
    .map(({ metadata: { namespace, name, generation }, spec }) => ({ namespace, name, generation, spec }));
}

/** Objects for the plausible arguments to find: pods, an incident, an approval, a runbook run, a silence. */
async function seedWorld(): Promise<WorldValues> {
  const pods = (await w.kubectl('get', 'pods', '-A', '-o', 'jsonpath={.items[*].metadata.name}')).split(
    /\s+/,
  );
  const alert = {
    labels: { alertname: 'HighErrorRate', service: 'checkout' },
    startsAt: '2026-04-25T14:20:00Z',
  };
  await w.http('alertWriter', 'POST', '/v1/alerts', { body: { alerts: [alert] } });
  const listed = await w.call('agent', 'incident_list', {});
  const incidents = ((listed.structuredContent?.incidents ?? []) as { id: string }[]).map((i) => i.id);
  const reason = 'fuzz: something to find';
  const scale = { namespace: 'shop', name: 'checkout', replicas: 4, reason };
  const params = { namespace: 'staging', deployment: 'web', service: 'web' };
  const silence = {
    matchers: ['alertname="HighErrorRate"', 'service="web"', 'environment="staging"'],
    duration: '1h',
    reason,
  };
  const ids = await Promise.all([
    w.call('agent', 'k8s_deployment_scale', scale).then((r) => r.structuredContent?.approvalId),
    w
      .call('agent', 'runbook_run', { runbook: 'rollback-deployment', params, reason, dryRun: true })
      .then((r) => r.structuredContent?.id),
    w.call('agent', 'am_silence_create', silence).then((r) => r.structuredContent?.silenceId),
  ]);
  expect(ids.every((id) => typeof id === 'string') && incidents.length, JSON.stringify(ids)).toBeTruthy();
  return { pod: pods, name: pods.slice(0, 3), incident: incidents, id: ids as string[] };
}

/** A tools/call whose params are sent as raw JSON text (the SDK client could not serialize them), in a new session. */
async function rawToolCall(
  who: (typeof PRINCIPALS)[number],
  params: string,
): Promise<{ error?: unknown; result?: { isError?: boolean; _meta?: Record<string, string> } }> {
  const headers = { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
  const clientInfo = { name: 'raw', version: '1' };
  const init = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo },
  };
  const opened = await w.http(who, 'POST', '/mcp', { body: init, headers });
  const session = { ...headers, 'mcp-session-id': opened.headers.get('mcp-session-id') ?? '' };
  await w.http(who, 'POST', '/mcp', {
    body: { jsonrpc: '2.0', method: 'notifications/initialized' },
    headers: session,
  });
  const body = `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":${params}}`;
  const reply = await w.http(who, 'POST', '/mcp', { body, headers: session });
  const data = String(reply.body)
    .split('\n')
    .find((line) => line.startsWith('data: '));
  return data ? JSON.parse(data.slice('data: '.length)) : reply.body;
}

/** The properties every answer to one generated call must have. */
async function check(who: (typeof PRINCIPALS)[number], tool: ListedTool, g: Generated): Promise<void> {
  const where = `${tool.name} as ${who} (${g.kind}${g.defect ? `: ${g.key} ${g.defect}` : ''})`;
  let res: { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: unknown };
  try {
    res = (await clients[who].callTool({ name: tool.name, arguments: g.args })) as typeof res;
  } catch (err) {
    // Only a JSON-RPC refusal of the request itself is an answer; anything else is a crash,
    // a transport failure or a result that does not match the tool's output schema.
    const refused = err instanceof McpError && err.code === ErrorCode.InvalidParams;
    if (!refused || /output schema/.test(err.message)) throw new Error(`${where}: ${String(err)}`);
    if (g.kind === 'defect') expect(err.message, where).toContain(g.key);
    return;
  }
  const text = res.content[0]?.text;
  expect(typeof text === 'string' && text.length > 0, `${where}: no text block`).toBe(true);
  const allowedKind = who === 'agent' || tool.annotations.readOnlyHint;
  if (!allowedKind)
    expect(text, `${where}: not refused by access`).toMatch(/^access denied: .*access\.tools/);
  if (g.kind === 'defect' && allowedKind && g.key !== DROPPED_BY_THE_SDK) {
    expect(res.isError, `${where} was accepted: ${text?.slice(0, 300)}`).toBe(true);
    expect(text, where).toContain(g.key);
  }
  if (!res.isError) expect(JSON.parse(text!), where).toEqual(res.structuredContent);
}

beforeAll(async () => {
  w = await startSecurityWorld({
    config: (raw) => {
      raw.limits = { ...raw.limits, toolTimeout: '10s' };
      raw.access = { tools: { viewer: ['read'] } }; // a viewer's mutate calls meet the access gate
    },
  });
  for (const who of PRINCIPALS) {
    clients[who] = await w.mcp(who);
    await clients[who].listTools(); // the client checks results against output schemas it has listed
  }
  world = await seedWorld();
  productionBefore = await productionState();
}, 60_000);
afterAll(async () => w?.close());

describe('every tool, fuzzed over HTTP as an agent and as a viewer', () => {
  // One test per tool, so a failure names it; every tool of the catalog, so a new one is fuzzed too.
  it.each(allTools.map((t) => t.name))('%s', async (name) => {
    const tool = w.app.registry.list().find((t) => t.name === name)!;
    for (const [i, who] of PRINCIPALS.entries()) {
      await fc.assert(
        fc.asyncProperty(argumentsFor(tool.inputSchema, world), (g) => check(who, tool, g)),
        { seed: SEED + i, numRuns: RUNS },
      );
    }
    const health = await w.http(undefined, 'GET', '/healthz');
    expect(health.status, `after ${name}`).toBe(200);
  });

  it('an unknown tool is a JSON-RPC error naming it', async () => {
    const known = new Set(allTools.map((t) => t.name));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.constantFrom('__proto__', 'constructor', 'toString'),
        ),
        async (name) => {
          fc.pre(!known.has(name));
          const refused = await clients.agent.callTool({ name, arguments: {} }).then(
            () => undefined,
            (err: unknown) => err,
          );
          expect(refused).toBeInstanceOf(McpError);
          expect((refused as McpError).code).toBe(ErrorCode.InvalidParams);
          expect((refused as McpError).message).toContain(`unknown tool: ${name}`);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('arguments nested 20,000 deep are refused as a tool error, and the refusal is audited', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    for (const who of PRINCIPALS) {
      const reply = await rawToolCall(
        who,
        `{"name":"k8s_deployment_scale","arguments":{"namespace":"shop","x":${deep}}}`,
      );
      expect(reply.error, JSON.stringify(reply.error)).toBeUndefined();
      expect(reply.result?.isError).toBe(true);
      const callId = reply.result?._meta?.['opswarden/callId'];
      if (who === 'viewer') expect(w.auditRecords({ callId, type: 'tool.call' })).toHaveLength(1);
    }
  });

  it('a "__proto__" key smuggles no arguments in', async () => {
    const before = await w.replicas('staging', 'web');
    const smuggled = { namespace: 'staging', name: 'web', replicas: before + 1, reason: 'fuzz: smuggled' };
    const args = Object.defineProperty({}, '__proto__', { value: smuggled, enumerable: true });
    const res = (await clients.agent.callTool({ name: 'k8s_deployment_scale', arguments: args })) as {
      isError?: boolean;
      content: { text: string }[];
    };
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/namespace: .*name: .*replicas: .*reason: /);
    expect(await w.replicas('staging', 'web')).toBe(before);
  });

  it('left the audit chain intact: every hostile argument was recorded and hashes back', () => {
    const db = openDatabase(w.app.config.store.path);
    try {
      expect(verifyAudit(db, { jsonlPath: w.app.config.audit.jsonl })).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it('left no prototype polluted and nothing changed in production without an approval', async () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await productionState()).toEqual(productionBefore);
    const calls = new Map(w.auditRecords({ type: 'tool.call' }).map((r) => [r.callId, r]));
    const unapproved = w
      .auditRecords({ type: 'action.executed' })
      .filter((r) => r.data.kind === 'mutate' && r.data.dryRun === false && !r.data.approvedBy)
      .filter(
        (r) => (calls.get(r.callId)?.data.target as { environment?: string })?.environment === 'production',
      )
      .map((r) => r.tool ?? '');
    // Incident records and runbook starts change no system (each runbook action is gated on its own).
    const bookkeeping = ['incident_note', 'incident_update_status', 'runbook_run', 'runbook_cancel'];
    expect(unapproved.filter((tool) => !bookkeeping.includes(tool))).toEqual([]);
  });
});
