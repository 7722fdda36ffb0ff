// MCP tasks (the `io.modelcontextprotocol/tasks` extension of 2026-07-28) in the shared
// store, so a task outlives the request and the process that made it. Two kinds: a runbook
// task points at its run, which keeps its own state and resumes after a restart (what it is
// is read from the run, never kept twice); a call task holds the outcome of a tool call run
// in the background (a long query, a drain, a change waiting for its approval), written
// when it ends. A running call task is kept alive by its process's heartbeat: one whose
// heartbeat stopped was cut short by a restart. Each task belongs to its principal alone.

import { randomBytes } from 'node:crypto';
import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';

export type TaskState = 'working' | 'completed' | 'failed' | 'cancelled';

export interface TaskRecord {
  id: string;
  /** The principal who started it: only they see or cancel it. */
  principal: string;
  tool: string;
  /** runbook: follows `executionId`; call: its own state below. */
  kind: 'runbook' | 'call';
  executionId?: string;
  state: TaskState;
  statusMessage?: string;
  /** The final CallToolResult (completed), or the JSON-RPC error (failed). */
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
  createdAt: string;
  updatedAt: string;
  /** The process running a call task, and when it last said so. */
  owner?: string;
  heartbeatAt?: string;
}

interface Row {
  id: string;
  principal: string;
  tool: string;
  kind: 'runbook' | 'call';
  execution_id: string | null;
  state: TaskState;
  status_message: string | null;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  owner: string | null;
  heartbeat_at: string | null;
}

const COLUMNS =
  'id, principal, tool, kind, execution_id, state, status_message, result, error, created_at, updated_at, owner, heartbeat_at';

export class TaskStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
    migrate(db, 'mcp-tasks-1', [
      `CREATE TABLE IF NOT EXISTS mcp_tasks (
        id TEXT PRIMARY KEY, principal TEXT NOT NULL, tool TEXT NOT NULL, kind TEXT NOT NULL,
        execution_id TEXT, state TEXT NOT NULL, status_message TEXT, result TEXT, error TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, owner TEXT, heartbeat_at TEXT)`,
      `CREATE INDEX IF NOT EXISTS mcp_tasks_running ON mcp_tasks(owner) WHERE state = 'working'`,
    ]);
  }

  /** Records a task before its id is handed out, so a tasks/get for it always resolves. */
  create(
    input: Pick<TaskRecord, 'principal' | 'tool' | 'kind' | 'executionId' | 'owner' | 'statusMessage'>,
    now: string,
  ): TaskRecord {
    const record: TaskRecord = {
      ...input,
      id: `tsk_${randomBytes(12).toString('base64url')}`,
      state: 'working',
      createdAt: now,
      updatedAt: now,
      ...(input.owner ? { heartbeatAt: now } : {}),
    };
    this.#db
      .prepare(
        `INSERT INTO mcp_tasks (${COLUMNS}) VALUES (?, ?, ?, ?, ?, 'working', ?, NULL, NULL, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.principal,
        record.tool,
        record.kind,
        record.executionId ?? null,
        record.statusMessage ?? null,
        now,
        now,
        record.owner ?? null,
        record.heartbeatAt ?? null,
      );
    return record;
  }

  /** The task, when `principal` owns it; another's task is as unknown as a made-up id. */
  get(id: string, principal: string): TaskRecord | undefined {
    const row = this.#db
      .prepare(`SELECT ${COLUMNS} FROM mcp_tasks WHERE id = ? AND principal = ?`)
      .get(id, principal) as Row | undefined;
    return row ? recordOf(row) : undefined;
  }

  /** Moves a working task on; a task that already ended stays as it ended. */
  update(
    id: string,
    change: { state?: TaskState; statusMessage?: string; result?: unknown; error?: unknown },
    now: string,
  ): void {
    this.#db
      .prepare(
        `UPDATE mcp_tasks SET state = COALESCE(?, state), status_message = COALESCE(?, status_message),
         result = COALESCE(?, result), error = COALESCE(?, error), updated_at = ? WHERE id = ? AND state = 'working'`,
      )
      .run(
        change.state ?? null,
        change.statusMessage ?? null,
        change.result === undefined ? null : JSON.stringify(change.result),
        change.error === undefined ? null : JSON.stringify(change.error),
        now,
        id,
      );
  }

  /** The running call tasks of `owner` are alive as of `now`. */
  beat(owner: string, now: string): void {
    this.#db
      .prepare(`UPDATE mcp_tasks SET heartbeat_at = ? WHERE owner = ? AND state = 'working'`)
      .run(now, owner);
  }
}

function recordOf(row: Row): TaskRecord {
  return {
    id: row.id,
    principal: row.principal,
    tool: row.tool,
    kind: row.kind,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.execution_id ? { executionId: row.execution_id } : {}),
    ...(row.status_message ? { statusMessage: row.status_message } : {}),
    ...(row.result ? { result: JSON.parse(row.result) as Record<string, unknown> } : {}),
    ...(row.error ? { error: JSON.parse(row.error) as { code: number; message: string } } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.heartbeat_at ? { heartbeatAt: row.heartbeat_at } : {}),
  };
}
