// What every console page shares: how a page is started and stopped (its timers end when
// the user leaves it), polling, the error line, links between pages and the few
// formatters the pages have beyond the MCP Apps views' (whose DOM builder they use: text
// is always text).

import { h, type Json } from '../../../apps/views/dom.ts';
import { ApiError } from './api.ts';

/** A page's arguments: the route's captured parts and the hash's query (`#/audit?type=...`). */
interface Route {
  params: string[];
  query: URLSearchParams;
}

/** Draws a page into `root`; returns what stops its timers. */
export type Page = (root: HTMLElement, route: Route) => () => void;

/**
 * Runs `load` now and again `everyMs` after each run while it returns true. `load` shows
 * its own errors; one that escapes it does not stop the polling (the server may be back).
 */
export function poll(load: () => Promise<boolean>, everyMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    const again = await load().catch(() => true);
    if (again && !stopped) timer = setTimeout(run, everyMs);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The line that tells what went wrong, in the server's words. */
export function errorLine(err: unknown): HTMLElement {
  const message = err instanceof Error ? err.message : String(err);
  const status = err instanceof ApiError ? `${err.status}: ` : '';
  return h('p', { class: 'error', role: 'alert' }, `${status}${message}`);
}

export function link(hash: string, ...text: (string | Node)[]): HTMLAnchorElement {
  return h('a', { href: hash }, ...text);
}

export const approvalHref = (id: string) => `#/approvals/${encodeURIComponent(id)}`;
export const incidentHref = (id: string) => `#/incidents/${encodeURIComponent(id)}`;
export const auditHref = (filter: Record<string, string>) => `#/audit?${new URLSearchParams(filter)}`;

export function badge(status: string, kind = 'status'): HTMLElement {
  return h('span', { class: `badge ${kind}-${status.replace(/[^\w-]/g, '')}` }, status);
}

/** "12m 05s" until `iso`, or "expired". */
export function countdown(iso: string): string {
  const ms = Date.parse(iso) - Date.now();
  if (Number.isNaN(ms)) return iso;
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const [h_, m, sec] = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  return h_ ? `${h_}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** A duration in ms as "850 ms", "42 s", "3m 20s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** The fields of a JSON object as one scannable line: message, error and reason first, no digests. */
export function summarize(data: Json, width = 140): string {
  const first = ['message', 'error', 'reason'];
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  const keys = Object.keys(data)
    .filter((key) => !(typeof data[key] === 'string' && /^[0-9a-f]{40,}$/.test(data[key])))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const text = keys.map((key) => `${key}=${brief(data[key])}`).join(' ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function brief(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 39)}…` : json;
}

/** `dt`/`dd` pairs of a definition list, skipping empty values. */
export function rows(...pairs: [string, string | Node | undefined | false][]): HTMLElement[] {
  return pairs.flatMap(([label, value]) =>
    value === undefined || value === false || value === '' ? [] : [h('dt', {}, label), h('dd', {}, value)],
  );
}
