// The store contract (src/store/sql.ts), run against both implementations: the SQLite file
// and a real PostgreSQL server. Every guarantee the stateful parts rely on is shown here
// once for each: transactions that commit whole or not at all, one write lock across
// processes, migrations applied once when replicas start together, one audit chain that
// `audit verify` checks the same way, approvals decided once, incidents grouped the same
// whichever replica receives the alert, and wakeups that follow commits.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DecisionSeal } from '../../src/approvals/proof.ts';
import { ApprovalStore, type NewApproval } from '../../src/approvals/store.ts';
import { AuditLog, verifyAudit } from '../../src/audit/log.ts';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { serviceCatalogSchema } from '../../src/incidents/catalog.ts';
import type { AlertInput } from '../../src/incidents/records/model.ts';
import { IncidentRecords } from '../../src/incidents/records/store.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore, type StoreConfig } from '../../src/store/open.ts';
import type { SqlDatabase } from '../../src/store/sql.ts';
import type { Principal } from '../../src/types.ts';
import { type PostgresServer, startPostgres } from '../helpers/postgres.ts';
import { runInStoreProcess } from '../helpers/store-process.ts';

interface Implementation {
  name: 'sqlite' | 'postgres';
  start(): Promise<void>;
  /** A new, empty store. */
  fresh(): Promise<StoreConfig>;
  stop(): Promise<void>;
}

let dir = '';
let server: PostgresServer | undefined;
let stores = 0;

const implementations: Implementation[] = [
  {
    name: 'sqlite',
    start: async () => {
      dir = mkdtempSync(join(tmpdir(), 'opswarden-store-contract-'));
    },
    fresh: async () => ({ path: join(dir, `store-${++stores}.db`) }),
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  },
  {
    name: 'postgres',
    start: async () => {
      server = await startPostgres();
    },
    fresh: async () => ({ path: 'unused.db', url: await server!.createDatabase() }),
    stop: async () => server?.stop(),
  },
];

const alice: Principal = { id: 'alice', type: 'human', roles: ['sre-oncall'], transport: 'http' };
const bob: Principal = { id: 'bob', type: 'human', roles: ['sre-oncall'], transport: 'http' };

function ticket(): NewApproval {
  return {
    actionHash: 'a'.repeat(64),
    tool: 'k8s_deployment_scale',
    args: { namespace: 'shop', name: 'checkout', replicas: 6 },
    target: { namespace: 'shop', kind: 'Deployment', name: 'checkout', environment: 'production' },
    impact: { replicas: 6, reversible: true },
    reason: 'checkout saturated',
    requester: 'claude-agent',
    requesterType: 'agent',
    requesterTransport: 'http',
    callId: 'call-1',
    matchedRules: [{ name: 'prod-scale-needs-approval', effect: 'escalate' }],
    approvers: ['sre-oncall'],
    channels: ['out-of-band'],
    ttlMs: 15 * 60_000,
    executionWindowMs: 5 * 60_000,
  };
}

const catalog = serviceCatalogSchema.parse([{ name: 'checkout', workload: 'Deployment/shop/checkout' }]);

function incidents(db: SqlDatabase, audit: AuditLog) {
  return new IncidentRecords(
    db,
    audit,
    { now: () => new Date() },
    {
      catalog,
      groupWindowMs: 10 * 60_000,
      autoResolveAfterMs: 15 * 60_000,
    },
  );
}

function alert(alertname: string, pod: string): AlertInput {
  return {
    labels: { alertname, service: 'checkout', namespace: 'shop', pod, severity: 'critical' },
    annotations: { summary: `${alertname} on checkout` },
    status: 'firing',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

describe.each(implementations)('store contract: $name', (impl) => {
  const open: SqlDatabase[] = [];
  const connect = (config: StoreConfig) => {
    const db = openStore(config);
    open.push(db);
    return db;
  };

  beforeAll(() => impl.start());
  afterAll(async () => {
    for (const db of open) db.close();
    await impl.stop();
  });

  it('says which dialect it speaks and where it is, without a password', async () => {
    const config = await impl.fresh();
    const db = connect(config);
    expect(db.dialect).toBe(impl.name);
    if (config.url) {
      const password = new URL(config.url).password;
      expect(password).not.toBe('');
      expect(db.location).not.toContain(password);
    }
  });

  it('commits a transaction whole, or rolls it back and rethrows', async () => {
    const db = connect(await impl.fresh());
    db.exec('CREATE TABLE t (v TEXT)');
    db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('kept'));
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?)').run('lost');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
    expect(db.inTransaction).toBe(false);
  });

  it('refuses to nest write transactions', async () => {
    const db = connect(await impl.fresh());
    expect(() => db.transaction(() => db.transaction(() => 1))).toThrow(/cannot nest/);
  });

  it('runs afterCommit callbacks after a commit, never after a rollback', async () => {
    const db = connect(await impl.fresh());
    const ran: string[] = [];
    db.transaction(() => {
      expect(db.inWriteTransaction).toBe(true);
      db.afterCommit(() => ran.push('committed'));
      expect(ran).toEqual([]);
    });
    expect(() =>
      db.transaction(() => {
        db.afterCommit(() => ran.push('rolled back'));
        throw new Error('undo');
      }),
    ).toThrow('undo');
    db.afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['committed', 'outside']);
  });

  it('counts as numbers, and reports how many rows a statement wrote', async () => {
    const db = connect(await impl.fresh());
    db.exec('CREATE TABLE t (n BIGINT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (const n of [1, 2, 2 ** 40]) insert.run(n);
    expect(db.prepare('SELECT count(*) AS n, max(n) AS top FROM t').get()).toEqual({ n: 3, top: 2 ** 40 });
    expect(db.prepare('UPDATE t SET n = n + 1 WHERE n < ?').run(10).changes).toBe(2);
    expect([...db.prepare('SELECT n FROM t ORDER BY n').iterate()]).toHaveLength(3);
    expect(db.hasTable('t')).toBe(true);
    expect(db.hasTable('nope')).toBe(false);
  });

  it('applies a migration once across connections, and a failed one not at all', async () => {
    const config = await impl.fresh();
    const statements = ['CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL)'];
    migrate(connect(config), 'widgets-1', statements);
    const second = connect(config);
    migrate(second, 'widgets-1', statements);
    expect(second.prepare("SELECT name FROM schema_migrations WHERE name LIKE 'widgets%'").all()).toEqual([
      { name: 'widgets-1' },
    ]);
    expect(() =>
      migrate(second, 'broken-1', ['CREATE TABLE half (id INTEGER)', 'CREATE TABLE oops (']),
    ).toThrow(/migration "broken-1" statement 2 failed/);
    expect(second.hasTable('half')).toBe(false);
  });

  it('replicas starting at once apply every migration once', async () => {
    const config = await impl.fresh();
    const body = `
      const log = AuditLog.open(db);
      new ApprovalStore(db, log, { now: () => new Date() });
      log.append({ type: 'tool.call', principal: argv[0], data: {} });
    `;
    const runs = await Promise.all(
      ['replica-a', 'replica-b', 'replica-c'].map((name) => runInStoreProcess(config, body, [name]).exited),
    );
    expect(runs.map((r) => (r.code === 0 ? 0 : r.stderr))).toEqual([0, 0, 0]);
    const db = connect(config);
    const names = (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('audit-1');
    expect(verifyAudit(db)).toMatchObject({ ok: true, count: 3 });
  });

  it('opens in a process launched as the opswarden command is, with its V8 heap flags', async () => {
    const config = await impl.fresh();
    const run = runInStoreProcess(config, "db.prepare('SELECT 1 AS one').get();", [], {
      nodeFlags: HEAP_FLAGS,
    });
    const { code, stderr } = await run.exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('keeps one audit chain while two processes append at once', async () => {
    const config = await impl.fresh();
    AuditLog.open(connect(config)); // the tables exist before the race starts
    const body = `
      const log = AuditLog.open(db);
      for (let n = 0; n < 300; n++) log.append({ type: 'tool.call', principal: argv[0], data: { n } });
    `;
    const runs = await Promise.all(
      ['writer-a', 'writer-b'].map((name) => runInStoreProcess(config, body, [name]).exited),
    );
    expect(runs.map((r) => (r.code === 0 ? 0 : r.stderr))).toEqual([0, 0]);
    const db = connect(config);
    expect(verifyAudit(db)).toMatchObject({ ok: true, count: 600 });
    const records = AuditLog.open(db).query({});
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(records.filter((r) => r.principal === 'writer-a')).toHaveLength(300);
  });

  it('refuses edits and deletions of audit records, and verify finds them once the guards are gone', async () => {
    const config = await impl.fresh();
    const db = connect(config);
    const log = AuditLog.open(db);
    for (let n = 0; n < 5; n++) log.append({ type: 'tool.call', principal: 'agent', data: { n } });
    expect(() => db.prepare('UPDATE audit_log SET data = ? WHERE seq = 2').run('{"n":99}')).toThrow(
      /append-only/,
    );
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 5')).toThrow(/append-only/);
    if (impl.name === 'postgres') expect(() => db.exec('TRUNCATE audit_log')).toThrow(/append-only/);
    expect(verifyAudit(db)).toMatchObject({ ok: true, count: 5 });
    // An attacker with the database's owner rights removes the guards and edits a record.
    db.exec(
      impl.name === 'postgres'
        ? 'ALTER TABLE audit_log DISABLE TRIGGER USER'
        : 'DROP TRIGGER audit_log_no_update',
    );
    db.prepare('UPDATE audit_log SET data = ? WHERE seq = 2').run('{"n":99}');
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('counts policy history over several windows in one statement, through the partial indexes', async () => {
    const db = connect(await impl.fresh());
    let now = Date.parse('2026-12-07T12:00:00Z');
    const log = AuditLog.open(db, { clock: { now: () => new Date(now) } });
    const executed = (minutesAgo: number, targetKey: string, principal: string) => {
      now = Date.parse('2026-12-07T12:00:00Z') - minutesAgo * 60_000;
      log.append({ type: 'action.executed', tool: 'k8s_pod_delete', targetKey, principal, data: {} });
    };
    executed(5, 'prod/shop/deployment/web', 'agent');
    executed(30, 'prod/shop/deployment/web', 'agent');
    executed(300, 'prod/shop/deployment/web', 'other');
    executed(20, 'prod/shop/deployment/api', 'agent');
    now = Date.parse('2026-12-07T12:00:00Z') - 60_000;
    log.append({ type: 'approval.rejected', principal: 'agent', data: {} });
    log.append({ type: 'action.executed', tool: 'k8s_pod_delete', principal: 'agent', data: {} }); // no target: a dry run
    const ago = (minutes: number) => new Date(Date.parse('2026-12-07T12:00:00Z') - minutes * 60_000);
    expect(
      log.countWindows([
        {
          of: 'executed',
          filter: { targetKey: 'prod/shop/deployment/web' },
          since: [ago(10), ago(60), ago(1440)],
        },
        { of: 'executed', filter: { principal: 'agent' }, since: [ago(10), ago(60)] },
        { of: 'rejected', filter: { principal: 'agent' }, since: [ago(1440)] },
        { of: 'executed', filter: { tool: 'k8s_rollout_restart' }, since: [ago(60)] },
      ]),
    ).toEqual([[1, 2, 3], [1, 3], [1], [0]]);
  });

  it('verifies a long chain, finding an edit far into it', async () => {
    const db = connect(await impl.fresh());
    const log = AuditLog.open(db);
    for (let batch = 0; batch < 50; batch++)
      log.appendAll(
        Array.from({ length: 100 }, (_, n) => ({ type: 'tool.call' as const, data: { n: batch * 100 + n } })),
      );
    expect(verifyAudit(db)).toMatchObject({ ok: true, count: 5000 });
    db.exec(
      impl.name === 'postgres'
        ? 'ALTER TABLE audit_log DISABLE TRIGGER USER'
        : 'DROP TRIGGER audit_log_no_update',
    );
    db.prepare('UPDATE audit_log SET data = ? WHERE seq = 4321').run('{"n":0}');
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBad: { seq: 4321 } });
  });

  it('lets one of two deciders on different connections win, once, with one audit record', async () => {
    const config = await impl.fresh();
    const seal = new DecisionSeal({ secret: 'contract-secret-0123456789abcdef' });
    const clock = { now: () => new Date() };
    const a = connect(config);
    const b = connect(config);
    const storeA = new ApprovalStore(a, AuditLog.open(a, { clock }), clock, seal);
    const storeB = new ApprovalStore(b, AuditLog.open(b, { clock }), clock, seal);
    const { id } = storeA.create(ticket());
    expect(storeB.get(id)?.status).toBe('pending');
    expect(storeA.decide(id, alice, 'approve').status).toBe('approved');
    expect(() => storeB.decide(id, bob, 'reject')).toThrow(/approved/);
    expect(storeB.get(id)?.status).toBe('approved');
    const decided = AuditLog.open(a).query({ type: 'approval.granted' });
    expect(decided).toHaveLength(1);
  });

  it('groups an alert into the same incident whichever replica receives it', async () => {
    const config = await impl.fresh();
    const a = connect(config);
    const b = connect(config);
    const replicaA = incidents(a, AuditLog.open(a));
    const replicaB = incidents(b, AuditLog.open(b));
    const first = replicaA.ingest([alert('HighErrorRate', 'checkout-1')], 'alertmanager');
    const repeat = replicaB.ingest([alert('HighErrorRate', 'checkout-1')], 'alertmanager');
    const sibling = replicaB.ingest([alert('HighLatency', 'checkout-2')], 'alertmanager');
    const id = first.incidents[0]!.id;
    expect(first.incidents[0]!.created).toBe(true);
    expect(repeat.incidents).toEqual([{ id, created: false }]);
    expect(sibling.incidents).toEqual([{ id, created: false }]);
    // Replica A sees what B added without a restart.
    expect(
      replicaA
        .get(id)
        ?.alerts.map((x) => x.alertname)
        .sort(),
    ).toEqual(['HighErrorRate', 'HighLatency']);
    expect(replicaA.list({ status: 'open' })).toHaveLength(1);
    replicaA.setStatus(id, 'mitigated', 'alice', 'rolled back');
    expect(replicaB.get(id)?.status).toBe('mitigated');
  });

  it('tells listeners of a notify after its transaction commits, and not when it rolls back', async () => {
    const config = await impl.fresh();
    const db = connect(config);
    const heard: string[] = [];
    const unlisten = db.listen('opswarden_contract', (payload) => heard.push(payload));
    // '' says it is hearing: what was notified before is for the listener to re-read.
    await vi.waitFor(() => expect(heard).toEqual(['']));
    expect(() =>
      db.transaction(() => {
        db.notify('opswarden_contract', 'undone');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    db.transaction(() => db.notify('opswarden_contract', 'committed'));
    await vi.waitFor(() => expect(heard).toEqual(['', 'committed']));
    unlisten();
  });
});
