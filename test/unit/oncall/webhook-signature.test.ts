// The webhook signature as a receiver checks it: a delivery signed with the shared secret
// passes within the tolerance; a changed body, another secret, a replay older than the
// tolerance, a timestamp from the future and a header that is missing or garbled do not.
// The expected value is computed here independently, from the documented scheme.

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../src/oncall/webhook.ts';

const SECRET = 'whsec-0123456789abcdef';
const BODY =
  '{"id":"42-approval.requested-apr_1","type":"approval.requested","at":"2026-05-01T10:00:00.000Z","data":{}}';
const T = 1_777_629_600; // 2026-05-01T10:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);

describe('signWebhook', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const mac = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, BODY, T)).toBe(`t=${T},v1=${mac}`);
    expect(signWebhook(SECRET, Buffer.from(BODY), T)).toBe(`t=${T},v1=${mac}`);
  });
});

describe('verifyWebhook', () => {
  const header = signWebhook(SECRET, BODY, T);

  it('accepts a genuine delivery, with the clock up to the tolerance either way', () => {
    expect(verifyWebhook(SECRET, BODY, header, { now: at(T) })).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhook(SECRET, Buffer.from(BODY), header, { now: at(T + 300) }).ok).toBe(true);
    expect(verifyWebhook(SECRET, BODY, header, { now: at(T - 300) }).ok).toBe(true);
    expect(verifyWebhook(SECRET, BODY, `${header},v1=${'0'.repeat(64)}`, { now: at(T) }).ok).toBe(true);
  });

  it('refuses a tampered body and another secret', () => {
    const tampered = BODY.replace('approval.requested', 'approval.decided');
    expect(verifyWebhook(SECRET, tampered, header, { now: at(T) })).toEqual({
      ok: false,
      reason: 'the signature does not match the body under this secret',
    });
    expect(verifyWebhook('another-secret-value', BODY, header, { now: at(T) }).ok).toBe(false);
    // The timestamp is signed too: moving it to look fresh breaks the signature.
    expect(
      verifyWebhook(SECRET, BODY, header.replace(`t=${T}`, `t=${T + 3600}`), { now: at(T + 3600) }).ok,
    ).toBe(false);
  });

  it('refuses a replay older than the tolerance and a timestamp from the future', () => {
    expect(verifyWebhook(SECRET, BODY, header, { now: at(T + 301) })).toEqual({
      ok: false,
      reason: 'signed 301 s ago, beyond the 300 s tolerance',
    });
    expect(verifyWebhook(SECRET, BODY, header, { now: at(T - 301) })).toEqual({
      ok: false,
      reason: 'signed 301 s ahead, beyond the 300 s tolerance',
    });
    expect(verifyWebhook(SECRET, BODY, header, { now: at(T + 60), toleranceSeconds: 30 }).ok).toBe(false);
  });

  it('refuses a missing or garbled header, naming the expected form', () => {
    const mac = header.split('v1=')[1]!;
    const garbled = [
      '',
      'garbage',
      `v1=${mac}`,
      `t=${T}`,
      `t=soon,v1=${mac}`,
      `t=${T},t=${T},v1=${mac}`,
      `t=${T},v1=${mac.slice(2)}`,
      `t=${T},v1=${mac.toUpperCase()}`,
      `t=${T},v0=${mac}`,
    ];
    expect(verifyWebhook(SECRET, BODY, undefined, { now: at(T) })).toEqual({
      ok: false,
      reason: 'no X-Opswarden-Signature header',
    });
    for (const value of garbled) {
      const verdict = verifyWebhook(SECRET, BODY, value, { now: at(T) });
      expect(verdict.ok, value).toBe(false);
      if (value)
        expect(verdict, value).toEqual({ ok: false, reason: expect.stringContaining('t=<unix seconds>') });
    }
  });
});
