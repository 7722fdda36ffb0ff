// Where each Slack message opswarden posted is (channel and ts), by what it is about: an
// approval ticket's id or an incident's id. It lives in the store, so whichever replica
// delivers the ticket's decision or the incident's update finds the message to update or
// the thread to reply in, and a record delivered twice updates its message, not posts again.

import { migrate } from '../../store/migrate.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { HypothesisLine } from './incident-message.ts';

export interface PostedMessage {
  channel: string;
  ts: string;
  /** An incident's hypotheses as first posted: its parent message is redrawn with them. */
  hypotheses?: HypothesisLine[];
}

export class SlackMessages {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
    migrate(db, 'oncall-slack-messages-1', [
      `CREATE TABLE oncall_slack_messages (
        subject TEXT PRIMARY KEY, channel TEXT NOT NULL, ts TEXT NOT NULL, hypotheses TEXT)`,
    ]);
  }

  get(subject: string): PostedMessage | undefined {
    const row = this.#db
      .prepare('SELECT channel, ts, hypotheses FROM oncall_slack_messages WHERE subject = ?')
      .get(subject) as { channel: string; ts: string; hypotheses: string | null } | undefined;
    if (!row) return undefined;
    return {
      channel: row.channel,
      ts: row.ts,
      ...(row.hypotheses ? { hypotheses: JSON.parse(row.hypotheses) as HypothesisLine[] } : {}),
    };
  }

  remember(subject: string, posted: PostedMessage): void {
    this.#db
      .prepare(
        `INSERT INTO oncall_slack_messages (subject, channel, ts, hypotheses) VALUES (?, ?, ?, ?)
         ON CONFLICT (subject) DO UPDATE SET channel = excluded.channel, ts = excluded.ts, hypotheses = excluded.hypotheses`,
      )
      .run(subject, posted.channel, posted.ts, posted.hypotheses ? JSON.stringify(posted.hypotheses) : null);
  }
}
