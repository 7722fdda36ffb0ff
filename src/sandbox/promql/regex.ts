// Prometheus regexes (RE2) as JavaScript RegExps: fully anchored as Prometheus anchors label
// matchers and label_replace, with a leading `(?i)`/`(?s)` flag group (valid in RE2, not in JS)
// turned into RegExp flags. Compiled patterns are cached: a range query matches the same few
// patterns thousands of times.

import { PromqlError } from './errors.ts';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 1000;

/** `^(?:pattern)$` as a RegExp; a pattern JavaScript cannot compile is a bad_data error naming it. */
export function anchoredRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const leadingFlags = /^\(\?([imsU]+)\)/.exec(pattern);
  // RE2's named groups `(?P<name>...)` are `(?<name>...)` in JavaScript.
  const body = (leadingFlags ? pattern.slice(leadingFlags[0].length) : pattern).replace(/\(\?P</g, '(?<');
  const flags = [...new Set(leadingFlags?.[1]?.replace(/[mU]/g, '') ?? '')].join('');
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${body})$`, `${flags}u`);
  } catch {
    try {
      // RE2 accepts escapes (such as `\-`) that the unicode flag rejects.
      compiled = new RegExp(`^(?:${body})$`, flags);
    } catch (error) {
      throw new PromqlError(
        'bad_data',
        `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
      );
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}
