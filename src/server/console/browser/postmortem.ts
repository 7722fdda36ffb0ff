// #/incidents/<id>/postmortem (where an incident's Slack thread links): the postmortem
// draft, from the postmortem_draft tool run as the user through the gate (./tools.ts) when
// the page opens and again on "Draft again", never by polling (drafting correlates). The
// markdown is shown as text, one preformatted block per section: it quotes alert text,
// change summaries and log-derived causes, so nothing in it becomes markup.

import { h, type Json, numOf, obj, percent, quoted, replace, str, when } from '../../../apps/views/dom.ts';
import { auditedCall, callTool } from './tools.ts';
import { badge, errorLine, incidentHref, link, type Page, rows } from './view.ts';

const TOOL = 'postmortem_draft';

export const postmortemPage: Page = (root, { params: [id = ''] }) => {
  const again = h('button', { type: 'button', class: 'redraft' }, 'Draft again');
  const out = h('div', { class: 'postmortem', 'aria-live': 'polite' });
  replace(
    root,
    h('h1', {}, 'Postmortem of ', h('code', {}, id)),
    h('p', { class: 'buttons' }, link(incidentHref(id), 'Back to the incident'), again),
    out,
  );
  const draft = async () => {
    again.disabled = true;
    replace(out, h('p', { class: 'muted progress', role: 'status' }, 'drafting…'));
    try {
      const reply = await callTool(TOOL, { incident: id });
      replace(out, ...draftView(reply.result), auditedCall(TOOL, reply));
    } catch (err) {
      replace(out, errorLine(err));
    } finally {
      again.disabled = false;
    }
  };
  again.addEventListener('click', () => void draft());
  void draft();
  return () => {};
};

function draftView(draft: Json): HTMLElement[] {
  const facts = obj(draft.facts);
  const cause = obj(facts.rootCause);
  return [
    h(
      'dl',
      { class: 'facts' },
      ...rows(
        [
          'Status',
          h('span', {}, badge(str(facts.status) ?? '?'), badge(str(facts.severity) ?? '?', 'severity')),
        ],
        ['Detected', str(facts.detectedAt) && when(str(facts.detectedAt)!)],
        [
          'Root cause',
          str(cause.ref)
            ? h(
                'span',
                {},
                `${str(cause.category) ?? '?'} `,
                h('code', {}, str(cause.ref)!),
                ` (${percent(numOf(cause.confidence) ?? 0)} confidence) `,
                quoted(str(cause.summary) ?? ''),
              )
            : 'not identified',
        ],
        // Why the root-cause search failed, in the backends' words, when it did.
        ['Root cause search', draft.correlation !== 'ok' && quoted(str(draft.correlation) ?? '?')],
      ),
    ),
    h('article', { class: 'card draft' }, ...sections(str(draft.markdown) ?? '')),
  ];
}

/** The markdown's headings as headings and each section's text as one preformatted block. */
function sections(markdown: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  let body: string[] = [];
  const flush = () => {
    const text = body.join('\n').trim();
    if (text) out.push(h('pre', {}, text));
    body = [];
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (!heading) {
      body.push(line);
      continue;
    }
    flush();
    out.push(h(heading[1] === '#' ? 'h2' : 'h3', {}, heading[2]));
  }
  flush();
  return out;
}
