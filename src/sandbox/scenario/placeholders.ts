// Log text placeholders: `{int:a-b}`, `{float:a-b}`, `{uuid}`, `{hex:n}`, `{ip}`,
// `{pick:a|b|c}`. A text is compiled once (at load, to reject unknown or malformed
// placeholders with the YAML path; at render, to generate lines fast) and rendered per
// line from that line's own random stream.

import { type Random, randomHex, randomUuid } from './random.ts';

/** Literal text, or a placeholder that draws from the line's random stream. */
type Part = string | ((random: Random) => string);

export interface Template {
  parts: readonly Part[];
}

const PLACEHOLDER = /\{([a-z]+)(?::([^{}]*))?\}/g;
const INT_RANGE = /^(-?\d+)-(-?\d+)$/;
const FLOAT_RANGE = /^(-?\d+(?:\.(\d+))?)-(-?\d+(?:\.(\d+))?)$/;

const FORMS = '{int:a-b}, {float:a-b}, {uuid}, {hex:n}, {ip}, {pick:a|b|c}';

/** Parses `text`; throws naming the first bad placeholder. */
export function compileTemplate(text: string): Template {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(placeholder(match[0], match[1]!, match[2]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts };
}

export function renderTemplate(template: Template, random: Random): string {
  let out = '';
  for (const part of template.parts) out += typeof part === 'string' ? part : part(random);
  return out;
}

function placeholder(whole: string, name: string, arg: string | undefined): (random: Random) => string {
  const bad = (expected: string) => new Error(`placeholder ${whole}: expected ${expected}`);
  switch (name) {
    case 'int': {
      const range = arg === undefined ? null : INT_RANGE.exec(arg);
      if (!range || Number(range[1]) > Number(range[2])) throw bad('{int:a-b} with integers a <= b');
      const [min, max] = [Number(range[1]), Number(range[2])];
      return (random) => String(random.int(min, max));
    }
    case 'float': {
      const range = arg === undefined ? null : FLOAT_RANGE.exec(arg);
      if (!range || Number(range[1]) > Number(range[3])) throw bad('{float:a-b} with numbers a <= b');
      const [min, max] = [Number(range[1]), Number(range[3])];
      const decimals = Math.max(range[2]?.length ?? 0, range[4]?.length ?? 0, 2);
      return (random) => (min + random.next() * (max - min)).toFixed(decimals);
    }
    case 'uuid':
      if (arg !== undefined) throw bad('{uuid} without an argument');
      return randomUuid;
    case 'hex': {
      const length = Number(arg);
      if (!arg || !Number.isInteger(length) || length < 1 || length > 128)
        throw bad('{hex:n} with n from 1 to 128');
      return (random) => randomHex(random, length);
    }
    case 'ip':
      if (arg !== undefined) throw bad('{ip} without an argument');
      return (random) => `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    case 'pick': {
      const options = arg?.split('|') ?? [];
      if (!arg) throw bad('{pick:a|b|c} with at least one option');
      return (random) => random.pick(options);
    }
    default:
      throw new Error(`unknown placeholder ${whole}: expected one of ${FORMS}`);
  }
}
