// Whether a request on /slack/interactions really comes from Slack, now, and for the first
// time: Slack signs each one with the app's signing secret (`X-Slack-Signature: v0=` + hex
// HMAC-SHA256 of "v0:<timestamp>:<raw body>", https://docs.slack.dev/authentication/verifying-requests-from-slack),
// a timestamp outside the window is refused (a captured request cannot be played later),
// and a signature seen before within the window is refused too. Seen signatures are kept
// in the store, so a replay sent to another replica is refused as well.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { migrate } from '../../store/migrate.ts';
import type { SqlDatabase } from '../../store/sql.ts';

export type RequestCheck = { ok: true } | { ok: false; reason: string };

export interface VerifierOptions {
  signingSecret: string;
  /** Seconds a signed request stays acceptable, either side of now. */
  windowSeconds: number;
  /** Wall-clock milliseconds (Slack's timestamps are wall time). */
  now?: () => number;
}

export class SlackRequestVerifier {
  readonly #db: SqlDatabase;
  readonly #secret: string;
  readonly #windowSeconds: number;
  readonly #now: () => number;

  constructor(db: SqlDatabase, opts: VerifierOptions) {
    this.#db = db;
    this.#secret = opts.signingSecret;
    this.#windowSeconds = opts.windowSeconds;
    this.#now = opts.now ?? Date.now;
    migrate(db, 'oncall-slack-signatures-1', [
      'CREATE TABLE oncall_slack_signatures (signature TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)',
      'CREATE INDEX oncall_slack_signatures_expiry ON oncall_slack_signatures (expires_at)',
    ]);
  }

  verify(headers: IncomingHttpHeaders, body: Buffer): RequestCheck {
    const timestamp = headers['x-slack-request-timestamp'];
    const signature = headers['x-slack-signature'];
    if (typeof timestamp !== 'string' || typeof signature !== 'string') {
      return refuse('missing X-Slack-Request-Timestamp or X-Slack-Signature: not a signed Slack request');
    }
    if (!/^\d{1,12}$/.test(timestamp))
      return refuse('X-Slack-Request-Timestamp is not a Unix time in seconds');
    const now = this.#now();
    const age = now / 1000 - Number(timestamp);
    if (age > this.#windowSeconds) {
      return refuse(`stale request: signed ${Math.round(age)}s ago, over the ${this.#windowSeconds}s window`);
    }
    if (-age > this.#windowSeconds) {
      return refuse(
        `request dated ${Math.round(-age)}s in the future, over the ${this.#windowSeconds}s window`,
      );
    }
    if (!/^v0=[0-9a-fA-F]{64}$/.test(signature)) return refuse('X-Slack-Signature is not a v0 signature');
    const expected = createHmac('sha256', this.#secret).update(`v0:${timestamp}:`).update(body).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex'))) {
      return refuse("signature does not match the request (is oncall.slack.signingSecret the app's?)");
    }
    const expiresAt = (Number(timestamp) + this.#windowSeconds) * 1000;
    if (!this.#firstSight(signature.toLowerCase(), expiresAt, now)) {
      return refuse('replayed request: this signature was already used');
    }
    return { ok: true };
  }

  /** Records the signature until it could no longer pass the window; false when it was recorded already. */
  #firstSight(signature: string, expiresAt: number, now: number): boolean {
    const db = this.#db;
    return db.transaction(() => {
      db.prepare('DELETE FROM oncall_slack_signatures WHERE expires_at < ?').run(now);
      const added = db
        .prepare(
          'INSERT INTO oncall_slack_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING',
        )
        .run(signature, expiresAt);
      return Number(added.changes) === 1;
    });
  }
}

function refuse(reason: string): RequestCheck {
  return { ok: false, reason };
}
