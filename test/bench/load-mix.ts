// What the HTTP load benchmarks share (load.bench.ts, replicas.bench.ts): the customer-etl
// sandbox scenario and the on-call read mix against it, `opswarden serve --http` started as
// its own process, and N MCP clients over Streamable HTTP running a mix for a duration after
// a warm-up, each call timed and checked.

import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { resolveScenarioPath } from '../../src/cli/sandbox.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { eventually } from '../helpers/eventually.ts';
import { REPO } from '../helpers/world.ts';

export const scenario = loadScenario(resolveScenarioPath('customer-etl'));
const worldNow = scenario.spec.now.getTime();
const worldTime = (offsetMs: number) => new Date(worldNow + offsetMs).toISOString();
/** The served process runs on the wall clock and the world is frozen at its `now`: windows are absolute. */
const DAYS_SINCE_WORLD = Math.ceil((Date.now() - worldNow) / 86_400_000) + 1;

type CallResult = Awaited<ReturnType<Client['callTool']>>;

export interface MixCall {
  label: string;
  name: string;
  arguments: Record<string, unknown>;
  /** A result that is not an error but not what the mix expects either: why, as a failure. */
  check?: (result: CallResult) => string | undefined;
}

/** What an agent on call for customer-etl reads, in the order it tends to read it. */
export const READ_MIX: MixCall[] = [
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

export interface Served {
  child: ChildProcess;
  url: string;
}

/** `opswarden serve --http` on a config; its logs go to `logPath`, where it says its URL. */
export async function startServe(opts: {
  cli: string;
  nodeFlags: readonly string[];
  configPath: string;
  logPath: string;
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}): Promise<Served> {
  const { logPath } = opts;
  const child = spawn(
    process.execPath,
    [...opts.nodeFlags, opts.cli, 'serve', '--http', '--port', '0', '--config', opts.configPath],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', openSync(logPath, 'a')],
      ...(opts.env ? { env: opts.env } : {}),
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

export interface DriveOptions {
  /** Client i talks to urls[i % urls.length]: clients split evenly, as a balancer with affinity would. */
  urls: readonly string[];
  clients: number;
  /** Client i runs mix[i], mix[i + 1]... round and round. */
  mix: readonly MixCall[];
  warmupMs: number;
  durationMs: number;
  /** Called every `everyMs` from the start; `at` is ms since the measured window opened (skipped before). */
  sample?: { everyMs: number; take(at: number): void };
  /** Called as the measured window opens and as it closes. */
  window?: { open(): void; close(): void };
}

export interface LoadResult {
  /** Nanoseconds of each successful call that ended in the measured window, by mix label. */
  latencies: Map<string, number[]>;
  /** The first failure of each label. */
  errors: Map<string, string>;
  errorCount: number;
  measuredCalls: number;
  /** Every call made, warm-up and calls ending after the window included. */
  totalCalls: number;
}

/** Connects the clients, runs the mix for warm-up + duration, closes them; calls ending in the window count. */
export async function drive(opts: DriveOptions): Promise<LoadResult> {
  const { mix } = opts;
  const clients = await Promise.all(
    Array.from({ length: opts.clients }, async (_, i) => {
      const client = new Client({ name: `load-${i}`, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(opts.urls[i % opts.urls.length]!)));
      return client;
    }),
  );
  const started = performance.now();
  const measureFrom = started + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const result: LoadResult = {
    latencies: new Map(mix.map((r) => [r.label, []])),
    errors: new Map(),
    errorCount: 0,
    measuredCalls: 0,
    totalCalls: 0,
  };
  const timers: NodeJS.Timeout[] = [];
  if (opts.sample) {
    const { take } = opts.sample;
    timers.push(
      setInterval(() => {
        const now = performance.now();
        if (now >= measureFrom) take(now - measureFrom);
      }, opts.sample.everyMs),
    );
  }
  if (opts.window) {
    timers.push(setTimeout(opts.window.open, measureFrom - performance.now()));
    timers.push(setTimeout(opts.window.close, end - performance.now()));
  }
  try {
    await Promise.all(
      clients.map(async (client, i) => {
        for (let n = i; performance.now() < end; n++) {
          const call = mix[n % mix.length]!;
          const t0 = process.hrtime.bigint();
          let failure: string | undefined;
          try {
            const res = await client.callTool({ name: call.name, arguments: call.arguments });
            if (res.isError) failure = JSON.stringify(res.content).slice(0, 300);
            else failure = call.check?.(res);
          } catch (err) {
            failure = (err as Error).message;
          }
          const ns = Number(process.hrtime.bigint() - t0);
          const done = performance.now();
          result.totalCalls++;
          if (done < measureFrom || done >= end) continue;
          result.measuredCalls++;
          if (failure) {
            result.errorCount++;
            if (!result.errors.has(call.label)) result.errors.set(call.label, failure);
          } else result.latencies.get(call.label)!.push(ns);
        }
      }),
    );
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(clients.map((c) => c.close()));
  }
  return result;
}
