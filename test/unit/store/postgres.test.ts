// The PostgreSQL store against a real server (test/helpers/postgres.ts): the synchronous
// bridge, the one write lock across connections, snapshots, LISTEN/NOTIFY, and failures
// that must name the server but never its password. A second writer that has to wait runs
// in a worker thread: this thread blocks in every call, as the store's callers do.

import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  openPostgres,
  type PostgresOptions,
  translatePlaceholders,
} from '../../../src/store/postgres/database.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { type PostgresServer, startPostgres } from '../../helpers/postgres.ts';

const DATABASE_MODULE = new URL('../../../src/store/postgres/database.ts', import.meta.url).href;

let server: PostgresServer;
const opened: SqlDatabase[] = [];

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function open(url: string, opts: Omit<PostgresOptions, 'url'> = {}): SqlDatabase {
  const db = openPostgres({ url, ...opts });
  opened.push(db);
  return db;
}

async function freshDatabase(): Promise<{ url: string; db: SqlDatabase }> {
  const url = await server.createDatabase();
  return { url, db: open(url) };
}

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Blocks this thread, as a caller inside a transaction would be. */
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Runs `body` (JavaScript, with `db` open on `url`, `gate` an Int32Array shared with the
 * test and `post` to send messages) in a worker thread; messages it posts come back in order.
 */
function inWorker(url: string, body: string, gate = new Int32Array(new SharedArrayBuffer(4))) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const post = (m) => parentPort.postMessage(m);
    import(workerData.module).then(({ openPostgres }) => {
      const db = openPostgres({ url: workerData.url });
      const gate = new Int32Array(workerData.gate);
      try { ${body} } catch (e) { post({ error: e.message }); } finally { db.close(); }
    });`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { module: DATABASE_MODULE, url, gate: gate.buffer },
  });
  const messages: unknown[] = [];
  worker.on('message', (m) => messages.push(m));
  const exited = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  return {
    messages,
    exited,
    release() {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    },
  };
}

describe('translatePlaceholders', () => {
  it('numbers ? outside literals, quoted identifiers and comments', () => {
    expect(translatePlaceholders('SELECT ?, ? FROM t WHERE a = ?')).toBe('SELECT $1, $2 FROM t WHERE a = $3');
    expect(translatePlaceholders(`SELECT '?', 'it''s ?', ? AS "what?" -- really?\n, ?`)).toBe(
      `SELECT '?', 'it''s ?', $1 AS "what?" -- really?\n, $2`,
    );
    expect(translatePlaceholders("SELECT /* ? */ E'\\'?', $$ ? $$, $x$?$x$, ?")).toBe(
      "SELECT /* ? */ E'\\'?', $$ ? $$, $x$?$x$, $1",
    );
  });
});

describe('openPostgres', () => {
  it('runs statements with ? placeholders, counting as numbers and binding bigint and bytes', async () => {
    const { db } = await freshDatabase();
    expect(db.dialect).toBe('postgres');
    db.exec(
      'CREATE TABLE t (id bigserial PRIMARY KEY, name text NOT NULL, blob bytea); CREATE INDEX t_name ON t (name)',
    );
    const insert = db.prepare('INSERT INTO t (name, blob) VALUES (?, ?)');
    expect(insert.run('a?', new Uint8Array([1, 2, 3]))).toEqual({ changes: 1 });
    expect(insert.run('b', null)).toEqual({ changes: 1 });
    expect(db.prepare("SELECT ? AS x, '?' AS q, name FROM t WHERE name = ?").get('y', 'a?')).toEqual({
      x: 'y',
      q: '?',
      name: 'a?',
    });
    const row = db.prepare('SELECT id, blob FROM t WHERE id = ?').get(1n)!;
    expect(row.id).toBe(1);
    expect([...(row.blob as Uint8Array)]).toEqual([1, 2, 3]);
    expect(db.prepare('SELECT count(*) AS n, sum(id) AS s FROM t').get()).toEqual({ n: 2, s: 3 });
    expect(db.prepare('SELECT name FROM t ORDER BY id').all()).toEqual([{ name: 'a?' }, { name: 'b' }]);
    expect([...db.prepare('SELECT name FROM t ORDER BY id DESC').iterate()]).toEqual([
      { name: 'b' },
      { name: 'a?' },
    ]);
    expect(db.prepare('SELECT name FROM t WHERE id = ?').get(42)).toBeUndefined();
    expect(db.prepare('UPDATE t SET name = upper(name)').run()).toEqual({ changes: 2 });
    expect(db.prepare('DELETE FROM t WHERE id = ?').run(99)).toEqual({ changes: 0 });
  });

  it('passes SQL errors through with their SQLSTATE', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE t (id int PRIMARY KEY)');
    db.prepare('INSERT INTO t VALUES (?)').run(1);
    expect(() => db.prepare('INSERT INTO t VALUES (?)').run(1)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^duplicate key value/), code: '23505' }),
    );
  });

  it('tells whether a table exists', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE present (id int); CREATE VIEW a_view AS SELECT 1 AS one');
    expect(db.hasTable('present')).toBe(true);
    expect(db.hasTable('absent')).toBe(false);
    expect(db.hasTable('a_view')).toBe(false);
  });

  it('names the server without its password, and closes once', async () => {
    const { url, db } = await freshDatabase();
    expect(db.location).toBe(`postgres://opswarden@127.0.0.1:${server.port}${new URL(url).pathname}`);
    expect(db.location).not.toContain(passwordOf(url));
    expect(db.isOpen).toBe(true);
    db.close();
    db.close();
    expect(db.isOpen).toBe(false);
    expect(() => db.prepare('SELECT 1').get()).toThrow(`the PostgreSQL store at ${db.location} is closed`);
  });
});

describe('transactions', () => {
  it('commits on return and rolls back on throw, rethrowing', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE t (v text)');
    expect(db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('kept').changes)).toBe(1);
    const boom = new Error('boom');
    expect(() =>
      db.transaction(() => {
        expect(db.inTransaction).toBe(true);
        db.prepare('INSERT INTO t VALUES (?)').run('lost');
        throw boom;
      }),
    ).toThrow(boom);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
  });

  it('runs afterCommit callbacks after a commit only, and throws their error with the commit standing', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE t (v text)');
    const ran: string[] = [];
    db.afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['outside']);
    db.transaction(() => {
      expect(db.inWriteTransaction).toBe(true);
      db.afterCommit(() => ran.push(`committed, saw ${db.inTransaction}`));
      expect(ran).toEqual(['outside']);
    });
    expect(() =>
      db.transaction(() => {
        db.afterCommit(() => ran.push('rolled back'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    db.snapshot(() => {
      expect(db.inWriteTransaction).toBe(false);
      db.afterCommit(() => ran.push('in a snapshot'));
    });
    expect(ran).toEqual(['outside', 'committed, saw false', 'in a snapshot']);
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?)').run('stands');
        db.afterCommit(() => {
          throw new Error('mirror failed');
        });
      }),
    ).toThrow('mirror failed');
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'stands' }]);
  });

  it('refuses to nest, and fails the commit of a transaction in which a statement failed', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE t (v text)');
    db.transaction(() => {
      expect(() => db.transaction(() => 1)).toThrow(
        'a transaction is already open on this connection; writes cannot nest',
      );
    });
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?)').run('lost');
        expect(() => db.prepare('SELECT nonsense FROM t').get()).toThrow(/nonsense/);
      }),
    ).toThrow(/rolled back at COMMIT/);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([]);
  });

  it('serializes writers of every connection on the one write lock', async () => {
    const { url, db: a } = await freshDatabase();
    a.exec('CREATE TABLE t (seq serial PRIMARY KEY, who text, saw int)');
    const observer = open(url);
    let b: ReturnType<typeof inWorker> | undefined;
    a.transaction(() => {
      a.prepare('INSERT INTO t (who, saw) VALUES (?, ?)').run('a', 0);
      // B reads and writes in one transaction: it must start after A's commit.
      b = inWorker(
        url,
        `db.transaction(() => {
           const saw = db.prepare('SELECT count(*) AS n FROM t').get().n;
           db.prepare('INSERT INTO t (who, saw) VALUES (?, ?)').run('b', saw);
         });
         post('done');`,
      );
      const waiting = observer.prepare(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
      );
      const deadline = Date.now() + 10_000;
      while (waiting.get()!.n !== 1) {
        if (Date.now() > deadline) throw new Error('the second writer never waited on the write lock');
        blockFor(10);
      }
      a.prepare('INSERT INTO t (who, saw) VALUES (?, ?)').run('a', 0);
    });
    await b!.exited;
    expect(b!.messages).toEqual(['done']);
    expect(a.prepare('SELECT who, saw FROM t ORDER BY seq').all()).toEqual([
      { who: 'a', saw: 0 },
      { who: 'a', saw: 0 },
      { who: 'b', saw: 2 },
    ]);
  });

  it('reads one snapshot while another connection commits', async () => {
    const { url, db: a } = await freshDatabase();
    a.exec('CREATE TABLE t (v int)');
    const b = open(url);
    const count = () => a.prepare('SELECT count(*) AS n FROM t').get()!.n;
    a.snapshot(() => {
      expect(a.inTransaction).toBe(true);
      expect(count()).toBe(0);
      b.transaction(() => b.prepare('INSERT INTO t VALUES (?)').run(1));
      expect(count()).toBe(0);
    });
    expect(count()).toBe(1);
    expect(() => a.snapshot(() => a.prepare('INSERT INTO t VALUES (?)').run(2))).toThrow(
      /read-only transaction/,
    );
    // Inside a write transaction it joins it.
    a.transaction(() => a.snapshot(() => a.prepare('INSERT INTO t VALUES (?)').run(3)));
    expect(count()).toBe(2);
  });

  it('iterates a long result in a snapshot page by page, in order, and can stop early', async () => {
    const { db } = await freshDatabase();
    db.exec('CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 4500)');
    const select = db.prepare('SELECT n FROM t WHERE n > ? ORDER BY n');
    db.snapshot(() => {
      const seen = [...select.iterate(0)].map((r) => r.n);
      expect(seen).toEqual(Array.from({ length: 4500 }, (_, i) => i + 1));
      let first: unknown;
      for (const row of select.iterate(4000)) {
        first = row.n;
        break; // the cursor is closed, and the snapshot goes on
      }
      expect(first).toBe(4001);
      expect(
        db.prepare("SELECT count(*) AS n FROM pg_cursors WHERE name LIKE 'opswarden_rows_%'").get(),
      ).toEqual({
        n: 0,
      });
    });
    // Outside a transaction: all rows at once.
    expect([...select.iterate(4498)].map((r) => r.n)).toEqual([4499, 4500]);
  });
});

describe('notify and listen', () => {
  async function listening(url: string, channel: string) {
    const a = open(url);
    const b = open(url);
    const got: string[] = [];
    const unsubscribe = a.listen(channel, (payload) => got.push(payload));
    // LISTEN is sent asynchronously; the listener is called with '' once it is in place.
    await until(() => got.includes(''), 'the listener to be hearing');
    got.length = 0;
    return { a, b, got, unsubscribe };
  }

  it('delivers notifies from another connection, and none from a rolled back transaction', async () => {
    const { url } = await freshDatabase();
    const { b, got } = await listening(url, 'incidents');
    expect(() =>
      b.transaction(() => {
        b.notify('incidents', 'rolled back');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    b.transaction(() => b.notify('incidents', 'committed'));
    b.notify('incidents');
    // Notifies of one connection arrive in commit order: after '' nothing earlier is pending.
    await until(() => got.includes(''), 'the last notify');
    expect(got).toEqual(['committed', '']);
  });

  it('delivers a notify inside a transaction only at its commit', async () => {
    const { url } = await freshDatabase();
    const { got } = await listening(url, 'approvals');
    const writer = inWorker(
      url,
      `db.transaction(() => {
         db.notify('approvals', 'decided');
         post('notified');
         Atomics.wait(gate, 0, 0, 10000);
       });
       post('committed');`,
    );
    await until(() => writer.messages.length > 0, 'the writer to notify');
    await sleep(300);
    expect(got).toEqual([]);
    writer.release();
    await until(() => got.includes('decided'), 'the notify after commit');
    await writer.exited;
    expect(writer.messages).toEqual(['notified', 'committed']);
  });

  it('unsubscribes, and refuses a channel name it cannot LISTEN to', async () => {
    const { url } = await freshDatabase();
    const { a, b, got, unsubscribe } = await listening(url, 'leases');
    const other: string[] = [];
    a.listen('leases', (payload) => other.push(payload));
    unsubscribe();
    b.notify('leases', 'after');
    await until(() => other.includes('after'), 'the remaining listener');
    expect(got).toEqual([]);
    expect(() => a.listen('Bad-Channel', () => {})).toThrow(/invalid notification channel "Bad-Channel"/);
    expect(() => b.notify('x; DROP TABLE t')).toThrow(/invalid notification channel/);
  });

  it('wakes every listener after the listening connection comes back', async () => {
    const { url } = await freshDatabase();
    const { b, got } = await listening(url, 'runbooks');
    const killed = b
      .prepare(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'opswarden listen' AND datname = current_database()",
      )
      .all();
    expect(killed).toEqual([{ ok: true }]);
    await until(() => got.includes(''), 'the wakeup after reconnecting');
    b.notify('runbooks', 'again');
    await until(() => got.includes('again'), 'a notify on the new connection');
  });
});

describe('failures', () => {
  it('cancels a statement past statement_timeout, naming the server, and stays usable', async () => {
    const url = await server.createDatabase();
    const db = open(url, { statementTimeoutMs: 200 });
    let error: Error | undefined;
    try {
      db.prepare('SELECT pg_sleep(5)').get();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      `canceling statement due to statement timeout (PostgreSQL at ${db.location})`,
    );
    expect((error as Error & { code?: string }).code).toBe('57014');
    expect(error?.message).not.toContain(passwordOf(url));
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });

  it('gives a server that stops answering up, and connects again for the next call', async () => {
    const url = await server.createDatabase();
    const db = open(url, { statementTimeoutMs: 300, connectTimeoutMs: 300 });
    db.exec('CREATE TABLE t (v text)');
    const pid = db.prepare('SELECT pg_backend_pid() AS pid').get()!.pid as number;
    try {
      expect(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO t VALUES (?)').run('lost');
          process.kill(pid, 'SIGSTOP');
          expect(() => db.prepare('SELECT 1').get()).toThrow(
            `PostgreSQL at ${db.location} did not answer within 2600 ms`,
          );
          db.prepare('SELECT 1').get();
        }),
      ).toThrow(`the connection to PostgreSQL at ${db.location} was lost inside the transaction`);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT pg_backend_pid() AS pid').get()!.pid).not.toBe(pid);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('refuses a wrong password without repeating it', async () => {
    const url = new URL(await server.createDatabase());
    url.password = 'not-the-secret-4711';
    const db = open(url.href);
    let error: Error | undefined;
    try {
      db.prepare('SELECT 1').get();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^password authentication failed for user "opswarden" \(PostgreSQL at /);
    expect(error?.message).not.toContain('not-the-secret-4711');
    expect(db.location).not.toContain('not-the-secret-4711');
  });
});
