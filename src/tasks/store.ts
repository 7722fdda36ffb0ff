// MCP tasks (the `io.modelcontextprotocol/tasks` extension of 2026-07-28): a task is a
// durable handle on work that outlives its request. opswarden's long work already keeps its
// own state in the store (a runbook execution resumes after a restart), so a task row is a
// pointer to that work, owned by the principal who started it: what the task is at any
// moment is read from the work itself (src/server/mcp.ts), never kept twice.

import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { migrate } from '../store/sqlite.ts';

export interface TaskRecord {
  id: string;
  /** The principal who started it: only they see or cancel it. */
  principal: string;
  tool: string;
  /** The runbook execution the task follows. */
  executionId: string;
  createdAt: string;
}

export class TaskStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    migrate(db, 'mcp-tasks-1', [
      `CREATE TABLE IF NOT EXISTS mcp_tasks (
        id TEXT PRIMARY KEY, principal TEXT NOT NULL, tool TEXT NOT NULL,
        execution_id TEXT NOT NULL, created_at TEXT NOT NULL)`,
    ]);
  }

  /** Records a task before its id is handed out, so a tasks/get for it always resolves. */
  create(input: Omit<TaskRecord, 'id'>): TaskRecord {
    const record = { ...input, id: `tsk_${randomBytes(12).toString('base64url')}` };
    this.#db
      .prepare('INSERT INTO mcp_tasks (id, principal, tool, execution_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.id, record.principal, record.tool, record.executionId, record.createdAt);
    return record;
  }

  /** The task, when `principal` owns it; another's task is as unknown as a made-up id. */
  get(id: string, principal: string): TaskRecord | undefined {
    const row = this.#db
      .prepare(
        'SELECT id, principal, tool, execution_id, created_at FROM mcp_tasks WHERE id = ? AND principal = ?',
      )
      .get(id, principal) as
      | { id: string; principal: string; tool: string; execution_id: string; created_at: string }
      | undefined;
    return row
      ? {
          id: row.id,
          principal: row.principal,
          tool: row.tool,
          executionId: row.execution_id,
          createdAt: row.created_at,
        }
      : undefined;
  }
}
