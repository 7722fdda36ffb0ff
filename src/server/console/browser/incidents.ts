// #/incidents: the incidents newest first, by status; #/incidents/<id>: one incident as
// GET /v1/incidents/<id> has it (status, severity, services, the context gathered at
// creation as evidence, alerts, timeline), redrawn every 5 s while it is not resolved, with
// its hypotheses on request (./causes.ts) and a link to its postmortem draft
// (./postmortem.ts).

import { arr, h, type Json, obj, quoted, replace, str, when } from '../../../apps/views/dom.ts';
import { api } from './api.ts';
import { causesSection } from './causes.ts';
import { badge, errorLine, incidentHref, link, type Page, poll, rows } from './view.ts';

const STATUSES = ['open', 'mitigated', 'resolved'];
const POLL_MS = 5_000;

export const incidentsPage: Page = (root, { query }) => {
  const status = query.get('status') ?? '';
  const filters = h(
    'p',
    { class: 'filters' },
    ...['', ...STATUSES].map((s) =>
      link(
        s ? `#/incidents?status=${s}` : '#/incidents',
        h('span', { class: s === status ? 'chosen' : '' }, s || 'all'),
      ),
    ),
  );
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(root, h('h1', {}, 'Incidents'), filters, list);
  const search = new URLSearchParams({ limit: '100', ...(status ? { status } : {}) });
  return poll(async () => {
    try {
      const incidents = arr((await api(`/v1/incidents?${search}`)).incidents).map(obj);
      replace(
        list,
        incidents.length ? incidentTable(incidents) : h('p', { class: 'muted empty' }, 'No incidents.'),
      );
    } catch (err) {
      replace(list, errorLine(err));
    }
    return true;
  }, POLL_MS);
};

function incidentTable(incidents: Json[]): HTMLElement {
  return h(
    'table',
    { class: 'incidents' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['incident', 'title', 'status', 'severity', 'services', 'detected'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...incidents.map((i) =>
        h(
          'tr',
          {},
          h('td', {}, link(incidentHref(str(i.id) ?? ''), h('code', {}, str(i.id) ?? '?'))),
          h('td', {}, str(i.title) ?? ''),
          h('td', {}, badge(str(i.status) ?? '?')),
          h('td', {}, badge(str(i.severity) ?? '?', 'severity')),
          h('td', {}, arr(i.services).join(', ')),
          h('td', { class: 'time' }, when(str(i.detectedAt) ?? '')),
        ),
      ),
    ),
  );
}

export const incidentPage: Page = (root, { params: [id = ''] }) => {
  const head = h(
    'div',
    {},
    h('h1', {}, 'Incident ', h('code', {}, id)),
    h('p', { class: 'muted' }, 'Loading…'),
  );
  // Kept across redraws: a correlation asked for stays on the page until asked again.
  const causes = causesSection(id);
  causes.hidden = true;
  const record = h('div');
  replace(root, head, causes, record);
  return poll(async () => {
    try {
      const incident = await api(`/v1/incidents/${encodeURIComponent(id)}`);
      replace(head, ...incidentHead(incident));
      replace(record, ...incidentRecord(incident));
      causes.hidden = false;
      return incident.status !== 'resolved';
    } catch (err) {
      replace(head, h('h1', {}, 'Incident ', h('code', {}, id)), errorLine(err));
      return false;
    }
  }, POLL_MS);
};

function incidentHead(incident: Json): HTMLElement[] {
  return [
    h('h1', {}, h('code', {}, str(incident.id) ?? ''), ' ', str(incident.title) ?? ''),
    h('p', {}, badge(str(incident.status) ?? '?'), badge(str(incident.severity) ?? '?', 'severity')),
    h(
      'dl',
      { class: 'facts' },
      ...rows(
        ['Service', [str(incident.namespace), str(incident.service)].filter(Boolean).join('/')],
        ['Services affected', arr(incident.services).join(', ')],
        ['Detected', when(str(incident.detectedAt) ?? '')],
        ['Opened', when(str(incident.openedAt) ?? '')],
        ['Mitigated', str(incident.mitigatedAt) && when(str(incident.mitigatedAt)!)],
        ['Resolved', str(incident.resolvedAt) && when(str(incident.resolvedAt)!)],
      ),
    ),
  ];
}

function incidentRecord(incident: Json): HTMLElement[] {
  return [
    h('h2', {}, 'Evidence gathered'),
    contextView(obj(incident.context)),
    h('h2', {}, 'Alerts'),
    alertTable(arr(incident.alerts).map(obj)),
    h('h2', {}, 'Timeline'),
    timelineTable(arr(incident.timeline).map(obj)),
    h('p', {}, link(`${incidentHref(str(incident.id) ?? '')}/postmortem`, 'Postmortem draft')),
  ];
}

function contextView(context: Json): HTMLElement {
  const spike = obj(context.metricSpike);
  const deployments = arr(context.recentDeployments).map(obj);
  return h(
    'dl',
    { class: 'facts' },
    ...rows(
      [
        'Metric spike',
        str(spike.summary) &&
          `${str(spike.summary)}${str(spike.onset) ? ` (onset ${when(str(spike.onset)!)})` : ''}`,
      ],
      [
        'Recent deployments',
        deployments.length
          ? h(
              'ul',
              {},
              ...deployments.map((d) =>
                h(
                  'li',
                  {},
                  when(str(d.at) ?? ''),
                  ' ',
                  h('code', {}, str(d.ref) ?? ''),
                  ' ',
                  str(d.summary) ?? '',
                ),
              ),
            )
          : 'none',
      ],
      ['Downstream impact', arr(context.downstreamImpact).join(', ') || 'none'],
      [
        'Not gathered',
        arr(context.gaps).length
          ? h('ul', {}, ...arr(context.gaps).map((g) => h('li', {}, String(g))))
          : undefined,
      ],
      ['Gathered', str(context.gatheredAt) ? when(str(context.gatheredAt)!) : 'not yet'],
    ),
  );
}

function alertTable(alerts: Json[]): HTMLElement {
  return h(
    'table',
    { class: 'alerts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['alert', 'service', 'severity', 'status', 'since', 'summary'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...alerts.map((a) => {
        const notes = obj(a.annotations);
        const summary = str(notes.summary) ?? str(notes.description) ?? '';
        return h(
          'tr',
          {},
          h('td', {}, str(a.alertname) ?? '?'),
          h('td', {}, str(a.service) ?? ''),
          h('td', {}, badge(str(a.severity) ?? '?', 'severity')),
          h('td', {}, badge(str(a.status) ?? '?')),
          h('td', { class: 'time' }, when(str(a.startsAt) ?? '')),
          h(
            'td',
            {},
            summary ? quoted(summary) : '',
            str(a.explainedBy) ? ` (explained by ${str(a.explainedBy)})` : '',
          ),
        );
      }),
    ),
  );
}

function timelineTable(timeline: Json[]): HTMLElement {
  return h(
    'table',
    { class: 'timeline' },
    h('thead', {}, h('tr', {}, ...['time', 'kind', 'what', 'ref', 'by'].map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      ...timeline.map((e) =>
        h(
          'tr',
          { 'data-kind': str(e.kind) ?? '' },
          h('td', { class: 'time' }, when(str(e.at) ?? '')),
          h('td', {}, str(e.kind) ?? ''),
          h('td', {}, str(e.summary) ?? ''),
          h('td', {}, str(e.ref) ? h('code', {}, str(e.ref)!) : ''),
          h('td', {}, str(e.by) ?? ''),
        ),
      ),
    ),
  );
}
