// Label matchers in the syntax of Alertmanager, amtool and PromQL (`name="value"`,
// `name=~"re"`, `name!="v"`, `name!~"re"`): parsed once here so a typo is an error that
// names the bad matcher, and evaluated here so a dry run can show which alerts a silence
// would catch without creating it. Regexes are RE2, as in Alertmanager itself.

import { cachedPattern, PatternError } from '../../regex.ts';
import type { Matcher } from './types.ts';

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))\s*$/;

/** Parses one matcher; the error quotes it and says what the syntax is. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER.exec(text);
  if (!m) {
    throw new Error(
      `bad matcher ${JSON.stringify(text)}: expected name="value", name=~"regex", name!="value" or name!~"regex"`,
    );
  }
  const [, name = '', op = '=', quoted, bare] = m;
  const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  const isRegex = op === '=~' || op === '!~';
  if (isRegex) {
    try {
      cachedPattern(value);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw new Error(`bad matcher ${JSON.stringify(text)}: invalid regex: ${err.message}`);
    }
  }
  return { name, value, isRegex, isEqual: op === '=' || op === '=~' };
}

export function parseMatchers(texts: readonly string[]): Matcher[] {
  return texts.map(parseMatcher);
}

/** The matcher back in its text form, e.g. `service=~"check.*"`. */
export function formatMatcher(m: Matcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

/** Alertmanager's semantics: regexes are anchored, and a missing label is the empty string. */
export function matchesLabels(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => {
    const actual = labels[m.name] ?? '';
    const hit = m.isRegex ? cachedPattern(m.value).testWhole(actual) : actual === m.value;
    return hit === m.isEqual;
  });
}
