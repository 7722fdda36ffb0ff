// `npm run bench:replicas [-- --duration 20s --clients 8]`: what team mode costs. One run
// measures three set-ups of `opswarden serve --http` under the same load on the customer-etl
// sandbox world (simulators in this process): SQLite with one server process; PostgreSQL (a
// fresh database on a throwaway server, test/helpers/postgres.ts) with one; PostgreSQL with
// TWO server processes on one database, the clients split evenly between them as a balancer
// with session affinity would. The load is load.bench.ts's: N MCP clients over Streamable
// HTTP, each running the on-call read mix, here with one call in eight a production rollback
// the default policy escalates: an approval ticket and two audit write transactions (the call
// and its decision, then approval.requested), where a read writes its three records in one.
// Prints calls/s, p50/p99 per set-up and their calls/s against SQLite's (figures from one run
// on a shared machine: the ratios are what compares), the CPU each part used per call,
// PostgreSQL transactions per call, and then verifies each store's audit chain and JSONL
// mirrors. A chain that does not
// verify, or any failed call, ends the run with exit code 1. Everything started (servers,
// PostgreSQL, simulators) is stopped on the way out, failure or Ctrl-C included.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { verifyAudit } from '../../src/audit/log.ts';
import { parseDuration } from '../../src/duration.ts';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { useSandboxAwsCredentials } from '../../src/sandbox/run/aws-credentials.ts';
import { startSandbox } from '../../src/sandbox/run/start.ts';
import { openStore, type StoreConfig } from '../../src/store/open.ts';
import { type PostgresServer, startPostgres } from '../helpers/postgres.ts';
import { CLI } from '../helpers/spawn.ts';
import {
  drive,
  type LoadResult,
  type MixCall,
  READ_MIX,
  type Served,
  scenario,
  startServe,
} from './load-mix.ts';
import {
  type DatabaseActivity,
  databaseActivity,
  machineCpuMs,
  ownCpuMs,
  postgresCpu,
  postgresVersion,
  processCpuMs,
} from './replicas-accounting.ts';
import { formatMs, summarize, table } from './stats.ts';

const WARMUP_MS = 3_000;
const STOP_TIMEOUT_MS = 10_000;
/** Team mode: every replica seals approval decisions with the same secret. */
const APPROVAL_SECRET = randomBytes(32).toString('hex');

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '20s' },
    clients: { type: 'string', default: '8' },
  },
});
const durationMs = parseDuration(flags.duration);
const clientCount = Number(flags.clients);
if (!Number.isInteger(clientCount) || clientCount < 1)
  throw new Error('--clients must be a whole number >= 1');

/** A production rollback: the default policy escalates it, so it opens an approval and never runs. */
const ESCALATION: MixCall = {
  label: 'k8s_rollout_undo (escalated)',
  name: 'k8s_rollout_undo',
  arguments: { namespace: 'data', name: 'customer-etl', reason: 'bench: v2.3.1 exhausts the DB pool' },
  check: (result) => {
    const status = (result.structuredContent as { status?: unknown } | undefined)?.status;
    return status === 'approval_required'
      ? undefined
      : `expected approval_required, got ${JSON.stringify(result.structuredContent ?? result.content).slice(0, 300)}`;
  },
};
const MIX: MixCall[] = [...READ_MIX, ESCALATION];

interface Setup {
  name: string;
  slug: string;
  store: 'sqlite' | 'postgres';
  replicas: number;
}

const SETUPS: Setup[] = [
  { name: 'SQLite, 1 process', slug: 'sqlite-1', store: 'sqlite', replicas: 1 },
  { name: 'PostgreSQL, 1 process', slug: 'postgres-1', store: 'postgres', replicas: 1 },
  { name: 'PostgreSQL, 2 processes', slug: 'postgres-2', store: 'postgres', replicas: 2 },
];

interface Outcome {
  setup: Setup;
  load: LoadResult;
  /** CPU ms in the measured window. */
  cpu: { servers: number; postgres: number; bench: number; machine: number };
  /** The whole run's, start-up included (PostgreSQL only). */
  activity?: DatabaseActivity;
  audit: { ok: boolean; count: number; problem?: string };
}

// Everything started is stopped in reverse order, on success, failure or a signal.
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    await cleanups.pop()!().catch((error: Error) => console.error(`cleanup: ${error.message}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and PostgreSQL`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** SIGTERM, as an orchestrator stops a replica; SIGKILL if it has not exited in time. */
async function stopServer(served: Served): Promise<void> {
  const { child } = served;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** The sandbox's config with this set-up's store and one replica's own JSONL mirror. */
function writeReplicaConfig(
  base: Record<string, unknown>,
  dir: string,
  store: { path: string } | { url: string },
  replica: number,
) {
  const path = join(dir, `replica-${replica}.yaml`);
  const raw = {
    ...base,
    store,
    audit: { jsonl: join(dir, `audit-${replica}.jsonl`) },
    approvals: { signingSecret: APPROVAL_SECRET },
  };
  writeFileSync(path, yaml.dump(raw, { lineWidth: 120 }), { mode: 0o600 });
  return { path, jsonl: raw.audit.jsonl, log: join(dir, `replica-${replica}.log`) };
}

async function measure(setup: Setup, baseConfig: Record<string, unknown>, root: string): Promise<Outcome> {
  const dir = join(root, setup.slug);
  mkdirSync(dir, { recursive: true });
  const store: { path: string } | { url: string } =
    setup.store === 'sqlite' ? { path: join(dir, 'opswarden.db') } : { url: await database() };
  const storeConfig: StoreConfig = 'url' in store ? { path: '', url: store.url } : store;
  const before = storeConfig.url ? await databaseActivity(storeConfig.url) : undefined;
  const replicas = Array.from({ length: setup.replicas }, (_, r) =>
    writeReplicaConfig(baseConfig, dir, store, r + 1),
  );
  const servers: Served[] = [];
  const stopServers = () => Promise.all(servers.map(stopServer)).then(() => {});
  cleanups.push(stopServers);
  // One after the other: the first migrates the store, as the first replica of a rollout does.
  for (const replica of replicas) {
    servers.push(
      await startServe({
        cli: CLI,
        // The launchers' heap sizing (src/heap-sizing.ts), as the opswarden command runs.
        nodeFlags: HEAP_FLAGS,
        configPath: replica.path,
        logPath: replica.log,
      }),
    );
  }
  const pgCpu = storeConfig.url ? postgresCpu(postgres!.port) : () => 0;
  const cpuNow = () => ({
    servers: servers.reduce((ms, s) => ms + processCpuMs(s.child.pid), 0),
    postgres: pgCpu(),
    bench: ownCpuMs(),
    machine: machineCpuMs(),
  });
  let opened = cpuNow();
  let cpu = { servers: Number.NaN, postgres: Number.NaN, bench: Number.NaN, machine: Number.NaN };
  const load = await drive({
    urls: servers.map((s) => s.url),
    clients: clientCount,
    mix: MIX,
    warmupMs: WARMUP_MS,
    durationMs,
    window: {
      open: () => {
        opened = cpuNow();
      },
      close: () => {
        const closed = cpuNow();
        cpu = {
          servers: closed.servers - opened.servers,
          postgres: closed.postgres - opened.postgres,
          bench: closed.bench - opened.bench,
          machine: closed.machine - opened.machine,
        };
      },
    },
  });
  await stopServers();
  cleanups.splice(cleanups.indexOf(stopServers), 1);

  const activity = storeConfig.url && before ? await activitySince(storeConfig.url, before) : undefined;
  return { setup, load, cpu, ...(activity ? { activity } : {}), audit: verify(storeConfig, replicas) };
}

/**
 * What the database did since `before`. Backends report their last counts as they end, just
 * after the servers exited: read until two readings half a second apart agree.
 */
async function activitySince(url: string, before: DatabaseActivity): Promise<DatabaseActivity> {
  let last = await databaseActivity(url);
  for (let attempt = 0; attempt < 10; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await databaseActivity(url);
    const settled = now.transactions === last.transactions;
    last = now;
    if (settled) break;
  }
  return { transactions: last.transactions - before.transactions };
}

/** The chain, its head anchor and the replicas' JSONL mirrors (together they hold every record). */
function verify(store: StoreConfig, replicas: { jsonl: string }[]): Outcome['audit'] {
  try {
    const db = openStore(store);
    try {
      const result = verifyAudit(db, { jsonlPath: replicas.map((r) => r.jsonl) });
      return result.ok
        ? { ok: true, count: result.count }
        : {
            ok: false,
            count: result.count,
            problem: `first bad record #${result.firstBad.seq}: ${result.firstBad.reason}`,
          };
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, count: 0, problem: `could not verify: ${(error as Error).message}` };
  }
}

let postgres: PostgresServer | undefined;
async function database(): Promise<string> {
  if (!postgres) {
    postgres = await startPostgres();
    const started = postgres;
    cleanups.push(() => started.stop());
  }
  return postgres.createDatabase();
}

function report(outcomes: Outcome[], pgVersion: string | undefined): boolean {
  const seconds = durationMs / 1000;
  const cores = cpus();
  console.log(
    `Replicas: ${clientCount} MCP clients over Streamable HTTP against opswarden serve --http, ` +
      `${seconds}s measured after ${WARMUP_MS / 1000}s warm-up per set-up, on the ${scenario.name} sandbox world ` +
      `(simulators in this process).\n` +
      `Mix: load.bench's ${READ_MIX.length} reads + 1 ${ESCALATION.name} on production ${ESCALATION.arguments.name} ` +
      `that the default policy escalates (an approval ticket and 2 audit write transactions; a read has 1): ` +
      `1 call in ${MIX.length}.\n` +
      `Machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), Node ${process.version}` +
      `${pgVersion ? `; PostgreSQL ${pgVersion} on loopback (test server: fsync and synchronous_commit off)` : ''}.\n` +
      `Figures are from one run on a shared machine: compare the ratios within this run, not figures across runs.\n`,
  );
  const sqlite = outcomes.find((o) => o.setup.store === 'sqlite');
  const sqliteRate = sqlite ? calls(sqlite) / seconds : Number.NaN;
  console.log(
    table(
      [
        'set-up',
        'ok calls',
        'calls/s',
        'vs SQLite',
        'p50',
        'p99',
        'escalated p50',
        'escalated p99',
        'errors',
      ],
      outcomes.map((o) => {
        const all = summarize([...o.load.latencies.values()].flat());
        const escalated = summarize(o.load.latencies.get(ESCALATION.label)!);
        const rate = all.count / seconds;
        return [
          o.setup.name,
          String(all.count),
          rate.toFixed(1),
          `${(rate / sqliteRate).toFixed(2)}x`,
          formatMs(all.p50),
          formatMs(all.p99),
          formatMs(escalated.p50),
          formatMs(escalated.p99),
          `${o.load.errorCount} of ${o.load.measuredCalls}`,
        ];
      }),
    ),
  );

  console.log(
    `\nWhere the CPU went in the measured window, ms of CPU per ok call ` +
      `(${cores.length} cores: all of them busy would be ${cores.length * 1000} ms per second):\n`,
  );
  console.log(
    table(
      ['set-up', 'opswarden', 'PostgreSQL', 'this process', 'machine busy: ours / all', 'PG xacts/call'],
      outcomes.map((o) => {
        const n = calls(o);
        const perCall = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${(ms / n).toFixed(2)} ms`);
        const capacity = cores.length * durationMs;
        const ours = (o.cpu.servers + (o.cpu.postgres || 0) + o.cpu.bench) / capacity;
        const all = o.cpu.machine / capacity;
        return [
          o.setup.name,
          perCall(o.cpu.servers),
          o.setup.store === 'postgres' ? perCall(o.cpu.postgres) : '-',
          perCall(o.cpu.bench),
          `${(ours * 100).toFixed(0)}% / ${(all * 100).toFixed(0)}%`,
          o.activity ? (o.activity.transactions / o.load.totalCalls).toFixed(1) : '-',
        ];
      }),
    ),
  );
  const disturbed = outcomes.filter(
    (o) =>
      o.cpu.machine - (o.cpu.servers + (o.cpu.postgres || 0) + o.cpu.bench) > 0.1 * cores.length * durationMs,
  );
  if (disturbed.length)
    console.log(
      `Note: other processes used over 10% of the machine while measuring ${disturbed.map((o) => o.setup.name).join(', ')}: ` +
        'those figures are low; run again on a quiet machine.',
    );
  console.log(
    '(this process: the MCP clients and the sandbox simulators. PG xacts/call: PostgreSQL transactions ' +
      '(a statement outside BEGIN..COMMIT is one) over every call of the run, warm-up and start-up included)',
  );

  let ok = true;
  console.log('\nAudit chain after the run (openStore + verifyAudit, with every replica’s JSONL mirror):');
  for (const o of outcomes) {
    if (o.audit.ok) console.log(`  ${o.setup.name}: ${o.audit.count} records, ok`);
    else {
      ok = false;
      console.log(`  ${o.setup.name}: ${o.audit.count} records, FAILED: ${o.audit.problem}`);
    }
  }
  const failedCalls = outcomes.filter((o) => o.load.errorCount > 0);
  for (const o of failedCalls) {
    for (const [label, message] of o.load.errors)
      console.log(`\n${o.setup.name}: first error of ${label}: ${message}`);
  }
  if (!ok) console.log('\n!!! AUDIT CHAIN VERIFICATION FAILED: this benchmark corrupted a store !!!');
  if (failedCalls.length)
    console.log('\n!!! calls failed: the figures above do not measure the intended load !!!');
  return ok && failedCalls.length === 0;
}

const calls = (o: Outcome) => [...o.load.latencies.values()].reduce((n, l) => n + l.length, 0);

useSandboxAwsCredentials();
let passed = false;
try {
  const sandbox = await startSandbox(scenario, { clock: 'frozen' });
  cleanups.push(() => sandbox.close());
  const baseConfig = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Record<string, unknown>;
  const outcomes: Outcome[] = [];
  for (const setup of SETUPS) {
    console.error(`measuring ${setup.name}...`);
    outcomes.push(await measure(setup, baseConfig, sandbox.dir));
  }
  const pgVersion = postgres ? await postgresVersion(postgres.adminUrl) : undefined;
  passed = report(outcomes, pgVersion);
} finally {
  await cleanUp();
}
process.exitCode = passed ? 0 : 1;
