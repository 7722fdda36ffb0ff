// The SQLite store (node:sqlite, no native build). The server and the `opswarden audit` /
// `approvals` CLI open the same file at once, so every connection uses WAL (readers never
// block the writer), waits on a busy writer instead of failing, and writes in
// BEGIN IMMEDIATE transactions so two processes never interleave a read-modify-write.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed, with its directory) the database at `path`; `:memory:` for tests. */
export function openDatabase(path: string): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first statement reads the file: a file that is no database fails here, named.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    throw new Error(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
}

const prepared = new WeakMap<DatabaseSync, { begin: StatementSync; commit: StatementSync }>();

/** BEGIN/COMMIT prepared once per connection: every audited call runs them. */
function transactionStatements(db: DatabaseSync) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT') };
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction (takes the write lock up front, so a read
 * inside it sees the latest committed state and no other writer slips in before COMMIT).
 * Refuses to nest: a ROLLBACK here would silently undo the caller's outer transaction.
 */
export function inImmediateTransaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction)
    throw new Error('a transaction is already open on this connection; writes cannot nest');
  const { begin, commit } = transactionStatements(db);
  begin.run();
  try {
    const result = fn();
    commit.run();
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Applies a module's schema once per database: `name` is recorded in schema_migrations
 * with the statements, so each module (audit, approvals, …) owns its tables and a
 * second process or restart does nothing. A later schema change is a new name.
 */
export function migrate(db: DatabaseSync, name: string, statements: string[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  inImmediateTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(name)) return;
    statements.forEach((sql, index) => {
      try {
        db.exec(sql);
      } catch (error) {
        throw new Error(`migration "${name}" statement ${index + 1} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    });
    db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
      name,
      new Date().toISOString(),
    );
  });
}
