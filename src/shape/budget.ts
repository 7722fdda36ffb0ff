// Byte budgets for tool output (DESIGN §6): an agent's context is the scarce resource, so
// an oversized result is cut deterministically (first items of long lists, head and tail
// of long strings) until it fits, and says exactly what was cut and how to get the rest.
// Object keys are never dropped, so the cut output still matches the tool's outputSchema.

export const DEFAULT_MAX_BYTES = 16_384;

export interface Omission {
  /** JSONPath of the cut array or string, e.g. `$.pods[3].logs`. */
  path: string;
  /** Array items dropped from the end. */
  items?: number;
  /** String characters dropped from the middle. */
  chars?: number;
}

export interface Truncation {
  originalBytes: number;
  keptBytes: number;
  omitted: Omission[];
  hint: string;
}

/** At most this many cuts are itemised; the hint counts the rest. */
const MAX_LISTED_OMISSIONS = 20;
const MAX_ROUNDS = 64;

/** First pass spares short strings and keeps one item per list; the second takes what it must. */
const PHASES = [
  { minItems: 1, minChars: 256 },
  { minItems: 0, minChars: 16 },
];

type Container = Record<string, unknown> | unknown[];

interface Candidate {
  parent: Container;
  key: string | number;
  path: string;
  bytes: number;
}

interface Cut {
  /** Arrays: length before any cut. Strings: the uncut text. */
  original: number | string;
  /** Strings: characters currently kept. */
  kept?: number;
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

export function applyBudget<T extends object>(
  value: T,
  maxBytes: number,
): { value: T; truncated?: Truncation } {
  const originalBytes = jsonBytes(value);
  if (originalBytes <= maxBytes) return { value };
  const root = { value: JSON.parse(JSON.stringify(value)) as unknown };
  const cuts = new Map<string, Cut>();
  let phase = 0;
  let truncation = describe(root.value, cuts, originalBytes, maxBytes);
  for (let round = 0; round < MAX_ROUNDS && phase < PHASES.length; round++) {
    const total = truncation.keptBytes + metadataBytes(truncation);
    if (total <= maxBytes) break;
    const floor = PHASES[phase]!;
    const candidates = collect(root, cuts, floor);
    const level = waterLevel(
      candidates.map((c) => c.bytes).sort((a, b) => b - a),
      total - maxBytes,
    );
    let progressed = false;
    for (const candidate of candidates) {
      if (candidate.bytes > level && shrink(candidate, level, cuts, floor)) progressed = true;
    }
    if (!progressed) phase++;
    truncation = describe(root.value, cuts, originalBytes, maxBytes);
  }
  return { value: root.value as T, truncated: truncation };
}

/** Serialized size of `,"truncated":{…}` when added to the top-level object. */
function metadataBytes(truncation: Truncation): number {
  return jsonBytes(truncation) + ',"truncated":'.length;
}

/**
 * The largest level L such that cutting every candidate above L down to L frees `excess`
 * bytes. Nested candidates overlap, so this may free less; the caller loops.
 */
function waterLevel(sizesDescending: number[], excess: number): number {
  let sum = 0;
  for (let i = 0; i < sizesDescending.length; i++) {
    sum += sizesDescending[i]!;
    const next = sizesDescending[i + 1] ?? 0;
    if (sum - (i + 1) * next >= excess) return Math.max(0, Math.floor((sum - excess) / (i + 1)));
  }
  return 0;
}

/** Arrays and long strings that can still be cut, children before parents, sized bottom-up. */
function collect(
  root: { value: unknown },
  cuts: Map<string, Cut>,
  floor: (typeof PHASES)[number],
): Candidate[] {
  const candidates: Candidate[] = [];
  const visit = (parent: Container, key: string | number, path: string): number => {
    const node = (parent as Record<string | number, unknown>)[key];
    if (typeof node === 'string') {
      const bytes = jsonBytes(node);
      const kept = cuts.get(path)?.kept ?? node.length;
      if (kept > floor.minChars) candidates.push({ parent, key, path, bytes });
      return bytes;
    }
    if (Array.isArray(node)) {
      let bytes = 1 + Math.max(1, node.length);
      node.forEach((_, i) => {
        bytes += visit(node, i, `${path}[${i}]`);
      });
      if (node.length > floor.minItems) candidates.push({ parent, key, path, bytes });
      return bytes;
    }
    if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      let bytes = 1 + Math.max(1, keys.length);
      for (const childKey of keys) {
        bytes += jsonBytes(childKey) + 1 + visit(node as Container, childKey, childPath(path, childKey));
      }
      return bytes;
    }
    return jsonBytes(node);
  };
  visit(root, 'value', '$');
  return candidates;
}

/** Cuts one candidate towards `targetBytes`; false when it cannot shrink further in this phase. */
function shrink(
  candidate: Candidate,
  targetBytes: number,
  cuts: Map<string, Cut>,
  floor: (typeof PHASES)[number],
): boolean {
  const holder = candidate.parent as Record<string | number, unknown>;
  const node = holder[candidate.key];
  if (Array.isArray(node)) {
    let used = 2;
    let keep = 0;
    for (; keep < node.length; keep++) {
      used += jsonBytes(node[keep]) + (keep ? 1 : 0);
      if (used > targetBytes) break;
    }
    keep = Math.min(Math.max(keep, floor.minItems), node.length - 1);
    if (!cuts.has(candidate.path)) cuts.set(candidate.path, { original: node.length });
    node.length = keep;
    return true;
  }
  const cut = cuts.get(candidate.path);
  const original = typeof cut?.original === 'string' ? cut.original : (node as string);
  const kept = cut?.kept ?? original.length;
  const bytesPerChar = candidate.bytes / Math.max(1, (node as string).length);
  const markerChars = `…[${original.length} chars omitted]…`.length;
  const keep = Math.max(floor.minChars, Math.floor((targetBytes - 2) / bytesPerChar) - markerChars);
  if (keep >= kept) return false;
  holder[candidate.key] = elide(original, keep);
  cuts.set(candidate.path, { original, kept: keep });
  return true;
}

/** Keeps the first two thirds and the last third of `keep` characters around a marker. */
function elide(text: string, keep: number): string {
  let headEnd = Math.ceil((keep * 2) / 3);
  let tailStart = text.length - (keep - headEnd);
  // Never split a surrogate pair.
  if (isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd--;
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const omitted = tailStart - headEnd;
  return `${text.slice(0, headEnd)}…[${omitted} chars omitted]…${text.slice(tailStart)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Lists the cuts that are still visible (a cut inside a dropped item is covered by its parent's). */
function describe(
  value: unknown,
  cuts: Map<string, Cut>,
  originalBytes: number,
  maxBytes: number,
): Truncation {
  const omitted: Omission[] = [];
  const visit = (node: unknown, path: string): void => {
    const cut = cuts.get(path);
    if (cut && typeof node === 'string' && typeof cut.original === 'string') {
      omitted.push({ path, chars: cut.original.length - cut.kept! });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}[${i}]`);
      });
      if (cut && typeof cut.original === 'number') omitted.push({ path, items: cut.original - node.length });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) visit(child, childPath(path, key));
    }
  };
  visit(value, '$');
  const listed = omitted.slice(0, MAX_LISTED_OMISSIONS);
  const unlisted = omitted.length - listed.length;
  return {
    originalBytes,
    keptBytes: jsonBytes(value),
    omitted: listed,
    hint:
      `Output was ${originalBytes} bytes, over the ${maxBytes}-byte budget: long lists keep their first items and ` +
      `long strings their head and tail${unlisted > 0 ? ` (${unlisted} more cuts not listed)` : ''}. ` +
      'To see the rest, narrow the query (shorter time range, a selector, a lower limit), ' +
      "page with the tool's cursor if it has one, or raise maxBytes.",
  };
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
