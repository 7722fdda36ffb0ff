// #/approvals: the tickets waiting for a human, and the ones decided lately followed to
// their end; #/approvals/<id>: one ticket with its audit trail. Both poll every 2 s: a new
// request shows up, a decided card moves from "waiting" to "decided" and then shows the
// agent's re-call and its result. Cards are kept across polls, so a comment being typed
// stays where it is.

import { arr, h, type Json, obj, replace, str } from '../../../apps/views/dom.ts';
import { ApiError, api } from './api.ts';
import { auditTable } from './audit-table.ts';
import { type Spend, settled, spendOf, type TicketCard, ticketCard } from './ticket.ts';
import { errorLine, type Page, poll } from './view.ts';

const POLL_MS = 2_000;
/** Decided tickets shown under the pending ones. */
const RECENT = 10;

export const approvalsPage: Page = (root) => {
  const problem = h('div');
  const pending = h('div', { class: 'cards', id: 'pending' });
  const recent = h('div', { class: 'cards', id: 'decided' });
  replace(
    root,
    h('h1', {}, 'Approvals'),
    problem,
    h('h2', {}, 'Waiting for a decision'),
    pending,
    h('h2', {}, 'Recently decided'),
    recent,
  );
  const cards = new Map<string, TicketCard>();
  const follow = new Follower();
  const onCall = onCallLookup();
  const load = async () => {
    try {
      const [open, all] = await Promise.all([api('/v1/approvals?status=pending'), api('/v1/approvals')]);
      const decided = arr(all.approvals)
        .map(obj)
        .filter((t) => t.status !== 'pending')
        .slice(0, RECENT);
      const spends = await Promise.all(decided.map((t) => follow.spend(t)));
      const shown = (ticket: Json, spend?: Spend) => {
        const id = str(ticket.id) ?? '';
        const c =
          cards.get(id) ?? ticketCard(ticket, { onCall: onCall(ticket), onDecided: () => void load() });
        cards.set(id, c);
        c.update(ticket, spend);
        return c;
      };
      const waiting = arr(open.approvals).map((t) => shown(obj(t)));
      const done = decided.map((t, i) => shown(t, spends[i]));
      for (const [id, c] of cards) if (!waiting.includes(c) && !done.includes(c)) cards.delete(id);
      place(pending, waiting, 'Nothing waits for a decision.');
      place(recent, done, 'No decisions yet.');
      replace(problem);
    } catch (err) {
      replace(problem, errorLine(err));
    }
    return true;
  };
  const stop = poll(load, POLL_MS);
  const ticker = setInterval(() => {
    for (const c of cards.values()) c.tick();
  }, 1000);
  return () => {
    stop();
    clearInterval(ticker);
  };
};

export const approvalPage: Page = (root, { params: [id = ''] }) => {
  const problem = h('div');
  const slot = h('div', { class: 'cards' });
  const trail = h('div');
  replace(
    root,
    h('h1', {}, 'Approval ', h('code', {}, id)),
    problem,
    slot,
    h('h2', {}, 'Audit trail'),
    trail,
  );
  let card: TicketCard | undefined;
  const follow = new Follower();
  const load = async (): Promise<boolean> => {
    try {
      const ticket = await api(`/v1/approvals/${encodeURIComponent(id)}`);
      const spend = await follow.spend(ticket);
      card ??= ticketCard(ticket, { onCall: onCallLookup()(ticket), onDecided: () => void load() });
      card.update(ticket, spend);
      replace(slot, card.el);
      const records = await api(`/v1/audit?${new URLSearchParams({ approvalId: id, limit: '100' })}`);
      replace(trail, auditTable(arr(records.records).map(obj)));
      replace(problem);
      return !settled(ticket, spend);
    } catch (err) {
      replace(problem, errorLine(err));
      return !(err instanceof ApiError && err.status === 404);
    }
  };
  const stop = poll(load, POLL_MS);
  const ticker = setInterval(() => card?.tick(), 1000);
  return () => {
    stop();
    clearInterval(ticker);
  };
};

/** Reads how used tickets were spent; a settled answer is not asked for again. */
class Follower {
  readonly #settled = new Map<string, Spend>();

  async spend(ticket: Json): Promise<Spend | undefined> {
    const id = str(ticket.id) ?? '';
    // The approval.used record commits with the status: before `used` there is nothing to read.
    if (ticket.status !== 'used') return undefined;
    const known = this.#settled.get(id);
    if (known) return known;
    // Reading the audit log needs a human's token; without it the card shows the ticket's own status only.
    const spend = await spendOf(id).catch(() => undefined);
    if (spend && settled(ticket, spend)) this.#settled.set(id, spend);
    return spend;
  }
}

/** Who PagerDuty has on call for a ticket's service, asked once per service while the page is open. */
function onCallLookup(): (ticket: Json) => Promise<string> {
  const asked = new Map<string, Promise<string>>();
  return (ticket) => {
    const service = str(obj(ticket.target).service) ?? '';
    let answer = asked.get(service);
    if (!answer) {
      const query = service ? `?${new URLSearchParams({ service })}` : '';
      answer = api(`/v1/oncall${query}`).then(
        (reply) =>
          arr(reply.onCall)
            .map(obj)
            .map(
              (p) =>
                `${str(p.name) ?? '?'}${str(p.principal) ? ` (${str(p.principal)})` : ''}, level ${p.level}`,
            )
            .join('; ') || 'nobody',
        (err: unknown) =>
          err instanceof ApiError && err.status === 404
            ? 'not known (PagerDuty is not configured)'
            : `not known: ${(err as Error).message}`,
      );
      asked.set(service, answer);
    }
    return answer;
  };
}

/** Puts `cards` into `list` in this order, moving only what is out of place (a focused form stays focused). */
function place(list: HTMLElement, cards: TicketCard[], empty: string): void {
  const wanted = new Set(cards.map((c) => c.el));
  for (const child of [...list.children]) if (!wanted.has(child as HTMLElement)) child.remove();
  cards.forEach((c, i) => {
    if (list.children[i] !== c.el) list.insertBefore(c.el, list.children[i] ?? null);
  });
  if (!cards.length) list.append(h('p', { class: 'muted empty' }, empty));
}
