// `npm run bench:load [-- --duration 30s --clients 8 --node-flags="..."|none --built]`: opswarden
// served over Streamable HTTP as its own process (`opswarden serve --http`, so its RSS is
// opswarden's alone) on the customer-etl sandbox world (simulators in this process), under
// N concurrent MCP clients each running a realistic on-call read mix (pod logs, pods,
// PromQL ranges, events, deploy history) for the duration. Prints calls/s, p50/p99 latency
// per call and overall, the server's RSS sampled from /proc/<pid>/status (the goal: steady
// RSS under 300 MiB), and how long SIGTERM took to end it right after the load. The server
// runs with the heap sizing every launcher gives it (src/heap-sizing.ts) unless
// --node-flags says otherwise. Figures from one run; missing a goal is reported, not fatal.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDuration } from '../../src/duration.ts';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { CLI } from '../helpers/spawn.ts';
import { drive, READ_MIX, type Served, scenario, startServe } from './load-mix.ts';
import { formatMs, type Summary, summarize, table } from './stats.ts';

const STEADY_RSS_GOAL_MIB = 300;
const WARMUP_MS = 3_000;
const RSS_SAMPLE_MS = 500;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '30s' },
    clients: { type: 'string', default: '8' },
    /** V8 flags for the server instead of the launchers' (HEAP_FLAGS); "none" for V8's defaults. */
    'node-flags': { type: 'string' },
    /** Serve the built package (dist/cli.js, `npm run build` first) as the container does, not the source. */
    built: { type: 'boolean', default: false },
  },
});
const SERVER_CLI = flags.built ? fileURLToPath(new URL('../../dist/cli.js', import.meta.url)) : CLI;
const nodeFlags =
  flags['node-flags'] === undefined
    ? [...HEAP_FLAGS]
    : flags['node-flags'].split(' ').filter((f) => f && f !== 'none');
const durationMs = parseDuration(flags.duration);
const clientCount = Number(flags.clients);
if (!Number.isInteger(clientCount) || clientCount < 1)
  throw new Error('--clients must be a whole number >= 1');

/** `opswarden serve --http` on the sandbox's config; its logs go to a file, where it says its URL. */
function startServer(configPath: string, dir: string): Promise<Served> {
  return startServe({ cli: SERVER_CLI, nodeFlags, configPath, logPath: join(dir, 'server.log') });
}

/** Resident and peak memory of a process, in MiB, from /proc/<pid>/status. */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

interface RssSample {
  at: number;
  mib: number;
}

async function driveClients(served: Served) {
  const rss: RssSample[] = [];
  const result = await drive({
    urls: [served.url],
    clients: clientCount,
    mix: READ_MIX,
    warmupMs: WARMUP_MS,
    durationMs,
    sample: { everyMs: RSS_SAMPLE_MS, take: (at) => rss.push({ at, mib: memoryMiB(served.child.pid!).rss }) },
  });
  return { ...result, rss };
}

/** SIGTERM while the clients are gone but the server has just been busy: ms until it exited. */
async function stop(served: Served): Promise<number> {
  const t0 = performance.now();
  const exited = new Promise<void>((resolve) => served.child.once('exit', () => resolve()));
  served.child.kill('SIGTERM');
  await exited;
  return performance.now() - t0;
}

useSandboxAwsCredentials();
const sandbox = await startSandbox(scenario, { clock: 'frozen' });
try {
  const served = await startServer(sandbox.configPath, sandbox.dir);
  const idle = memoryMiB(served.child.pid!);
  const load = await driveClients(served);
  const afterLoad = memoryMiB(served.child.pid!);
  const stopMs = await stop(served);

  const all = [...load.latencies.values()].flat();
  const overall = summarize(all);
  const lastHalf = load.rss.filter((s) => s.at >= durationMs / 2).map((s) => s.mib);
  const steady = Math.max(...lastHalf);
  const row = (label: string, s: Summary) => [
    label,
    String(s.count),
    (s.count / (durationMs / 1000)).toFixed(1),
    formatMs(s.p50),
    formatMs(s.p99),
  ];
  console.log(
    `Load: ${clientCount} MCP clients over Streamable HTTP, ${durationMs / 1000}s measured after ${WARMUP_MS / 1000}s warm-up, ` +
      `opswarden serve (pid ${served.child.pid}, node flags: ${nodeFlags.join(' ') || 'none'}) on the ${scenario.name} sandbox world\n`,
  );
  console.log(
    table(
      ['call', 'ok calls', 'calls/s', 'p50', 'p99'],
      [...READ_MIX.map((r) => row(r.label, summarize(load.latencies.get(r.label)!))), row('all', overall)],
    ),
  );
  console.log(`\nerrors: ${load.errorCount} of ${load.measuredCalls} calls`);
  for (const [label, message] of load.errors) console.log(`  first error of ${label}: ${message}`);
  console.log(
    `\nserver RSS (MiB): idle ${idle.rss.toFixed(0)}, steady (max over the last half) ${steady.toFixed(0)}, ` +
      `after load ${afterLoad.rss.toFixed(0)}, peak (VmHWM) ${afterLoad.peak.toFixed(0)}`,
  );
  console.log(
    `  samples every ${RSS_SAMPLE_MS} ms: ${load.rss
      .filter((_, i) => i % Math.max(1, Math.floor(load.rss.length / 12)) === 0)
      .map((s) => s.mib.toFixed(0))
      .join(' ')}`,
  );
  console.log(`SIGTERM right after the load: exited in ${stopMs.toFixed(0)} ms`);
  console.log(
    `\nGoal: steady RSS under ${STEADY_RSS_GOAL_MIB} MiB: ${steady < STEADY_RSS_GOAL_MIB ? 'yes' : 'no'} (${steady.toFixed(0)} MiB)`,
  );
} finally {
  await sandbox.close();
}
