// Runbook executions and their step records, in the shared SQLite store beside the audit
// log and approvals, so a restarted server picks a run up where it stopped. One row per
// execution; one row per step visit (a step can be visited again when a runbook loops).
// A unique index on the target of running executions makes "one run per target" hold
// even across processes. Rows are updated as a run moves on; the audit log keeps history.

import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { inImmediateTransaction, migrate } from '../store/sqlite.ts';
import type { Principal } from '../types.ts';
import type { ExecutionTarget } from './target.ts';
import type { ParamValue, RunbookStep } from './types.ts';

export type ExecutionOutcome = 'resolved' | 'escalate' | 'failed' | 'cancelled';

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

export class ExecutionStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
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
  }

  /** Records a new running execution; throws TargetBusyError when its target is taken. */
  insert(input: NewExecution): ExecutionRecord {
    const record: ExecutionRecord = {
      ...input,
      id: `rbx_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
      state: 'running',
    };
    return inImmediateTransaction(this.#db, () => {
      const busy = this.runningOn(record.target.key);
      if (busy) throw new TargetBusyError(busy);
      this.#db
        .prepare(
          'INSERT INTO runbook_executions (id, runbook, target, state, dry_run, outcome, started_at, body) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
        )
        .run(
          record.id,
          record.runbook,
          record.target.key,
          record.state,
          record.dryRun ? 1 : 0,
          record.startedAt,
          JSON.stringify(record),
        );
      return record;
    });
  }

  get(id: string): ExecutionRecord | undefined {
    const row = this.#db.prepare('SELECT id, body FROM runbook_executions WHERE id = ?').get(id) as
      | ExecutionRow
      | undefined;
    return row ? (JSON.parse(row.body) as ExecutionRecord) : undefined;
  }

  runningOn(target: string): ExecutionRecord | undefined {
    const row = this.#db
      .prepare("SELECT id, body FROM runbook_executions WHERE target = ? AND state = 'running'")
      .get(target) as ExecutionRow | undefined;
    return row ? (JSON.parse(row.body) as ExecutionRecord) : undefined;
  }

  running(): ExecutionRecord[] {
    const rows = this.#db
      .prepare("SELECT id, body FROM runbook_executions WHERE state = 'running' ORDER BY started_at")
      .all() as unknown as ExecutionRow[];
    return rows.map((r) => JSON.parse(r.body) as ExecutionRecord);
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
    return inImmediateTransaction(this.#db, () => {
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
    return inImmediateTransaction(this.#db, () => {
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
    return inImmediateTransaction(this.#db, () => {
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
