// What makes a granted approval hard to steal or stretch: it lapses when not used within its
// execution window, only its requester (same transport and credential) can spend it, and
// its decision must carry a proof nobody with only the database can forge — a server seal
// or the approver's signature. Each refusal is audited and leaves the ticket as it was.

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecisionSeal, publicKeyText, signerFromPem } from '../../../src/approvals/proof.ts';
import { ApprovalStore, canSee, type NewApproval } from '../../../src/approvals/store.ts';
import { AuditLog } from '../../../src/audit/log.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import type { Principal } from '../../../src/types.ts';
import { TestClock } from '../audit/helpers.ts';
import { refusal } from './helpers.ts';

const MINUTE = 60_000;
const HASH = 'c'.repeat(64);
const SECRET = 'binding-test-secret-0123456789abcdef';

const agent: Principal = {
  id: 'agent-1',
  type: 'agent',
  roles: ['responder'],
  transport: 'http',
  credential: 'api-key:1111',
};
const agent2: Principal = {
  id: 'agent-2',
  type: 'agent',
  roles: ['responder'],
  transport: 'http',
  credential: 'api-key:2222',
};
const alice: Principal = { id: 'alice', type: 'human', roles: ['sre-oncall'], transport: 'http' };
const viewer: Principal = { id: 'vera', type: 'human', roles: ['viewer'], transport: 'http' };

function ticket(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    actionHash: HASH,
    tool: 'k8s_deployment_scale',
    args: { namespace: 'shop', name: 'checkout', replicas: 1 },
    target: { namespace: 'shop', kind: 'Deployment', name: 'checkout', environment: 'production' },
    impact: {},
    reason: 'cost',
    requester: agent.id,
    requesterType: agent.type,
    requesterTransport: agent.transport,
    requesterCredential: agent.credential!,
    callId: 'call-1',
    matchedRules: [{ name: 'production-mutation-needs-approval', effect: 'escalate' }],
    approvers: ['sre-oncall'],
    channels: ['out-of-band'],
    ttlMs: 60 * MINUTE,
    executionWindowMs: 15 * MINUTE,
    ...overrides,
  };
}

function approvals(seal = new DecisionSeal({ secret: SECRET })) {
  const clock = new TestClock();
  const db = openDatabase(':memory:');
  const audit = AuditLog.open(db, { clock });
  return { db, audit, clock, store: new ApprovalStore(db, audit, clock, seal) };
}

describe('the execution window of a granted approval', () => {
  it('lapses a grant not used within the window: expired, audited, and the message says how to ask again', () => {
    const { store, audit, clock } = approvals();
    const { id } = store.create(ticket());
    clock.advance(2 * MINUTE);
    const granted = store.decide(id, alice, 'approve');
    expect(granted.executeBy).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());

    clock.advance(15 * MINUTE);
    const late = refusal(() => store.consume(id, HASH, 'call-2', agent));
    expect(late.code).toBe('conflict');
    expect(late.message).toMatch(/granted at .* but not used within its execution window/);
    expect(late.message).toMatch(/call k8s_deployment_scale again without approvalId/);
    expect(store.get(id)?.status).toBe('expired');
    expect(audit.query({ type: 'approval.expired' })[0]?.data).toMatchObject({
      approvalId: id,
      lapsed: 'granted but not used within its execution window',
    });
    expect(audit.query({ type: 'approval.used' })).toEqual([]);
  });

  it('is used within the window', () => {
    const { store, clock } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');
    clock.advance(15 * MINUTE - 1);
    expect(store.consume(id, HASH, 'call-2', agent).status).toBe('used');
  });

  it('never reaches past the request expiry', () => {
    const { store, clock } = approvals();
    const { id } = store.create(ticket({ ttlMs: 20 * MINUTE }));
    clock.advance(18 * MINUTE);
    const granted = store.decide(id, alice, 'approve');
    expect(granted.executeBy).toBe(granted.expiresAt);
    clock.advance(2 * MINUTE);
    expect(refusal(() => store.consume(id, HASH, 'call-2', agent)).message).toMatch(/execution window/);
  });

  it('lists a lapsed grant as expired', () => {
    const { store, clock } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');
    clock.advance(16 * MINUTE);
    expect(store.list({ status: 'expired' }).map((a) => a.id)).toEqual([id]);
    expect(store.list({ status: 'approved' })).toEqual([]);
  });
});

describe('only the requester spends a grant', () => {
  it.each([
    ['another principal', agent2],
    ['the same id through another credential', { ...agent, credential: 'api-key:9999' }],
    ['the same id over another transport', { ...agent, transport: 'stdio' as const, credential: undefined }],
  ])('refuses %s, audits the attempt and leaves the grant to its requester', (_, thief) => {
    const { store, audit } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');
    const stolen = refusal(() => store.consume(id, HASH, 'call-thief', thief as Principal));
    expect(stolen.message).toMatch(/belongs to the principal that requested it/);
    expect(audit.query({ type: 'approval.used' })[0]).toMatchObject({
      principal: thief.id,
      callId: 'call-thief',
      data: { approvalId: id, refused: 'other principal', requester: agent.id },
    });
    expect(store.get(id)?.status).toBe('approved');
    expect(store.consume(id, HASH, 'call-owner', agent).status).toBe('used');
  });
});

describe('decision proofs', () => {
  it('refuses a grant written straight into the database', () => {
    const { store, db, audit } = approvals();
    const { id } = store.create(ticket());
    const row = db.prepare('SELECT body FROM approvals WHERE id = ?').get(id) as { body: string };
    const forged = {
      ...JSON.parse(row.body),
      status: 'approved',
      decidedBy: 'alice',
      decidedAt: new Date().toISOString(),
      executeBy: new Date(Date.now() + 3_600_000).toISOString(),
    };
    db.prepare('UPDATE approvals SET status = ?, body = ? WHERE id = ?').run(
      'approved',
      JSON.stringify(forged),
      id,
    );
    const refused = refusal(() => store.consume(id, HASH, 'call-2', agent));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/carries no decision proof/);
    expect(audit.query({ type: 'approval.used' })[0]?.data).toMatchObject({ refused: 'proof' });
    expect(store.get(id)?.status).toBe('approved');
  });

  it('refuses a grant sealed by a process without the server secret', () => {
    const server = approvals();
    const intruder = new ApprovalStore(server.db, server.audit, server.clock, new DecisionSeal());
    const { id } = server.store.create(ticket());
    intruder.decide(id, alice, 'approve');
    expect(refusal(() => server.store.consume(id, HASH, 'call-2', agent)).message).toMatch(
      /not made through this server/,
    );
  });

  it('refuses a grant whose window was stretched in the database after the decision', () => {
    const { store, db, clock } = approvals();
    const { id } = store.create(ticket());
    store.decide(id, alice, 'approve');
    const row = db.prepare('SELECT body FROM approvals WHERE id = ?').get(id) as { body: string };
    const stretched = { ...JSON.parse(row.body), executeBy: new Date(Date.now() + 86_400_000).toISOString() };
    db.prepare('UPDATE approvals SET body = ? WHERE id = ?').run(JSON.stringify(stretched), id);
    clock.advance(16 * MINUTE);
    expect(refusal(() => store.consume(id, HASH, 'call-2', agent)).message).toMatch(/ticket was edited/);
  });

  it("accepts a decision signed with the approver's configured key, and refuses any other key", () => {
    const pem = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
      k.export({ type: 'pkcs8', format: 'pem' }).toString();
    const alicesKey = generateKeyPairSync('ed25519');
    const strangerKey = generateKeyPairSync('ed25519');
    const seal = new DecisionSeal({
      secret: SECRET,
      approverKeys: { alice: publicKeyText(alicesKey.publicKey) },
    });
    const { store, audit } = approvals(seal);

    const first = store.create(ticket()).id;
    const forged = refusal(() =>
      store.decideSigned(first, alice, 'approve', signerFromPem(pem(strangerKey.privateKey)).signer),
    );
    expect(forged.code).toBe('forbidden');
    expect(forged.message).toMatch(/signature does not verify with alice's key/);
    expect(store.get(first)?.status).toBe('pending');

    const signed = store.decideSigned(
      first,
      alice,
      'approve',
      signerFromPem(pem(alicesKey.privateKey)).signer,
    );
    expect(signed.proof?.kind).toBe('signature');
    expect(audit.query({ type: 'approval.granted' })[0]?.data).toMatchObject({
      decidedBy: 'alice',
      proof: 'signature',
      signature: expect.any(String),
    });
    expect(store.consume(first, HASH, 'call-2', agent).status).toBe('used');

    const noKey = store.create(ticket({ callId: 'call-3' })).id;
    expect(
      refusal(() =>
        store.decideSigned(
          noKey,
          { ...alice, id: 'bob' },
          'approve',
          signerFromPem(pem(alicesKey.privateKey)).signer,
        ),
      ).message,
    ).toMatch(/bob has no publicKey/);
  });
});

describe('in-client confirmation', () => {
  it.each([
    ['an agent', { ...agent }],
    ['a human without an approver role of the rule', viewer],
  ])('is refused to %s, and the ticket stays pending', (_, who) => {
    const { store } = approvals();
    const { id } = store.create(ticket({ requester: who.id, channels: ['elicitation'] }));
    expect(refusal(() => store.decideInClient(id, who, ['sre-oncall'], 'approve')).code).toBe('forbidden');
    expect(store.get(id)?.status).toBe('pending');
  });
});

describe('who sees a ticket', () => {
  it('shows every ticket to an approver, only its own to anyone else', () => {
    const { store } = approvals();
    const mine = store.create(ticket());
    const theirs = store.create(
      ticket({ requester: agent2.id, requesterCredential: agent2.credential!, callId: 'call-9' }),
    );
    expect(store.list({ visibleTo: agent }).map((a) => a.id)).toEqual([mine.id]);
    expect(store.list({ visibleTo: agent2 }).map((a) => a.id)).toEqual([theirs.id]);
    expect(store.list({ visibleTo: viewer })).toEqual([]);
    expect(new Set(store.list({ visibleTo: alice }).map((a) => a.id))).toEqual(new Set([mine.id, theirs.id]));
    expect(canSee(theirs, { ...agent2, credential: 'api-key:other' })).toBe(false);
  });
});
