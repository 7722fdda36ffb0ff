// One approval ticket as a card: what the agent asked to do (tool, target, redacted
// arguments, impact, the rules that escalated it), who asked and why, until when, who is on
// call; Approve and Reject with an optional comment while it is pending. The server decides
// whether this user may decide (a human approver, never the requester) and the card shows
// its refusal as it is. Once decided, the card follows the ticket to its end: approved,
// used by the agent's re-call, and that call executed or failed (read from the audit log).

import { arr, h, type Json, numOf, obj, quoted, replace, str, when } from '../../../apps/views/dom.ts';
import { api } from './api.ts';
import { approvalHref, auditHref, badge, countdown, errorLine, link, rows } from './view.ts';

export interface TicketCard {
  el: HTMLElement;
  /** The ticket as the server has it now (and, once it was spent, what its re-call did). */
  update(ticket: Json, spend?: Spend): void;
  /** Redraws the countdown. */
  tick(): void;
}

/** The spending of an approved ticket, from its audit trail. */
export interface Spend {
  used?: Json;
  /** The re-call's action.executed or action.failed record. */
  result?: Json;
}

/** Whether nothing more will happen to the ticket (no need to poll it). */
export function settled(ticket: Json, spend?: Spend): boolean {
  const status = str(ticket.status);
  return status === 'rejected' || status === 'expired' || (status === 'used' && spend?.result !== undefined);
}

/** The ticket's approval.used record and its re-call's outcome, from GET /v1/audit?approvalId=. */
export async function spendOf(id: string): Promise<Spend> {
  const reply = await api(`/v1/audit?${new URLSearchParams({ approvalId: id, limit: '100' })}`);
  const records = arr(reply.records).map(obj);
  const used = records.find((r) => r.type === 'approval.used' && obj(r.data).status === 'used');
  const result = records.find(
    (r) => used && r.callId === used.callId && (r.type === 'action.executed' || r.type === 'action.failed'),
  );
  return { ...(used ? { used } : {}), ...(result ? { result } : {}) };
}

export function ticketCard(first: Json, opts: { onCall: Promise<string>; onDecided(): void }): TicketCard {
  const id = str(first.id) ?? '';
  const status = h('span', { class: 'status-slot' });
  const expiresLabel = h('dt', {});
  const expires = h('dd', { class: 'countdown' });
  const onCall = h('dd', { class: 'oncall muted' }, '…');
  const decision = h('section', { class: 'decision' });
  const el = h(
    'article',
    { class: 'card ticket', 'data-approval-id': id },
    h(
      'header',
      {},
      h('h3', {}, h('code', {}, str(first.tool) ?? '?'), ' on ', targetText(obj(first.target))),
      status,
      link(approvalHref(id), h('code', {}, id)),
    ),
    h(
      'dl',
      { class: 'facts' },
      ...rows(
        ['Requested by', `${str(first.requester) ?? '?'} (${str(first.requesterType) ?? '?'})`],
        ['Reason', quoted(str(first.reason) ?? '')],
        ['Arguments', h('pre', { class: 'args' }, JSON.stringify(first.args ?? {}, null, 2))],
        ['Impact', impactText(obj(first.impact)) || undefined],
        ['Rules', rulesList(arr(first.matchedRules).map(obj))],
        ['Approvers', `a human with ${arr(first.approvers).join(' or ')}, not the requester`],
      ),
      expiresLabel,
      expires,
      h('dt', {}, 'On call'),
      onCall,
    ),
    decision,
  );
  void opts.onCall.then((who) => replace(onCall, who));

  let shown: Json = first;
  let shownKey = '';
  const card: TicketCard = {
    el,
    update(ticket, spend) {
      // A ticket never returns to pending: such an answer was read before the decision landed.
      if (ticket.status === 'pending' && shown.status !== 'pending') return;
      shown = ticket;
      const state = str(ticket.status) ?? 'unknown';
      const key = `${state}|${spend?.used ? 'used' : ''}|${spend?.result ? 'done' : ''}`;
      card.tick();
      if (key === shownKey) return; // a pending form keeps what is typed in it
      shownKey = key;
      el.className = `card ticket status-${state}`;
      replace(status, badge(state));
      replace(
        decision,
        ...(state === 'pending' ? decideForm(id, card, opts.onDecided) : trail(ticket, spend)),
      );
    },
    tick() {
      const state = str(shown.status);
      const live = state === 'pending' || state === 'approved';
      expiresLabel.hidden = expires.hidden = !live;
      if (!live) return;
      replace(expiresLabel, state === 'pending' ? 'Decide within' : 'Grant usable for');
      replace(expires, countdown(str(state === 'pending' ? shown.expiresAt : shown.executeBy) ?? ''));
    },
  };
  card.update(first);
  return card;
}

function decideForm(id: string, card: TicketCard, onDecided: () => void): HTMLElement[] {
  const comment = h('textarea', {
    name: 'comment',
    rows: 2,
    maxlength: 2000,
    placeholder: 'Comment (optional): why you approve or reject',
    'aria-label': 'Comment',
  });
  const approve = h('button', { type: 'button', class: 'approve' }, 'Approve');
  const reject = h('button', { type: 'button', class: 'reject' }, 'Reject');
  const answer = h('div', { class: 'answer', 'aria-live': 'polite' });
  const decide = async (action: 'approve' | 'reject') => {
    for (const b of [approve, reject]) b.disabled = true;
    replace(answer, h('p', { class: 'muted' }, `Sending your ${action}…`));
    try {
      const text = comment.value.trim();
      const decided = await api(`/v1/approvals/${encodeURIComponent(id)}/${action}`, {
        body: text ? { comment: text } : {},
      });
      card.update(decided);
      onDecided();
    } catch (err) {
      replace(answer, errorLine(err));
      for (const b of [approve, reject]) b.disabled = false;
    }
  };
  approve.addEventListener('click', () => void decide('approve'));
  reject.addEventListener('click', () => void decide('reject'));
  return [comment, h('div', { class: 'buttons' }, approve, reject), answer];
}

/** requested → decided → used → executed/failed, as far as the ticket got. */
function trail(ticket: Json, spend: Spend | undefined): HTMLElement[] {
  const state = str(ticket.status) ?? '';
  const decidedBy = str(ticket.decidedBy);
  const via = str(ticket.decidedVia);
  const steps: [string, string, string | Node | undefined][] = [
    ['done', 'requested', when(str(ticket.createdAt) ?? '')],
  ];
  if (decidedBy) {
    const verdict = state === 'rejected' ? 'rejected' : 'approved';
    const comment = str(ticket.comment);
    steps.push([
      verdict === 'rejected' ? 'bad' : 'done',
      verdict,
      `by ${decidedBy}${via ? ` via ${via}` : ''}, ${when(str(ticket.decidedAt) ?? '')}${comment ? `: “${comment}”` : ''}`,
    ]);
  }
  if (state === 'expired')
    steps.push(['bad', 'expired', decidedBy ? 'the grant was not used in time' : 'nobody decided in time']);
  if (state === 'approved')
    steps.push(['wait', 'waiting', 'for the agent to call again with the approvalId']);
  if (state === 'used') {
    steps.push(['done', 'used', when(str(ticket.usedAt) ?? '')]);
    const result = spend?.result;
    if (!result) steps.push(['wait', 'running', 'the re-call has not finished yet']);
    else if (result.type === 'action.executed')
      steps.push([
        'done',
        'executed',
        `${when(str(result.ts) ?? '')} (${numOf(obj(result.data).durationMs) ?? '?'} ms)`,
      ]);
    else steps.push(['bad', 'failed', str(obj(result.data).error) ?? 'no error recorded']);
  }
  return [
    h(
      'ol',
      { class: 'track' },
      ...steps.map(([kind, name, detail]) =>
        h('li', { class: `step-${kind}` }, h('strong', {}, name), ' ', detail ?? ''),
      ),
    ),
    h('p', {}, link(auditHref({ approvalId: str(ticket.id) ?? '' }), 'Audit trail of this ticket')),
  ];
}

function targetText(target: Json): string {
  const where = [str(target.namespace), str(target.name)].filter(Boolean).join('/');
  const kind = str(target.kind);
  const place = [str(target.cluster) && `cluster ${str(target.cluster)}`, str(target.environment)]
    .filter(Boolean)
    .join(', ');
  return `${kind ? `${kind} ` : ''}${where || str(target.service) || '?'}${place ? ` (${place})` : ''}`;
}

function impactText(impact: Json): string {
  const parts: string[] = [];
  const fraction = numOf(impact.fractionOfService);
  if (numOf(impact.replicas) !== undefined) parts.push(`${impact.replicas} replicas`);
  if (numOf(impact.pods) !== undefined) parts.push(`${impact.pods} pods`);
  if (fraction !== undefined) parts.push(`${Math.round(fraction * 100)}% of the service`);
  if (numOf(impact.estimatedCostUsd) !== undefined) parts.push(`~$${impact.estimatedCostUsd}`);
  if (typeof impact.reversible === 'boolean') parts.push(impact.reversible ? 'reversible' : 'not reversible');
  return parts.join(', ');
}

function rulesList(rules: Json[]): HTMLElement | undefined {
  if (!rules.length) return undefined;
  return h(
    'ul',
    { class: 'rules' },
    ...rules.map((r) =>
      h(
        'li',
        {},
        h('code', {}, str(r.name) ?? '?'),
        ` ${str(r.effect) ?? ''}`,
        str(r.message) ? `: ${str(r.message)}` : '',
      ),
    ),
  );
}
