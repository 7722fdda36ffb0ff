// The SQLite store (node:sqlite, no native build), the embedded default. The server and the
// `opswarden audit` / `approvals` CLI open the same file at once, so every connection uses
// WAL (readers never block the writer), waits on a busy writer instead of failing, and
// writes in BEGIN IMMEDIATE transactions so two processes never interleave a
// read-modify-write. Wakeups reach listeners in this process only: another process on the
// same file finds changes by polling.

import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { runAll, type SqlDatabase, type SqlStatement } from './sql.ts';

const BUSY_TIMEOUT_MS = 5_000;

class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite';
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #begin: StatementSync;
  readonly #commit: StatementSync;
  readonly #wakeups = new EventEmitter().setMaxListeners(0);
  /** What waits for the open transaction to commit (dropped if it rolls back). */
  #afterCommit: (() => void)[] = [];
  #writing = false;

  constructor(path: string, db: DatabaseSync) {
    this.location = path;
    this.#db = db;
    this.#begin = db.prepare('BEGIN IMMEDIATE');
    this.#commit = db.prepare('COMMIT');
  }

  get isOpen(): boolean {
    return this.#db.isOpen;
  }

  get inTransaction(): boolean {
    return this.#db.isTransaction;
  }

  get inWriteTransaction(): boolean {
    return this.#writing && this.#db.isTransaction;
  }

  prepare(sql: string): SqlStatement {
    return this.#db.prepare(sql) as SqlStatement;
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  transaction<T>(fn: () => T): T {
    if (this.#db.isTransaction)
      throw new Error('a transaction is already open on this connection; writes cannot nest');
    this.#begin.run();
    this.#writing = true;
    try {
      const result = fn();
      this.#commit.run();
      this.#writing = false;
      runAll(this.#takeAfterCommit());
      return result;
    } catch (error) {
      this.#afterCommit = [];
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    } finally {
      this.#writing = false;
    }
  }

  afterCommit(fn: () => void): void {
    if (this.inWriteTransaction) this.#afterCommit.push(fn);
    else fn();
  }

  #takeAfterCommit(): (() => void)[] {
    const due = this.#afterCommit;
    this.#afterCommit = [];
    return due;
  }

  snapshot<T>(fn: () => T): T {
    if (this.#db.isTransaction) return fn();
    this.#db.exec('BEGIN');
    try {
      return fn();
    } finally {
      if (this.#db.isTransaction) this.#db.exec('COMMIT');
    }
  }

  hasTable(name: string): boolean {
    return (
      this.#db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
      undefined
    );
  }

  notify(channel: string, payload = ''): void {
    this.afterCommit(() => this.#wakeups.emit(channel, payload));
  }

  listen(channel: string, listener: (payload: string) => void): () => void {
    this.#wakeups.on(channel, listener);
    queueMicrotask(() => {
      if (this.#wakeups.listeners(channel).includes(listener)) listener('');
    });
    return () => this.#wakeups.off(channel, listener);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

/**
 * Turns WAL on. Switching a new file needs it alone for a moment, and SQLite answers "locked"
 * at once (no busy wait) while another process is opening it too (two replicas, or the
 * server and the CLI, started together): retried within the busy timeout.
 */
function switchToWal(db: DatabaseSync): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      if (!/database is locked/.test((error as Error).message) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

/** Opens (creating if needed, with its directory) the database at `path`; `:memory:` for tests. */
export function openDatabase(path: string): SqlDatabase {
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first statement reads the file: a file that is no database fails here, named.
    switchToWal(db);
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    return new SqliteDatabase(path, db);
  } catch (error) {
    db?.close();
    throw new Error(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
}
