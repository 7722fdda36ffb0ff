// Slack's request signing as opswarden checks it (src/oncall/slack/signature.ts), against
// requests signed the way Slack documents: the right secret over the exact bytes passes
// once; a changed byte, another secret, a timestamp outside the window either way, a
// second use of the same signature (on this replica or another one on the same store) and
// a request without the headers are each refused with a reason that says which.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackRequestVerifier } from '../../../src/oncall/slack/signature.ts';
import { openStore } from '../../../src/store/open.ts';
import type { SqlDatabase } from '../../../src/store/sql.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { signSlackRequest } from '../../helpers/fake-slack.ts';
import { type PostgresServer, startPostgres } from '../../helpers/postgres.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const WINDOW = 300;
const BODY = 'payload=%7B%22type%22%3A%22block_actions%22%7D';

function verifierAt(db: SqlDatabase, clock: { ms: number }) {
  return new SlackRequestVerifier(db, { signingSecret: SECRET, windowSeconds: WINDOW, now: () => clock.ms });
}

const secondsOf = (ms: number) => Math.floor(ms / 1000);

describe('SlackRequestVerifier', () => {
  const clock = { ms: Date.parse('2026-04-25T14:30:00.000Z') };
  const db = openDatabase(':memory:');
  const verifier = verifierAt(db, clock);
  afterAll(() => db.close());

  const check = (body: string, headers: Record<string, string>) =>
    verifier.verify(headers, Buffer.from(body));
  const refusal = (body: string, headers: Record<string, string>) => {
    const result = check(body, headers);
    return result.ok ? 'accepted' : result.reason;
  };

  it('accepts a request signed with the signing secret over its exact body, once', () => {
    const headers = signSlackRequest(SECRET, BODY, secondsOf(clock.ms));
    expect(check(BODY, headers)).toEqual({ ok: true });
    expect(refusal(BODY, headers)).toBe('replayed request: this signature was already used');
  });

  it('refuses a changed body, another secret, or a signature that is not v0 hex', () => {
    const now = secondsOf(clock.ms);
    const headers = signSlackRequest(SECRET, BODY, now);
    expect(refusal(BODY.replace('block_actions', 'block_actionz'), headers)).toMatch(
      /^signature does not match/,
    );
    expect(refusal(`${BODY}&x=1`, headers)).toMatch(/^signature does not match/);
    // The timestamp is signed too: the same signature with another timestamp fails.
    expect(refusal(BODY, { ...headers, 'x-slack-request-timestamp': String(now - 1) })).toMatch(
      /^signature does not match/,
    );
    expect(refusal(BODY, signSlackRequest('another-signing-secret', BODY, now))).toMatch(
      /^signature does not match/,
    );
    for (const signature of [
      'v1=00',
      `v0=${'z'.repeat(64)}`,
      'v0=',
      headers['x-slack-signature']!.slice(0, 40),
    ]) {
      expect(refusal(BODY, { ...headers, 'x-slack-signature': signature })).toBe(
        'X-Slack-Signature is not a v0 signature',
      );
    }
  });

  it('refuses a timestamp outside the window, stale or future-dated, and accepts one at its edge', () => {
    const now = secondsOf(clock.ms);
    expect(refusal(BODY, signSlackRequest(SECRET, BODY, now - WINDOW - 1))).toBe(
      'stale request: signed 301s ago, over the 300s window',
    );
    expect(refusal(BODY, signSlackRequest(SECRET, BODY, now + WINDOW + 1))).toBe(
      'request dated 301s in the future, over the 300s window',
    );
    expect(refusal('edge=1', signSlackRequest(SECRET, 'edge=1', now - WINDOW))).toBe('accepted');
    expect(refusal('edge=2', signSlackRequest(SECRET, 'edge=2', now + WINDOW))).toBe('accepted');
    expect(
      refusal(BODY, { ...signSlackRequest(SECRET, BODY, now), 'x-slack-request-timestamp': '1e9' }),
    ).toBe('X-Slack-Request-Timestamp is not a Unix time in seconds');
  });

  it('refuses a request without either header', () => {
    const headers = signSlackRequest(SECRET, BODY, secondsOf(clock.ms));
    const missing = 'missing X-Slack-Request-Timestamp or X-Slack-Signature: not a signed Slack request';
    expect(refusal(BODY, {})).toBe(missing);
    expect(refusal(BODY, { 'x-slack-signature': headers['x-slack-signature']! })).toBe(missing);
    expect(refusal(BODY, { 'x-slack-request-timestamp': headers['x-slack-request-timestamp']! })).toBe(
      missing,
    );
  });

  it('keeps a seen signature only while it could pass the window: a late replay is refused as stale, and the row is gone', () => {
    const signedAt = secondsOf(clock.ms);
    const headers = signSlackRequest(SECRET, 'late=1', signedAt);
    expect(refusal('late=1', headers)).toBe('accepted');
    clock.ms = (signedAt + WINDOW) * 1000;
    expect(refusal('late=1', headers)).toBe('replayed request: this signature was already used');
    clock.ms += 1000;
    expect(refusal('late=1', headers)).toMatch(/^stale request/);
    // Any accepted request prunes what has lapsed.
    expect(refusal('fresh=1', signSlackRequest(SECRET, 'fresh=1', secondsOf(clock.ms)))).toBe('accepted');
    const rows = db
      .prepare('SELECT count(*) AS n FROM oncall_slack_signatures WHERE expires_at < ?')
      .get(clock.ms);
    expect(Number(rows?.n)).toBe(0);
  });
});

describe('SlackRequestVerifier on a shared PostgreSQL store', () => {
  let server: PostgresServer;
  const opened: SqlDatabase[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    for (const db of opened) if (db.isOpen) db.close();
    await server?.stop();
  });

  it('refuses on one replica a signature another replica accepted', async () => {
    const url = await server.createDatabase();
    const clock = { ms: Date.now() };
    const [a, b] = [0, 1].map(() => {
      const db = openStore({ path: 'unused', url });
      opened.push(db);
      return verifierAt(db, clock);
    });
    const headers = signSlackRequest(SECRET, BODY, secondsOf(clock.ms));
    expect(a!.verify(headers, Buffer.from(BODY))).toEqual({ ok: true });
    expect(b!.verify(headers, Buffer.from(BODY))).toEqual({
      ok: false,
      reason: 'replayed request: this signature was already used',
    });
  });
});
