import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  inImmediateTransaction,
  migrate,
  redact
} from "./chunk-7MTLSPUB.js";
import {
  CanonicalText,
  canonicalJson,
  sha256Hex
} from "./chunk-E2EGGSXF.js";

// src/audit/record.ts
var AUDIT_EVENT_TYPES = [
  "tool.call",
  "decision",
  "approval.requested",
  "approval.granted",
  "approval.rejected",
  "approval.expired",
  "approval.used",
  "action.executed",
  "action.failed",
  "snapshot",
  "policy.loaded",
  "policy.refused",
  "runbook.started",
  "runbook.step",
  "runbook.finished",
  "change.recorded",
  "incidents.ingested",
  "incident.status",
  "incident.note"
];
var EFFECTS = ["allow", "escalate", "deny"];
var GENESIS_HASH = "0".repeat(64);
function hashRecord(record, dataJson) {
  const canonical = canonicalJson(
    dataJson === void 0 ? record : { ...record, data: new CanonicalText(dataJson) }
  );
  return sha256Hex(record.prevHash + canonical);
}
function rowToRecord(row) {
  const record = {
    seq: row.seq,
    ts: row.ts,
    type: row.type,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash
  };
  if (row.call_id !== null) record.callId = row.call_id;
  if (row.principal !== null) record.principal = row.principal;
  if (row.tool !== null) record.tool = row.tool;
  if (row.target_key !== null) record.targetKey = row.target_key;
  if (row.workload_key != null) record.workloadKey = row.workload_key;
  if (row.effect !== null) record.effect = row.effect;
  return record;
}
function withoutHash(record) {
  const { hash: _hash, ...rest } = record;
  return rest;
}

// src/audit/verify.ts
import { closeSync, existsSync, openSync, readSync } from "node:fs";

// src/audit/schema.ts
var AUDIT_SCHEMA_V1 = [
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
  "CREATE INDEX audit_log_ts ON audit_log (ts)",
  "CREATE INDEX audit_log_type_ts ON audit_log (type, ts)",
  "CREATE INDEX audit_log_tool_ts ON audit_log (tool, ts)",
  "CREATE INDEX audit_log_principal_ts ON audit_log (principal, ts)",
  "CREATE INDEX audit_log_call ON audit_log (call_id)",
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
   BEGIN SELECT RAISE(ABORT, 'audit_head only advances to the record just appended'); END`
];
var AUDIT_SCHEMA_V2 = [
  "ALTER TABLE audit_log ADD COLUMN workload_key TEXT",
  `CREATE INDEX audit_executed_workload ON audit_log (workload_key, ts)
   WHERE type = 'action.executed' AND workload_key IS NOT NULL`,
  `CREATE INDEX audit_executed_principal ON audit_log (principal, ts)
   WHERE type = 'action.executed' AND target_key IS NOT NULL`
];
var AUDIT_MIGRATION = "audit-1";
function migrateAudit(db) {
  migrate(db, AUDIT_MIGRATION, AUDIT_SCHEMA_V1);
  migrate(db, "audit-2", AUDIT_SCHEMA_V2);
}

// src/audit/verify.ts
var MIRROR_RETRIES = 5;
var MIRROR_RETRY_MS = 20;
function verifyAudit(db, opts = {}) {
  const tables = auditTables(db);
  if (tables === "dropped") {
    return {
      ok: false,
      count: 0,
      firstBad: { seq: 1, reason: `audit tables were dropped (${droppedTables(db)})` }
    };
  }
  const ownsTransaction = !db.isTransaction;
  if (ownsTransaction) db.exec("BEGIN");
  let chain;
  const problems = [];
  let mirror;
  try {
    chain = tables === "present" ? checkChain(db) : { count: 0, last: { seq: 0, hash: GENESIS_HASH } };
    problems.push(chain.problem);
    if (tables === "present") problems.push(checkHead(db, chain.last));
    if (opts.jsonlPath) {
      const compare = () => compareMirror(opts.jsonlPath, tables === "present" ? recordHashes(db) : []);
      mirror = compare();
      for (let retry = 0; mirror.problem?.mayBeInFlight && retry < MIRROR_RETRIES; retry++) {
        sleepSync(MIRROR_RETRY_MS);
        mirror = compare();
      }
      problems.push(mirror.problem);
    }
  } finally {
    if (ownsTransaction) db.exec("COMMIT");
  }
  if (mirror?.newer.length) problems.push(checkNewerThanSnapshot(db, tables === "present", mirror));
  const first = problems.filter((p) => p !== void 0).reduce((a, b) => a && a.seq <= b.seq ? a : b, void 0);
  if (first) return { ok: false, count: chain.count, firstBad: { seq: first.seq, reason: first.reason } };
  return { ok: true, count: chain.count, head: chain.last.hash };
}
var AUDIT_TABLES = ["audit_log", "audit_head"];
function auditTables(db) {
  const present = AUDIT_TABLES.filter((name) => tableExists(db, name));
  if (present.length === AUDIT_TABLES.length) return "present";
  const migrated = tableExists(db, "schema_migrations") && db.prepare("SELECT 1 FROM schema_migrations WHERE name = ?").get(AUDIT_MIGRATION) !== void 0;
  return migrated ? "dropped" : "never-created";
}
function droppedTables(db) {
  return `${AUDIT_TABLES.filter((name) => !tableExists(db, name)).join(", ")} missing`;
}
function tableExists(db, name) {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== void 0;
}
function recordHashes(db) {
  return db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq").iterate();
}
function checkChain(db) {
  let count = 0;
  let last = { seq: 0, hash: GENESIS_HASH };
  const rows = db.prepare("SELECT * FROM audit_log ORDER BY seq").iterate();
  for (const row of rows) {
    count++;
    const problem = checkLink(row, last);
    if (problem) return { count, last, problem };
    last = { seq: row.seq, hash: row.hash };
  }
  return { count, last };
}
function checkLink(row, previous) {
  const expected = previous.seq + 1;
  if (row.seq !== expected) {
    const gap = row.seq - 1 === expected ? `#${expected}` : `#${expected}..#${row.seq - 1}`;
    return { seq: expected, reason: `record ${gap} missing (deleted): the chain jumps to #${row.seq}` };
  }
  if (row.prev_hash !== previous.hash) {
    return {
      seq: row.seq,
      reason: `prevHash does not match the hash of record #${previous.seq} (records deleted, inserted or reordered)`
    };
  }
  let record;
  try {
    record = rowToRecord(row);
  } catch {
    return { seq: row.seq, reason: "data is not valid JSON (record edited)" };
  }
  if (hashRecord(withoutHash(record)) !== row.hash) {
    return { seq: row.seq, reason: "contents do not match the record hash (record edited)" };
  }
  return void 0;
}
function checkHead(db, last) {
  const head = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1").get();
  if (!head) return { seq: last.seq + 1, reason: "head anchor row is missing (deleted)" };
  if (head.seq > last.seq) {
    return {
      seq: last.seq + 1,
      reason: `tail truncated: head anchor is at #${head.seq} but the log ends at #${last.seq}`
    };
  }
  if (head.seq < last.seq) {
    return {
      seq: head.seq + 1,
      reason: `records after the head anchor (#${head.seq}): the anchor was rewound or records were added around the log`
    };
  }
  if (head.hash !== last.hash) {
    return { seq: last.seq, reason: `head anchor hash does not match record #${last.seq}` };
  }
  return void 0;
}
function compareMirror(path, dbHashes) {
  const problems = [];
  const entries = existsSync(path) ? readMirror(path, problems) : void 0;
  if (entries) {
    const link = checkMirrorLinks(entries);
    if (link) problems.push(link);
  }
  let lastSeq = 0;
  let mismatched = false;
  for (const row of dbHashes) {
    lastSeq = row.seq;
    if (mismatched) continue;
    const entry = entries?.get(row.seq);
    mismatched = entry?.hash !== row.hash;
    if (!entries) {
      problems.push({ seq: row.seq, reason: `JSONL mirror ${path} does not exist`, mayBeInFlight: true });
    } else if (!entry) {
      problems.push({
        seq: row.seq,
        reason: `JSONL mirror lacks record #${row.seq} (a mirror write failed or the mirror was truncated)`,
        mayBeInFlight: true
      });
    } else if (entry.hash !== row.hash) {
      problems.push({
        seq: row.seq,
        reason: `record #${row.seq} differs between the database and the JSONL mirror`
      });
    }
  }
  const newer = [...entries ?? []].filter(([seq]) => seq > lastSeq).map(([seq, entry]) => ({ seq, hash: entry.hash })).sort((a, b) => a.seq - b.seq);
  return { problem: problems.sort((a, b) => a.seq - b.seq)[0], lastSeq, newer };
}
function checkNewerThanSnapshot(db, tablesPresent, mirror) {
  const live = tablesPresent ? db.prepare("SELECT hash FROM audit_log WHERE seq = ?") : void 0;
  for (const { seq, hash } of mirror.newer) {
    const row = live?.get(seq);
    if (row?.hash === hash) continue;
    const last = mirror.newer.at(-1).seq;
    return {
      seq,
      reason: row ? `record #${seq} differs between the database and the JSONL mirror` : `database tail truncated: the JSONL mirror has records up to #${last} but the database ends at #${mirror.lastSeq}`
    };
  }
  return void 0;
}
function readMirror(path, problems) {
  const entries = /* @__PURE__ */ new Map();
  let lineNumber = 0;
  let lastSeq = 0;
  const bad = (seq, reason) => {
    problems.push({ seq, reason });
    return entries;
  };
  for (const line of readLines(path)) {
    lineNumber++;
    if (!line.trim()) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      return bad(lastSeq + 1, `JSONL mirror line ${lineNumber} is not valid JSON`);
    }
    if (!isRecordShaped(record))
      return bad(lastSeq + 1, `JSONL mirror line ${lineNumber} is not an audit record`);
    if (hashRecord(withoutHash(record)) !== record.hash) {
      return bad(record.seq, `JSONL mirror record #${record.seq} (line ${lineNumber}) was edited`);
    }
    const seen = entries.get(record.seq);
    if (seen && seen.hash !== record.hash)
      return bad(record.seq, `JSONL mirror has two different records #${record.seq}`);
    entries.set(record.seq, { hash: record.hash, prevHash: record.prevHash });
    lastSeq = record.seq;
  }
  return entries;
}
function isRecordShaped(value) {
  if (typeof value !== "object" || value === null) return false;
  const record = value;
  return Number.isInteger(record.seq) && typeof record.hash === "string" && typeof record.prevHash === "string";
}
function checkMirrorLinks(entries) {
  for (const seq of [...entries.keys()].sort((a, b) => a - b)) {
    const previous = seq === 1 ? { hash: GENESIS_HASH } : entries.get(seq - 1);
    if (previous && previous.hash !== entries.get(seq).prevHash) {
      return { seq, reason: `JSONL mirror record #${seq} does not chain onto #${seq - 1}` };
    }
  }
  return void 0;
}
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function* readLines(path) {
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.alloc(1 << 20);
    let pending = Buffer.alloc(0);
    for (; ; ) {
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      const end = pending.lastIndexOf(10);
      if (end < 0) continue;
      yield* pending.subarray(0, end).toString("utf8").split("\n");
      pending = pending.subarray(end + 1);
    }
    if (pending.length) yield pending.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

// src/audit/log.ts
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
var AuditError = class extends Error {
  name = "AuditError";
};
var systemClock = { now: () => /* @__PURE__ */ new Date() };
var KNOWN_TYPES = new Set(AUDIT_EVENT_TYPES);
var AuditLog = class _AuditLog {
  #db;
  #jsonlPath;
  #clock;
  #onAppended;
  #readHead;
  #insert;
  #advanceHead;
  #statements = /* @__PURE__ */ new Map();
  #appends = 0;
  constructor(db, opts) {
    this.#db = db;
    this.#jsonlPath = opts.jsonlPath;
    this.#clock = opts.clock ?? systemClock;
    this.#onAppended = opts.onAppended;
    this.#readHead = db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
    this.#insert = db.prepare(
      `INSERT INTO audit_log (seq, ts, type, call_id, principal, tool, target_key, workload_key, effect, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    );
    this.#advanceHead = db.prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1");
  }
  /** Creates the audit tables if needed; the mirror's directory too. */
  static open(db, opts = {}) {
    migrateAudit(db);
    if (opts.jsonlPath) mkdirSync(dirname(opts.jsonlPath), { recursive: true });
    return new _AuditLog(db, opts);
  }
  append(event) {
    return this.appendAll([event])[0];
  }
  /**
   * Appends several records in one transaction (one commit, one mirror write): all of
   * them, consecutively in the chain, or none.
   */
  appendAll(events) {
    const prepared = events.map((event) => [event, this.#validate(event)]);
    let records;
    try {
      records = inImmediateTransaction(
        this.#db,
        () => prepared.map(([event, dataJson]) => this.#chain(event, dataJson))
      );
    } catch (error) {
      const types = events.map((e) => e.type).join(", ");
      throw new AuditError(`audit append of ${types} failed: ${error.message}`, { cause: error });
    }
    this.#appends += records.length;
    if (this.#jsonlPath) this.#mirror(records);
    this.#onAppended?.(records);
    return records;
  }
  /**
   * Checks an event and returns its data, redacted, as canonical JSON: a secret in a reason,
   * an error, a snapshot or an alert never reaches the store or the mirror, and the hash
   * covers what is stored. (Arguments arrive redacted already, beside the digest of the real ones.)
   */
  #validate(event) {
    if (!KNOWN_TYPES.has(event.type))
      throw new AuditError(`unknown audit event type ${JSON.stringify(event.type)}`);
    if (event.effect !== void 0 && !EFFECTS.includes(event.effect)) {
      throw new AuditError(`unknown effect ${JSON.stringify(event.effect)} in ${event.type} audit event`);
    }
    try {
      return canonicalJson(redact(event.data ?? {}).value);
    } catch (error) {
      throw new AuditError(`${event.type} audit event data: ${error.message}`, { cause: error });
    }
  }
  query(filter) {
    if (filter.limit !== void 0 && !(Number.isInteger(filter.limit) && filter.limit > 0)) {
      throw new AuditError(`audit query limit must be a positive integer, got ${filter.limit}`);
    }
    const { clauses, params } = whereClauses(filter);
    let sql = `SELECT * FROM audit_log ${clauses} ORDER BY seq`;
    if (filter.limit !== void 0) {
      sql = `SELECT * FROM (SELECT * FROM audit_log ${clauses} ORDER BY seq DESC LIMIT ?) ORDER BY seq`;
      params.push(filter.limit);
    }
    return this.#statement(sql).all(...params).map(rowToRecord);
  }
  /**
   * Executed changes since `since` (policy history: sameTarget, sameTool): action.executed
   * records with a target key, which the dispatcher sets on real mutations only.
   */
  countExecuted(filter) {
    const { since, ...where } = filter;
    return this.countExecutedWindows(where, [since])[0];
  }
  /**
   * action.executed records since each of several times, in one query: the policy's
   * history windows (10m, 1h, 24h) cost one index range scan, not one each.
   */
  countExecutedWindows(filter, since) {
    if (!since.length) return [];
    const earliest = new Date(Math.min(...since.map((d) => d.getTime())));
    const { clauses, params } = whereClauses({ ...filter, since: earliest });
    const windows = since.map((_, i) => `coalesce(sum(ts >= ?), 0) AS w${i}`).join(", ");
    const sql = `SELECT ${windows} FROM audit_log ${clauses} AND type = 'action.executed' AND target_key IS NOT NULL`;
    const row = this.#statement(sql).get(...since.map((d) => d.toISOString()), ...params);
    return Object.values(row).map(Number);
  }
  /**
   * The executed changes counted against one workload since `since`, oldest first (policy
   * history: restarts, capacityRemoved): few rows, read through their own partial index.
   */
  executedOnWorkload(workloadKey, since) {
    const rows = this.#statement(
      `SELECT tool, ts, json_extract(data, '$.fractionOfService') AS fraction FROM audit_log
       WHERE workload_key = ? AND ts >= ? AND type = 'action.executed' AND workload_key IS NOT NULL
       ORDER BY ts`
    ).all(workloadKey, since.toISOString());
    return rows.map((row) => ({
      tool: row.tool ?? "",
      at: new Date(row.ts),
      fractionOfService: typeof row.fraction === "number" ? row.fraction : 0
    }));
  }
  /**
   * approval.rejected records since `since`. Approval records carry the requester as
   * `principal`, so this counts rejections of that principal's requests.
   */
  countRejectedApprovals(filter) {
    return this.#count("type = 'approval.rejected'", filter);
  }
  /** Appends made through this instance (one per process), for /metrics. */
  stats() {
    return { appends: this.#appends };
  }
  /** Inside the write transaction: chains onto the committed head, whoever wrote it. */
  #chain(event, dataJson) {
    const head = this.#readHead.get();
    if (!head) throw new Error("audit_head row is missing; run `opswarden audit verify`");
    const unhashed = {
      seq: head.seq + 1,
      ts: this.#clock.now().toISOString(),
      type: event.type,
      data: JSON.parse(dataJson),
      prevHash: head.hash
    };
    if (event.callId !== void 0) unhashed.callId = event.callId;
    if (event.principal !== void 0) unhashed.principal = event.principal;
    if (event.tool !== void 0) unhashed.tool = event.tool;
    if (event.targetKey !== void 0) unhashed.targetKey = event.targetKey;
    if (event.workloadKey !== void 0) unhashed.workloadKey = event.workloadKey;
    if (event.effect !== void 0) unhashed.effect = event.effect;
    const record = { ...unhashed, hash: hashRecord(unhashed, dataJson) };
    this.#insert.run(
      record.seq,
      record.ts,
      record.type,
      record.callId ?? null,
      record.principal ?? null,
      record.tool ?? null,
      record.targetKey ?? null,
      record.workloadKey ?? null,
      record.effect ?? null,
      dataJson,
      record.prevHash,
      record.hash
    );
    this.#advanceHead.run(record.seq, record.hash);
    return record;
  }
  /**
   * Opens the mirror by path on every write (not a kept descriptor), so a rotated or
   * deleted file is noticed instead of written into the void.
   */
  #mirror(records) {
    try {
      appendFileSync(this.#jsonlPath, records.map((r) => `${JSON.stringify(r)}
`).join(""));
    } catch (error) {
      throw new AuditError(
        `${which(records)} in the database but the JSONL mirror ${this.#jsonlPath} could not be written: ${error.message}`,
        { cause: error }
      );
    }
  }
  /** The type is literal SQL (not a parameter) so SQLite can use the partial indexes. */
  #count(typeCondition, filter) {
    const { clauses, params } = whereClauses(filter);
    const where = clauses ? `${clauses} AND ${typeCondition}` : `WHERE ${typeCondition}`;
    const row = this.#statement(`SELECT count(*) AS n FROM audit_log ${where}`).get(...params);
    return row.n;
  }
  /** One prepared statement per distinct filter shape. */
  #statement(sql) {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
};
function which(records) {
  const [first] = records;
  return records.length === 1 ? `audit record #${first?.seq} is` : `audit records #${first?.seq}-#${records.at(-1)?.seq} are`;
}
var FILTER_COLUMNS = {
  tool: "tool",
  principal: "principal",
  effect: "effect",
  type: "type",
  callId: "call_id",
  targetKey: "target_key"
};
function whereClauses(filter) {
  const conditions = [];
  const params = [];
  for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
    const value = filter[key];
    if (value === void 0) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.since) {
    conditions.push("ts >= ?");
    params.push(filter.since.toISOString());
  }
  if (filter.until) {
    conditions.push("ts < ?");
    params.push(filter.until.toISOString());
  }
  return { clauses: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

export {
  AUDIT_EVENT_TYPES,
  EFFECTS,
  migrateAudit,
  verifyAudit,
  tableExists,
  readLines,
  AuditLog
};
