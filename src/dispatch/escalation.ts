// Step 5 "escalate" (DESIGN §4): turns an escalation into an approval bound to the exact
// action and to its requester. A re-call with an approved approvalId spends it once (only
// by the requester, within the execution window); otherwise a ticket is opened and
// answered in the client or out of band, in which case the agent gets a structured
// approval_required result telling it how to follow up (a read, whose published output
// schema has no room for it, gets the same as a tool error). In-client confirmation
// (elicitation) decides only where a rule lists it, the client declared form elicitation,
// and the principal at the client is a human holding one of that rule's approver roles: a
// headless agent can answer its own elicitations, and a human without the role is no
// approver. Everyone else goes out of band. A 2025 client is asked and answers within the
// call (`Elicit`); a 2026-07-28 client cannot be asked mid-call, so the call ends asking for
// input (`DeferredElicit`): the ticket waits, and the client's retry brings the answer for it.

import { type ApprovalRequired, type DecideElsewhere, howToApprove } from '../approvals/result.ts';
import { type Approval, ApprovalError, type ApprovalStore, requesterOf } from '../approvals/store.ts';
import { DEFAULT_APPROVAL } from '../policy/evaluate.ts';
import { redactString } from '../shape/redact.ts';
import type { AnyTool } from '../tool.ts';
import type { ApprovalRequirement, Decision, PolicyInput, Principal } from '../types.ts';
import type { WorldTime } from '../world-time.ts';
import { type CallOutcome, failure, success } from './result.ts';

export interface ElicitAnswer {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, unknown>;
}

export type Elicit = (
  params: { message: string; requestedSchema: Record<string, unknown> },
  opts: { signal?: AbortSignal; timeoutMs: number },
) => Promise<ElicitAnswer>;

/**
 * In-client confirmation across two requests (MCP 2026-07-28 `input_required`): the first
 * ends with the question for a new ticket; the retry carries the answer for that ticket, in
 * state the transport signed and bound to the caller, so the answer can only decide it.
 */
export interface DeferredElicit {
  deferred: true;
  answer?: { approvalId: string } & ElicitAnswer;
}

/** What a deferred confirmation asks the client: the form, and the ticket its answer decides. */
export interface InputRequest {
  approvalId: string;
  message: string;
  requestedSchema: Record<string, unknown>;
}

export interface EscalationRequest {
  approvals: ApprovalStore;
  tool: AnyTool;
  callId: string;
  actionHash: string;
  approvalId: string | undefined;
  decision: Decision;
  input: PolicyInput;
  redactedArgs: Record<string, unknown>;
  elicit: Elicit | DeferredElicit | undefined;
  signal: AbortSignal | undefined;
  elicitTimeoutMs: number;
  /** Gate times as the answer states them: in the world's clock (world-time.ts). */
  worldTime: WorldTime;
  /** Slack, the console: where else the approver decides. */
  decideElsewhere?: DecideElsewhere;
}

/** Either the call may proceed (approved by someone), or here is what to return instead. */
export type EscalationResult = { approvedBy: string } | { outcome: CallOutcome };

const isDeferred = (elicit: EscalationRequest['elicit']): elicit is DeferredElicit =>
  typeof elicit === 'object' && elicit.deferred;

const APPROVE_SCHEMA = {
  type: 'object',
  properties: {
    approve: {
      type: 'boolean',
      title: 'Approve this action',
      description: 'Tick to approve; leave unticked to reject',
    },
    comment: { type: 'string', title: 'Comment', description: 'Optional note kept in the audit log' },
  },
  required: ['approve'],
};

export async function escalate(req: EscalationRequest): Promise<EscalationResult> {
  const { approvals, tool, callId } = req;
  const stillPending = (ticket: Approval): { outcome: CallOutcome } => {
    const pending = pendingResult(ticket.id, req.worldTime.isoToWorld(ticket.expiresAt), req);
    // Only mutate tools publish approval_required in their output schema (src/registry.ts),
    // and a client checks every structured result against it: a read the policy holds back
    // answers with the same facts as a tool error, which the client does not check.
    const outcome =
      tool.kind === 'mutate'
        ? success(callId, pending, 'approval_required', 'escalate')
        : failure(callId, heldReadMessage(pending), 'approval_required', 'escalate');
    return { outcome: { ...outcome, approvalId: ticket.id } };
  };
  if (req.approvalId) {
    try {
      const ticket = approvals.get(req.approvalId);
      if (
        ticket?.status === 'pending' &&
        ticket.actionHash === req.actionHash &&
        ticket.requester === req.input.principal.id
      )
        return stillPending(ticket);
      const used = approvals.consume(req.approvalId, req.actionHash, callId, req.input.principal);
      return { approvedBy: used.decidedBy ?? 'unknown' };
    } catch (err) {
      if (err instanceof ApprovalError)
        return { outcome: failure(callId, `${tool.name} not executed: ${err.message}`, 'error', 'escalate') };
      throw err;
    }
  }

  const requirement = req.decision.approval ?? DEFAULT_APPROVAL;
  const inClient = req.elicit !== undefined && mayConfirmInClient(requirement, req.input.principal);
  if (isDeferred(req.elicit) && req.elicit.answer) {
    if (!inClient)
      return {
        outcome: failure(
          callId,
          `${tool.name} not executed: ${req.input.principal.id} may not confirm this action in the client`,
          'error',
          'escalate',
        ),
      };
    return decideDeferred(req, requirement, req.elicit.answer);
  }
  const ticket = approvals.create({
    actionHash: req.actionHash,
    tool: tool.name,
    args: req.redactedArgs,
    target: req.input.target,
    impact: req.input.impact,
    reason: redactString(req.input.request.reason).text,
    ...requesterOf(req.input.principal),
    callId,
    matchedRules: req.decision.matched.filter((m) => m.effect === 'escalate'),
    approvers: requirement.approvers,
    channels: inClient ? ['elicitation'] : ['out-of-band'],
    ttlMs: requirement.ttlMs,
    executionWindowMs: requirement.executionWindowMs,
  });

  if (!inClient || !req.elicit) return stillPending(ticket);
  if (isDeferred(req.elicit)) {
    const question: InputRequest = {
      approvalId: ticket.id,
      message: elicitationMessage(req),
      requestedSchema: APPROVE_SCHEMA,
    };
    const asked = stillPending(ticket).outcome;
    return { outcome: { ...asked, inputRequest: question } };
  }

  let answer: ElicitAnswer;
  try {
    answer = await req.elicit(
      { message: elicitationMessage(req), requestedSchema: APPROVE_SCHEMA },
      { signal: req.signal, timeoutMs: req.elicitTimeoutMs },
    );
  } catch (err) {
    answer = { action: 'cancel', content: { comment: `no answer: ${(err as Error).message}` } };
  }
  return applyAnswer(req, requirement, ticket.id, answer);
}

/**
 * The retry of a deferred confirmation: the ticket it names must still wait, for this very
 * action, from this requester, on the in-client channel; then the answer decides it.
 */
function decideDeferred(
  req: EscalationRequest,
  requirement: ApprovalRequirement,
  answer: { approvalId: string } & ElicitAnswer,
): EscalationResult {
  const ticket = req.approvals.get(answer.approvalId);
  if (
    ticket?.status !== 'pending' ||
    ticket.actionHash !== req.actionHash ||
    ticket.requester !== req.input.principal.id ||
    !ticket.channels.includes('elicitation')
  )
    return {
      outcome: failure(
        req.callId,
        `${req.tool.name} not executed: the confirmation answers ${answer.approvalId}, which is not a pending in-client approval of this call by ${req.input.principal.id}; call ${req.tool.name} again to be asked anew`,
        'error',
        'escalate',
      ),
    };
  return applyAnswer(req, requirement, ticket.id, answer);
}

function applyAnswer(
  req: EscalationRequest,
  requirement: ApprovalRequirement,
  ticketId: string,
  answer: ElicitAnswer,
): EscalationResult {
  const { approvals, tool, callId } = req;
  const approved = answer.action === 'accept' && answer.content?.approve === true;
  const comment = typeof answer.content?.comment === 'string' ? answer.content.comment : undefined;
  const decided = approvals.decideInClient(
    ticketId,
    req.input.principal,
    requirement.inClientApprovers,
    approved ? 'approve' : 'reject',
    comment ?? `elicitation ${answer.action}`,
  );
  if (!approved) {
    return {
      outcome: failure(
        callId,
        `${tool.name} not executed: the approval request was ${answer.action === 'accept' ? 'rejected' : answer.action === 'decline' ? 'declined' : 'cancelled'} in the client`,
        'error',
        'escalate',
      ),
    };
  }
  approvals.consume(ticketId, req.actionHash, callId, req.input.principal);
  return { approvedBy: decided.decidedBy ?? req.input.principal.id };
}

/** Elicitation decides only for a human holding an approver role of a rule that lists it. */
function mayConfirmInClient(requirement: ApprovalRequirement, principal: Principal): boolean {
  return (
    requirement.channels.includes('elicitation') &&
    principal.type === 'human' &&
    requirement.inClientApprovers.some((role) => principal.roles.includes(role))
  );
}

function elicitationMessage(req: EscalationRequest): string {
  const t = req.input.target;
  const where = [t.environment, t.namespace, t.kind && t.name ? `${t.kind}/${t.name}` : t.name]
    .filter(Boolean)
    .join(' / ');
  const rules = req.decision.matched.filter((m) => m.effect === 'escalate');
  return [
    `Approve ${req.tool.name} on ${where || 'its target'}?`,
    `Reason given: ${req.input.request.reason || '(none)'}`,
    `Arguments: ${JSON.stringify(req.redactedArgs)}`,
    ...rules.map((r) => `Policy rule ${r.name}: ${r.message ?? ''}`),
  ].join('\n');
}

function heldReadMessage(pending: ApprovalRequired): string {
  return `approval_required: ${pending.tool} waits for a human approval. ${pending.next}\n${JSON.stringify(pending)}`;
}

function pendingResult(approvalId: string, expiresAt: string, req: EscalationRequest): ApprovalRequired {
  const rules = req.decision.matched.filter((m) => m.effect === 'escalate');
  const approvers = (req.decision.approval ?? DEFAULT_APPROVAL).approvers;
  return {
    status: 'approval_required',
    approvalId,
    expiresAt,
    tool: req.tool.name,
    matchedRules: rules.map((r) => ({ name: r.name, ...(r.message ? { message: r.message } : {}) })),
    approvers,
    howToApprove: howToApprove(approvalId, approvers, req.decideElsewhere),
    next: `Nothing was executed. Ask a human with role ${approvers.join(' or ')} to approve ${approvalId}, then call ${req.tool.name} again with the same arguments plus approvalId "${approvalId}" (or check approval_status). Only you can use it, once, soon after it is granted; the request expires at ${expiresAt}.`,
  };
}
