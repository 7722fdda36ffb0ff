// Leases on running executions between replicas: two connections to one store act as two
// replicas (SQLite: two connections to one file; PostgreSQL: two connections to one
// database on a real server). Times are given explicitly, as the service passes Date.now().

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStore, type NewExecution } from '../../../src/runbooks/store.ts';
import { openPostgres } from '../../../src/store/postgres/database.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { type PostgresServer, startPostgres } from '../../helpers/postgres.ts';
import { agent } from '../../helpers/world.ts';

const T = 1_700_000_000_000;
const LEASE = 15_000;

function execution(target = 'staging/checkout'): NewExecution {
  const [namespace, name] = target.split('/') as [string, string];
  return {
    runbook: 'slow',
    version: '1.0.0',
    digest: 'digest-of-slow',
    params: {},
    principal: agent,
    reason: 'lease test',
    dryRun: false,
    target: { key: target, namespace, name },
    startedAt: new Date(T).toISOString(),
    startedWallMs: T,
  };
}

const opened: SqlDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A fresh database: where it is (a SQLite path or a PostgreSQL URL), and how to connect here. */
type FreshDatabase = () => Promise<{ where: { path: string } | { url: string }; open: () => SqlDatabase }>;

function leaseTests(fresh: FreshDatabase) {
  /** Two replicas: one store each, on two connections to one fresh database. */
  async function twoReplicas() {
    const { open } = await fresh();
    const [one, two] = [open(), open()];
    opened.push(one, two);
    return { a: new ExecutionStore(one), b: new ExecutionStore(two), db: one };
  }

  it('the starting replica holds a new run: nobody claims it while the lease runs', async () => {
    const { a, b } = await twoReplicas();
    const exec = a.insert(execution(), { owner: 'A', nowMs: T, leaseMs: LEASE });
    expect(a.holds(exec.id, 'A', T + LEASE - 1)).toBe(true);
    expect(b.holds(exec.id, 'B', T)).toBe(false);
    expect(b.claim('B', T + LEASE - 1, LEASE)).toEqual([]);
    expect(a.claim('A', T, LEASE)).toEqual([]);
  });

  it('a lapsed lease is claimed by one replica only, which then holds it', async () => {
    const { a, b } = await twoReplicas();
    const exec = a.insert(execution(), { owner: 'A', nowMs: T, leaseMs: LEASE });
    const claimed = b.claim('B', T + LEASE, LEASE);
    expect(claimed.map((c) => [c.id, c.previousOwner])).toEqual([[exec.id, 'A']]);
    expect(claimed[0]).toMatchObject({ runbook: 'slow', state: 'running' });
    expect(a.claim('A', T + LEASE, LEASE)).toEqual([]);
    expect(b.holds(exec.id, 'B', T + 2 * LEASE - 1)).toBe(true);
    expect(a.holds(exec.id, 'A', T + LEASE)).toBe(false);
    // The replica that lost it cannot renew it back.
    expect(a.renew('A', [exec.id], T + LEASE, LEASE)).toEqual(new Set());
    expect(b.holds(exec.id, 'B', T + LEASE + 1)).toBe(true);
  });

  it('renew extends only the leases still held, of runs still running', async () => {
    const { a, b } = await twoReplicas();
    const kept = a.insert(execution('staging/one'), { owner: 'A', nowMs: T, leaseMs: LEASE });
    const lapsed = a.insert(execution('staging/two'), { owner: 'A', nowMs: T, leaseMs: 10 });
    const ended = a.insert(execution('staging/three'), { owner: 'A', nowMs: T, leaseMs: LEASE });
    a.finish(ended.id, { outcome: 'resolved', endedAt: new Date(T).toISOString(), durationMs: 1 });
    const held = a.renew('A', [kept.id, lapsed.id, ended.id, 'rbx_unknown'], T + 100, LEASE);
    expect(held).toEqual(new Set([kept.id]));
    expect(b.holds(kept.id, 'A', T + 100 + LEASE - 1)).toBe(true);
    expect(b.claim('B', T + LEASE + 1, LEASE).map((c) => c.id)).toEqual([lapsed.id]);
    expect(a.renew('A', [], T, LEASE)).toEqual(new Set());
  });

  it('release hands a run over at once; a replica cannot release a lease it does not hold', async () => {
    const { a, b } = await twoReplicas();
    const exec = a.insert(execution(), { owner: 'A', nowMs: T, leaseMs: LEASE });
    b.release('B', [exec.id]);
    expect(b.claim('B', T + 1, LEASE)).toEqual([]);
    a.release('A', [exec.id]);
    expect(a.holds(exec.id, 'A', T + 1)).toBe(false);
    expect(b.claim('B', T + 1, LEASE).map((c) => [c.id, c.previousOwner])).toEqual([[exec.id, 'A']]);
    expect(b.holds(exec.id, 'B', T + 2)).toBe(true);
  });

  it('two replicas claiming at the same moment, in two threads, never take the same run', async () => {
    const { where, open } = await fresh();
    const db = open();
    opened.push(db);
    const store = new ExecutionStore(db);
    const ids = Array.from(
      { length: 20 },
      (_, i) => store.insert(execution(`staging/app-${i}`), { owner: 'dead', nowMs: T, leaseMs: 0 }).id,
    );
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const claims = ['A', 'B'].map((owner) => claimInWorker(where, owner, gate));
    await new Promise((r) => setTimeout(r, 200)); // both connected and waiting at the gate
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const [byA, byB] = await Promise.all(claims);
    expect([...byA!, ...byB!].sort()).toEqual([...ids].sort());
  });

  it('a run left by a version without leases is claimed at once, with no previous owner', async () => {
    const { a: store, db } = await twoReplicas();
    const exec = store.insert(execution(), { owner: 'A', nowMs: T, leaseMs: LEASE });
    db.prepare('UPDATE runbook_executions SET lease_owner = NULL, lease_until = NULL WHERE id = ?').run(
      exec.id,
    );
    const [claimed] = store.claim('B', T, LEASE);
    expect(claimed?.id).toBe(exec.id);
    expect(claimed).not.toHaveProperty('previousOwner');
  });
}

const STORE_MODULE = new URL('../../../src/runbooks/store.ts', import.meta.url).href;
const SQLITE_MODULE = new URL('../../../src/store/sqlite.ts', import.meta.url).href;
const POSTGRES_MODULE = new URL('../../../src/store/postgres/database.ts', import.meta.url).href;

/** Claims again and again, from the moment `gate` opens, as `owner` on its own connection in a worker thread; the ids it took. */
function claimInWorker(where: { path: string } | { url: string }, owner: string, gate: Int32Array) {
  const code = `
    const { parentPort, workerData: w } = require('node:worker_threads');
    Promise.all([import(w.store), import(w.sqlite), import(w.postgres)]).then(([{ ExecutionStore }, sqlite, pg]) => {
      const db = w.where.url ? pg.openPostgres({ url: w.where.url }) : sqlite.openDatabase(w.where.path);
      const store = new ExecutionStore(db);
      Atomics.wait(new Int32Array(w.gate), 0, 0);
      const taken = [];
      for (let i = 0; i < 50; i++) taken.push(...store.claim(w.owner, w.now, w.lease).map((c) => c.id));
      db.close();
      parentPort.postMessage(taken);
    });`;
  const worker = new Worker(code, {
    eval: true,
    workerData: {
      store: STORE_MODULE,
      sqlite: SQLITE_MODULE,
      postgres: POSTGRES_MODULE,
      where,
      owner,
      gate: gate.buffer,
      now: T + 1,
      lease: LEASE,
    },
  });
  return new Promise<string[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('leases on a SQLite file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opswarden-leases-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  leaseTests(async () => {
    const path = join(dir, `store-${++files}.db`);
    return { where: { path }, open: () => openDatabase(path) };
  });
});

describe('leases on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  leaseTests(async () => {
    const url = await server.createDatabase();
    return { where: { url }, open: () => openPostgres({ url }) };
  });
});
