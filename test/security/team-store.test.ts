// Team mode's attack surface: replicas sharing one PostgreSQL store. Who can reach the
// database can send notifications, hold locks and write rows; none of that may approve a
// change, invent audit records, stall a replica for good, or get a change run without its
// record. And the database password, which every replica holds, must leak nowhere: not in
// logs, not in errors, not in what the CLI prints.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAudit } from '../../src/audit/log.ts';
import type { ResourceChange } from '../../src/resource-changes.ts';
import { openStore } from '../../src/store/open.ts';
import { type PostgresServer, startPostgres } from '../helpers/postgres.ts';
import { runCliAsync } from '../helpers/spawn.ts';
import { type SecurityWorld, type ServedChild, scaleCheckout, startSecurityWorld } from './harness.ts';

const PASSWORD_VARIABLE = 'OPSWARDEN_TEST_STORE_PASSWORD';

const scaleForTeam = (replicas: number) => scaleCheckout(replicas, 'team store test');

let server: PostgresServer;
let url: URL;
let password: string;
let w: SecurityWorld;
let replicaB: ServedChild;
let admin: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  url = new URL(await server.createDatabase());
  password = url.password;
  process.env[PASSWORD_VARIABLE] = password;
  // As an operator writes it: the password comes from the environment, not the file.
  const configured = new URL(url);
  configured.password = '';
  const storeUrl = configured.href.replace(
    `${configured.username}@`,
    `${configured.username}:\${${PASSWORD_VARIABLE}}@`,
  );
  w = await startSecurityWorld({
    config: (raw) => {
      raw.store = { url: storeUrl, statementTimeout: '1s', lease: '2s' };
      raw.logging = { level: 'debug' };
    },
  });
  replicaB = await w.serveInChild();
  admin = new pg.Client({ connectionString: url.href });
  await admin.connect();
}, 180_000);

afterAll(async () => {
  await admin?.end().catch(() => {});
  // The last test stopped PostgreSQL: closing may fail to release what it held; that is the point.
  await w?.close().catch(() => {});
  await server?.stop();
  delete process.env[PASSWORD_VARIABLE];
});

/** The CLI on the world's config; asynchronous, as the sandbox it checks answers from this process. */
function cli(...args: string[]) {
  return runCliAsync([...args, '--config', w.configPath]);
}

describe('the database password', () => {
  it('appears in no log line, CLI output or error, even when the database refuses the connection', async () => {
    await replicaB.call('agent', 'k8s_pods_list', { namespace: 'shop' });
    const doctor = await cli('doctor');
    const checked = await cli('config', 'check');
    expect(checked.code, checked.stderr).toBe(0);
    const listed = await cli('approvals', 'list');
    const verified = await cli('audit', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
    expect(doctor.stdout).toMatch(/PostgreSQL 1\d/);
    // The same store with the password wrong: the refusal names the store, not the secret.
    process.env[PASSWORD_VARIABLE] = 'wrong-password-4711';
    const refused = await cli('audit', 'verify');
    process.env[PASSWORD_VARIABLE] = password;
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('password authentication failed');
    for (const text of [
      replicaB.stderr(),
      doctor.stdout,
      doctor.stderr,
      checked.stdout,
      listed.stdout,
      listed.stderr,
      verified.stdout,
      refused.stderr,
    ]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain('wrong-password-4711');
    }
  });
});

describe('someone with access to the database', () => {
  it('cannot invent records or changes with forged wakeups; real ones from the other replica arrive', async () => {
    const changes: ResourceChange[] = [];
    const stop = w.app.resourceChanges.onChange((change) => changes.push(change));
    const before = w.auditRecords().length;
    for (const payload of ['999999999', "'; DROP TABLE audit_log; --", 'x'.repeat(7_000), '-1'])
      await admin.query('SELECT pg_notify($1, $2)', ['opswarden_audit', payload]);
    await new Promise((r) => setTimeout(r, 500));
    expect(changes).toEqual([]);
    expect(w.auditRecords().length).toBe(before);
    // A real incident opened through replica B reaches replica A's subscribers.
    const posted = await replicaB.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        alerts: [
          {
            labels: {
              alertname: 'CheckoutErrors',
              service: 'checkout',
              namespace: 'shop',
              severity: 'critical',
            },
            annotations: { summary: 'errors' },
            startsAt: new Date().toISOString(),
          },
        ],
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBeLessThan(300);
    await vi.waitFor(() => expect(changes).toContainEqual({ kind: 'list' }), { timeout: 5_000 });
    stop();
    expect(verifyAudit(w.app.db)).toMatchObject({ ok: true });
  });

  it('cannot approve a change by writing the grant into the approvals table', async () => {
    const asked = await w.call('agent', 'k8s_deployment_scale', scaleForTeam(7));
    const id = (asked.structuredContent as { approvalId: string }).approvalId;
    expect(id).toMatch(/^apr_/);
    const { rows } = await admin.query('SELECT body FROM approvals WHERE id = $1', [id]);
    const forged = {
      ...JSON.parse(rows[0].body),
      status: 'approved',
      decidedBy: 'oncall',
      decidedAt: new Date().toISOString(),
      executeBy: new Date(Date.now() + 600_000).toISOString(),
      proof: { kind: 'server', mac: '00'.repeat(32) },
    };
    await admin.query("UPDATE approvals SET status = 'approved', body = $1 WHERE id = $2", [
      JSON.stringify(forged),
      id,
    ]);
    // Spent on the other replica, which shares the signing secret but not the forger's luck.
    const res = await replicaB.call('agent', 'k8s_deployment_scale', { ...scaleForTeam(7), approvalId: id });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(/was not made through this server/);
    expect(await w.replicas('shop', 'checkout')).not.toBe(7);
  });

  it('holding the write lock makes changes fail closed, not run unrecorded; the replica recovers', async () => {
    const replicasBefore = await w.replicas('shop', 'checkout');
    const locker = new pg.Client({ connectionString: url.href });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await replicaB.call('agent', 'k8s_deployment_scale', {
        ...scaleForTeam(replicasBefore),
        dryRun: true,
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(res.isError).toBe(true);
      expect(res.content[0]!.text).toMatch(/audit/i);
      const health = await replicaB.http(undefined, 'GET', '/healthz');
      expect(health.status).toBe(200);
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end();
    }
    expect(await w.replicas('shop', 'checkout')).toBe(replicasBefore);
    const after = await replicaB.call('agent', 'k8s_pods_list', { namespace: 'shop' });
    expect(after.isError, after.content[0]?.text).toBeFalsy();
    const db = openStore(w.app.config.store);
    try {
      expect(verifyAudit(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });
});

describe('when PostgreSQL goes away', () => {
  it('a replica reports not ready and fails calls closed, leaking no password', async () => {
    await admin.end();
    await server.stop();
    const ready = await replicaB.http(undefined, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not ready', store: 'unreachable' });
    const res = await replicaB.call('agent', 'k8s_pods_list', { namespace: 'shop' });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).not.toContain(password);
    expect((await replicaB.http(undefined, 'GET', '/healthz')).status).toBe(200);
    expect(replicaB.stderr()).toContain('not ready: the store does not answer');
    expect(replicaB.stderr()).not.toContain(password);
  });
});
