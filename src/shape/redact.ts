// Secrets never leave the server (DESIGN §6): tool results, tool and protocol errors,
// resources, the HTTP APIs, the audit log and the server's own logs all pass through this
// module on their way out, and the count of masks is reported so a reader knows something
// was hidden. Structure first, where there is structure: a key, an env entry's name, a
// diff's path or a CLI flag that names a secret masks its value (./redact/names.ts). Then
// patterns for free text (./redact/text.ts, ./redact/tokens.ts). Each mask reads
// `[REDACTED:<kind>]` (a URL password `***`), which no pattern matches again, so redacting
// twice changes nothing. Ids, hashes, UUIDs, digests and timestamps stay readable.

import type { InputLogLine } from './logs.ts';
import { SplitSecrets } from './redact/split.ts';
import { mark, maskForName, TEXT_PATTERNS } from './redact/text.ts';

export { secretName } from './redact/names.ts';

export interface Redacted {
  text: string;
  count: number;
}

/** Masks secrets in a text; `count` is the number of masks the result holds. */
export function redactString(s: string): Redacted {
  let text = s;
  for (const { hint, regex, mask } of TEXT_PATTERNS) {
    if (hint && !hint(text)) continue;
    text = text.replace(regex, (match: string, ...rest: unknown[]) => {
      // rest is (...groups, offset, input): no pattern uses named groups.
      const m = {
        text: match,
        groups: rest.slice(0, -2) as string[],
        offset: rest.at(-2) as number,
        input: rest.at(-1) as string,
      };
      return mask(m, inner);
    });
  }
  return { text, count: countMasks(text) };
}

/** Redacts a part of a match that is kept (a value whose key names no secret). */
function inner(s: string): string {
  return s.length < 8 ? s : redactString(s).text;
}

const MASKS = /\[REDACTED:[a-z0-9_]+\]|:\*\*\*@/g;

function countMasks(text: string): number {
  if (!text.includes('[REDACTED:') && !text.includes('***@')) return 0;
  return text.match(MASKS)?.length ?? 0;
}

/** Fields beside a name (name, key, a diff's path) that hold the named thing's value. */
const PAIR_VALUES = new Set([
  'value',
  'Value',
  'from',
  'to',
  'before',
  'after',
  'old',
  'new',
  'oldValue',
  'newValue',
  'previous',
  'current',
  'default',
]);
const PAIR_NAMES = ['name', 'Name', 'key', 'Key', 'path', 'header', 'field', 'variable'];

/**
 * Masks secrets in every string of a JSON-like value (not in keys) and returns a copy:
 * values of keys that name a secret, `{ name, value }` pairs whose name does, string arrays
 * under such a key, a flag's value in an argv array, PEM blocks split over array items, and
 * every string through the text patterns.
 */
export function redact<T>(value: T): { value: T; redactions: number } {
  let redactions = 0;
  const text = (s: string): string => {
    const r = redactString(s);
    redactions += r.count;
    return r.text;
  };
  const masked = (kind: string): string => {
    redactions++;
    return mark(kind);
  };

  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      const kind = key === undefined ? undefined : maskForName(key, node);
      return kind ? masked(kind) : text(node);
    }
    if (Array.isArray(node)) return walkArray(node, key);
    if (isPlainObject(node)) return walkObject(node);
    return node;
  };

  const walkObject = (node: Record<string, unknown>): Record<string, unknown> => {
    const label = pairName(node);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const kind = label && PAIR_VALUES.has(k) && typeof v === 'string' ? maskForName(label, v) : undefined;
      out[k] = kind ? masked(kind) : walk(v, k);
    }
    return out;
  };

  const walkArray = (items: unknown[], key?: string): unknown[] => {
    const split = new SplitSecrets();
    let flagKind: string | undefined;
    return items.map((item) => {
      if (typeof item !== 'string') {
        flagKind = undefined;
        return walk(item);
      }
      const continued = split.next(item);
      if (continued !== undefined) return text(continued);
      // argv: ["--db-password", "hunter2"]
      const kind = flagKind && !item.startsWith('-') ? maskForName(flagKind, item) : undefined;
      flagKind = /^--?[A-Za-z][\w-]*$/.test(item) ? item.replace(/^-+/, '') : undefined;
      return kind ? masked(kind) : walk(item, key);
    });
  };

  return { value: walk(value) as T, redactions };
}

/**
 * The secrets redaction took out of a value: runs of 8 or more characters of its strings
 * that the redacted copy no longer holds. A backend may echo an argument back bare, with
 * nothing around it to recognise it by (a parse error quoting one token); maskEchoes masks
 * these wherever they reappear in the same call's result, error or log lines.
 */
export function removedSecrets(original: unknown, redacted: unknown): string[] {
  const after = stringsOf(redacted).join('\n');
  const runs = stringsOf(original).flatMap((s) => s.match(RUN) ?? []);
  return [...new Set(runs.filter((run) => !after.includes(run)))].sort((a, b) => b.length - a.length);
}

const RUN = /[^\s"'`,;&=:@?#()<>[\]{}|\\]{8,}/g;

/** Masks every occurrence of these exact strings (removedSecrets) in a value; an Error keeps its type. */
export function maskEchoes<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  const mask = (s: string): string => {
    let out = s;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(mark('secret'));
    return out;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return mask(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node instanceof Error) {
      const masked = new Error(mask(node.message));
      masked.name = node.name;
      if (node.stack) masked.stack = mask(node.stack);
      return masked;
    }
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value) as T;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The name an object's value fields belong to: env `name`, ConfigMap change `key`, diff `path` (last part). */
function pairName(node: Record<string, unknown>): string | undefined {
  for (const field of PAIR_NAMES) {
    const v = node[field];
    if (typeof v !== 'string') continue;
    return field === 'path'
      ? v
          .split(/[.[\]/]/)
          .filter(Boolean)
          .at(-1)
      : v;
  }
  return undefined;
}

/**
 * Masks what belongs to a secret split over log lines (a private key's body, a YAML env
 * entry's value line; per source) before the lines are grouped into templates, where the
 * pieces would no longer be in order. The rest of each line is redacted on the way out,
 * with the shaped result.
 */
export function* maskSplitSecrets(lines: Iterable<InputLogLine>): Generator<InputLogLine> {
  const streams = new Map<string, SplitSecrets>();
  for (const line of lines) {
    const source = line.source ?? '';
    let split = streams.get(source);
    if (!split) {
      split = new SplitSecrets();
      streams.set(source, split);
    }
    const continued = split.next(line.text);
    yield continued === undefined ? line : { ...line, text: continued };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
