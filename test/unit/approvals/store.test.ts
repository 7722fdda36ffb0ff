// The approval ticket lifecycle an approver and the gate rely on (DESIGN §4): who may
// decide, single use bound to one action, expiry, rejections feeding policy history,
// no transition without its audit record, and one truth across processes sharing the
// SQLite file.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DecisionSeal } from '../../../src/approvals/proof.ts';
import { ApprovalStore, type NewApproval } from '../../../src/approvals/store.ts';
import { AuditError, AuditLog } from '../../../src/audit/log.ts';
import { historyFor } from '../../../src/dispatch/history.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import type { Principal } from '../../../src/types.ts';
import { TestClock, tempDir } from '../audit/helpers.ts';
import { refusal } from './helpers.ts';

const MINUTE = 60_000;
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

const agent: Principal = { id: 'claude-agent', type: 'agent', roles: ['sre-oncall'], transport: 'http' };
const alice: Principal = { id: 'alice', type: 'human', roles: ['sre-oncall'], transport: 'cli' };
const bob: Principal = { id: 'bob', type: 'human', roles: ['developer', 'viewer'], transport: 'cli' };

function ticket(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    actionHash: HASH,
    tool: 'k8s_deployment_scale',
    args: { namespace: 'shop', name: 'checkout', replicas: 6 },
    target: { namespace: 'shop', kind: 'Deployment', name: 'checkout', environment: 'production' },
    impact: { replicas: 6, reversible: true },
    reason: 'checkout saturated',
    requester: agent.id,
    requesterType: agent.type,
    requesterTransport: agent.transport,
    callId: 'call-1',
    matchedRules: [{ name: 'prod-scale-needs-approval', effect: 'escalate' }],
    approvers: ['sre-oncall'],
    channels: ['out-of-band'],
    ttlMs: 15 * MINUTE,
    executionWindowMs: 5 * MINUTE,
    ...overrides,
  };
}

/** Shared by every store of a test, as replicas of one server share approvals.signingSecret. */
const SECRET = 'test-signing-secret-0123456789abcdef';

function approvals(
  dbPath = ':memory:',
  clock = new TestClock(),
  seal = new DecisionSeal({ secret: SECRET }),
) {
  const db = openDatabase(dbPath);
  const audit = AuditLog.open(db, { clock });
  return { db, audit, clock, store: new ApprovalStore(db, audit, clock, seal) };
}

describe('expiry', () => {
  it('expires a pending ticket at its TTL: status expired, audited once, no longer counted as pending', () => {
    const { store, audit, clock } = approvals();
    const { id } = store.create(ticket());
    clock.advance(15 * MINUTE - 1);
    expect(store.get(id)?.status).toBe('pending');
    expect(store.countPending()).toBe(1);

    clock.advance(1);
    expect(store.countPending()).toBe(0);
    expect(store.get(id)?.status).toBe('expired');
    expect(store.get(id)?.status).toBe('expired');
    const expired = audit.query({ type: 'approval.expired' });
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ principal: agent.id, data: { approvalId: id, status: 'expired' } });
  });

  it('refuses to decide or consume an expired ticket, saying it expired', () => {
    const { store, clock } = approvals();
    const { id } = store.create(ticket());
    clock.advance(16 * MINUTE);
    const decided = refusal(() => store.decide(id, alice, 'approve'));
    expect(decided.code).toBe('conflict');
    expect(decided.message).toMatch(/expired at .*before anyone decided it.*request a new approval/);
    expect(refusal(() => store.consume(id, HASH, 'call-2', agent)).code).toBe('conflict');
    expect(store.list({ status: 'expired' }).map((a) => a.id)).toEqual([id]);
  });
});

describe('decide', () => {
  it('records a human approver with a required role, the comment, and an approval.granted record', () => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    const approved = store.decide(id, alice, 'approve', 'ok, go');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'alice', comment: 'ok, go' });
    expect(store.get(id)).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    expect(store.countPending()).toBe(0);
    expect(audit.query({ type: 'approval.granted' })[0]).toMatchObject({
      principal: agent.id,
      data: { approvalId: id, decidedBy: 'alice', comment: 'ok, go' },
    });
  });

  it.each([
    ['an agent', agent, /claude-agent is an agent; only a human can decide/],
    [
      'the requester itself',
      { ...alice, id: agent.id },
      /claude-agent requested apr_\w+ and cannot also approve/,
    ],
    [
      'a human without any approver role',
      bob,
      /bob has roles \[developer, viewer\]; apr_\w+ needs one of \[sre-oncall\]/,
    ],
  ])('forbids %s, saying who and what is needed, and leaves the ticket pending', (_, who, message) => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    for (const decision of ['approve', 'reject'] as const) {
      const refused = refusal(() => store.decide(id, who, decision));
      expect(refused.code).toBe('forbidden');
      expect(refused.message).toMatch(message);
    }
    expect(store.get(id)?.status).toBe('pending');
    expect(audit.query({ type: 'approval.granted' })).toEqual([]);
    expect(audit.query({ type: 'approval.rejected' })).toEqual([]);
  });

  it('accepts any one of several approver roles', () => {
    const { store } = approvals();
    const { id } = store.create(ticket({ approvers: ['sre-oncall', 'viewer'] }));
    expect(store.decide(id, bob, 'reject').status).toBe('rejected');
  });

  it('refuses a second decision with a conflict naming the first', () => {
    const { store } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'reject', 'not during the sale');
    const second = refusal(() => store.decide(id, { ...alice, id: 'carol' }, 'approve'));
    expect(second.code).toBe('conflict');
    expect(second.message).toBe(`approval ${id} was rejected by alice: not during the sale`);
    expect(store.get(id)?.status).toBe('rejected');
  });

  it('says not_found for an unknown id', () => {
    const { store } = approvals();
    expect(refusal(() => store.decide('apr_nope', alice, 'approve'))).toMatchObject({
      code: 'not_found',
      message: 'no approval with id apr_nope',
    });
  });
});

describe('consume', () => {
  it('spends an approved ticket once, for its own action only', () => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');

    const other = refusal(() => store.consume(id, OTHER_HASH, 'call-2', agent));
    expect(other.code).toBe('conflict');
    expect(other.message).toMatch(/granted for a different action/);
    expect(store.get(id)?.status).toBe('approved');

    expect(store.consume(id, HASH, 'call-3', agent)).toMatchObject({
      status: 'used',
      usedAt: expect.any(String),
    });
    const again = refusal(() => store.consume(id, HASH, 'call-4', agent));
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/already used at .*single-use/);
    const used = audit.query({ type: 'approval.used' });
    expect(used.map((r) => [r.callId, r.data.refused ?? 'spent'])).toEqual([
      ['call-2', 'different action'],
      ['call-3', 'spent'],
    ]);
  });

  it.each([
    ['pending', () => {}, /still pending/],
    [
      'rejected',
      (s: ApprovalStore, id: string) => s.decide(id, alice, 'reject', 'no'),
      /rejected by alice: no/,
    ],
  ])('refuses a %s ticket, saying why', (_, setup, message) => {
    const { store } = approvals();
    const { id } = store.create(ticket());
    setup(store, id);
    const refused = refusal(() => store.consume(id, HASH, 'call-2', agent));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(message);
  });

  it('refuses an approval past its expiry that was never decided', () => {
    const { store, clock } = approvals();
    const { id } = store.create(ticket({ ttlMs: MINUTE }));
    clock.advance(MINUTE);
    expect(refusal(() => store.consume(id, HASH, 'call-2', agent)).message).toMatch(/expired at/);
  });
});

describe('rejections in policy history', () => {
  it('counts rejections of a requester’s tickets in history.approvalsRejected["24h"], not of others', () => {
    const { store, audit, clock } = approvals();
    const at = (id: string) => store.create(ticket({ callId: id })).id;
    store.decide(at('call-1'), alice, 'reject', 'no');
    clock.advance(60 * MINUTE);
    const atTheClient: Principal = { ...agent, type: 'human' };
    store.decideInClient(at('call-2'), atTheClient, ['sre-oncall'], 'reject', 'elicitation decline');
    store.decide(at('call-3'), alice, 'approve');
    store.decide(store.create(ticket({ requester: 'other-agent' })).id, alice, 'reject');

    const rejectedFor = (p: Principal) =>
      historyFor(audit, 'k8s_deployment_scale', {}, p, clock.now()).approvalsRejected['24h'];
    expect(rejectedFor(agent)).toBe(2);
    expect(rejectedFor(alice)).toBe(0);
    expect(audit.countRejectedApprovals({ principal: 'other-agent', since: new Date(0) })).toBe(1);

    clock.advance(24 * 60 * MINUTE - 1);
    expect(rejectedFor(agent)).toBe(1);
  });
});

describe('when the audit log cannot record a transition', () => {
  function failNextAppend(audit: AuditLog) {
    vi.spyOn(audit, 'append').mockImplementationOnce(() => {
      throw new AuditError('audit append of approval failed: disk I/O error');
    });
  }

  it('leaves a decision unapplied, so it can be made again', () => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    failNextAppend(audit);
    expect(() => store.decide(id, alice, 'approve')).toThrow(/disk I\/O error/);
    expect(store.get(id)?.status).toBe('pending');
    expect(store.decide(id, alice, 'approve').status).toBe('approved');
    expect(audit.query({ type: 'approval.granted' })).toHaveLength(1);
  });

  it('leaves an approval unspent, so the action did not use it', () => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');
    failNextAppend(audit);
    expect(() => store.consume(id, HASH, 'call-2', agent)).toThrow(AuditError);
    expect(store.get(id)?.status).toBe('approved');
    expect(store.consume(id, HASH, 'call-3', agent).status).toBe('used');
  });

  it('does not mark a ticket expired until the expiry is recorded', () => {
    const { store, audit, clock } = approvals();
    const { id } = store.create(ticket());
    clock.advance(15 * MINUTE);
    failNextAppend(audit);
    expect(() => store.get(id)).toThrow(AuditError);
    expect(store.get(id)?.status).toBe('expired');
    expect(audit.query({ type: 'approval.expired' })).toHaveLength(1);
  });

  it('keeps a decision and its record together when the JSONL mirror directory is gone', () => {
    const dir = tempDir();
    const clock = new TestClock();
    const db = openDatabase(join(dir, 'opswarden.db'));
    const mirrorDir = join(dir, 'mirror');
    const audit = AuditLog.open(db, { clock, jsonlPath: join(mirrorDir, 'audit.jsonl') });
    const store = new ApprovalStore(db, audit, clock, new DecisionSeal({ secret: SECRET }));
    const { id } = store.create(ticket());
    rmSync(mirrorDir, { recursive: true });
    // The record is in the database (the one truth) and the ticket moved with it; the error
    // says so, and `audit verify` reports the mirror missing it.
    expect(() => store.decide(id, alice, 'reject')).toThrow(
      /audit record #\d+ is in the database but the JSONL mirror .* could not be written/,
    );
    expect(store.get(id)?.status).toBe('rejected');
    expect(audit.query({ type: 'approval.rejected' })).toHaveLength(1);
  });
});

describe('two processes on one store file', () => {
  it('a decision made through one connection is seen by the other, and only one spends it', () => {
    const dbPath = join(tempDir(), 'opswarden.db');
    const server = approvals(dbPath);
    const cli = approvals(dbPath, server.clock);
    const { id } = server.store.create(ticket());

    expect(cli.store.get(id)?.status).toBe('pending');
    cli.store.decide(id, alice, 'approve');
    expect(server.store.get(id)).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    expect(server.store.consume(id, HASH, 'call-2', agent).status).toBe('used');
    expect(refusal(() => cli.store.consume(id, HASH, 'call-3', agent)).message).toMatch(/already used/);
    expect(server.audit.query({ type: 'approval.granted' })).toHaveLength(1);
  });

  it('lets exactly one of several processes racing to consume the same approval succeed', async () => {
    const dbPath = join(tempDir(), 'opswarden.db');
    const { store, audit, clock } = approvals(dbPath);
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');

    const startAt = Date.now() + 1_500;
    const racers = Array.from({ length: 6 }, (_, i) =>
      consumeInChild(dbPath, id, `race-${i}`, clock, startAt),
    );
    const outcomes = await Promise.all(racers);
    expect(outcomes.filter((o) => o === 'used')).toHaveLength(1);
    expect(outcomes.filter((o) => /^refused: .*already used/.test(o))).toHaveLength(5);
    expect(audit.query({ type: 'approval.used' })).toHaveLength(1);
  });
});

const SRC = new URL('../../../src/', import.meta.url).href;
const CONSUMER = `
import { ApprovalStore } from '${SRC}approvals/store.ts';
import { DecisionSeal } from '${SRC}approvals/proof.ts';
import { AuditLog } from '${SRC}audit/log.ts';
import { openDatabase } from '${SRC}store/sqlite.ts';
const [dbPath, id, callId, now, startAt] = process.argv.slice(1);
const clock = { now: () => new Date(now) };
const db = openDatabase(dbPath);
const store = new ApprovalStore(db, AuditLog.open(db, { clock }), clock, new DecisionSeal({ secret: '${SECRET}' }));
const requester = { id: 'claude-agent', type: 'agent', roles: [], transport: 'http' };
await new Promise((resolve) => setTimeout(resolve, Number(startAt) - Date.now()));
try {
  process.stdout.write(store.consume(id, '${HASH}', callId, requester).status);
} catch (err) {
  process.stdout.write('refused: ' + err.message);
}`;

/** Another process (like a second server) consuming the approval at `startAt`; resolves to what it got. */
function consumeInChild(dbPath: string, id: string, callId: string, clock: TestClock, startAt: number) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', CONSUMER, dbPath, id, callId, clock.now().toISOString(), String(startAt)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`consumer exited ${code}: ${err}`)),
    );
  });
}
