// Audit records as a table, newest first as the API gives them: seq, time, type, principal,
// tool, effect, the call they belong to, and their data on one line with the whole of it
// a click away. Ids link to the records that share them (a call, an approval). The record
// where the hash chain breaks, when given, is marked.

import { h, type Json, obj, str, when } from '../../../apps/views/dom.ts';
import { auditHref, badge, link, summarize } from './view.ts';

export function auditTable(records: Json[], brokenSeq?: number): HTMLElement {
  if (!records.length) return h('p', { class: 'muted empty' }, 'No audit records match.');
  return h(
    'table',
    { class: 'audit' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['seq', 'time', 'type', 'principal', 'tool', 'effect', 'call', 'data'].map((c) => h('th', {}, c)),
      ),
    ),
    h('tbody', {}, ...records.map((r) => recordRow(r, r.seq === brokenSeq))),
  );
}

function recordRow(record: Json, broken: boolean): HTMLElement {
  const data = obj(record.data);
  const callId = str(record.callId);
  const approvalId = str(data.approvalId);
  const effect = str(record.effect);
  return h(
    'tr',
    { 'data-type': str(record.type) ?? '', class: broken ? 'broken' : undefined },
    h('td', { class: 'num' }, String(record.seq ?? '')),
    h('td', { class: 'time' }, when(str(record.ts) ?? '')),
    h('td', {}, h('code', {}, str(record.type) ?? '?')),
    h('td', {}, str(record.principal) ?? ''),
    h('td', {}, str(record.tool) ?? ''),
    h('td', {}, effect ? badge(effect, 'effect') : ''),
    h('td', {}, callId ? link(auditHref({ callId }), h('code', {}, callId.slice(0, 12))) : ''),
    h(
      'td',
      { class: 'data' },
      approvalId ? link(auditHref({ approvalId }), h('code', {}, approvalId)) : '',
      approvalId ? ' ' : '',
      h('details', {}, h('summary', {}, summarize(data)), h('pre', {}, JSON.stringify(data, null, 2))),
    ),
  );
}
