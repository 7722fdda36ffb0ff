// Change events (see ./event.ts) in the shared SQLite store: what `POST /v1/changes`
// records and what `deploys_history` merges into its timeline. Every accepted event is
// audited (`change.recorded`) before it is stored, so no stored change lacks its record.
// An event posted again under the same id replaces the earlier one: a CI retry or a
// corrected summary does not show up twice.

import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/log.ts';
import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Clock } from '../tool.ts';
import type { ChangeEvent, ChangeEventInput } from './event.ts';

export interface ChangeQuery {
  /** Only events naming this service. */
  service?: string;
  /** Only events naming this namespace. */
  namespace?: string;
  /** Inclusive. */
  since: Date;
  /** Inclusive; no upper bound when absent. */
  until?: Date;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** What tools see (ctx.backends.changes): reading only, newest first. */
export interface ChangeEventReader {
  list(query: ChangeQuery): ChangeEvent[];
}

declare module '../backends/types.ts' {
  interface Backends {
    changes: ChangeEventReader;
  }
}

export const DEFAULT_CHANGE_LIMIT = 100;
export const MAX_CHANGE_LIMIT = 1000;

export class ChangeStore implements ChangeEventReader {
  readonly #db: SqlDatabase;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(db: SqlDatabase, audit: AuditLog, clock: Clock) {
    this.#db = db;
    this.#audit = audit;
    this.#clock = clock;
    migrate(db, 'change-events-1', [
      `CREATE TABLE IF NOT EXISTS change_events (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, service TEXT, namespace TEXT, body TEXT NOT NULL)`,
      'CREATE INDEX IF NOT EXISTS change_events_at ON change_events(at)',
    ]);
  }

  /** Stores a validated event posted by `recordedBy` (a principal id); returns it as stored. */
  record(input: ChangeEventInput, recordedBy: string): ChangeEvent {
    const now = this.#clock.now().toISOString();
    const event: ChangeEvent = {
      ...input,
      id: input.id ?? `chg_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
      at: input.at ? new Date(input.at).toISOString() : now,
      recordedAt: now,
      recordedBy,
    };
    const { data: _posted, ...described } = event;
    this.#audit.append({ type: 'change.recorded', principal: recordedBy, data: described });
    this.#db
      .prepare(
        `INSERT INTO change_events (id, at, service, namespace, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, service = excluded.service,
         namespace = excluded.namespace, body = excluded.body`,
      )
      .run(event.id, event.at, event.service ?? null, event.namespace ?? null, JSON.stringify(event));
    return event;
  }

  list(query: ChangeQuery): ChangeEvent[] {
    const where = ['at >= ?'];
    const params: string[] = [query.since.toISOString()];
    if (query.until) {
      where.push('at <= ?');
      params.push(query.until.toISOString());
    }
    if (query.service !== undefined) {
      where.push('service = ?');
      params.push(query.service);
    }
    if (query.namespace !== undefined) {
      where.push('namespace = ?');
      params.push(query.namespace);
    }
    const limit = Math.min(query.limit ?? DEFAULT_CHANGE_LIMIT, MAX_CHANGE_LIMIT);
    const rows = this.#db
      .prepare(`SELECT body FROM change_events WHERE ${where.join(' AND ')} ORDER BY at DESC, id LIMIT ?`)
      .all(...params, limit) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as ChangeEvent);
  }
}
