// The hypotheses section of an incident's page: incident_correlate, run as the user through
// the gate (./tools.ts) when they click "Find likely causes", never by the page's polling
// (a correlation reads every signal source). Shows when the incident degraded, the ranked
// hypotheses with their score, evidence and the runbooks that fit (with the params
// runbook_plan takes), and which signal sources could be read. Hypothesis and evidence
// summaries quote logs, events and change text: they show as quoted data.

import {
  arr,
  h,
  type Json,
  num,
  numOf,
  obj,
  percent,
  quoted,
  replace,
  str,
  when,
} from '../../../apps/views/dom.ts';
import { auditedCall, callTool } from './tools.ts';
import { badge, errorLine, rows } from './view.ts';

const TOOL = 'incident_correlate';

export function causesSection(incident: string): HTMLElement {
  const find = h('button', { type: 'button', class: 'correlate' }, 'Find likely causes');
  const out = h(
    'div',
    { class: 'causes', 'aria-live': 'polite' },
    h(
      'p',
      { class: 'muted' },
      'Ranks the likely causes from the signals (alerts, changes, rollouts, metrics, logs). It runs ',
      h('code', {}, TOOL),
      ' as you, through the policy and into the audit log.',
    ),
  );
  find.addEventListener('click', async () => {
    find.disabled = true;
    replace(out, h('p', { class: 'muted progress', role: 'status' }, 'correlating…'));
    try {
      const reply = await callTool(TOOL, { incident });
      replace(out, ...correlationView(reply.result), auditedCall(TOOL, reply));
    } catch (err) {
      replace(out, errorLine(err));
    } finally {
      find.disabled = false;
    }
  });
  return h('section', {}, h('h2', {}, 'Hypotheses'), h('p', {}, find), out);
}

function correlationView(correlation: Json): HTMLElement[] {
  const hypotheses = arr(correlation.hypotheses).map(obj);
  const signals = arr(correlation.signals).map(obj);
  return [
    h('dl', { class: 'facts' }, ...rows(['Onset', onsetText(correlation)])),
    hypotheses.length
      ? h('ol', { class: 'hypotheses' }, ...hypotheses.map(hypothesisView))
      : h('p', { class: 'muted empty' }, 'No likely cause found in the window.'),
    h('p', { class: 'next' }, str(correlation.next) ?? ''),
    h('h3', {}, 'Signals read'),
    h(
      'dl',
      { class: 'facts signals' },
      ...rows(...signals.map((s): [string, string] => [str(s.source) ?? '?', str(s.status) ?? '?'])),
    ),
  ];
}

/** When it degraded: the first sustained change the engine saw, or the time it was asked about. */
function onsetText(correlation: Json): string {
  const onset = obj(correlation.onset);
  const [at, from, to] = [str(onset.at), numOf(onset.from), numOf(onset.to)];
  if (at && from !== undefined && to !== undefined)
    return `${when(at)}: ${str(onset.signal) ?? '?'} went from ${num(from)} to ${num(to)}`;
  const asked = str(obj(correlation.request).at);
  return `no sustained change seen in the metrics; correlated as of ${asked ? when(asked) : '?'}`;
}

function hypothesisView(hypothesis: Json): HTMLElement {
  const score = obj(hypothesis.score);
  const total = numOf(score.total);
  const parts = Object.entries(obj(score.parts))
    .filter(([, value]) => typeof value === 'number' && value !== 0)
    .map(([part, value]) => `${part} ${num(value as number)}`);
  const runbooks = arr(hypothesis.suggestedRunbooks).map(obj);
  const omitted = numOf(hypothesis.evidenceOmitted);
  const category = str(hypothesis.category) ?? '?';
  return h(
    'li',
    { class: 'card hypothesis', 'data-rank': String(hypothesis.rank ?? ''), 'data-category': category },
    h(
      'header',
      {},
      h(
        'h3',
        {},
        `#${hypothesis.rank ?? '?'} `,
        badge(category, 'category'),
        h('span', { class: 'confidence' }, `${percent(numOf(hypothesis.confidence) ?? 0)} confidence`),
        ' ',
        h('code', {}, str(hypothesis.ref) ?? ''),
      ),
    ),
    h('p', {}, quoted(str(hypothesis.summary) ?? '')),
    h(
      'p',
      { class: 'muted score' },
      `score ${total === undefined ? '?' : num(total)}${parts.length ? `: ${parts.join(', ')}` : ''}`,
    ),
    evidenceTable(arr(hypothesis.evidence).map(obj)),
    omitted ? h('p', { class: 'muted' }, `${omitted} more pieces of evidence not shown`) : '',
    h(
      'p',
      { class: 'runbooks' },
      'Runbooks that fit: ',
      ...(runbooks.length
        ? runbooks.flatMap((r, i) => [
            i ? '; ' : '',
            h('code', {}, str(r.name) ?? '?'),
            ' ',
            h('code', {}, JSON.stringify(obj(r.params))),
          ])
        : ['none']),
    ),
  );
}

function evidenceTable(evidence: Json[]): HTMLElement {
  return h(
    'table',
    { class: 'evidence' },
    h('thead', {}, h('tr', {}, ...['kind', 'time', 'evidence', 'ref'].map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      ...evidence.map((e) =>
        h(
          'tr',
          { 'data-kind': str(e.kind) ?? '' },
          h('td', {}, str(e.kind) ?? ''),
          h('td', { class: 'time' }, str(e.at) ? when(str(e.at)!) : ''),
          h('td', {}, quoted(str(e.summary) ?? '')),
          h('td', {}, str(e.ref) ? h('code', {}, str(e.ref)!) : ''),
        ),
      ),
    ),
  );
}
