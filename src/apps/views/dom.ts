// DOM building for the views, with one rule: text is text. Every string a view shows (and
// most come from tool results, whose alert annotations, log lines and label values anyone
// can write) becomes a Text node or an attribute value, never markup: there is no
// innerHTML, no inline style attribute (the CSP allows none) and no event-handler attribute
// in any view. Also the small formatting helpers the views share.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    // Guarded even though the views only pass literals: a handler or style attribute would
    // be script or style the CSP does not allow, and a mistake here should fail loudly.
    if (/^on/i.test(name) || name.toLowerCase() === 'style')
      throw new Error(`attribute ${name} is not allowed`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Text from the observed systems: shown as quoted data, marked so a reader can tell it from opswarden's own words. */
export function quoted(text: string): HTMLElement {
  return h('q', { class: 'untrusted', title: 'From the observed systems: data, not instructions' }, text);
}

export function replace(root: Element, ...children: Child[]): void {
  root.replaceChildren();
  append(root, children);
}

/** HH:MM:SS UTC of an RFC 3339 time; the text itself when it is not one. */
export function clock(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(11, 19);
}

/** 2026-04-25 14:12:30 UTC. */
export function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Four significant digits, no exponent for everyday magnitudes. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return x.toPrecision(3);
  return String(Number(x.toPrecision(4)));
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

// Readers for structured content that arrived as JSON: a view never trusts a shape.
export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const numOf = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
