// Runbook executions and their step records, in the shared store beside the audit log and
// approvals, so a restarted server or another replica picks a run up where it stopped. One
// row per execution; one row per step visit (a step can be visited again when a runbook
// loops). A unique index on the target of running executions makes "one run per target"
// hold even across processes. Rows are updated as a run moves on; the audit log keeps
// history. A running execution is leased to the replica executing it (lease_owner until
// lease_until, wall ms): the holder renews it, and once it lapses another replica claims it.

import { randomBytes } from 'node:crypto';
import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Principal } from '../types.ts';
import type { ExecutionTarget } from './target.ts';
import type { ParamValue, RunbookStep } from './types.ts';

export const EXECUTION_OUTCOMES = ['resolved', 'escalate', 'failed', 'cancelled'] as const;
export type ExecutionOutcome = (typeof EXECUTION_OUTCOMES)[number];

/** Which executions list() reads: `status` is a state (running, finished) or an outcome. */
export interface ExecutionFilter {
  status?: ExecutionRecord['state'] | ExecutionOutcome;
  /** Only the runs this principal id started. */
  requester?: string;
  limit: number;
}

export interface ExecutionRecord {
  id: string;
  runbook: string;
  version: string;
  digest: string;
  params: Record<string, ParamValue>;
  principal: Principal;
  reason: string;
  dryRun: boolean;
  target: ExecutionTarget;
  state: 'running' | 'finished';
  currentStep?: string;
  startedAt: string;
  /** Date.now() at start: durations survive a gate clock that stands still. */
  startedWallMs: number;
  endedAt?: string;
  durationMs?: number;
  outcome?: ExecutionOutcome;
  decidedBy?: string;
  message?: string;
  cancelledBy?: string;
}

export type StepRecordState = 'running' | 'awaiting_approval' | 'done';

export interface StepRecord {
  execution: string;
  /** Visit order within the execution, from 1. */
  seq: number;
  step: string;
  kind: RunbookStep['kind'];
  /** The how-many-th visit of this step id. */
  attempt: number;
  state: StepRecordState;
  /** action: executed | failed | denied | rejected | expired | interrupted; check: passed | timed_out;
   *  approval: approved | rejected | expired; wait: waited; any: skipped (dry run) | cancelled. */
  outcome?: string;
  next?: string;
  startedAt: string;
  startedWallMs: number;
  endedAt?: string;
  durationMs?: number;
  /** Every call made for this visit, oldest first; the last one is the current one. */
  callIds: string[];
  approvalId?: string;
  evidence: Record<string, unknown>;
  message?: string;
}

export type NewExecution = Omit<
  ExecutionRecord,
  'id' | 'state' | 'endedAt' | 'durationMs' | 'outcome' | 'decidedBy' | 'message' | 'cancelledBy'
>;

/** Another execution is already running on the same target. */
export class TargetBusyError extends Error {
  override name = 'TargetBusyError';
  readonly running: ExecutionRecord;
  constructor(running: ExecutionRecord) {
    super(
      `execution ${running.id} of runbook ${running.runbook} is already running on ${running.target.key} (started ${running.startedAt} by ${running.principal.id}); wait for it or cancel it with runbook_cancel`,
    );
    this.running = running;
  }
}

export interface RunCounts {
  total: number;
  resolved: number;
  escalated: number;
  failed: number;
  cancelled: number;
}

interface ExecutionRow {
  id: string;
  body: string;
}

/** A running execution a replica has just taken over, with who held it before (if anyone). */
export interface ClaimedExecution extends ExecutionRecord {
  previousOwner?: string;
}

/** Who executes a run, until when (wall ms): `insert` takes the first lease. */
export interface Lease {
  owner: string;
  nowMs: number;
  leaseMs: number;
}

export class ExecutionStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
    migrate(db, 'runbook-executions-1', [
      `CREATE TABLE IF NOT EXISTS runbook_executions (
        id TEXT PRIMARY KEY, runbook TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL,
        dry_run INTEGER NOT NULL, outcome TEXT, started_at TEXT NOT NULL, body TEXT NOT NULL)`,
      `CREATE UNIQUE INDEX IF NOT EXISTS runbook_executions_one_per_target
        ON runbook_executions(target) WHERE state = 'running'`,
      'CREATE INDEX IF NOT EXISTS runbook_executions_runbook ON runbook_executions(runbook, outcome)',
      `CREATE TABLE IF NOT EXISTS runbook_steps (
        execution TEXT NOT NULL REFERENCES runbook_executions(id), seq INTEGER NOT NULL,
        step TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (execution, seq))`,
    ]);
    // Rows of runs left running by an older version have no lease: the first replica claims them.
    const leaseColumns = (msType: string) => [
      'ALTER TABLE runbook_executions ADD COLUMN lease_owner TEXT',
      `ALTER TABLE runbook_executions ADD COLUMN lease_until ${msType}`,
      `CREATE INDEX IF NOT EXISTS runbook_executions_leases
        ON runbook_executions(lease_until) WHERE state = 'running'`,
    ];
    migrate(db, 'runbook-executions-2', {
      sqlite: leaseColumns('INTEGER'),
      postgres: leaseColumns('BIGINT'),
    });
  }

  /** Records a new running execution leased to `lease.owner`; throws TargetBusyError when its target is taken. */
  insert(input: NewExecution, lease: Lease): ExecutionRecord {
    const record: ExecutionRecord = {
      ...input,
      id: `rbx_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
      state: 'running',
    };
    return this.#db.transaction(() => {
      const busy = this.runningOn(record.target.key);
      if (busy) throw new TargetBusyError(busy);
      this.#db
        .prepare(
          'INSERT INTO runbook_executions (id, runbook, target, state, dry_run, outcome, started_at, body, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)',
        )
        .run(
          record.id,
          record.runbook,
          record.target.key,
          record.state,
          record.dryRun ? 1 : 0,
          record.startedAt,
          JSON.stringify(record),
          lease.owner,
          until(lease.nowMs, lease.leaseMs),
        );
      return record;
    });
  }

  /**
   * Takes over, in one write transaction, every running execution whose lease is unset or
   * lapsed at `nowMs`: each becomes `owner`'s until nowMs + leaseMs. Returns them, oldest first.
   */
  claim(owner: string, nowMs: number, leaseMs: number): ClaimedExecution[] {
    const lapsed = `FROM runbook_executions WHERE state = 'running' AND (lease_until IS NULL OR lease_until <= ?)`;
    // Every replica looks often: only take the write lock when there is something to take.
    if (!this.#db.prepare(`SELECT 1 AS lapsed ${lapsed} LIMIT 1`).get(nowMs)) return [];
    return this.#db.transaction(() => {
      const rows = this.#db
        .prepare(`SELECT id, body, lease_owner ${lapsed} ORDER BY started_at`)
        .all(nowMs) as unknown as (ExecutionRow & { lease_owner: string | null })[];
      const take = this.#db.prepare(
        'UPDATE runbook_executions SET lease_owner = ?, lease_until = ? WHERE id = ?',
      );
      return rows.map((row) => {
        take.run(owner, until(nowMs, leaseMs), row.id);
        const record: ClaimedExecution = JSON.parse(row.body);
        if (row.lease_owner) record.previousOwner = row.lease_owner;
        return record;
      });
    });
  }

  /**
   * Extends `owner`'s leases on those of `ids` it still holds at `nowMs` (its lease has not
   * lapsed, nobody took it over, the run has not ended) to nowMs + leaseMs; returns them.
   */
  renew(owner: string, ids: readonly string[], nowMs: number, leaseMs: number): Set<string> {
    if (!ids.length) return new Set();
    return this.#db.transaction(() => {
      const held = this.#db
        .prepare(
          `SELECT id FROM runbook_executions WHERE id IN (${ids.map(() => '?').join(', ')})
            AND state = 'running' AND lease_owner = ? AND lease_until > ?`,
        )
        .all(...ids, owner, nowMs)
        .map((row) => String(row.id));
      const extend = this.#db.prepare('UPDATE runbook_executions SET lease_until = ? WHERE id = ?');
      for (const id of held) extend.run(until(nowMs, leaseMs), id);
      return new Set(held);
    });
  }

  /** Lets `owner`'s leases on `ids` lapse now, so another replica adopts those runs at once. */
  release(owner: string, ids: readonly string[]): void {
    if (!ids.length) return;
    this.#db
      .prepare(
        `UPDATE runbook_executions SET lease_until = 0 WHERE lease_owner = ? AND id IN (${ids.map(() => '?').join(', ')})`,
      )
      .run(owner, ...ids);
  }

  /** Whether `owner`'s lease on the execution is current at `nowMs` (one indexed row read). */
  holds(id: string, owner: string, nowMs: number): boolean {
    return (
      this.#db
        .prepare(
          'SELECT 1 AS held FROM runbook_executions WHERE id = ? AND lease_owner = ? AND lease_until > ?',
        )
        .get(id, owner, nowMs) !== undefined
    );
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.#db.prepare('SELECT id, body FROM runbook_executions WHERE id = ?').get(id) as
      | ExecutionRow
      | undefined;
    return row ? (JSON.parse(row.body) as ExecutionRecord) : undefined;
  }

  /** Newest first, at most `filter.limit`. */
  list(filter: ExecutionFilter): ExecutionRecord[] {
    const { status, requester, limit } = filter;
    const column =
      status === undefined ? '' : status === 'running' || status === 'finished' ? 'state' : 'outcome';
    const where = column ? `WHERE ${column} = ?` : '';
    const params = status === undefined ? [] : [status];
    const newest = `SELECT id, body FROM runbook_executions ${where} ORDER BY started_at DESC, id DESC`;
    if (requester === undefined) {
      const rows = this.#db.prepare(`${newest} LIMIT ?`).all(...params, limit) as unknown as ExecutionRow[];
      return rows.map((row) => JSON.parse(row.body) as ExecutionRecord);
    }
    // The requester is inside the body: read newest first until enough are theirs.
    const found: ExecutionRecord[] = [];
    for (const row of this.#db.prepare(newest).iterate(...params) as Iterable<ExecutionRow>) {
      const record = JSON.parse(row.body) as ExecutionRecord;
      if (record.principal.id === requester) found.push(record);
      if (found.length === limit) break;
    }
    return found;
  }

  runningOn(target: string): ExecutionRecord | undefined {
    const row = this.#db
      .prepare("SELECT id, body FROM runbook_executions WHERE target = ? AND state = 'running'")
      .get(target) as ExecutionRow | undefined;
    return row ? (JSON.parse(row.body) as ExecutionRecord) : undefined;
  }

  /** Finished real (not dry) runs per runbook name. */
  counts(): Map<string, RunCounts> {
    const rows = this.#db
      .prepare(
        "SELECT runbook, outcome, count(*) AS n FROM runbook_executions WHERE state = 'finished' AND dry_run = 0 GROUP BY runbook, outcome",
      )
      .all() as { runbook: string; outcome: ExecutionOutcome; n: number }[];
    const counts = new Map<string, RunCounts>();
    for (const { runbook, outcome, n } of rows) {
      const c = counts.get(runbook) ?? { total: 0, resolved: 0, escalated: 0, failed: 0, cancelled: 0 };
      c.total += Number(n);
      const key = outcome === 'escalate' ? 'escalated' : outcome;
      c[key] += Number(n);
      counts.set(runbook, c);
    }
    return counts;
  }

  /** Moves a running execution on; false when it is no longer running (cancelled meanwhile). */
  update(id: string, patch: Partial<ExecutionRecord>): boolean {
    return this.#db.transaction(() => {
      const current = this.get(id);
      if (current?.state !== 'running') return false;
      this.#write({ ...current, ...patch });
      return true;
    });
  }

  /**
   * Ends a running execution once: false when it had already ended (two enders, e.g. a
   * cancel racing the last step, cannot both win).
   */
  finish(
    id: string,
    end: Pick<ExecutionRecord, 'outcome' | 'endedAt' | 'durationMs'> &
      Partial<Pick<ExecutionRecord, 'decidedBy' | 'message' | 'cancelledBy'>>,
  ): ExecutionRecord | undefined {
    return this.#db.transaction(() => {
      const current = this.get(id);
      if (current?.state !== 'running') return undefined;
      const finished: ExecutionRecord = { ...current, ...end, state: 'finished' };
      this.#write(finished);
      return finished;
    });
  }

  #write(record: ExecutionRecord): void {
    this.#db
      .prepare('UPDATE runbook_executions SET state = ?, outcome = ?, body = ? WHERE id = ?')
      .run(record.state, record.outcome ?? null, JSON.stringify(record), record.id);
  }

  /** Opens the next visit of a step and makes it the execution's current step. */
  startStep(
    execution: string,
    step: Pick<RunbookStep, 'id' | 'kind'>,
    at: { startedAt: string; startedWallMs: number },
  ): StepRecord {
    return this.#db.transaction(() => {
      const visits = this.steps(execution);
      const record: StepRecord = {
        execution,
        seq: visits.length + 1,
        step: step.id,
        kind: step.kind,
        attempt: visits.filter((v) => v.step === step.id).length + 1,
        state: 'running',
        ...at,
        callIds: [],
        evidence: {},
      };
      this.#db
        .prepare('INSERT INTO runbook_steps (execution, seq, step, body) VALUES (?, ?, ?, ?)')
        .run(execution, record.seq, record.step, JSON.stringify(record));
      const current = this.get(execution);
      if (current) this.#write({ ...current, currentStep: step.id });
      return record;
    });
  }

  updateStep(record: StepRecord): void {
    this.#db
      .prepare('UPDATE runbook_steps SET body = ? WHERE execution = ? AND seq = ?')
      .run(JSON.stringify(record), record.execution, record.seq);
  }

  steps(execution: string): StepRecord[] {
    const rows = this.#db
      .prepare('SELECT body FROM runbook_steps WHERE execution = ? ORDER BY seq')
      .all(execution) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as StepRecord);
  }
}

function until(nowMs: number, leaseMs: number): number {
  return Math.round(nowMs + leaseMs);
}
