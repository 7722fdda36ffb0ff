// `npm run bench:regex`: what running callers' patterns on RE2 (src/regex.ts) costs next to a
// JavaScript RegExp. Realistic log filters over the 100,000-line checkout log (compile once,
// test every line); patterns that make a backtracking engine explode, on RE2 at full size
// and on RegExp only at sizes that still finish (each extra character doubles its time);
// and the slowest patterns found within the size limit, the worst a caller can ask for.
// Figures from one run; nothing is asserted (exit 0).

import { performance } from 'node:perf_hooks';
import { compilePattern, MAX_PROGRAM_SIZE } from '../../src/regex.ts';
import { MAX_FILTERED_CHARS } from '../../src/shape/logs/collect.ts';
import { checkoutServiceLog } from './logs-fixture.ts';
import { table } from './stats.ts';

const lines = [...checkoutServiceLog()].map((l) => l.text);
const megabytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0) / 1e6;

function time<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

const countMatches = (test: (line: string) => boolean) => lines.filter(test).length;
const rate = (ms: number) => `${(megabytes / (ms / 1000)).toFixed(0)} MB/s`;

const FILTERS = [
  'ERROR',
  'timeout|refused|reset by peer',
  '(?i)exception',
  'status=5\\d\\d',
  '^\\S+ \\S+ +WARN',
  'order-[0-9a-f]{8}',
];

const filterRows = FILTERS.map((filter) => {
  const re2 = time(() => compilePattern(filter));
  const re2Run = time(() => countMatches((line) => re2.value.test(line)));
  const js = filter.startsWith('(?i)') ? new RegExp(filter.slice(4), 'i') : new RegExp(filter);
  const jsRun = time(() => countMatches((line) => js.test(line)));
  return [
    filter,
    `${re2.ms.toFixed(2)} ms`,
    `${re2Run.ms.toFixed(0)} ms (${rate(re2Run.ms)})`,
    `${jsRun.ms.toFixed(0)} ms (${rate(jsRun.ms)})`,
    re2Run.value === jsRun.value ? String(re2Run.value) : `${re2Run.value} vs ${jsRun.value}!`,
  ];
});

console.log(
  `Log filters over ${lines.length.toLocaleString('en')} lines (${megabytes.toFixed(1)} MB), every line tested\n`,
);
console.log(table(['filter', 'RE2 compile', 'RE2 match', 'RegExp match', 'lines matched'], filterRows));

/** Each with input lengths at which a RegExp still finishes within a second or so. */
const CATASTROPHIC = [
  { pattern: '^(.+)+X$', text: (n: number) => 'a'.repeat(n), jsLengths: [20, 22, 24] },
  { pattern: '(a|aa)+$', text: (n: number) => `${'a'.repeat(n)}!`, jsLengths: [28, 30, 32] },
  {
    pattern: '^([a-z]+_?)+!$',
    text: (n: number) => 'httprequestsduration'.repeat(n / 20 + 1).slice(0, n),
    jsLengths: [20, 22, 24],
  },
];
const RE2_LENGTH = 1_000_000;

const catastrophicRows = CATASTROPHIC.map(({ pattern, text, jsLengths }) => {
  const js = new RegExp(pattern);
  const jsTimes = jsLengths.map((n) => `${n}: ${time(() => js.test(text(n))).ms.toFixed(0)} ms`);
  const re2 = compilePattern(pattern);
  const input = text(RE2_LENGTH);
  const re2Time = time(() => re2.test(input));
  return [
    pattern,
    jsTimes.join(', '),
    `${re2Time.ms.toFixed(1)} ms (${re2Time.value ? 'match' : 'no match'})`,
  ];
});

console.log('\nPatterns that make a backtracking engine explode (no match on any of these inputs)\n');
console.log(
  table(
    ['pattern', 'RegExp by input length (chars)', `RE2 on ${RE2_LENGTH.toLocaleString('en')} chars`],
    catastrophicRows,
  ),
);

// A counted repetition after a common character, with no literal to skip on, defeats RE2's
// lazy DFA (too many states to cache), and matching falls back to simulating the NFA: time
// ~ line length x program size. Linear, but slow: the log tools read at most
// MAX_FILTERED_CHARS of a line and yield between lines (the tool timeout then applies).
const WORST = [
  '\\d.{0,50}[QXY]',
  '\\d.{0,250}[QXY]',
  '[0-9a-z][^QXY]{0,990}[QXY]',
  '(?:[0-9][^Q]{0,99}){9}[QXY]',
];
const SAMPLE = lines.slice(0, 500);
const sampleMegabytes = SAMPLE.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0) / 1e6;
const LONG_LINE = lines.join(' ').slice(0, MAX_FILTERED_CHARS);
const worstRows = WORST.map((pattern) => {
  const re2 = compilePattern(pattern);
  const sample = time(() => SAMPLE.filter((line) => re2.test(line)).length);
  const perMegabyte = sample.ms / sampleMegabytes;
  const oneLine = time(() => re2.test(LONG_LINE));
  return [
    pattern,
    String(re2.programSize),
    `${(1000 / perMegabyte).toFixed(2)} MB/s (${((perMegabyte * megabytes) / 1000).toFixed(0)} s for the whole log)`,
    `${oneLine.ms.toFixed(0)} ms`,
  ];
});

console.log(
  `\nThe slowest patterns found under the size limit (${MAX_PROGRAM_SIZE} instructions), on the first ${SAMPLE.length} lines\n`,
);
console.log(
  table(
    [
      'pattern',
      'instructions',
      'per-line matching',
      `one ${MAX_FILTERED_CHARS.toLocaleString('en')}-char line`,
    ],
    worstRows,
  ),
);
