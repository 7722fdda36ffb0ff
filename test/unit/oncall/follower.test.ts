// The on-call follower (src/oncall/follower.ts): a sink is handed each committed audit record
// once and in order, starting at the head when it is first configured (no history flood),
// going on where it stopped after a restart (nothing committed in between is lost), and with
// two replicas on one PostgreSQL store only the lease holder delivers; the other takes over
// where the cursor stands once the holder stops.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditFeed } from '../../../src/audit/feed.ts';
import { AuditLog, type AuditRecord } from '../../../src/audit/log.ts';
import { AuditFollower, migrateCursors } from '../../../src/oncall/follower.ts';
import { openStore } from '../../../src/store/open.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { type PostgresServer, startPostgres } from '../../helpers/postgres.ts';

let server: PostgresServer;
const opened: SqlDatabase[] = [];
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  for (const db of opened) if (db.isOpen) db.close();
  await server?.stop();
});

function replica(url: string) {
  const db = openStore({ path: 'unused', url });
  opened.push(db);
  let feed: AuditFeed | undefined;
  const audit = AuditLog.open(db, { onAppended: (records) => feed?.appended(records) });
  feed = new AuditFeed(db, audit);
  migrateCursors(db);
  const delivered: AuditRecord[] = [];
  const follower = (owner: string, leaseMs = 1000, handle?: (r: AuditRecord) => Promise<void>) =>
    new AuditFollower({
      db,
      audit,
      feed: feed!,
      name: 'test-sink',
      owner,
      leaseMs,
      logger,
      handle:
        handle ??
        (async (record) => {
          delivered.push(record);
        }),
    });
  const note = (n: number) =>
    audit.append({ type: 'incident.note', data: { incident: 'inc_1', text: `note ${n}` } });
  return { db, audit, feed: feed!, delivered, follower, note };
}

const texts = (records: readonly AuditRecord[]) => records.map((r) => r.data.text);

describe('an on-call follower', () => {
  it('starts at the head, then delivers every new record once, in order', async () => {
    const a = replica(await server.createDatabase());
    a.note(0); // before the sink existed: never announced
    const follower = a.follower('a');
    follower.start();
    await follower.idle();
    for (let n = 1; n <= 5; n++) a.note(n);
    await vi.waitFor(
      () => expect(texts(a.delivered)).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5']),
      { timeout: 5000 },
    );
    await follower.close();
  });

  it('goes on where it stopped after a restart: what was committed meanwhile is delivered', async () => {
    const a = replica(await server.createDatabase());
    const first = a.follower('a');
    first.start();
    await first.idle();
    a.note(1);
    await vi.waitFor(() => expect(texts(a.delivered)).toEqual(['note 1']), { timeout: 5000 });
    await first.close();
    a.note(2);
    a.note(3);
    const second = a.follower('a-restarted');
    second.start();
    await vi.waitFor(() => expect(texts(a.delivered)).toEqual(['note 1', 'note 2', 'note 3']), {
      timeout: 5000,
    });
    await second.close();
  });

  it('passes a record whose delivery throws, and delivers the next', async () => {
    const a = replica(await server.createDatabase());
    const seen: string[] = [];
    const follower = a.follower('a', 1000, async (record) => {
      if (record.data.text === 'note 1') throw new Error('receiver down');
      seen.push(String(record.data.text));
    });
    follower.start();
    await follower.idle();
    a.note(1);
    a.note(2);
    await vi.waitFor(() => expect(seen).toEqual(['note 2']), { timeout: 5000 });
    await follower.close();
  });

  it('with two replicas, only the lease holder delivers; the other takes over at the cursor', async () => {
    const url = await server.createDatabase();
    const a = replica(url);
    const b = replica(url);
    const fa = a.follower('replica-a', 600);
    fa.start();
    await fa.idle();
    const fb = b.follower('replica-b', 600);
    fb.start();
    a.note(1);
    b.note(2);
    await vi.waitFor(() => expect(texts(a.delivered)).toEqual(['note 1', 'note 2']), { timeout: 5000 });
    // b heard both records (its feed) but does not hold the lease.
    fb.kick();
    await fb.idle();
    expect(b.delivered).toEqual([]);
    await fa.close(); // releases the lease
    b.note(3);
    await vi.waitFor(() => expect(texts(b.delivered)).toEqual(['note 3']), { timeout: 5000 });
    expect(texts(a.delivered)).toEqual(['note 1', 'note 2']);
    await fb.close();
  });
});
