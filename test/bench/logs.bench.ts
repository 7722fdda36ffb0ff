// `npm run bench:logs`: what an agent gets from a 100,000-line service log, shaped by
// shapeLogs versus the plain tail other MCP servers return: bytes, how many of the twelve
// known error templates survive, and time. Figures from one run over deterministic input;
// missing the goal is reported, not fatal (exit 0).

import { performance } from 'node:perf_hooks';
import { jsonBytes } from '../../src/shape/budget.ts';
import { DEFAULT_LOG_BYTES, type InputLogLine, shapeLogs } from '../../src/shape/logs.ts';
import { checkoutServiceLog, KNOWN_ERRORS } from './logs-fixture.ts';
import { table } from './stats.ts';

const TOOL_BUDGET_BYTES = 16_384;
const TIGHT_BYTES = 4_000;

interface Row {
  method: string;
  bytes: number;
  retained: number;
  ms: number;
}

/** The last n lines as text, the way a plain `tailLines` log tool returns them. */
function tail(lines: InputLogLine[], n: number): string {
  return lines
    .slice(-n)
    .map((l) => l.text)
    .join('\n');
}

function retainedErrors(output: string): number {
  return KNOWN_ERRORS.filter((e) => output.includes(e.fixedText)).length;
}

type Output = { text: string; bytes: number };

async function measure(method: string, run: () => Output | Promise<Output>): Promise<Row> {
  const started = performance.now();
  const { text, bytes } = await run();
  const ms = performance.now() - started;
  return { method, bytes, retained: retainedErrors(text), ms };
}

const lines = [...checkoutServiceLog()];
const inputBytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l.text) + 1, 0);
const lastLines = (n: number) => tail(lines, n);
const absentFromTail = (n: number) => KNOWN_ERRORS.filter((e) => !lastLines(n).includes(e.fixedText)).length;

const shaped = (maxBytes: number) => async () => {
  const result = await shapeLogs(lines, { maxBytes });
  return { text: JSON.stringify(result), bytes: jsonBytes(result) };
};
const tailed = (n: number) => () => {
  const text = tail(lines, n);
  return { text, bytes: Buffer.byteLength(text) };
};

const rows = [
  await measure(
    `shapeLogs, default maxBytes ${DEFAULT_LOG_BYTES.toLocaleString('en')}`,
    shaped(DEFAULT_LOG_BYTES),
  ),
  await measure(`shapeLogs, maxBytes ${TIGHT_BYTES.toLocaleString('en')}`, shaped(TIGHT_BYTES)),
  await measure('tailLines=100 (plain text)', tailed(100)),
  await measure('tailLines=1000 (plain text)', tailed(1000)),
];

console.log(
  `Log shaping: ${lines.length.toLocaleString('en')} lines (${(inputBytes / 1e6).toFixed(1)} MB) of a checkout ` +
    `service, ${KNOWN_ERRORS.length} known error templates (${absentFromTail(100)} absent from the last 100 lines, ` +
    `${absentFromTail(1000)} from the last 1,000)\n`,
);
console.log(
  table(
    ['method', 'bytes returned', 'error templates retained', 'time'],
    rows.map((r) => [
      r.method,
      r.bytes.toLocaleString('en'),
      `${r.retained}/${KNOWN_ERRORS.length} (${Math.round((r.retained / KNOWN_ERRORS.length) * 100)}%)`,
      `${r.ms.toFixed(1)} ms`,
    ]),
  ),
);
const shapedDefault = rows[0]!;
const goalMet = shapedDefault.retained === KNOWN_ERRORS.length && shapedDefault.bytes < TOOL_BUDGET_BYTES;
console.log(
  `\nGoal: every distinct error template retained in under 16 KB (${TOOL_BUDGET_BYTES.toLocaleString('en')} bytes): ` +
    `${goalMet ? 'yes' : 'no'} (${shapedDefault.retained}/${KNOWN_ERRORS.length} in ${shapedDefault.bytes.toLocaleString('en')} bytes)`,
);
