// The tamper-evident audit log (DESIGN §5): every tool call, decision, approval and action
// is appended as a hash-chained record to SQLite, then mirrored as one JSON line for
// shipping. append() is synchronous and throws AuditError on any failure, so the
// dispatcher can abort a mutation it could not record (fail closed).
//
// Mirror failure: the JSONL line is written after the database COMMIT. If that write
// fails, the record stays in the database (it happened, and the chain must not fork) and
// append() still throws AuditError, so the caller aborts; `audit verify` then reports the
// mirror is missing that record until an operator repairs it.

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../canonical.ts';
import { redact } from '../shape/redact.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from '../store/sql.ts';
import type { Clock } from '../tool.ts';
import type { Effect } from '../types.ts';
import {
  AUDIT_EVENT_TYPES,
  type AuditEvent,
  type AuditEventType,
  type AuditRecord,
  type AuditRow,
  EFFECTS,
  hashRecord,
  rowToRecord,
  type UnhashedRecord,
} from './record.ts';
import { migrateAudit } from './schema.ts';

export type { AuditEvent, AuditEventType, AuditRecord } from './record.ts';
export { AUDIT_EVENT_TYPES } from './record.ts';
export { type VerifyResult, verifyAudit } from './verify.ts';

export class AuditError extends Error {
  override name = 'AuditError';
}

export interface AuditQuery {
  tool?: string;
  principal?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  effect?: Effect;
  type?: AuditEventType;
  callId?: string;
  /** Keep only the most recent `limit` matches (still returned oldest first). */
  limit?: number;
}

/** One count of policy history: records of a kind matching `filter`, since each of `since`. */
export interface WindowCount {
  of: keyof typeof COUNTED;
  filter: { targetKey?: string; tool?: string; principal?: string };
  since: readonly Date[];
}

/** An executed change as workload history sees it. */
export interface ExecutedChangeRow {
  tool: string;
  at: Date;
  /** The share of the workload's capacity the change took (its impact), 0 when it declared none. */
  fractionOfService: number;
}

export interface AuditLogOptions {
  jsonlPath?: string;
  clock?: Clock;
  /** Told of each committed and mirrored batch (signed checkpoints count records); must not throw. */
  onAppended?: (records: readonly AuditRecord[]) => void;
}

const systemClock: Clock = { now: () => new Date() };
const KNOWN_TYPES = new Set<string>(AUDIT_EVENT_TYPES);

export class AuditLog {
  readonly #db: SqlDatabase;
  readonly #jsonlPath: string | undefined;
  readonly #clock: Clock;
  readonly #onAppended: AuditLogOptions['onAppended'];
  readonly #readHead: SqlStatement;
  readonly #insert: SqlStatement;
  readonly #advanceHead: SqlStatement;
  readonly #statements = new Map<string, SqlStatement>();
  #appends = 0;

  private constructor(db: SqlDatabase, opts: AuditLogOptions) {
    this.#db = db;
    this.#jsonlPath = opts.jsonlPath;
    this.#clock = opts.clock ?? systemClock;
    this.#onAppended = opts.onAppended;
    this.#readHead = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
    this.#insert = db.prepare(
      `INSERT INTO audit_log (seq, ts, type, call_id, principal, tool, target_key, workload_key, effect, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#advanceHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1');
  }

  /** Creates the audit tables if needed; the mirror's directory too. */
  static open(db: SqlDatabase, opts: AuditLogOptions = {}): AuditLog {
    migrateAudit(db);
    if (opts.jsonlPath) mkdirSync(dirname(opts.jsonlPath), { recursive: true });
    return new AuditLog(db, opts);
  }

  append(event: AuditEvent): AuditRecord {
    return this.appendAll([event])[0]!;
  }

  /**
   * Appends several records in one transaction (one commit, one mirror write): all of
   * them, consecutively in the chain, or none. Inside a write transaction the caller opened
   * (a change and its records commit together), they join it, and are mirrored and
   * announced once it commits.
   */
  appendAll(events: readonly AuditEvent[]): AuditRecord[] {
    const prepared = events.map((event) => [event, this.#validate(event)] as const);
    // The head is read once, under the write lock: each record of the batch chains onto the last.
    const chainAll = () => {
      let head = this.#readHead.get() as { seq: number; hash: string } | undefined;
      if (!head) throw new Error('audit_head row is missing; run `opswarden audit verify`');
      return prepared.map(([event, dataJson]) => {
        const record = this.#chain(event, dataJson, head!);
        head = record;
        return record;
      });
    };
    let records: AuditRecord[];
    try {
      records = this.#db.inWriteTransaction ? chainAll() : this.#db.transaction(chainAll);
    } catch (error) {
      const types = events.map((e) => e.type).join(', ');
      throw new AuditError(`audit append of ${types} failed: ${(error as Error).message}`, { cause: error });
    }
    this.#db.afterCommit(() => this.#committed(records));
    return records;
  }

  #committed(records: AuditRecord[]): void {
    this.#appends += records.length;
    if (this.#jsonlPath) this.#mirror(records);
    this.#onAppended?.(records);
  }

  /**
   * Checks an event and returns its data, redacted, as canonical JSON: a secret in a reason,
   * an error, a snapshot or an alert never reaches the store or the mirror, and the hash
   * covers what is stored. (Arguments arrive redacted already, beside the digest of the real ones.)
   */
  #validate(event: AuditEvent): string {
    if (!KNOWN_TYPES.has(event.type))
      throw new AuditError(`unknown audit event type ${JSON.stringify(event.type)}`);
    if (event.effect !== undefined && !EFFECTS.includes(event.effect)) {
      throw new AuditError(`unknown effect ${JSON.stringify(event.effect)} in ${event.type} audit event`);
    }
    try {
      return canonicalJson(redact(event.data ?? {}).value);
    } catch (error) {
      throw new AuditError(`${event.type} audit event data: ${(error as Error).message}`, { cause: error });
    }
  }

  query(filter: AuditQuery): AuditRecord[] {
    if (filter.limit !== undefined && !(Number.isInteger(filter.limit) && filter.limit > 0)) {
      throw new AuditError(`audit query limit must be a positive integer, got ${filter.limit}`);
    }
    const { clauses, params } = whereClauses(filter);
    let sql = `SELECT * FROM audit_log ${clauses} ORDER BY seq`;
    if (filter.limit !== undefined) {
      sql = `SELECT * FROM (SELECT * FROM audit_log ${clauses} ORDER BY seq DESC LIMIT ?) AS recent ORDER BY seq`;
      params.push(filter.limit);
    }
    return (this.#statement(sql).all(...params) as unknown as AuditRow[]).map(rowToRecord);
  }

  /** Up to `limit` records after `seq`, oldest first (catching up with other replicas). */
  after(seq: number, limit: number): AuditRecord[] {
    const rows = this.#statement('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(
      seq,
      limit,
    );
    return (rows as unknown as AuditRow[]).map(rowToRecord);
  }

  /** The seq of the last committed record (0 for an empty log). */
  headSeq(): number {
    return Number((this.#readHead.get() as { seq: number } | undefined)?.seq ?? 0);
  }

  /**
   * Executed changes since `since` (policy history: sameTarget, sameTool): action.executed
   * records with a target key, which the dispatcher sets on real mutations only.
   */
  countExecuted(filter: { targetKey?: string; tool?: string; since: Date }): number {
    const { since, ...where } = filter;
    return this.countWindows([{ of: 'executed', filter: where, since: [since] }])[0]![0]!;
  }

  /**
   * Several counts over windows, in one statement: each count is one index range scan
   * (its own partial index) counting every window at once, so the policy's history costs
   * one round trip to the store, not one per count and window.
   */
  countWindows(counts: readonly WindowCount[]): number[][] {
    const width = Math.max(1, ...counts.map((c) => c.since.length));
    const params: SqlValue[] = [];
    const selects = counts.map((count, k) => {
      const earliest = new Date(Math.min(...count.since.map((d) => d.getTime())));
      const { clauses, params: whereParams } = whereClauses({ ...count.filter, since: earliest });
      const windows = Array.from({ length: width }, (_, i) =>
        i < count.since.length ? `count(*) FILTER (WHERE ts >= ?) AS w${i}` : `0 AS w${i}`,
      );
      params.push(...count.since.map((d) => d.toISOString()), ...whereParams);
      return `SELECT ${k} AS k, ${windows.join(', ')} FROM audit_log ${clauses} AND ${COUNTED[count.of]}`;
    });
    const rows = this.#statement(selects.join(' UNION ALL ')).all(...params) as Record<string, number>[];
    const byCount = new Map(rows.map(({ k, ...windows }) => [Number(k), Object.values(windows).map(Number)]));
    return counts.map((count, k) => byCount.get(k)!.slice(0, count.since.length));
  }

  /**
   * The executed changes counted against one workload since `since`, oldest first (policy
   * history: restarts, capacityRemoved): few rows, read through their own partial index.
   */
  executedOnWorkload(workloadKey: string, since: Date): ExecutedChangeRow[] {
    const rows = this.#statement(
      `SELECT tool, ts, ${FRACTION_OF_SERVICE[this.#db.dialect]} AS fraction FROM audit_log
       WHERE workload_key = ? AND ts >= ? AND type = 'action.executed' AND workload_key IS NOT NULL
       ORDER BY ts`,
    ).all(workloadKey, since.toISOString()) as { tool: string | null; ts: string; fraction: unknown }[];
    return rows.map((row) => ({
      tool: row.tool ?? '',
      at: new Date(row.ts),
      fractionOfService: typeof row.fraction === 'number' ? row.fraction : 0,
    }));
  }

  /**
   * approval.rejected records since `since`. Approval records carry the requester as
   * `principal`, so this counts rejections of that principal's requests.
   */
  countRejectedApprovals(filter: { principal?: string; since: Date }): number {
    const { since, ...where } = filter;
    return this.countWindows([{ of: 'rejected', filter: where, since: [since] }])[0]![0]!;
  }

  /** Appends made through this instance (one per process), for /metrics. */
  stats(): { appends: number } {
    return { appends: this.#appends };
  }

  /** Inside the write transaction: chains onto `head`, the committed head (whoever wrote it) or the batch's last record. */
  #chain(event: AuditEvent, dataJson: string, head: { seq: number; hash: string }): AuditRecord {
    const unhashed: UnhashedRecord = {
      seq: head.seq + 1,
      ts: this.#clock.now().toISOString(),
      type: event.type,
      data: JSON.parse(dataJson),
      prevHash: head.hash,
    };
    if (event.callId !== undefined) unhashed.callId = event.callId;
    if (event.principal !== undefined) unhashed.principal = event.principal;
    if (event.tool !== undefined) unhashed.tool = event.tool;
    if (event.targetKey !== undefined) unhashed.targetKey = event.targetKey;
    if (event.workloadKey !== undefined) unhashed.workloadKey = event.workloadKey;
    if (event.effect !== undefined) unhashed.effect = event.effect;
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed, dataJson) };
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
      record.hash,
    );
    this.#advanceHead.run(record.seq, record.hash);
    return record;
  }

  /**
   * Opens the mirror by path on every write (not a kept descriptor), so a rotated or
   * deleted file is noticed instead of written into the void.
   */
  #mirror(records: AuditRecord[]): void {
    try {
      appendFileSync(this.#jsonlPath!, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    } catch (error) {
      throw new AuditError(
        `${which(records)} in the database but the JSONL mirror ${this.#jsonlPath} could not be written: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** One prepared statement per distinct filter shape. */
  #statement(sql: string): SqlStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function which(records: AuditRecord[]): string {
  const [first] = records;
  return records.length === 1
    ? `audit record #${first?.seq} is`
    : `audit records #${first?.seq}-#${records.at(-1)?.seq} are`;
}

/** What policy history counts; literal SQL (not parameters) so the partial indexes apply. */
const COUNTED = {
  executed: "type = 'action.executed' AND target_key IS NOT NULL",
  rejected: "type = 'approval.rejected'",
} as const;

/** The impact an executed change recorded in its data (policy history). */
const FRACTION_OF_SERVICE = {
  sqlite: "json_extract(data, '$.fractionOfService')",
  postgres: "(data::jsonb ->> 'fractionOfService')::float8",
} as const;

const FILTER_COLUMNS = {
  tool: 'tool',
  principal: 'principal',
  effect: 'effect',
  type: 'type',
  callId: 'call_id',
  targetKey: 'target_key',
} as const;

function whereClauses(filter: AuditQuery & { targetKey?: string }): {
  clauses: string;
  params: SqlValue[];
} {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
    const value = filter[key as keyof typeof FILTER_COLUMNS];
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.since) {
    conditions.push('ts >= ?');
    params.push(filter.since.toISOString());
  }
  if (filter.until) {
    conditions.push('ts < ?');
    params.push(filter.until.toISOString());
  }
  return { clauses: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
