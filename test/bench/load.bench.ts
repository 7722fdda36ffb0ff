// `npm run bench:load [-- --duration 30s --clients 8 --node-flags="..."|none --built]`: opswarden
// served over Streamable HTTP as its own process (`opswarden serve --http`, so its RSS is
// opswarden's alone) on the customer-etl sandbox world (simulators in this process), under
// N concurrent MCP clients each running a realistic on-call read mix (pod logs, pods,
// PromQL ranges, events, deploy history) for the duration. Prints calls/s, p50/p99 latency
// per call and overall, the server's RSS sampled from /proc/<pid>/status (the goal: steady
// RSS under 300 MiB), and how long SIGTERM took to end it right after the load. The server
// runs with the heap sizing every launcher gives it (src/heap-sizing.ts) unless
// --node-flags says otherwise. Figures from one run; missing a goal is reported, not fatal.

import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { resolveScenarioPath } from '../../src/cli/sandbox.ts';
import { parseDuration } from '../../src/duration.ts';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { eventually } from '../helpers/eventually.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';
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

const scenario = loadScenario(resolveScenarioPath('customer-etl'));
const worldNow = scenario.spec.now.getTime();
const worldTime = (offsetMs: number) => new Date(worldNow + offsetMs).toISOString();
/** The served process runs on the wall clock and the world is frozen at its `now`: windows are absolute. */
const DAYS_SINCE_WORLD = Math.ceil((Date.now() - worldNow) / 86_400_000) + 1;

/** What an agent on call for customer-etl reads, in the order it tends to read it. */
const READ_MIX: { label: string; name: string; arguments: Record<string, unknown> }[] = [
  { label: 'k8s_pods_list', name: 'k8s_pods_list', arguments: { namespace: 'data' } },
  {
    label: 'k8s_pod_logs (3 pods, last 2,000 lines)',
    name: 'k8s_pod_logs',
    arguments: { namespace: 'data', labelSelector: 'app=customer-etl', tailLines: 2_000 },
  },
  {
    label: 'prom_query_range (6h)',
    name: 'prom_query_range',
    arguments: {
      query: 'sum by (service) (rate(etl_task_failures_total[5m]))',
      start: worldTime(-6 * 3_600_000),
      end: worldTime(0),
    },
  },
  {
    label: 'k8s_events_list',
    name: 'k8s_events_list',
    arguments: { namespace: 'data', since: `${DAYS_SINCE_WORLD}d` },
  },
  {
    label: 'k8s_pod_logs (3 pods, 6h, warn+)',
    name: 'k8s_pod_logs',
    arguments: { namespace: 'data', labelSelector: 'app=customer-etl', minLevel: 'warn' },
  },
  {
    label: 'deploys_history',
    name: 'deploys_history',
    arguments: { service: 'customer-etl', since: worldTime(-86_400_000) },
  },
  {
    label: 'prom_query_range (p99, 1h)',
    name: 'prom_query_range',
    arguments: {
      query: 'histogram_quantile(0.99, sum by (le) (rate(etl_task_duration_seconds_bucket[5m])))',
      start: worldTime(-3_600_000),
      end: worldTime(0),
    },
  },
];

interface Served {
  child: ChildProcess;
  url: string;
}

/** `opswarden serve --http` on the sandbox's config; its logs go to a file, where it says its URL. */
async function startServer(configPath: string, dir: string): Promise<Served> {
  const logPath = join(dir, 'server.log');
  const child = spawn(
    process.execPath,
    [...nodeFlags, SERVER_CLI, 'serve', '--http', '--port', '0', '--config', configPath],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', openSync(logPath, 'a')],
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  const url = await eventually(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`serve exited: ${readFileSync(logPath, 'utf8').slice(-2_000)}`);
      return /"url":"([^"]+)"[^\n]*opswarden serving MCP over HTTP/.exec(readFileSync(logPath, 'utf8'))?.[1];
    },
    (found) => {
      if (!found) throw new Error(`serve did not start: ${readFileSync(logPath, 'utf8').slice(-2_000)}`);
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  return { child, url: url! };
}

/** Resident and peak memory of a process, in MiB, from /proc/<pid>/status. */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

interface LoadResult {
  latencies: Map<string, number[]>;
  errors: Map<string, string>;
  errorCount: number;
  measuredCalls: number;
  rss: { at: number; mib: number }[];
}

async function drive(served: Served): Promise<LoadResult> {
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async (_, i) => {
      const client = new Client({ name: `load-${i}`, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(served.url)));
      return client;
    }),
  );
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const end = measureFrom + durationMs;
  const result: LoadResult = {
    latencies: new Map(READ_MIX.map((r) => [r.label, []])),
    errors: new Map(),
    errorCount: 0,
    measuredCalls: 0,
    rss: [],
  };
  const sampler = setInterval(() => {
    const now = performance.now();
    if (now >= measureFrom) result.rss.push({ at: now - measureFrom, mib: memoryMiB(served.child.pid!).rss });
  }, RSS_SAMPLE_MS);
  await Promise.all(
    clients.map(async (client, i) => {
      for (let n = i; performance.now() < end; n++) {
        const call = READ_MIX[n % READ_MIX.length]!;
        const t0 = process.hrtime.bigint();
        let failure: string | undefined;
        try {
          const res = await client.callTool({ name: call.name, arguments: call.arguments });
          if (res.isError) failure = JSON.stringify(res.content).slice(0, 300);
        } catch (err) {
          failure = (err as Error).message;
        }
        const ns = Number(process.hrtime.bigint() - t0);
        const done = performance.now();
        if (done < measureFrom || done >= end) continue;
        result.measuredCalls++;
        if (failure) {
          result.errorCount++;
          if (!result.errors.has(call.label)) result.errors.set(call.label, failure);
        } else result.latencies.get(call.label)!.push(ns);
      }
    }),
  );
  clearInterval(sampler);
  await Promise.all(clients.map((c) => c.close()));
  return result;
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
  const load = await drive(served);
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
