// The audit feed (src/audit/feed.ts): every committed record once, in order, whichever
// replica appended it; a wait that ends when another replica records a decision; and a
// forged announcement that delivers nothing. Against a real PostgreSQL, whose replicas
// announce appends; on SQLite one process hears its own appends only.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditFeed } from '../../../src/audit/feed.ts';
import { AuditLog, type AuditRecord } from '../../../src/audit/log.ts';
import { openStore } from '../../../src/store/open.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { type PostgresServer, startPostgres } from '../../helpers/postgres.ts';

let server: PostgresServer;
const opened: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  for (const db of opened) db.close();
  await server?.stop();
});

async function replicas() {
  const url = await server.createDatabase();
  const open = () => {
    const db = openStore({ path: 'unused', url });
    opened.push(db);
    const audit = AuditLog.open(db);
    return { db, audit };
  };
  const a = open();
  const b = open();
  // The app feeds a replica's own appends through AuditLog's onAppended; here the test does.
  const feed = new AuditFeed(a.db, a.audit);
  const seen: AuditRecord[] = [];
  feed.onRecords((records) => seen.push(...records));
  // The LISTEN is in place once a record of the other replica comes through.
  await vi.waitFor(
    () => {
      if (!seen.length) b.audit.append({ type: 'tool.call', principal: 'probe', data: {} });
      expect(seen.length).toBeGreaterThan(0);
    },
    { timeout: 5_000, interval: 100 },
  );
  seen.length = 0;
  return { a, b, feed, seen };
}

const call = (n: number, principal = 'agent') => ({ type: 'tool.call' as const, principal, data: { n } });

describe('AuditFeed on PostgreSQL replicas', () => {
  it("delivers another replica's records once, in chain order, around this replica's own", async () => {
    const { a, b, feed, seen } = await replicas();
    const base = a.audit.headSeq();
    feed.appended(a.audit.appendAll([call(1, 'a')]));
    b.audit.append(call(2, 'b'));
    b.audit.append(call(3, 'b'));
    feed.appended(a.audit.appendAll([call(4, 'a')]));
    b.audit.append(call(5, 'b'));
    const expected = [1, 2, 3, 4, 5].map((n) => base + n);
    await vi.waitFor(() => expect(seen.map((r) => r.seq).sort((x, y) => x - y)).toEqual(expected));
    // A record announced twice (its own replica's NOTIFY comes back too) is not delivered twice.
    b.audit.append(call(6, 'b'));
    await vi.waitFor(() => expect(seen.at(-1)?.seq).toBe(base + 6));
    expect(seen).toHaveLength(6);
    expect(seen.filter((r) => r.principal === 'b').map((r) => r.seq - base)).toEqual([2, 3, 5, 6]);
    feed.close();
  });

  it('ends a wait when another replica records the decision, and times out without one', async () => {
    const { b, feed } = await replicas();
    const started = Date.now();
    const waiting = feed.until((r) => r.data.approvalId === 'apr_1', 10_000);
    b.audit.append({ type: 'approval.granted', principal: 'agent', data: { approvalId: 'apr_1' } });
    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await feed.until((r) => r.data.approvalId === 'apr_2', 200)).toBe(false);
    feed.close();
  });

  it('delivers nothing for a forged announcement: records are read from the chain', async () => {
    const { a, b, feed, seen } = await replicas();
    for (const payload of ['42', 'not a number', "'); DELETE FROM audit_log; --", ''])
      a.db.notify('opswarden_audit', payload);
    // A real record after the forged ones: once it is through, so would they have been.
    b.audit.append(call(1, 'b'));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.principal).toBe('b');
    feed.close();
  });
});

describe('AuditFeed on SQLite', () => {
  it("hears this process's appends, with no announcement needed", () => {
    const dir = mkdtempSync(join(tmpdir(), 'opswarden-feed-'));
    try {
      const db = openStore({ path: join(dir, 'store.db') });
      const audit = AuditLog.open(db);
      const feed = new AuditFeed(db, audit);
      const seen: number[] = [];
      feed.onRecords((records) => seen.push(...records.map((r) => r.seq)));
      feed.appended(audit.appendAll([call(1), call(2)]));
      expect(seen).toEqual([1, 2]);
      feed.close();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
