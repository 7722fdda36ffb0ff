// Goal 3: tool calls per second over HTTP with audit on. For each kind of load generator,
// a fresh world and a server child process, N concurrent MCP sessions calling the bench
// tool for a warm-up then a fixed window, how busy each side was (to tell which one is the
// bottleneck), and the audit records the server appended.

import { openDatabase } from '../../src/store/sqlite.ts';
import { BENCH_TOOL, makeBenchWorld } from './bench-app.ts';
import { type BenchSession, openSession, type SessionKind } from './http-sessions.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type Summary, summarize } from './stats.ts';

const SESSIONS = 8;
const WARMUP_MS = 1_000;
const WINDOW_MS = 5_000;

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
  /** Shares of one core (CPU) and of wall time (event loop busy) during the window. */
  clientCpu: number;
  serverCpu: number | undefined;
  serverEventLoop: number;
  auditRecords: number;
}

export async function measureHttpThroughput(kind: SessionKind): Promise<HttpThroughput> {
  const world = makeBenchWorld();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(world.configPath);
    const url = `${server.url}/mcp`;
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => openSession(kind, url)));
    const load = await drive(sessions, server);
    await Promise.all(sessions.map((s) => s.close()));
    await server.stop();
    return { kind, sessions: SESSIONS, ...load, auditRecords: countAudit(world.config.store.path) };
  } finally {
    await server?.stop();
    world.cleanup();
  }
}

async function drive(sessions: BenchSession[], server: ServerProcess) {
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const end = measureFrom + WINDOW_MS;
  const latencies: number[] = [];
  const perSecond = new Array<number>(Math.ceil(WINDOW_MS / 1000)).fill(0);
  let totalCalls = 0;
  let errors = 0;
  let firstError: string | undefined;
  let atMark = { client: process.cpuUsage(), server: server.cpuMs() };
  const marking = setTimeout(() => {
    server.mark();
    atMark = { client: process.cpuUsage(), server: server.cpuMs() };
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
  clearTimeout(marking);
  const wallMs = performance.now() - measureFrom;
  const client = process.cpuUsage(atMark.client);
  const serverCpuMs = server.cpuMs();
  return {
    callsPerSecond: latencies.length / (WINDOW_MS / 1000),
    perSecond,
    latency: summarize(latencies),
    errors,
    ...(firstError ? { firstError } : {}),
    totalCalls,
    clientCpu: (client.user + client.system) / 1000 / wallMs,
    serverCpu:
      serverCpuMs !== undefined && atMark.server !== undefined
        ? (serverCpuMs - atMark.server) / wallMs
        : undefined,
    serverEventLoop: await server.report(),
  };
}

/** Audit records the server appended for the bench tool (3 per successful call). */
function countAudit(dbPath: string): number {
  const db = openDatabase(dbPath);
  try {
    const row = db.prepare('SELECT count(*) AS n FROM audit_log WHERE tool = ?').get(BENCH_TOOL) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}
