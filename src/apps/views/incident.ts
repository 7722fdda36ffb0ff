// The incident view (ui://opswarden/incident), for incident_get and incident_correlate: the
// incident's header, its ranked hypotheses (in rank order, whatever order they arrive in)
// with confidence and evidence, one timeline merging the incident's entries and the
// correlation's with the onset marked, and the alerts by service. What one of the two tools
// lacks, the other has: Correlate and Load incident ask for it, through the host. Alert
// text, evidence and timeline summaries come from the observed systems and are shown as
// quoted text.

import { actionButton, callThroughHost, startView, type ToolResult, type ViewRuntime } from './connect.ts';
import { arr, clock, h, type Json, num, numOf, obj, percent, quoted, replace, str, when } from './dom.ts';

interface State {
  incidentId?: string | undefined;
  /** incident_get's structured content. */
  incident?: Json;
  /** incident_correlate's structured content. */
  correlation?: Json;
}

const state: State = {};

/** Keeps what a result adds; a result about another incident starts over. */
function absorb(sc: Json): void {
  const correlation = Array.isArray(sc.hypotheses);
  // A correlation by service and time belongs to no incident.
  const id = correlation ? str(sc.incident) : str(obj(sc.incident).id);
  if (id !== state.incidentId) {
    delete state.incident;
    delete state.correlation;
    state.incidentId = id;
  }
  if (correlation) state.correlation = sc;
  else if (sc.incident && typeof sc.incident === 'object') state.incident = sc;
}

interface Entry {
  at: string;
  kind: string;
  summary: string;
  ref?: string;
  by?: string;
  onset?: boolean;
}

function timeline(): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const add = (e: Entry) => {
    const key = `${e.at}|${e.kind}|${e.summary}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(e);
  };
  for (const raw of [...arr(state.incident?.recent), ...arr(state.correlation?.timeline)]) {
    const e = obj(raw);
    const at = str(e.at);
    if (!at) continue;
    add({
      at,
      kind: str(e.kind) ?? 'event',
      summary: str(e.summary) ?? '',
      ...(str(e.ref) ? { ref: str(e.ref) } : {}),
      ...(str(e.by) ? { by: str(e.by) } : {}),
    });
  }
  // The correlation's timeline names the onset itself; incident_get's context only dates it.
  const named = entries.filter((e) => e.kind === 'onset');
  for (const e of named) e.onset = true;
  const onset = obj(state.correlation?.onset);
  const spike = obj(obj(state.incident?.context).metricSpike);
  const onsetAt = str(onset.at) ?? str(spike.onset);
  if (onsetAt && !named.length) {
    const signal = str(onset.signal) ?? str(spike.signal) ?? 'the service';
    const from = numOf(onset.from) ?? numOf(spike.from);
    const to = numOf(onset.to) ?? numOf(spike.to);
    add({
      at: onsetAt,
      kind: 'onset',
      summary: `${signal} changed${from !== undefined && to !== undefined ? ` from ${num(from)} to ${num(to)}` : ''}`,
      onset: true,
    });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function header(): HTMLElement {
  const inc = obj(state.incident?.incident);
  const id = state.incidentId ?? 'Incident';
  const title = str(inc.title);
  return h(
    'header',
    {},
    h('h1', {}, id, title ? ': ' : '', title ? quoted(title) : null),
    h(
      'p',
      {},
      str(inc.status) ? h('span', { class: `badge status-${str(inc.status)}` }, str(inc.status)) : null,
      str(inc.severity)
        ? h('span', { class: `badge severity-${str(inc.severity)}` }, str(inc.severity))
        : null,
      str(inc.service) ? ` ${str(inc.service)}` : '',
      str(inc.openedAt) ? h('span', { class: 'muted' }, ` opened ${when(str(inc.openedAt)!)}`) : null,
    ),
  );
}

function hypotheses(view: ViewRuntime, status: HTMLElement): HTMLElement {
  const list = arr(state.correlation?.hypotheses)
    .map(obj)
    .sort((a, b) => (numOf(a.rank) ?? 99) - (numOf(b.rank) ?? 99));
  const section = h(
    'section',
    { 'aria-labelledby': 'hypotheses-title' },
    h('h2', { id: 'hypotheses-title' }, 'Likely causes'),
  );
  if (!state.correlation) {
    section.append(h('p', { class: 'muted' }, 'Not correlated yet.'));
    if (state.incidentId) {
      const id = state.incidentId;
      section.append(
        actionButton('Correlate', 'incident_correlate through the host (gated and audited)', () =>
          callThroughHost(view, status, {
            tool: 'incident_correlate',
            args: { incident: id },
            busy: 'Correlating through the host…',
            failed: 'Correlation failed.',
          }),
        ),
      );
    }
    return section;
  }
  if (!list.length) {
    section.append(h('p', { class: 'muted' }, str(state.correlation.next) ?? 'No candidate cause found.'));
    return section;
  }
  section.append(
    h(
      'ol',
      { class: 'hypotheses' },
      ...list.map((hyp) => {
        const confidence = numOf(hyp.confidence) ?? 0;
        const evidence = arr(hyp.evidence).map(obj);
        const runbooks = arr(hyp.suggestedRunbooks).flatMap((r) => {
          const name = obj(r).name;
          return typeof name === 'string' ? [name] : [];
        });
        const meter = h('meter', {
          min: 0,
          max: 1,
          value: confidence,
          title: `confidence ${percent(confidence)}`,
        });
        return h(
          'li',
          { class: 'hypothesis', 'data-rank': numOf(hyp.rank) ?? '' },
          h(
            'div',
            { class: 'hypothesis-head' },
            h('span', { class: 'rank' }, `#${numOf(hyp.rank) ?? '?'}`),
            h('span', { class: `badge category` }, str(hyp.category) ?? ''),
            h('code', { class: 'ref' }, str(hyp.ref) ?? ''),
            meter,
            h('span', { class: 'muted' }, percent(confidence)),
          ),
          h('p', {}, quoted(str(hyp.summary) ?? '')),
          evidence.length
            ? h(
                'ul',
                { class: 'evidence' },
                ...evidence.map((ev) =>
                  h(
                    'li',
                    {},
                    h('span', { class: 'badge' }, str(ev.kind) ?? 'evidence'),
                    str(ev.at) ? h('span', { class: 'muted' }, ` ${clock(str(ev.at)!)} `) : ' ',
                    quoted(str(ev.summary) ?? ''),
                  ),
                ),
                numOf(hyp.evidenceOmitted)
                  ? h('li', { class: 'muted' }, `${hyp.evidenceOmitted} more not shown`)
                  : null,
              )
            : null,
          runbooks.length ? h('p', { class: 'muted' }, `Runbooks: ${runbooks.join(', ')}`) : null,
        );
      }),
    ),
  );
  return section;
}

function timelineSection(): HTMLElement {
  const entries = timeline();
  return h(
    'section',
    { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    entries.length
      ? h(
          'ol',
          { class: 'timeline' },
          ...entries.map((e) =>
            h(
              'li',
              { class: e.onset ? 'entry onset' : 'entry' },
              h('time', { datetime: e.at }, clock(e.at)),
              h('span', { class: 'badge' }, e.kind),
              // An onset is opswarden's own reading of the signals; the rest quotes the systems.
              e.onset ? h('strong', {}, e.summary) : quoted(e.summary),
              e.by ? h('span', { class: 'muted' }, ` by ${e.by}`) : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No timeline entries.'),
  );
}

function alertsSection(): HTMLElement | null {
  const groups = arr(state.incident?.alerts).map(obj);
  if (!groups.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'alerts-title' },
    h('h2', { id: 'alerts-title' }, 'Alerts'),
    ...groups.map((g) =>
      h(
        'div',
        { class: 'alert-group' },
        h('h3', {}, str(g.service) ?? '(none)'),
        h(
          'ul',
          {},
          ...arr(g.alerts)
            .map(obj)
            .map((a) => {
              const cause = obj(a.explainedBy);
              return h(
                'li',
                { class: 'alert' },
                h('span', { class: `badge status-${str(a.status) ?? ''}` }, str(a.status) ?? ''),
                ' ',
                quoted(str(a.alertname) ?? ''),
                h(
                  'span',
                  { class: 'muted' },
                  ` ${str(a.severity) ?? ''} since ${clock(str(a.startsAt) ?? '')}`,
                ),
                str(a.summary) ? h('div', {}, quoted(str(a.summary)!)) : null,
                str(cause.alertname)
                  ? h(
                      'div',
                      { class: 'muted' },
                      'explained by ',
                      quoted(str(cause.alertname)!),
                      str(cause.service) ? ` on ${str(cause.service)}` : '',
                    )
                  : null,
              );
            }),
          numOf(g.omitted) ? h('li', { class: 'muted' }, `${g.omitted} more not shown`) : null,
        ),
      ),
    ),
  );
}

function render(result: ToolResult, view: ViewRuntime): void {
  absorb(obj(result.structuredContent));
  const status = h('p', { class: 'status muted', role: 'status' });
  const actions = h('div', { class: 'actions' });
  if (state.incidentId && !state.incident) {
    const id = state.incidentId;
    actions.append(
      actionButton('Load incident', 'incident_get through the host (gated and audited)', () =>
        callThroughHost(view, status, {
          tool: 'incident_get',
          args: { incident: id },
          busy: 'Loading through the host…',
          failed: 'Loading failed.',
        }),
      ),
    );
  }
  actions.append(status);
  const next = str(state.correlation?.next) ?? str(state.incident?.next);
  replace(
    view.root,
    header(),
    hypotheses(view, status),
    timelineSection(),
    alertsSection(),
    next ? h('p', { class: 'next' }, h('strong', {}, 'Next: '), next) : '',
    h(
      'p',
      { class: 'muted legend' },
      h('q', { class: 'untrusted' }, 'Quoted'),
      ' text comes from the observed systems: data, not instructions.',
    ),
    actions,
  );
}

startView('incident', render);
