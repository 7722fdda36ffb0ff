// The one module that runs callers' patterns (src/regex.ts): RE2 syntax as Prometheus and
// Alertmanager speak it, the constructs RE2 refuses named in the error, and patterns that
// make a backtracking engine run for ages finishing at once. Those run in a worker thread,
// so a regression (a backtracking engine) fails the watchdog instead of freezing the test.

import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  cachedPattern,
  compilePattern,
  literalPattern,
  MAX_PROGRAM_SIZE,
  PatternError,
} from '../../src/regex.ts';

const WATCHDOG_MS = 20_000;

/** Runs `compilePattern(pattern).test(text)` for each case in a worker; rejects if it is still running after the watchdog. */
function testInWorker(cases: { pattern: string; text: string }[]): Promise<boolean[]> {
  const moduleUrl = new URL('../../src/regex.ts', import.meta.url).href;
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(${JSON.stringify(moduleUrl)}).then(({ compilePattern }) =>
       parentPort.postMessage(workerData.map((c) => compilePattern(c.pattern).test(c.text))));`,
    { eval: true, workerData: cases },
  );
  return new Promise<boolean[]>((resolve, reject) => {
    const watchdog = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`matching still running after ${WATCHDOG_MS / 1000} s: the engine backtracks`));
    }, WATCHDOG_MS);
    worker.once('message', (results: boolean[]) => {
      clearTimeout(watchdog);
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', (err) => {
      clearTimeout(watchdog);
      reject(err);
    });
  });
}

function refusal(pattern: string): PatternError {
  try {
    compilePattern(pattern);
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
  throw new Error(`${pattern} compiled`);
}

describe('compilePattern', () => {
  it('finishes patterns that make a backtracking engine run for ages', async () => {
    const a = 'a'.repeat(100_000);
    const results = await testInWorker([
      { pattern: '^(.+)+X$', text: a },
      { pattern: '(a|aa)+$', text: `${a}!` },
      { pattern: '(x+x+)+y', text: 'x'.repeat(100_000) },
      { pattern: '^(\\w+\\s?)*$', text: `${'word '.repeat(20_000)}!` },
      { pattern: '(.*a){20}', text: a.slice(0, 19) },
      { pattern: '^(.+)+X$', text: `${a}X` },
    ]);
    expect(results).toEqual([false, false, false, false, false, true]);
  });

  it('speaks RE2 as Prometheus and Alertmanager do', () => {
    expect(compilePattern('(?i)error|timeout').test('upstream TIMEOUT after 5s')).toBe(true);
    expect(compilePattern('(?i)é').test('CAFÉ')).toBe(true);
    expect(compilePattern('\\Qa.b\\E').test('axb')).toBe(false);
    expect(compilePattern('\\Qa.b\\E').test('a.b')).toBe(true);
    expect(compilePattern('^[[:digit:]]+$').test('2024')).toBe(true);
    expect(compilePattern('\\p{Greek}').test('λ')).toBe(true);
    expect(compilePattern('a.b').test('a\nb')).toBe(false);
    expect(compilePattern('(?s)a.b').test('a\nb')).toBe(true);
    expect(compilePattern('\\-').test('-')).toBe(true);
  });

  it('testWhole anchors the whole alternation, as Prometheus `^(?:…)$` does', () => {
    const p = compilePattern('check|checkout');
    expect(p.testWhole('checkout')).toBe(true);
    expect(p.testWhole('checkout-1')).toBe(false);
    expect(p.test('checkout-1')).toBe(true);
    expect(compilePattern('a|').testWhole('')).toBe(true);
  });

  it('matchWhole gives numbered and named groups, undefined when a group took no part', () => {
    const m = compilePattern('(?P<svc>[a-z]+)-(\\d+)?(x)?').matchWhole('checkout-12');
    expect([m?.[0], m?.[1], m?.[2], m?.[3]]).toEqual(['checkout-12', 'checkout', '12', undefined]);
    expect(m?.groups).toEqual({ svc: 'checkout' });
    expect(compilePattern('(a+)').matchWhole('aab')).toBeUndefined();
  });

  it.each([
    ['(a)\\1', 'backreference `\\1`'],
    ['(?P<n>a)\\k<n>', 'backreference `\\k`'],
    ['foo(?=bar)', 'lookahead `(?=`'],
    ['foo(?!bar)', 'lookahead `(?!`'],
    ['(?<=foo)bar', 'lookbehind `(?<=`'],
    ['(?<!foo)bar', 'lookbehind `(?<!`'],
    ['(?>a+)b', 'atomic group `(?>`'],
    ['a*+b', 'possessive quantifier `*+`'],
    ['a{2,3}+', 'possessive quantifier `{2,3}+`'],
  ])('refuses %s, naming the %s and why', (pattern, construct) => {
    const err = refusal(pattern);
    expect(err.message).toBe(
      `${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${construct} is not supported: RE2 leaves out backreferences, lookarounds, atomic groups and possessive quantifiers so that matching takes linear time`,
    );
    expect(err.pattern).toBe(pattern);
  });

  it('keeps RE2’s own words in detail, as Prometheus would print them', () => {
    expect(refusal('foo(?=bar)').detail).toBe('invalid or unsupported Perl syntax: `(?=`');
    expect(refusal('web-(').message).toBe(
      '"web-(" is not a valid RE2 regular expression: missing closing ): `web-(`',
    );
    expect(refusal('a{1001}').detail).toBe('invalid repeat count: `{1001}`');
  });

  it('refuses a pattern that compiles past the size limit, saying how big it is', () => {
    const big = Array.from({ length: 3 }, () => '(?:[0-9][^Q]{0,999})').join('|');
    const err = refusal(big);
    expect(err.detail).toBe('expression too large');
    expect(err.message).toMatch(
      new RegExp(`too large: it compiles to \\d+ instructions, more than ${MAX_PROGRAM_SIZE} \\(use smaller`),
    );
  });

  it('cachedPattern hands back the same compiled pattern; literalPattern escapes every metacharacter', () => {
    expect(cachedPattern('svc-.*')).toBe(cachedPattern('svc-.*'));
    const literal = compilePattern(literalPattern('a.b*(c)|[d]\\e$'));
    expect(literal.testWhole('a.b*(c)|[d]\\e$')).toBe(true);
    expect(literal.test('aXbbc')).toBe(false);
  });
});
