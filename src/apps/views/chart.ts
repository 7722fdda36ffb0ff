// The PromQL range chart (ui://opswarden/prom-range-chart): a prom_query_range result
// drawn as small multiples on one time axis, one SVG path per series with its own scale
// (a 5xx rate and a request rate side by side stay readable), each series' change points
// marked, and the onset, the first change of any series, as one line across all of them.
// Plain SVG: the result is at most 50 series of a few hundred points, which needs no chart
// library. The lines are the raw points when the result has them (raw: true); otherwise the
// 24-bucket shape the tool sends for the model, and Refresh asks for the raw points.

import { actionButton, callThroughHost, startView, type ToolResult, type ViewRuntime } from './connect.ts';
import { arr, clock, h, type Json, num, numOf, obj, replace, s, str, when } from './dom.ts';

const SPARKS = '▁▂▃▄▅▆▇█';
const WIDTH = 720;
const PAD_X = 10;
const TOP = 26;
const ROW = 46;
const LABEL = 18;
const GAP = 14;
const AXIS = 22;

interface ChangePoint {
  at: string;
  t: number;
  before: number;
  after: number;
  delta: number;
}

interface Series {
  labels: Record<string, string>;
  min: number;
  max: number;
  last: number | undefined;
  shape: string;
  deviation: number;
  points: [number, number][] | undefined;
  changePoints: ChangePoint[];
}

function labelsOf(v: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return parts.length ? `{${parts.join(', ')}}` : '(the only series)';
}

/** What fits left of the range on a row (monospace); the whole label is in its title and the table. */
function clip(text: string, max = 78): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function seriesOf(v: unknown): Series {
  const o = obj(v);
  const stats = obj(o.stats);
  const points = arr(o.points)
    .map((p) => arr(p))
    .filter((p): p is [number, number] => typeof p[0] === 'number' && typeof p[1] === 'number');
  return {
    labels: labelsOf(o.labels),
    min: numOf(stats.min) ?? 0,
    max: numOf(stats.max) ?? 0,
    last: numOf(stats.last),
    shape: str(o.shape) ?? '',
    deviation: numOf(o.deviation) ?? 0,
    points: points.length ? points : undefined,
    changePoints: arr(o.changePoints).flatMap((c) => {
      const cp = obj(c);
      const at = str(cp.at);
      const t = at ? Date.parse(at) : Number.NaN;
      if (!at || Number.isNaN(t)) return [];
      return [
        { at, t, before: numOf(cp.before) ?? 0, after: numOf(cp.after) ?? 0, delta: numOf(cp.delta) ?? 0 },
      ];
    }),
  };
}

/** The line of one series as (time ms, 0..1 of its row) pairs; NaN breaks the line. */
function lineOf(series: Series, t0: number, t1: number): [number, number][] {
  const span = series.max - series.min;
  const frac = (v: number) => (span > 0 ? (v - series.min) / span : 0.5);
  if (series.points) return series.points.map(([t, v]) => [t * 1000, frac(v)]);
  const n = series.shape.length;
  return [...series.shape].map((ch, k) => {
    const level = SPARKS.indexOf(ch);
    const t = t0 + ((k + 0.5) / Math.max(1, n)) * (t1 - t0);
    return [t, level < 0 ? Number.NaN : (level + 0.5) / SPARKS.length];
  });
}

/** The line's level at time t (linear between its points), so a change point sits on its line. */
function levelAt(line: [number, number][], t: number): number {
  const known = line.filter(([, f]) => !Number.isNaN(f));
  const next = known.findIndex(([lt]) => lt >= t);
  if (next === -1) return known.at(-1)?.[1] ?? Number.NaN;
  if (next === 0) return known[0]![1];
  const [ta, fa] = known[next - 1]!;
  const [tb, fb] = known[next]!;
  return tb === ta ? fb : fa + ((t - ta) / (tb - ta)) * (fb - fa);
}

function pathOf(line: [number, number][], x: (t: number) => number, y: (f: number) => number): string {
  let d = '';
  let pen = false;
  for (const [t, f] of line) {
    if (Number.isNaN(f)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(f).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function chart(series: Series[], t0: number, t1: number, onset: ChangePoint | undefined): SVGSVGElement {
  const height = TOP + series.length * (LABEL + ROW + GAP) + AXIS;
  const x = (t: number) =>
    PAD_X + ((Math.min(Math.max(t, t0), t1) - t0) / Math.max(1, t1 - t0)) * (WIDTH - 2 * PAD_X);
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': `${series.length} series from ${when(new Date(t0).toISOString())} to ${when(new Date(t1).toISOString())}`,
    class: 'chart',
  });
  series.forEach((sr, i) => {
    const top = TOP + i * (LABEL + ROW + GAP);
    const rowTop = top + LABEL;
    const y = (f: number) => rowTop + ROW - Math.min(1, Math.max(0, f)) * ROW;
    const span = sr.max - sr.min;
    const frac = (v: number) => (span > 0 ? (v - sr.min) / span : 0.5);
    const line = lineOf(sr, t0, t1);
    svg.append(
      s(
        'text',
        { x: PAD_X, y: top + 12, class: 'series-label' },
        clip(labelText(sr.labels)),
        s('title', {}, labelText(sr.labels)),
      ),
      s(
        'text',
        { x: WIDTH - PAD_X, y: top + 12, class: 'series-range', 'text-anchor': 'end' },
        `${num(sr.min)} … ${num(sr.max)}${sr.last === undefined ? '' : `, last ${num(sr.last)}`}`,
      ),
      s('rect', { x: PAD_X, y: rowTop, width: WIDTH - 2 * PAD_X, height: ROW, class: 'row' }),
      s('path', { d: pathOf(line, x, y), class: 'series', 'data-series': i }),
    );
    for (const cp of sr.changePoints) {
      const level = levelAt(line, cp.t);
      svg.append(
        s(
          'circle',
          { cx: x(cp.t), cy: y(Number.isNaN(level) ? frac(cp.after) : level), r: 4, class: 'change-point' },
          s(
            'title',
            {},
            `${clock(cp.at)} UTC: ${num(cp.before)} → ${num(cp.after)} (${cp.delta >= 0 ? '+' : ''}${num(cp.delta)})`,
          ),
        ),
      );
    }
  });
  const bottom = height - AXIS;
  for (let k = 0; k <= 4; k++) {
    const t = t0 + (k / 4) * (t1 - t0);
    const anchor = k === 0 ? 'start' : k === 4 ? 'end' : 'middle';
    svg.append(
      s('line', { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 4, class: 'tick' }),
      s(
        'text',
        { x: x(t), y: bottom + 16, 'text-anchor': anchor, class: 'axis' },
        clock(new Date(t).toISOString()).slice(0, 5),
      ),
    );
  }
  svg.append(s('line', { x1: PAD_X, x2: WIDTH - PAD_X, y1: bottom, y2: bottom, class: 'axis-line' }));
  if (onset) {
    const ox = x(onset.t);
    svg.append(
      s(
        'line',
        { x1: ox, x2: ox, y1: TOP - 6, y2: bottom, class: 'onset' },
        s('title', {}, `onset ${when(onset.at)}`),
      ),
      s(
        'text',
        { x: ox, y: TOP - 10, 'text-anchor': ox > WIDTH * 0.8 ? 'end' : 'start', class: 'onset-label' },
        `onset ${clock(onset.at).slice(0, 5)} UTC`,
      ),
    );
  }
  return svg;
}

function render(result: ToolResult, view: ViewRuntime): void {
  const sc = obj(result.structuredContent);
  const series = arr(sc.series).map(seriesOf);
  const start = str(sc.start) ?? '';
  const end = str(sc.end) ?? '';
  const t0 = Date.parse(start);
  const t1 = Date.parse(end);
  const onset = series
    .flatMap((sr) => sr.changePoints)
    .sort((a, b) => a.t - b.t)
    .at(0);
  const status = h('p', { class: 'status muted', role: 'status' });
  const refresh = actionButton(
    'Refresh',
    'Run the query again with raw points (prom_query_range, through the host: gated and audited)',
    async () => {
      const args: Json = { ...view.args() };
      if (typeof args.query !== 'string') Object.assign(args, { query: sc.query, start, end, step: sc.step });
      await callThroughHost(view, status, {
        tool: 'prom_query_range',
        args: { ...args, raw: true },
        busy: 'Querying through the host…',
        failed: 'The query failed.',
      });
    },
  );
  const exact = series.length > 0 && series.every((sr) => sr.points);
  const common = labelText(labelsOf(sc.commonLabels));
  replace(
    view.root,
    h(
      'header',
      {},
      h('h1', {}, 'PromQL range'),
      h('code', { class: 'query' }, str(sc.query) ?? ''),
      h(
        'p',
        { class: 'muted' },
        `${when(start)} – ${when(end)}, step ${str(sc.step) ?? '?'}; ${numOf(sc.seriesCount) ?? series.length} series`,
        numOf(sc.omittedSeries) ? `, ${sc.omittedSeries} that moved least not shown` : '',
        Object.keys(obj(sc.commonLabels)).length ? `; all ${common}` : '',
      ),
      str(sc.stepNote) ? h('p', { class: 'muted' }, str(sc.stepNote)) : null,
    ),
    series.length && !Number.isNaN(t0) && !Number.isNaN(t1)
      ? chart(series, t0, t1, onset)
      : h('p', { class: 'muted' }, str(sc.hint) ?? 'No series in this range.'),
    h(
      'p',
      { class: 'muted legend' },
      exact
        ? 'Lines: the raw points.'
        : 'Lines: the 24-bucket shape of each series (Refresh for the raw points).',
      ' Dots: change points (mean before → after). ',
      onset ? `Onset: the first change, ${when(onset.at)}.` : 'No change point in this range.',
    ),
    series.length
      ? h(
          'table',
          { class: 'series-table' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, 'series'), h('th', {}, 'min … max'), h('th', {}, 'changed')),
          ),
          h(
            'tbody',
            {},
            ...series.map((sr) =>
              h(
                'tr',
                {},
                h('td', {}, labelText(sr.labels)),
                h('td', {}, `${num(sr.min)} … ${num(sr.max)}`),
                h(
                  'td',
                  {},
                  sr.changePoints.length
                    ? sr.changePoints
                        .map((cp) => `${clock(cp.at).slice(0, 5)}: ${num(cp.before)} → ${num(cp.after)}`)
                        .join('; ')
                    : '—',
                ),
              ),
            ),
          ),
        )
      : null,
    h('div', { class: 'actions' }, refresh, status),
  );
}

startView('prom-range-chart', render);
