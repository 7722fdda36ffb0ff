// #/runbooks: runbook runs newest first, each with its steps (state, outcome, message, the
// approval a step asked for), the approval it waits for and how it ended. While any run is
// still running the page asks again every 2 s, so a run is watched live; then it stops.

import { arr, h, type Json, numOf, obj, quoted, replace, str, when } from '../../../apps/views/dom.ts';
import { api } from './api.ts';
import { approvalHref, badge, duration, errorLine, link, type Page, poll, rows } from './view.ts';

const POLL_MS = 2_000;

export const runbooksPage: Page = (root) => {
  const list = h('div', { class: 'cards' }, h('p', { class: 'muted' }, 'Loading…'));
  const live = h('p', { class: 'muted live', role: 'status' });
  replace(root, h('h1', {}, 'Runbook runs'), live, list);
  return poll(async () => {
    try {
      const runs = arr((await api('/v1/runbooks/executions?limit=50')).executions).map(obj);
      const running = runs.filter((r) => r.state === 'running').length;
      replace(live, running ? `${running} running: updating every ${POLL_MS / 1000} s` : 'Nothing running.');
      replace(
        list,
        ...(runs.length ? runs.map(runCard) : [h('p', { class: 'muted empty' }, 'No runbook runs yet.')]),
      );
      return running > 0;
    } catch (err) {
      replace(list, errorLine(err));
      return true;
    }
  }, POLL_MS);
};

function runCard(run: Json): HTMLElement {
  const runbook = obj(run.runbook);
  const state = str(run.state) ?? '?';
  const outcome = str(run.outcome);
  const waiting = obj(run.pendingApproval);
  const waitingId = str(waiting.approvalId);
  return h(
    'article',
    { class: `card run state-${state}`, 'data-execution': str(run.id) ?? '' },
    h(
      'header',
      {},
      h('h3', {}, str(runbook.name) ?? '?', h('span', { class: 'muted' }, ` ${str(runbook.version) ?? ''}`)),
      badge(outcome ?? state),
      run.dryRun ? badge('dry run', 'kind') : '',
      h('code', {}, str(run.id) ?? ''),
    ),
    h(
      'dl',
      { class: 'facts' },
      ...rows(
        ['Target', h('code', {}, str(obj(run.target).key) ?? '?')],
        ['Started by', `${str(run.requester) ?? '?'}, ${when(str(run.startedAt) ?? '')}`],
        ['Reason', quoted(str(run.reason) ?? '')],
        ['Duration', numOf(run.durationMs) === undefined ? undefined : duration(numOf(run.durationMs)!)],
        ['Current step', str(run.currentStep)],
        [
          'Ended',
          str(run.endedAt) &&
            `${when(str(run.endedAt)!)}${str(run.decidedBy) ? ` at step ${str(run.decidedBy)}` : ''}`,
        ],
        ['Message', str(run.message)],
        [
          'Waiting for',
          waitingId &&
            h(
              'span',
              { class: 'waiting' },
              'approval ',
              link(approvalHref(waitingId), h('code', {}, waitingId)),
              ` (step ${str(waiting.step) ?? '?'}, a human with ${arr(waiting.approvers).join(' or ')})`,
            ),
        ],
      ),
    ),
    stepTable(arr(run.steps).map(obj)),
  );
}

function stepTable(steps: Json[]): HTMLElement {
  return h(
    'table',
    { class: 'steps' },
    h(
      'thead',
      {},
      h('tr', {}, ...['#', 'step', 'kind', 'state', 'took', 'detail'].map((c) => h('th', {}, c))),
    ),
    h(
      'tbody',
      {},
      ...steps.map((s) => {
        const approvalId = str(s.approvalId);
        const took = numOf(s.durationMs);
        return h(
          'tr',
          { 'data-step': str(s.id) ?? '' },
          h('td', { class: 'num' }, String(s.seq ?? '')),
          h('td', {}, str(s.title) ?? '', ' ', h('code', {}, str(s.id) ?? '')),
          h('td', {}, str(s.kind) ?? ''),
          h('td', {}, badge(str(s.outcome) ?? str(s.state) ?? '?')),
          h('td', {}, took === undefined ? '' : duration(took)),
          h(
            'td',
            {},
            str(s.message) ?? '',
            ...(approvalId ? [' approval ', link(approvalHref(approvalId), h('code', {}, approvalId))] : []),
          ),
        );
      }),
    ),
  );
}
