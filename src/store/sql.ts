// The store interface every stateful part talks to (DESIGN §9): SQL statements with `?`
// placeholders, write transactions serialized against every other writer of the same
// database (another process, another replica), consistent read snapshots, and wakeups
// between processes. Two implementations: SQLite (./sqlite.ts, the embedded default) and
// PostgreSQL (./postgres/, for several replicas). Callers never reach a driver.
//
// The interface is synchronous, as node:sqlite is: the audit log's fail-closed append and
// every read-modify-write (approval decisions, incident grouping, runbook leases) stay one
// straight piece of code with no await between its read and its write. PostgreSQL answers
// it through a worker thread that holds the connection (./postgres/database.ts).

export type SqlValue = null | number | bigint | string | Uint8Array;
export type SqlRow = Record<string, unknown>;

export interface SqlStatement {
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  /** `changes`: how many rows the statement wrote. */
  run(...params: SqlValue[]): { changes: number };
  iterate(...params: SqlValue[]): Iterable<SqlRow>;
}

export type SqlDialect = 'sqlite' | 'postgres';

/** DDL or SQL that differs between the two: one text each. */
export type PerDialect<T> = T | { sqlite: T; postgres: T };

export function forDialect<T>(dialect: SqlDialect, value: PerDialect<T>): T {
  return typeof value === 'object' && value !== null && 'sqlite' in value && 'postgres' in value
    ? value[dialect]
    : (value as T);
}

export interface SqlDatabase {
  readonly dialect: SqlDialect;
  /** Where it is, for messages: a file path, or a URL with any password removed. */
  readonly location: string;
  readonly isOpen: boolean;
  /** A transaction (write or snapshot) is open on this connection. */
  readonly inTransaction: boolean;
  /** Inside transaction(fn): the write lock is held, so a write here may join it. */
  readonly inWriteTransaction: boolean;
  prepare(sql: string): SqlStatement;
  /** Runs statements that take no parameters (DDL, PRAGMA). */
  exec(sql: string): void;
  /**
   * Runs `fn` as a write transaction that holds the database's one write lock from its
   * first statement to COMMIT, so a read inside it sees the latest committed state and no
   * other writer, in any process, commits in between. Rolls back and rethrows on error.
   * Refuses to nest.
   */
  transaction<T>(fn: () => T): T;
  /** Runs `fn` over one consistent read snapshot (audit verify); joins an open transaction. */
  snapshot<T>(fn: () => T): T;
  /**
   * Runs `fn` once the open write transaction commits (never if it rolls back), or at once
   * outside one: what must follow a commit (a file mirror, in-process listeners) and must
   * not happen for a write that was undone. An error from `fn` is thrown by transaction()
   * after the commit, which stands.
   */
  afterCommit(fn: () => void): void;
  /** Whether a table exists (a store opened by an older version may lack one). */
  hasTable(name: string): boolean;
  /**
   * Tells every process on this database that `channel` changed (delivered after the
   * current transaction commits, or at once outside one). A hint only: listeners re-read
   * the store, so a forged or lost wakeup changes nothing but latency.
   */
  notify(channel: string, payload?: string): void;
  /**
   * Calls `listener` on every notify of `channel`, from any process; returns the unsubscribe.
   * It is also called with '' once it is hearing, and again after a lost connection is back:
   * what was notified before may have been missed, so the listener re-reads the store.
   */
  listen(channel: string, listener: (payload: string) => void): () => void;
  close(): void;
}

/** Runs every callback, then throws the first error any of them threw. */
export function runAll(callbacks: readonly (() => void)[]): void {
  let first: { error: unknown } | undefined;
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}
