// The audit tables. Triggers make the log append-only against casual edits (an UPDATE or
// DELETE aborts); someone who drops them is still caught by `audit verify`, which checks
// the hash chain, the head anchor (catches a truncated tail) and the JSONL mirror.

import type { DatabaseSync } from 'node:sqlite';
import { migrate } from '../store/sqlite.ts';
import { GENESIS_HASH } from './record.ts';

const AUDIT_SCHEMA_V1 = [
  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    type TEXT NOT NULL,
    call_id TEXT,
    principal TEXT,
    tool TEXT,
    target_key TEXT,
    effect TEXT,
    data TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`,
  'CREATE INDEX audit_log_ts ON audit_log (ts)',
  'CREATE INDEX audit_log_type_ts ON audit_log (type, ts)',
  'CREATE INDEX audit_log_tool_ts ON audit_log (tool, ts)',
  'CREATE INDEX audit_log_principal_ts ON audit_log (principal, ts)',
  'CREATE INDEX audit_log_call ON audit_log (call_id)',
  // Policy history runs on every call: partial, covering indexes over just the rows it
  // counts (executed changes, the outcome records that carry a target key) keep that
  // lookup cheap as reads pile up in the log (see AuditLog.countExecuted).
  `CREATE INDEX audit_executed_target ON audit_log (target_key, ts)
   WHERE type = 'action.executed' AND target_key IS NOT NULL`,
  `CREATE INDEX audit_executed_tool ON audit_log (tool, ts)
   WHERE type = 'action.executed' AND target_key IS NOT NULL`,
  `CREATE INDEX audit_rejected_principal ON audit_log (principal, ts) WHERE type = 'approval.rejected'`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be updated'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: records cannot be deleted'); END`,
  // The head anchor: seq and hash of the last record, advanced in the append transaction.
  // Deleting records from the tail leaves it pointing past the end, which verify reports.
  `CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`,
  `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
   BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END`,
  `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
   WHEN NEW.seq <> OLD.seq + 1 OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
   BEGIN SELECT RAISE(ABORT, 'audit_head only advances to the record just appended'); END`,
];

// Cumulative policy history (src/dispatch/history.ts): the workload a real change counts
// against (a pod delete counts against the pod's Deployment), and a principal's change rate.
// Adding a nullable column rewrites no row: older rows read as null, so they hash as before
// (rowToRecord omits null columns) and the chain stays valid.
const AUDIT_SCHEMA_V2 = [
  'ALTER TABLE audit_log ADD COLUMN workload_key TEXT',
  `CREATE INDEX audit_executed_workload ON audit_log (workload_key, ts)
   WHERE type = 'action.executed' AND workload_key IS NOT NULL`,
  `CREATE INDEX audit_executed_principal ON audit_log (principal, ts)
   WHERE type = 'action.executed' AND target_key IS NOT NULL`,
];

/** The first audit migration: its record in schema_migrations says the tables were created. */
export const AUDIT_MIGRATION = 'audit-1';

export function migrateAudit(db: DatabaseSync): void {
  migrate(db, AUDIT_MIGRATION, AUDIT_SCHEMA_V1);
  migrate(db, 'audit-2', AUDIT_SCHEMA_V2);
}
