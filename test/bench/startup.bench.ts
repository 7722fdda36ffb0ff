// `npm run bench:startup [-- --runs 15]`: how long an MCP client waits for opswarden over
// stdio, from spawn to the answers of initialize and tools/list (as Claude Desktop starts
// it), for the built package (dist/cli.js, what `npx opswarden` runs) and for the source
// run with type stripping, beside `node -e 0` (Node's own start) in the same run. Runs are
// interleaved so the load of a shared machine falls on every variant alike; the ratio to
// `node -e 0` is the figure to compare across machines; so is the CPU time a server has
// used by its answer (Linux /proc: all its threads), which the load of other processes on
// the machine does not inflate as it does wall time. Goal: the built package's median at
// most 400 ms. A missed goal is reported, not fatal (exit 0).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { REPO } from '../helpers/world.ts';
import { formatMs, summarize, table } from './stats.ts';

const GOAL_MS = 400;
const BUILT_CLI = join(REPO, 'dist/cli.js');
const SOURCE_CLI = join(REPO, 'src/cli.ts');
const ANSWER_TIMEOUT_MS = 30_000;
/** USER_HZ of /proc times: 100 on every Linux architecture Node ships for. */
const CLOCK_TICKS_PER_SECOND = 100;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number above 0, not ${values.runs}`);
if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first`);

const dir = mkdtempSync(join(tmpdir(), 'opswarden-startup-'));
const configPath = join(dir, 'opswarden.yaml');
// The smallest useful config: built-in policy and runbooks, a store of its own, quiet logs.
writeFileSync(configPath, `store: { path: ${join(dir, 'opswarden.db')} }\nlogging: { level: warn }\n`);

interface Variant {
  name: string;
  args: string[];
  /** Whether the child serves MCP (timed to the tools/list answer) or just exits. */
  serves: boolean;
  env?: NodeJS.ProcessEnv;
}

const nodeAlone: Variant = { name: 'node -e 0', args: ['-e', '0'], serves: false };
const built: Variant = {
  name: 'built: node dist/cli.js serve',
  args: [BUILT_CLI, 'serve', '--config', configPath],
  serves: true,
};
// A first start after install: V8 compiles the bundle, nothing comes from the compile cache.
const builtUncached: Variant = {
  ...built,
  name: 'built, compile cache off',
  env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
};
const source: Variant = {
  name: 'source: node src/cli.ts serve',
  args: [SOURCE_CLI, 'serve', '--config', configPath],
  serves: true,
};
const variants = [nodeAlone, built, builtUncached, source];

interface Sample {
  /** Wall time from spawn to the answer of tools/list (or to exit, for a child that does not serve). */
  ms: number;
  /** CPU time the server had used by its answer; undefined for a child that does not serve. */
  cpuMs?: number;
}

/** User + system CPU of a running process, all threads (fields 14 and 15 of /proc/<pid>/stat, in ticks). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_SECOND);
}

function sample(variant: Variant): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, variant.args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: variant.env,
    });
    let stderr = '';
    let answered: Sample | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), ANSWER_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', reject);
    // Resolved once the child has gone, so no run overlaps the next one.
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!variant.serves) answered = { ms: performance.now() - started };
      if (answered) resolve(answered);
      else reject(new Error(`${variant.name} exited (code ${code}) before answering tools/list:\n${stderr}`));
    });
    if (!variant.serves) return;
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; error?: unknown; result?: { tools?: unknown[] } };
      if (message.error) reject(new Error(`${variant.name}: ${JSON.stringify(message.error)}`));
      if (message.id === 1) {
        send({ jsonrpc: '2.0', method: 'notifications/initialized' });
        send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
      } else if (message.id === 2) {
        answered = { ms: performance.now() - started, cpuMs: cpuMsOf(child.pid!) };
        if (!message.result?.tools?.length) reject(new Error(`${variant.name}: tools/list listed no tool`));
        child.stdin.end(); // a stdio server stops when its client goes
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'bench', version: '1' },
      },
    });
  });
}

try {
  // One unrecorded round: creates the store and fills the file cache for every variant.
  for (const variant of variants) await sample(variant);
  const samples = new Map(variants.map((v) => [v, [] as Sample[]]));
  for (let i = 0; i < runs; i++)
    for (const variant of variants) samples.get(variant)!.push(await sample(variant));

  const summaries = new Map(variants.map((v) => [v, summarize(samples.get(v)!.map((s) => s.ms * 1e6))]));
  const cpu = (v: Variant) => {
    const ns = samples.get(v)!.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs * 1e6]));
    return ns.length ? formatMs(summarize(ns).p50) : '-';
  };
  const baseline = summaries.get(nodeAlone)!.p50;
  console.log(
    `opswarden startup over stdio: spawn -> initialize + tools/list answered; ${runs} runs each, interleaved, node ${process.version}\n`,
  );
  console.log(
    table(
      ['variant', 'median', 'p90', 'min', 'median / node -e 0', 'CPU by the answer (median)'],
      variants.map((v) => {
        const s = summaries.get(v)!;
        return [
          v.name,
          formatMs(s.p50),
          formatMs(s.p90),
          formatMs(s.min),
          `${(s.p50 / baseline).toFixed(1)}x`,
          cpu(v),
        ];
      }),
    ),
  );
  const builtMedian = summaries.get(built)!.p50;
  const sourceMedian = summaries.get(source)!.p50;
  console.log(
    `\nbuilt package: median ${formatMs(builtMedian)} (goal <= ${GOAL_MS} ms: ${builtMedian <= GOAL_MS ? 'met' : 'MISSED'}); ` +
      `the source with type stripping takes ${(sourceMedian / builtMedian).toFixed(1)}x as long`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
