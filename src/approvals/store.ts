// Approval tickets (DESIGN §4), kept in the shared SQLite store so the server, the
// `opswarden approvals` CLI and the HTTP approvals API (possibly other processes) see one
// truth. A ticket is bound to the exact action (sha256 of tool + canonical args +
// target), decided once, used once, and expires. Every transition is audited, and every
// transition is a single conditional UPDATE so two deciders cannot both win.

import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { AuditLog } from '../audit/log.ts';
import { migrate } from '../store/sqlite.ts';
import type { Clock } from '../tool.ts';
import type { ApprovalChannel, Impact, MatchedRule, Principal, Target } from '../types.ts';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'used';

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
  callId: string;
  matchedRules: MatchedRule[];
  approvers: string[];
  channels: ApprovalChannel[];
  status: ApprovalStatus;
  createdAt: string;
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  usedAt?: string;
}

export type NewApproval = Omit<Approval, 'id' | 'status' | 'createdAt' | 'expiresAt'> & { ttlMs: number };

/** not_found: no such ticket; forbidden: this principal may not do it; conflict: wrong state. */
export type ApprovalErrorCode = 'not_found' | 'forbidden' | 'conflict';

export class ApprovalError extends Error {
  override name = 'ApprovalError';
  readonly code: ApprovalErrorCode;
  constructor(code: ApprovalErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export class ApprovalStore {
  readonly #db: DatabaseSync;
  readonly #audit: AuditLog;
  readonly #clock: Clock;

  constructor(db: DatabaseSync, audit: AuditLog, clock: Clock) {
    this.#db = db;
    this.#audit = audit;
    this.#clock = clock;
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
    this.#audit.append({
      type: 'approval.requested',
      callId: approval.callId,
      principal: approval.requester,
      tool: approval.tool,
      data: {
        approvalId: approval.id,
        actionHash: approval.actionHash,
        expiresAt: approval.expiresAt,
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
    return approval;
  }

  /** The ticket as it stands now; a pending ticket past its expiry is expired on read. */
  get(id: string): Approval | undefined {
    const row = this.#db.prepare('SELECT body FROM approvals WHERE id = ?').get(id) as
      | { body: string }
      | undefined;
    if (!row) return undefined;
    const approval = JSON.parse(row.body) as Approval;
    if (approval.status === 'pending' && Date.parse(approval.expiresAt) <= this.#clock.now().getTime()) {
      return this.#transition(approval, 'pending', { status: 'expired' }, 'approval.expired') ?? this.get(id);
    }
    return approval;
  }

  /** Newest first, at most `limit`; overdue pending tickets are expired (and audited) first. */
  list(filter: { status?: ApprovalStatus; limit?: number } = {}): Approval[] {
    const overdue = this.#db
      .prepare("SELECT id FROM approvals WHERE status = 'pending' AND expires_at <= ?")
      .all(this.#clock.now().toISOString()) as { id: string }[];
    for (const { id } of overdue) this.get(id);
    const limit = filter.limit ?? 500;
    const rows = (
      filter.status
        ? this.#db
            .prepare('SELECT body FROM approvals WHERE status = ? ORDER BY created_at DESC LIMIT ?')
            .all(filter.status, limit)
        : this.#db.prepare('SELECT body FROM approvals ORDER BY created_at DESC LIMIT ?').all(limit)
    ) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Approval);
  }

  countPending(): number {
    const row = this.#db
      .prepare("SELECT count(*) AS n FROM approvals WHERE status = 'pending' AND expires_at > ?")
      .get(this.#clock.now().toISOString()) as { n: number };
    return Number(row.n);
  }

  /**
   * A human approver decides a pending ticket. Refused when the approver is not a human,
   * lacks every approver role, is the requester, or the ticket is no longer pending.
   */
  decide(id: string, approver: Principal, decision: 'approve' | 'reject', comment?: string): Approval {
    const approval = this.#require(id);
    if (approver.type !== 'human') {
      throw new ApprovalError(
        'forbidden',
        `${approver.id} is ${approver.type === 'agent' ? 'an' : 'a'} ${approver.type}; only a human can decide approvals`,
      );
    }
    if (approver.id === approval.requester) {
      throw new ApprovalError(
        'forbidden',
        `${approver.id} requested ${id} and cannot also approve or reject it`,
      );
    }
    if (!approval.approvers.some((role) => approver.roles.includes(role))) {
      throw new ApprovalError(
        'forbidden',
        `${approver.id} has roles [${approver.roles.join(', ')}]; ${id} needs one of [${approval.approvers.join(', ')}]`,
      );
    }
    return this.#decide(approval, approver.id, decision, comment);
  }

  /** The in-client (elicitation) answer: the human at the requesting client decides. */
  decideInClient(id: string, decidedBy: string, decision: 'approve' | 'reject', comment?: string): Approval {
    return this.#decide(this.#require(id), decidedBy, decision, comment);
  }

  /**
   * Spends an approved ticket for the action it was granted for. Throws unless the ticket
   * is approved, unexpired, unused and bound to exactly this action hash.
   */
  consume(id: string, actionHash: string, callId: string): Approval {
    const approval = this.#require(id);
    if (approval.actionHash !== actionHash) {
      this.#audit.append({
        type: 'approval.used',
        callId,
        tool: approval.tool,
        data: { approvalId: id, refused: 'different action', expected: approval.actionHash, got: actionHash },
      });
      throw new ApprovalError(
        'conflict',
        `approval ${id} was granted for a different action (other tool, arguments or target); request a new approval for this one`,
      );
    }
    if (approval.status !== 'approved') throw new ApprovalError('conflict', statusMessage(approval));
    const used = this.#transition(
      approval,
      'approved',
      { status: 'used', usedAt: this.#clock.now().toISOString() },
      'approval.used',
      callId,
    );
    if (!used)
      throw new ApprovalError('conflict', `approval ${id} was already used; approvals are single-use`);
    return used;
  }

  #decide(approval: Approval, decidedBy: string, decision: 'approve' | 'reject', comment?: string): Approval {
    if (approval.status !== 'pending') throw new ApprovalError('conflict', statusMessage(approval));
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const changed = this.#transition(
      approval,
      'pending',
      { status, decidedBy, decidedAt: this.#clock.now().toISOString(), ...(comment ? { comment } : {}) },
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
    if (Number(update.run(next.status, JSON.stringify(next), approval.id, from).changes) !== 1)
      return undefined;
    try {
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
          ...(patch.comment ? { comment: patch.comment } : {}),
        },
      });
    } catch (err) {
      update.run(approval.status, JSON.stringify(approval), approval.id, next.status);
      throw err;
    }
    return next;
  }
}

function statusMessage(a: Approval): string {
  switch (a.status) {
    case 'pending':
      return `approval ${a.id} is still pending (expires ${a.expiresAt})`;
    case 'rejected':
      return `approval ${a.id} was rejected by ${a.decidedBy}${a.comment ? `: ${a.comment}` : ''}`;
    case 'expired':
      return `approval ${a.id} expired at ${a.expiresAt}; request a new one`;
    case 'used':
      return `approval ${a.id} was already used at ${a.usedAt}; approvals are single-use`;
    default:
      return `approval ${a.id} is ${a.status}`;
  }
}
