// Goal 3: tool calls per second over HTTP with audit on. For each kind of load generator,
// a fresh world and a server child process (test/bench/http-server.ts), N concurrent MCP
// sessions calling the bench tool for a warm-up then a fixed window, the CPU both processes
// used (to tell which side is the bottleneck), and the audit records the server appended.

import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import type { Readable, Writable } from 'node:stream';
import { REPO } from '../helpers/world.ts';
import { BENCH_TOOL, makeBenchWorld } from './bench-app.ts';
import { openSession, type SessionKind } from './http-sessions.ts';
import { type Summary, summarize } from './stats.ts';

const SESSIONS = 8;
const WARMUP_MS = 1_000;
const WINDOW_MS = 5_000;
const SERVER_SCRIPT = join(REPO, 'test/bench/http-server.ts');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

type ServerChild = ChildProcessByStdio<Writable, Readable, Readable>;

export interface HttpThroughput {
  kind: SessionKind;
  sessions: number;
  callsPerSecond: number;
  /** Calls completed in each second of the measured window. */
  perSecond: number[];
  latency: Summary;
  errors: number;
  firstError?: string;
  totalCalls: number;
  /** Share of one core each process used during the window; undefined where /proc is missing. */
  clientCpu: number;
  serverCpu: number | undefined;
  auditRecords: number;
}

export async function measureHttpThroughput(kind: SessionKind): Promise<HttpThroughput> {
  const world = makeBenchWorld();
  const child: ServerChild = spawn(process.execPath, [SERVER_SCRIPT, world.configPath], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  try {
    const url = await serverUrl(child, () => stderr);
    const sessions = await Promise.all(
      Array.from({ length: SESSIONS }, () => openSession(kind, `${url}/mcp`)),
    );
    const load = await drive(sessions, child.pid);
    await Promise.all(sessions.map((s) => s.close()));
    await stopServer(child);
    return { kind, sessions: SESSIONS, ...load, auditRecords: countAudit(world.config.store.path) };
  } finally {
    await stopServer(child);
    process.removeListener('exit', killOnExit);
    world.cleanup();
  }
}

async function drive(sessions: { call(): Promise<void> }[], serverPid: number | undefined) {
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const end = measureFrom + WINDOW_MS;
  const latencies: number[] = [];
  const perSecond = new Array<number>(Math.ceil(WINDOW_MS / 1000)).fill(0);
  let totalCalls = 0;
  let errors = 0;
  let firstError: string | undefined;
  let cpuAtStart = { client: process.cpuUsage(), server: serverCpuMs(serverPid) };
  const snapshot = setTimeout(() => {
    cpuAtStart = { client: process.cpuUsage(), server: serverCpuMs(serverPid) };
  }, WARMUP_MS);

  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < end) {
        const callStarted = process.hrtime.bigint();
        try {
          await session.call();
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
        const ns = Number(process.hrtime.bigint() - callStarted);
        const done = performance.now();
        totalCalls++;
        if (done < measureFrom || done >= end) continue;
        latencies.push(ns);
        perSecond[Math.floor((done - measureFrom) / 1000)]!++;
      }
    }),
  );
  clearTimeout(snapshot);
  const wallMs = performance.now() - measureFrom;
  const client = process.cpuUsage(cpuAtStart.client);
  const serverNow = serverCpuMs(serverPid);
  const serverStart = cpuAtStart.server;
  return {
    callsPerSecond: latencies.length / (WINDOW_MS / 1000),
    perSecond,
    latency: summarize(latencies),
    errors,
    ...(firstError ? { firstError } : {}),
    totalCalls,
    clientCpu: (client.user + client.system) / 1000 / wallMs,
    serverCpu:
      serverNow !== undefined && serverStart !== undefined ? (serverNow - serverStart) / wallMs : undefined,
  };
}

/** CPU time (user + system) a process has used, from /proc; undefined off Linux. */
function serverCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ = 100).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function serverUrl(child: ServerChild, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const failed = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`bench HTTP server ${why}; its stderr:\n${stderr()}`));
    };
    const timer = setTimeout(() => failed(`printed no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code) => failed(`exited with code ${code} before listening`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        failed(`printed ${JSON.stringify(line)} instead of {"url": ...}`);
      }
    });
  });
}

/** Closes the child's stdin (its signal to shut down cleanly), then kills it if it lingers. */
async function stopServer(child: ServerChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Audit records the server appended for the bench tool (3 per successful call). */
function countAudit(dbPath: string): number {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM audit_log WHERE tool = ?').get(BENCH_TOOL) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}
