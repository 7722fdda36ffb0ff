// Approval tickets (DESIGN §4), kept in the shared SQLite store so the server, the
// `opswarden approvals` CLI and the HTTP approvals API (possibly other processes) see one
// truth. A ticket is bound to the exact action (sha256 of tool + canonical args +
// target), decided once, used once, and expires. Every transition is audited, and every
// transition is a single conditional UPDATE so two deciders cannot both win.
//
// Against a hostile agent: a ticket can be spent only by the principal (and credential)
// that asked for it, only within its execution window after the grant, and only when its
// decision carries a proof (./proof.ts) that nobody with just the database could forge.

import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/log.ts';
import { migrate } from '../store/migrate.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Clock } from '../tool.ts';
import type { ApprovalChannel, Impact, MatchedRule, Principal, Target, Transport } from '../types.ts';
import { type DecisionFacts, type DecisionProof, DecisionSeal, type DecisionSigner } from './proof.ts';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'used'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface Approval {
  id: string;
  actionHash: string;
  tool: string;
  /** Redacted arguments, for the approver to read. */
  args: Record<string, unknown>;
  target: Target;
  impact: Impact;
  reason: string;
  requester: string;
  requesterType: Principal['type'];
  /** With the credential, what binds the ticket to the requester: only they may spend it. */
  requesterTransport: Transport;
  requesterCredential?: string;
  callId: string;
  matchedRules: MatchedRule[];
  approvers: string[];
  channels: ApprovalChannel[];
  /** How long after the grant it may be spent (never past expiresAt). */
  executionWindowMs: number;
  status: ApprovalStatus;
  createdAt: string;
  /** Until then it may be decided; after it, a pending ticket expires. */
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** Where the decision was made: `http api`, `console`, `slack (U024BE7LH)`, `cli (signed)`, `client`. */
  decidedVia?: string;
  /** Approved tickets: after this the grant has lapsed unused and the ticket expires. */
  executeBy?: string;
  comment?: string;
  usedAt?: string;
  /** Why the decision can be believed (./proof.ts). */
  proof?: DecisionProof;
}

export type NewApproval = Omit<
  Approval,
  'id' | 'status' | 'createdAt' | 'expiresAt' | 'executeBy' | 'proof'
> & { ttlMs: number };

/** The requester binding of a principal, as a ticket records it. */
export function requesterOf(
  p: Principal,
): Pick<Approval, 'requester' | 'requesterType' | 'requesterTransport' | 'requesterCredential'> {
  return {
    requester: p.id,
    requesterType: p.type,
    requesterTransport: p.transport,
    ...(p.credential ? { requesterCredential: p.credential } : {}),
  };
}

/** Whether `p` is who asked for the ticket, through the same transport and credential. */
export function isRequester(a: Approval, p: Principal): boolean {
  return (
    a.requester === p.id && a.requesterTransport === p.transport && a.requesterCredential === p.credential
  );
}

/** A ticket as the APIs show it: the decision proof stays in the store. */
export function publicView(a: Approval): Omit<Approval, 'proof'> {
  const { proof: _proof, ...view } = a;
  return view;
}

/** Approvers (humans holding one of its approver roles) see every ticket; others only their own. */
export function canSee(a: Approval, p: Principal): boolean {
  return isRequester(a, p) || (p.type === 'human' && a.approvers.some((role) => p.roles.includes(role)));
}

/**
 * not_found: no such ticket; forbidden: this principal may not do it; conflict: wrong state;
 * invalid: the request itself is malformed; unavailable: the server could not be reached (CLI).
 */
export type ApprovalErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unavailable';

export class ApprovalError extends Error {
  override name = 'ApprovalError';
  readonly code: ApprovalErrorCode;
  constructor(code: ApprovalErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export class ApprovalStore {
  readonly #db: SqlDatabase;
  readonly #audit: AuditLog;
  readonly #clock: Clock;
  readonly #seal: DecisionSeal;

  /** `seal` proves and checks decisions; a process-private one when absent. */
  constructor(db: SqlDatabase, audit: AuditLog, clock: Clock, seal = new DecisionSeal()) {
    this.#db = db;
    this.#audit = audit;
    this.#clock = clock;
    this.#seal = seal;
    migrate(db, 'approvals-1', [
      `CREATE TABLE IF NOT EXISTS approvals (
        id TEXT PRIMARY KEY, action_hash TEXT NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, requester TEXT NOT NULL, body TEXT NOT NULL)`,
      'CREATE INDEX IF NOT EXISTS approvals_status ON approvals(status, expires_at)',
    ]);
  }

  create(input: NewApproval): Approval {
    const now = this.#clock.now();
    const { ttlMs, ...rest } = input;
    const approval: Approval = {
      ...rest,
      id: `apr_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`,
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    // The ticket and its record commit together: no ticket without its audit record.
    this.#db.transaction(() => {
      this.#audit.append({
        type: 'approval.requested',
        callId: approval.callId,
        principal: approval.requester,
        tool: approval.tool,
        data: {
          approvalId: approval.id,
          actionHash: approval.actionHash,
          expiresAt: approval.expiresAt,
          executionWindowMs: approval.executionWindowMs,
          approvers: approval.approvers,
          channels: approval.channels,
          reason: approval.reason,
          impact: approval.impact,
          matchedRules: approval.matchedRules.map((r) => r.name),
        },
      });
      this.#db
        .prepare(
          'INSERT INTO approvals (id, action_hash, status, created_at, expires_at, requester, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          approval.id,
          approval.actionHash,
          approval.status,
          approval.createdAt,
          approval.expiresAt,
          approval.requester,
          JSON.stringify(approval),
        );
    });
    return approval;
  }

  /**
   * The ticket as it stands now: a pending ticket past its expiry, or an approved one past
   * its execution window, is expired on read (and audited).
   */
  get(id: string): Approval | undefined {
    const row = this.#db.prepare('SELECT body FROM approvals WHERE id = ?').get(id) as
      | { body: string }
      | undefined;
    if (!row) return undefined;
    const approval = JSON.parse(row.body) as Approval;
    const now = this.#clock.now().getTime();
    if (approval.status === 'pending' && Date.parse(approval.expiresAt) <= now) {
      return this.#transition(approval, 'pending', { status: 'expired' }, 'approval.expired') ?? this.get(id);
    }
    if (approval.status === 'approved' && Date.parse(approval.executeBy ?? approval.expiresAt) <= now) {
      return (
        this.#transition(approval, 'approved', { status: 'expired' }, 'approval.expired') ?? this.get(id)
      );
    }
    return approval;
  }

  /**
   * Newest first, at most `limit`; overdue tickets are expired (and audited) first. With
   * `visibleTo`, only the tickets that principal may see (canSee).
   */
  list(filter: { status?: ApprovalStatus; limit?: number; visibleTo?: Principal } = {}): Approval[] {
    // Overdue pending tickets, and every grant (its execution window may have lapsed).
    const due = this.#db
      .prepare(
        "SELECT id FROM approvals WHERE (status = 'pending' AND expires_at <= ?) OR status = 'approved'",
      )
      .all(this.#clock.now().toISOString()) as { id: string }[];
    for (const { id } of due) this.get(id);
    const limit = filter.limit ?? 500;
    const rows = (
      filter.status
        ? this.#db
            .prepare('SELECT body FROM approvals WHERE status = ? ORDER BY created_at DESC LIMIT ?')
            .all(filter.status, limit)
        : this.#db.prepare('SELECT body FROM approvals ORDER BY created_at DESC LIMIT ?').all(limit)
    ) as { body: string }[];
    const all = rows.map((r) => JSON.parse(r.body) as Approval);
    const viewer = filter.visibleTo;
    return viewer ? all.filter((a) => canSee(a, viewer)) : all;
  }

  countPending(): number {
    const row = this.#db
      .prepare("SELECT count(*) AS n FROM approvals WHERE status = 'pending' AND expires_at > ?")
      .get(this.#clock.now().toISOString()) as { n: number };
    return Number(row.n);
  }

  /**
   * A human approver decides a pending ticket through this server (HTTP API, tests). Refused
   * when the approver is not a human, lacks every approver role, is the requester, or the
   * ticket is no longer pending. The decision is sealed with the server's secret.
   */
  decide(
    id: string,
    approver: Principal,
    decision: 'approve' | 'reject',
    comment?: string,
    via = 'http api',
  ): Approval {
    const approval = this.#require(id);
    checkApprover(approval, approver, approval.approvers);
    return this.#decide(approval, approver.id, decision, { comment, via }, (facts) => this.#seal.seal(facts));
  }

  /**
   * A decision made on the store itself (`opswarden approvals approve --key`): `sign` signs
   * the decision with the approver's private key, which must match the public key the
   * config holds for them; the gate checks the signature again before the ticket is spent.
   */
  decideSigned(
    id: string,
    approver: Principal,
    decision: 'approve' | 'reject',
    sign: DecisionSigner,
    comment?: string,
  ): Approval {
    const approval = this.#require(id);
    checkApprover(approval, approver, approval.approvers);
    if (!this.#seal.hasKey(approver.id)) {
      throw new ApprovalError(
        'forbidden',
        `${approver.id} has no publicKey in the config's principals; add the line "opswarden approvals keygen" printed`,
      );
    }
    return this.#decide(approval, approver.id, decision, { comment, via: 'cli (signed)' }, (facts) => {
      const proof: DecisionProof = { kind: 'signature', signature: sign(facts) };
      const wrong = this.#seal.check(facts, proof);
      if (wrong) throw new ApprovalError('forbidden', `the decision on ${id} is refused: ${wrong}`);
      return proof;
    });
  }

  /**
   * The in-client (elicitation) answer of the human at the requesting client, who must hold
   * one of `approvers` (the roles of the rules that allow in-client confirmation).
   */
  decideInClient(
    id: string,
    principal: Principal,
    approvers: readonly string[],
    decision: 'approve' | 'reject',
    comment?: string,
  ): Approval {
    const approval = this.#require(id);
    if (principal.type !== 'human' || !approvers.some((role) => principal.roles.includes(role))) {
      throw new ApprovalError(
        'forbidden',
        `${principal.id} (${principal.type}, roles [${principal.roles.join(', ')}]) cannot confirm ${id} in the client; it needs a human with one of [${approvers.join(', ')}]`,
      );
    }
    return this.#decide(
      approval,
      `${principal.id} (in client)`,
      decision,
      { comment, via: 'client' },
      (facts) => this.#seal.seal(facts),
    );
  }

  /**
   * Spends an approved ticket for the action it was granted for. Throws unless the ticket
   * is approved, within its execution window, unused, requested by `principal` (same
   * transport and credential), bound to exactly this action hash, and its decision proof
   * holds. Every refusal of a ticket that exists is audited.
   */
  consume(id: string, actionHash: string, callId: string, principal: Principal): Approval {
    const approval = this.#require(id);
    const refuse = (refused: string, message: string, extra: Record<string, unknown> = {}): never => {
      this.#audit.append({
        type: 'approval.used',
        callId,
        principal: principal.id,
        tool: approval.tool,
        data: { approvalId: id, refused, requester: approval.requester, ...extra },
      });
      throw new ApprovalError(refused === 'proof' ? 'forbidden' : 'conflict', message);
    };
    if (!isRequester(approval, principal)) {
      refuse(
        'other principal',
        `approval ${id} belongs to the principal that requested it; ${principal.id} cannot use it. Call the tool without approvalId to request your own approval`,
      );
    }
    if (approval.actionHash !== actionHash) {
      refuse(
        'different action',
        `approval ${id} was granted for a different action (other tool, arguments or target); request a new approval for this one`,
        { expected: approval.actionHash, got: actionHash },
      );
    }
    if (approval.status !== 'approved') throw new ApprovalError('conflict', statusMessage(approval));
    const unproven = this.#seal.check(decisionFacts(approval), approval.proof);
    if (unproven) refuse('proof', `approval ${id} cannot be used: ${unproven}; request a new approval`);
    const used = this.#transition(
      approval,
      'approved',
      { status: 'used', usedAt: this.#clock.now().toISOString() },
      'approval.used',
      callId,
    );
    if (!used) throw new ApprovalError('conflict', statusMessage(this.#require(id)));
    return used;
  }

  #decide(
    approval: Approval,
    decidedBy: string,
    decision: 'approve' | 'reject',
    { comment, via }: { comment: string | undefined; via: string },
    prove: (facts: DecisionFacts) => DecisionProof,
  ): Approval {
    if (approval.status !== 'pending') throw new ApprovalError('conflict', statusMessage(approval));
    const now = this.#clock.now();
    const decided: Approval = {
      ...approval,
      status: decision === 'approve' ? 'approved' : 'rejected',
      decidedBy,
      decidedAt: now.toISOString(),
      decidedVia: via,
      ...(decision === 'approve'
        ? {
            executeBy: new Date(
              Math.min(now.getTime() + approval.executionWindowMs, Date.parse(approval.expiresAt)),
            ).toISOString(),
          }
        : {}),
      ...(comment ? { comment } : {}),
    };
    const proof = prove(decisionFacts(decided));
    const { id: _id, ...patch } = { ...decided, proof };
    const changed = this.#transition(
      approval,
      'pending',
      patch,
      decision === 'approve' ? 'approval.granted' : 'approval.rejected',
    );
    if (!changed) throw new ApprovalError('conflict', statusMessage(this.#require(approval.id)));
    return changed;
  }

  #require(id: string): Approval {
    const approval = this.get(id);
    if (!approval) throw new ApprovalError('not_found', `no approval with id ${id}`);
    return approval;
  }

  /**
   * Conditional update from `from`, then the audit record. If the audit append fails the
   * update is reverted, so no transition exists that the audit log does not hold.
   */
  #transition(
    approval: Approval,
    from: ApprovalStatus,
    patch: Partial<Approval>,
    event: 'approval.granted' | 'approval.rejected' | 'approval.expired' | 'approval.used',
    callId = approval.callId,
  ): Approval | undefined {
    const next = { ...approval, ...patch };
    const update = this.#db.prepare('UPDATE approvals SET status = ?, body = ? WHERE id = ? AND status = ?');
    // The move and its record commit together, or neither does.
    return this.#db.transaction(() => {
      if (Number(update.run(next.status, JSON.stringify(next), approval.id, from).changes) !== 1)
        return undefined;
      this.#audit.append({
        type: event,
        callId,
        // Records about a ticket belong to its requester (history counts rejections per
        // requester); who decided is in the data.
        principal: approval.requester,
        tool: approval.tool,
        data: {
          approvalId: approval.id,
          actionHash: approval.actionHash,
          status: next.status,
          ...(patch.decidedBy ? { decidedBy: patch.decidedBy } : {}),
          ...(patch.decidedVia ? { via: patch.decidedVia } : {}),
          ...(patch.executeBy ? { executeBy: patch.executeBy } : {}),
          ...(patch.comment ? { comment: patch.comment } : {}),
          ...(patch.proof ? { proof: patch.proof.kind } : {}),
          ...(patch.proof?.kind === 'signature' ? { signature: patch.proof.signature } : {}),
          ...(event === 'approval.expired' && approval.status === 'approved'
            ? { lapsed: 'granted but not used within its execution window' }
            : {}),
        },
      });
      return next;
    });
  }
}

function statusMessage(a: Approval): string {
  switch (a.status) {
    case 'pending':
      return `approval ${a.id} is still pending (expires ${a.expiresAt})`;
    case 'rejected':
      return `approval ${a.id} was rejected by ${a.decidedBy}${a.comment ? `: ${a.comment}` : ''}`;
    case 'expired':
      return a.decidedAt
        ? `approval ${a.id} was granted at ${a.decidedAt} but not used within its execution window (until ${a.executeBy}); it has expired: call ${a.tool} again without approvalId to request a new approval`
        : `approval ${a.id} expired at ${a.expiresAt} before anyone decided it; call ${a.tool} again without approvalId to request a new approval`;
    case 'used':
      return `approval ${a.id} was already used at ${a.usedAt}; approvals are single-use`;
    default:
      return `approval ${a.id} is ${a.status}`;
  }
}

/** What a decision's proof covers (./proof.ts), from the decided ticket. */
function decisionFacts(a: Approval): DecisionFacts {
  return {
    approvalId: a.id,
    actionHash: a.actionHash,
    tool: a.tool,
    requester: {
      id: a.requester,
      transport: a.requesterTransport,
      ...(a.requesterCredential ? { credential: a.requesterCredential } : {}),
    },
    expiresAt: a.expiresAt,
    decision: a.status === 'rejected' ? 'reject' : 'approve',
    decidedBy: a.decidedBy ?? '',
    decidedAt: a.decidedAt ?? '',
    ...(a.executeBy ? { executeBy: a.executeBy } : {}),
  };
}

/** The two-person rule: a human, holding one of the roles, who is not the requester. */
function checkApprover(approval: Approval, approver: Principal, roles: readonly string[]): void {
  if (approver.type !== 'human') {
    throw new ApprovalError(
      'forbidden',
      `${approver.id} is ${approver.type === 'agent' ? 'an' : 'a'} ${approver.type}; only a human can decide approvals`,
    );
  }
  if (approver.id === approval.requester) {
    throw new ApprovalError(
      'forbidden',
      `${approver.id} requested ${approval.id} and cannot also approve or reject it`,
    );
  }
  if (!roles.some((role) => approver.roles.includes(role))) {
    throw new ApprovalError(
      'forbidden',
      `${approver.id} has roles [${approver.roles.join(', ')}]; ${approval.id} needs one of [${roles.join(', ')}]`,
    );
  }
}
