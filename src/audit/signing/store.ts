// Signed checkpoints in the store: a copy for convenience (and the delivery queue of the
// sinks), never the proof. `audit verify` believes a stored checkpoint only for its
// signature, and needs the shipped copies to notice checkpoints deleted from here.
// Each sink's cursor (the last checkpoint it took) survives restarts, so a webhook that was
// down gets every checkpoint it missed, in order.

import { migrate } from '../../store/migrate.ts';
import type { SqlDatabase, SqlStatement } from '../../store/sql.ts';
import { checkpointLine, parseCheckpointLine, type SignedCheckpoint } from './checkpoint.ts';

const CHECKPOINT_SCHEMA_V1_POSTGRES = [
  'CREATE TABLE audit_checkpoints (n BIGINT PRIMARY KEY, seq BIGINT NOT NULL, key_id TEXT NOT NULL, line TEXT NOT NULL)',
  'CREATE TABLE audit_checkpoint_shipped (sink TEXT PRIMARY KEY, n BIGINT NOT NULL)',
];

const CHECKPOINT_SCHEMA_V1 = [
  `CREATE TABLE audit_checkpoints (
    n INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    line TEXT NOT NULL
  ) STRICT`,
  `CREATE TABLE audit_checkpoint_shipped (
    sink TEXT PRIMARY KEY,
    n INTEGER NOT NULL
  ) STRICT`,
];

export const CHECKPOINTS_TABLE = 'audit_checkpoints';

export function migrateCheckpoints(db: SqlDatabase): void {
  migrate(db, 'audit-checkpoints-1', {
    sqlite: CHECKPOINT_SCHEMA_V1,
    postgres: CHECKPOINT_SCHEMA_V1_POSTGRES,
  });
}

export class CheckpointStore {
  readonly #latest: SqlStatement;
  readonly #insert: SqlStatement;
  readonly #after: SqlStatement;
  readonly #cursor: SqlStatement;
  readonly #advance: SqlStatement;

  constructor(db: SqlDatabase) {
    migrateCheckpoints(db);
    this.#latest = db.prepare('SELECT line FROM audit_checkpoints ORDER BY n DESC LIMIT 1');
    this.#insert = db.prepare('INSERT INTO audit_checkpoints (n, seq, key_id, line) VALUES (?, ?, ?, ?)');
    this.#after = db.prepare('SELECT n, line FROM audit_checkpoints WHERE n > ? ORDER BY n LIMIT ?');
    this.#cursor = db.prepare('SELECT n FROM audit_checkpoint_shipped WHERE sink = ?');
    this.#advance = db.prepare(
      `INSERT INTO audit_checkpoint_shipped (sink, n) VALUES (?, ?)
       ON CONFLICT (sink) DO UPDATE SET n = ${db.dialect === 'postgres' ? 'GREATEST' : 'max'}(audit_checkpoint_shipped.n, excluded.n)`,
    );
  }

  /** The newest checkpoint; throws when its stored line is not a checkpoint (an edited row). */
  latest(): SignedCheckpoint | undefined {
    const row = this.#latest.get() as { line: string } | undefined;
    return row ? parseStored(row.line) : undefined;
  }

  add(checkpoint: SignedCheckpoint): void {
    this.#insert.run(checkpoint.n, checkpoint.seq, checkpoint.keyId, checkpointLine(checkpoint));
  }

  /** Up to `limit` stored rows after checkpoint `n`, oldest first, as stored (unchecked). */
  rowsAfter(n: number, limit: number): { n: number; line: string }[] {
    return this.#after.all(n, limit) as { n: number; line: string }[];
  }

  /** The last checkpoint `sink` took (0: none yet). */
  shippedTo(sink: string): number {
    return (this.#cursor.get(sink) as { n: number } | undefined)?.n ?? 0;
  }

  markShipped(sink: string, n: number): void {
    this.#advance.run(sink, n);
  }
}

function parseStored(line: string): SignedCheckpoint {
  const checkpoint = parseCheckpointLine(line);
  if (!checkpoint) throw new Error(`${CHECKPOINTS_TABLE} holds a row that is not a checkpoint: ${line}`);
  return checkpoint;
}
