// Canonical JSON: one byte-exact serialization per value, so hashes over it are stable
// across processes and runs. The audit chain, the policy digest and approval action
// hashes all depend on it: keys sorted, undefined dropped, Dates as ISO strings.

import { createHash } from 'node:crypto';

/** Sorted-key JSON. Throws on values JSON cannot represent faithfully (bigint, functions, cycles). */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, '$', new Set());
  if (out === undefined) throw new TypeError(`canonicalJson: ${typeof value} at $ has no JSON form`);
  return out;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Already-canonical JSON text, spliced in as is (saves re-serializing a known value). */
export class CanonicalText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

function serialize(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  if (value instanceof CanonicalText) return value.text;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // JSON has no NaN or Infinity; JSON.stringify would silently write null.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${path} has no JSON form`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    return JSON.stringify(value.toISOString());
  }
  if (seen.has(value)) throw new TypeError(`canonicalJson: circular reference at ${path}`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => serialize(item, `${path}[${i}]`, seen) ?? 'null').join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = serialize(record[key], `${path}.${key}`, seen);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
