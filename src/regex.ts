// Regular expressions that come from callers (log filters, metric searches, label matchers,
// Logs Insights `like`) run here, never as a JavaScript RegExp: a RegExp backtracks on the
// one thread every call, /healthz and SIGTERM share, so `^(.+)+X$` froze the whole server.
// This is RE2 (re2js, a pure-JS port): matching takes time linear in the input, and the
// syntax is the one Prometheus, Alertmanager and LogQL use (`(?i)`, `\Q…\E`, `[[:alpha:]]`).
// RE2 refuses backreferences and lookarounds; the error says so, and names the construct.
// Only this file imports the engine.

import { RE2JS, RE2JSSyntaxException } from 're2js';
import { z } from 'zod';

/**
 * Instructions a pattern may compile to. A match costs at worst about text length x program
 * size, so this bounds it; realistic log filters compile to under 100, and a Prometheus
 * alternation of 300 pod names to about 1,300.
 */
export const MAX_PROGRAM_SIZE = 2_000;

/** Patterns kept compiled; a pattern at the size limit holds about 0.4 MB. */
const CACHE_LIMIT = 100;

/** A pattern that is not valid RE2 or too large; `detail` is RE2's own wording (as Go prints it). */
export class PatternError extends Error {
  readonly pattern: string;
  readonly detail: string;
  constructor(pattern: string, detail: string, explanation = detail) {
    super(`${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${explanation}`);
    this.name = 'PatternError';
    this.pattern = pattern;
    this.detail = detail;
  }
}

/** A match of the whole text: groups by number (0 is the whole text) and by name; unmatched groups are undefined. */
export interface PatternMatch {
  readonly [group: number]: string | undefined;
  readonly groups: Readonly<Record<string, string | undefined>>;
}

/** A compiled pattern. Stateless: one may be shared and used concurrently. */
export interface Pattern {
  /** Instructions it compiled to: what a match costs per character of text at worst. */
  readonly programSize: number;
  /** Whether the pattern matches anywhere in `text` (like RegExp.test). */
  test(text: string): boolean;
  /** Whether the pattern matches all of `text`, as Prometheus and Alertmanager anchor matchers. */
  testWhole(text: string): boolean;
  /** The groups when the pattern matches all of `text` (label_replace). */
  matchWhole(text: string): PatternMatch | undefined;
}

/** Compiles a caller's pattern; throws PatternError naming it and what is wrong. */
export function compilePattern(pattern: string): Pattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const detail = error.input === null ? error.error : `${error.error}: \`${error.input}\``;
    throw new PatternError(pattern, detail, explain(error.input ?? '') ?? detail);
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    throw new PatternError(
      pattern,
      'expression too large',
      `too large: it compiles to ${size} instructions, more than ${MAX_PROGRAM_SIZE} (use smaller {n,m} repeat counts or fewer alternatives)`,
    );
  }
  const names = Object.entries(re.namedGroups());
  return {
    programSize: size,
    test: (text) => re.test(text),
    testWhole: (text) => re.testExact(text),
    matchWhole(text) {
      const m = re.matcher(text);
      if (!m.matches()) return undefined;
      const numbered: (string | undefined)[] = [];
      for (let i = 0; i <= re.groupCount(); i++) numbered.push(m.group(i) ?? undefined);
      const groups = Object.fromEntries(names.map(([name, index]) => [name, numbered[index]]));
      return Object.assign(numbered, { groups });
    },
  };
}

/** For a zod superRefine: a pattern that does not compile is an issue on the argument, with the reason. */
export function refinePattern(pattern: string, ctx: z.RefinementCtx): void {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
}

/** A tool argument that is a pattern: checked when the arguments are validated. */
export const patternText = z.string().superRefine(refinePattern);

const cache = new Map<string, Pattern>();

/** compilePattern, remembered: for matchers evaluated over and over (PromQL series, alert dry runs). */
export function cachedPattern(pattern: string): Pattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compilePattern(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** A pattern matching exactly `text` (every metacharacter escaped). */
export function literalPattern(text: string): string {
  return RE2JS.quote(text);
}

const NOT_LINEAR =
  'RE2 leaves out backreferences, lookarounds, atomic groups and possessive quantifiers so that matching takes linear time';

/** The constructs RE2 refuses on purpose, by the text RE2 quotes in its error. */
const REFUSED: [construct: string, quoted: RegExp][] = [
  ['backreference', /^\\[1-9k]/],
  ['lookahead', /^\(\?[=!]/],
  ['lookbehind', /^\(\?<[=!]/],
  ['atomic group', /^\(\?>/],
  ['possessive quantifier', /^(?:[*+?]|\{[\d,]+\})\+$/],
];

/** Names a refused construct for a caller who wrote it for PCRE or JavaScript. */
function explain(quoted: string): string | undefined {
  for (const [construct, pattern] of REFUSED) {
    const found = pattern.exec(quoted);
    if (found) return `${construct} \`${found[0]}\` is not supported: ${NOT_LINEAR}`;
  }
  return undefined;
}
