// The change-event API over real HTTP with bearer API keys: a CI pipeline with the
// change-writer role posts events (one or a batch), an agent without it is refused with
// an insufficient_scope challenge, a bad body names its field, and any authenticated
// caller reads them back filtered.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { type HttpServer, startHttpServer } from '../../src/server/http.ts';
import { makeWorld, type World } from '../helpers/world.ts';

const CI_KEY = 'ci-key-0123456789abcdef';
const AGENT_KEY = 'agent-key-0123456789abcdef';

let world: World;
let app: App;
let server: HttpServer;

beforeAll(async () => {
  world = makeWorld({
    extra: {
      auth: {
        apiKeys: [
          { id: 'github-actions', type: 'service', roles: ['change-writer'], key: CI_KEY },
          { id: 'claude-agent', type: 'agent', roles: ['responder'], key: AGENT_KEY },
        ],
      },
    },
  });
  app = createApp({ config: world.config, logger: pino({ level: 'silent' }) });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
});

afterAll(async () => {
  await server?.close();
  await app?.close();
  world?.cleanup();
});

const post = (token: string, body: unknown) =>
  fetch(`${server.url}/v1/changes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const get = (token: string, query: string) =>
  fetch(`${server.url}/v1/changes?${query}`, { headers: { Authorization: `Bearer ${token}` } });

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('POST /v1/changes', () => {
  it('records one event or a batch for a change-writer, 201 with the stored events, audited', async () => {
    const one = await post(CI_KEY, {
      id: 'deploy-881',
      at: minutesAgo(30),
      kind: 'deploy',
      service: 'checkout',
      summary: 'checkout 1.42.0 deployed by pipeline #881',
      actor: 'alice',
      source: 'github-actions',
      url: 'https://ci.example/runs/881',
    });
    expect(one.status).toBe(201);
    const { events } = (await one.json()) as { events: Record<string, unknown>[] };
    expect(events).toEqual([
      expect.objectContaining({ id: 'deploy-881', recordedBy: 'github-actions', actor: 'alice' }),
    ]);

    const batch = await post(CI_KEY, {
      events: [
        { at: minutesAgo(20), kind: 'feature_flag', service: 'checkout', summary: 'new-pricing at 50%' },
        { at: minutesAgo(10), kind: 'database_migration', service: 'orders-db', summary: 'add index' },
      ],
    });
    expect(batch.status).toBe(201);
    const stored = ((await batch.json()) as { events: { id: string }[] }).events;
    expect(stored).toHaveLength(2);

    const audited = app.audit.query({ type: 'change.recorded' });
    expect(audited.map((r) => r.data.id)).toEqual(['deploy-881', ...stored.map((e) => e.id)]);
    expect(audited.every((r) => r.principal === 'github-actions')).toBe(true);
  });

  it('refuses a principal without the change-writer role with 403 insufficient_scope', async () => {
    const res = await post(AGENT_KEY, { kind: 'other', summary: 'the agent may not write history' });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(((await res.json()) as { error_description: string }).error_description).toContain(
      'needs the change-writer role',
    );
  });

  it('refuses a missing token with 401', async () => {
    const res = await fetch(`${server.url}/v1/changes`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses a bad body with 400 naming the field, and stores none of the batch', async () => {
    const before = app.audit.query({ type: 'change.recorded' }).length;
    const res = await post(CI_KEY, {
      events: [
        { kind: 'feature_flag', summary: 'fine' },
        { kind: 'feature_flag', summary: 'bad time', at: 'an hour ago' },
      ],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^events\[1\]\.at: /);
    expect(app.audit.query({ type: 'change.recorded' })).toHaveLength(before);

    const notJson = await fetch(`${server.url}/v1/changes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${CI_KEY}` },
      body: '{"kind":',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('GET /v1/changes', () => {
  it('lists events newest first, filtered by service and since, for any authenticated caller', async () => {
    const res = await get(AGENT_KEY, 'service=checkout&since=25m');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { summary: string }[] };
    expect(body.events.map((e) => e.summary)).toEqual(['new-pricing at 50%']);

    const all = (await (await get(AGENT_KEY, 'since=1h')).json()) as { events: { kind: string }[] };
    expect(all.events.map((e) => e.kind)).toEqual(['database_migration', 'feature_flag', 'deploy']);
  });

  it('names a bad query parameter with 400', async () => {
    const since = await get(AGENT_KEY, 'since=yesterday');
    expect(since.status).toBe(400);
    expect(((await since.json()) as { message: string }).message).toMatch(/^since: invalid time "yesterday"/);
    const limit = await get(AGENT_KEY, 'limit=0');
    expect(((await limit.json()) as { message: string }).message).toMatch(/^limit: /);
  });
});
