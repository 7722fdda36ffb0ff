// #/audit: search the audit log (type, principal, tool, call, approval, time range, how
// many), newest first, under a banner saying whether the hash chain holds: "chain verified:
// N records" or "BROKEN at seq X: why". The search lives in the hash (#/audit?tool=...), so
// a search can be linked to and reloaded; the server checks every field and says which
// one it refuses.

import { arr, h, numOf, obj, replace, str, when } from '../../../apps/views/dom.ts';
import { api } from './api.ts';
import { auditTable } from './audit-table.ts';
import { errorLine, type Page } from './view.ts';

const TEXT_FIELDS = [
  ['principal', 'Principal', 'agent'],
  ['tool', 'Tool', 'k8s_deployment_scale'],
  ['callId', 'Call id', ''],
  ['approvalId', 'Approval id', 'apr_…'],
  ['since', 'Since', '1h or 2026-05-01T12:00:00Z'],
  ['until', 'Until', ''],
] as const;

export const auditPage: Page = (root, { query }) => {
  const type = h('select', { name: 'type', 'aria-label': 'Type' }, h('option', { value: '' }, 'any type'));
  const chosenType = query.get('type') ?? '';
  if (chosenType) type.append(h('option', { value: chosenType, selected: true }, chosenType));
  const inputs = TEXT_FIELDS.map(([name, label, example]) =>
    h('input', {
      name,
      'aria-label': label,
      placeholder: `${label}${example ? `: ${example}` : ''}`,
      value: query.get(name) ?? '',
    }),
  );
  const limit = h('input', {
    name: 'limit',
    type: 'number',
    min: 1,
    max: 500,
    'aria-label': 'Limit',
    value: query.get('limit') ?? '100',
  });
  const form = h(
    'form',
    { class: 'search' },
    type,
    ...inputs,
    limit,
    h('button', { type: 'submit' }, 'Search'),
  );
  const banner = h('div', { class: 'verify', role: 'status' }, 'Checking the chain…');
  const results = h('div');
  replace(root, h('h1', {}, 'Audit log'), banner, form, results);

  const search = () => {
    const filter = new URLSearchParams();
    for (const field of [type, ...inputs, limit])
      if (field.value.trim()) filter.set(field.name, field.value.trim());
    return filter;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const hash = `#/audit?${search()}`;
    if (location.hash === hash) void load();
    else location.hash = hash; // the router draws the page again with the search
  });

  const load = async () => {
    replace(results, h('p', { class: 'muted' }, 'Searching…'));
    try {
      const filter = search();
      filter.set('verify', '1');
      const reply = await api(`/v1/audit?${filter}`);
      showTypes(
        type,
        arr(reply.types).filter((t): t is string => typeof t === 'string'),
      );
      replace(banner, ...verdict(obj(reply.verify)));
      const records = arr(reply.records).map(obj);
      replace(
        results,
        h(
          'p',
          { class: 'muted count' },
          `${records.length} record${records.length === 1 ? '' : 's'}`,
          reply.more ? `: the newest ${records.length}; narrow the search or raise the limit for more` : '',
        ),
        auditTable(records, numOf(obj(obj(reply.verify).firstBad).seq)),
      );
    } catch (err) {
      replace(banner);
      replace(results, errorLine(err));
    }
  };
  void load();
  return () => {};
};

function showTypes(select: HTMLSelectElement, types: string[]): void {
  if (select.options.length > 2) return;
  const chosen = select.value;
  select.replaceChildren(
    h('option', { value: '' }, 'any type'),
    ...types.map((t) => h('option', { value: t, selected: t === chosen }, t)),
  );
}

function verdict(verify: Record<string, unknown>): HTMLElement[] {
  const checked = str(verify.checkedAt) ? ` (checked ${when(str(verify.checkedAt)!)})` : '';
  if (verify.ok === true)
    return [h('p', { class: 'ok' }, `chain verified: ${verify.count} records${checked}`)];
  const bad = obj(verify.firstBad);
  return [
    h(
      'p',
      { class: 'broken', role: 'alert' },
      `BROKEN at seq ${bad.seq}: ${str(bad.reason) ?? '?'}${checked}`,
    ),
  ];
}
