// Reads the audit log in order for one outbound sink (Slack, PagerDuty, a webhook) and hands
// it each record once. The cursor lives in the store, so a restart goes on where delivery
// stopped (nothing committed is lost, a record may be delivered twice after a crash) and
// never replays history from before the sink was configured. With several replicas one of
// them holds the sink's lease and delivers; another takes over once the lease lapses. Each
// sink has its own cursor: a dead webhook receiver does not hold back Slack.

import type { Logger } from 'pino';
import type { AuditFeed } from '../audit/feed.ts';
import type { AuditLog, AuditRecord } from '../audit/log.ts';
import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';

const PAGE = 100;
const MIN_TICK_MS = 200;

export interface FollowerDeps {
  db: SqlDatabase;
  audit: AuditLog;
  feed: AuditFeed;
  /** The sink's name: its cursor's key. */
  name: string;
  /** This replica, as lease holder. */
  owner: string;
  leaseMs: number;
  logger: Logger;
  /** Delivers one record; a throw is logged and the record passed (the sink retries inside). */
  handle(record: AuditRecord): Promise<void>;
}

export function migrateCursors(db: SqlDatabase): void {
  migrate(db, 'oncall-cursors-1', [
    `CREATE TABLE oncall_cursors (
      name TEXT PRIMARY KEY, seq BIGINT NOT NULL, holder TEXT NOT NULL, lease_until BIGINT NOT NULL)`,
  ]);
}

/** A new sink's cursor, at the audit head now; an existing one stays where it is. */
export function startCursor(db: SqlDatabase, audit: AuditLog, name: string): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM oncall_cursors WHERE name = ?').get(name)) return;
    db.prepare('INSERT INTO oncall_cursors (name, seq, holder, lease_until) VALUES (?, ?, ?, 0)').run(
      name,
      audit.headSeq(),
      '',
    );
  });
}

export class AuditFollower {
  readonly #deps: FollowerDeps;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(deps: FollowerDeps) {
    this.#deps = deps;
  }

  start(): void {
    startCursor(this.#deps.db, this.#deps.audit, this.#deps.name);
    this.#unsubscribe = this.#deps.feed.onRecords(() => this.kick());
    this.#timer = setInterval(() => this.kick(), Math.max(MIN_TICK_MS, this.#deps.leaseMs / 3)).unref();
    this.kick();
  }

  /** Delivers what is new now (or after the delivery in progress). */
  kick(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((err) => this.#deps.logger.error({ err, sink: this.#deps.name }, 'on-call delivery stopped'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again && !this.#closed) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Resolves once everything committed so far has been handed to the sink (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#running;
    const { db, name, owner } = this.#deps;
    if (db.isOpen) {
      db.prepare('UPDATE oncall_cursors SET lease_until = 0 WHERE name = ? AND holder = ?').run(name, owner);
    }
  }

  async #drain(): Promise<void> {
    const { audit, name, logger } = this.#deps;
    let seq = this.#claim();
    while (seq !== undefined && !this.#closed) {
      const page = audit.after(seq, PAGE);
      if (!page.length) return;
      for (const record of page) {
        if (this.#closed) return;
        try {
          await this.#deps.handle(record);
        } catch (err) {
          logger.error({ err, sink: name, seq: record.seq, type: record.type }, 'on-call delivery failed');
        }
        if (!this.#advance(record.seq)) {
          logger.warn({ sink: name }, 'on-call delivery lease lost: another replica delivers now');
          return;
        }
        seq = record.seq;
      }
    }
  }

  /** The cursor, when this replica holds (or just took) the lease (start() made the row). */
  #claim(): number | undefined {
    const { db, name, owner, leaseMs } = this.#deps;
    return db.transaction(() => {
      const now = Date.now();
      const row = db
        .prepare('SELECT seq, holder, lease_until FROM oncall_cursors WHERE name = ?')
        .get(name) as { seq: number | string; holder: string; lease_until: number | string } | undefined;
      if (!row || (row.holder !== owner && Number(row.lease_until) > now)) return undefined;
      db.prepare('UPDATE oncall_cursors SET holder = ?, lease_until = ? WHERE name = ?').run(
        owner,
        now + leaseMs,
        name,
      );
      return Number(row.seq);
    });
  }

  #advance(seq: number): boolean {
    const { db, name, owner, leaseMs } = this.#deps;
    const moved = db
      .prepare('UPDATE oncall_cursors SET seq = ?, lease_until = ? WHERE name = ? AND holder = ?')
      .run(seq, Date.now() + leaseMs, name, owner);
    return Number(moved.changes) === 1;
  }
}
