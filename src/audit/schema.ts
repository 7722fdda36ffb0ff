// The audit tables. Triggers make the log append-only against casual edits (an UPDATE or
// DELETE aborts); someone who drops them is still caught by `audit verify`, which checks
// the hash chain, the head anchor (catches a truncated tail) and the JSONL mirror.

import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';
import { GENESIS_HASH } from './record.ts';

/** The store channel an append is announced on (PostgreSQL: NOTIFY). */
export const AUDIT_CHANNEL = 'opswarden_audit';

/** The log's one table; SQLite's INTEGER is 64-bit already, PostgreSQL's needs BIGINT. */
const auditLogTable = (seq: 'INTEGER' | 'BIGINT', options = '') => `CREATE TABLE audit_log (
    seq ${seq} PRIMARY KEY,
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
  ) ${options}`;

const AUDIT_SCHEMA_V1 = [
  auditLogTable('INTEGER', 'STRICT'),
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

// The same tables in PostgreSQL. Its triggers call functions; TRUNCATE skips row triggers,
// so a statement trigger refuses it too.
const AUDIT_SCHEMA_V1_POSTGRES = [
  auditLogTable('BIGINT'),
  ...AUDIT_SCHEMA_V1.filter((sql) => sql.startsWith('CREATE INDEX')),
  `CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
   EXECUTE FUNCTION audit_refuse('audit_log is append-only: records cannot be updated')`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
   EXECUTE FUNCTION audit_refuse('audit_log is append-only: records cannot be deleted')`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT
   EXECUTE FUNCTION audit_refuse('audit_log is append-only: records cannot be deleted')`,
  `CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
  )`,
  `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW
   EXECUTE FUNCTION audit_refuse('audit_head cannot be deleted')`,
  `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT
   EXECUTE FUNCTION audit_refuse('audit_head cannot be deleted')`,
  `CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.seq <> OLD.seq + 1 OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
       RAISE EXCEPTION 'audit_head only advances to the record just appended';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head FOR EACH ROW
   EXECUTE FUNCTION audit_head_forward()`,
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

// Replicas on PostgreSQL hear of each other's appends: the head's advance announces its
// seq (delivered at commit; src/audit/feed.ts reads the records). One SQLite process hears
// its own appends directly.
const AUDIT_SCHEMA_V3 = {
  sqlite: [],
  postgres: [
    `CREATE FUNCTION audit_head_announce() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('${AUDIT_CHANNEL}', NEW.seq::text); RETURN NULL; END $$`,
    `CREATE TRIGGER audit_head_announce AFTER UPDATE ON audit_head FOR EACH ROW
     EXECUTE FUNCTION audit_head_announce()`,
  ],
};

/** The first audit migration: its record in schema_migrations says the tables were created. */
export const AUDIT_MIGRATION = 'audit-1';

export function migrateAudit(db: SqlDatabase): void {
  migrate(db, AUDIT_MIGRATION, { sqlite: AUDIT_SCHEMA_V1, postgres: AUDIT_SCHEMA_V1_POSTGRES });
  migrate(db, 'audit-2', AUDIT_SCHEMA_V2);
  migrate(db, 'audit-3', AUDIT_SCHEMA_V3);
}
