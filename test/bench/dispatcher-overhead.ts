// Goal 2: what the dispatcher adds around a handler (validation, target, history queries,
// policy, audit appends to a real SQLite file and JSONL mirror, output shaping, metrics).
// Drives app.call in process with an allowed read and a denied read (a Secret) in turn,
// subtracting the handler's own measured time from each allowed call.

import { type App, createApp } from '../../src/app.ts';
import { historyFor } from '../../src/dispatch/history.ts';
import type { Principal } from '../../src/types.ts';
import { BENCH_TOOL, benchLogger, benchNoopGet, handlerClock, makeBenchWorld } from './bench-app.ts';
import { type Summary, summarize } from './stats.ts';

const WARMUP_PAIRS = 100;
const PAIRS = 1_000;
/** Calls at each end of the run compared to show whether cost grows with the audit log. */
const DRIFT_WINDOW = 200;
const HISTORY_SAMPLES = 50;

const agent: Principal = { id: 'claude-agent', type: 'agent', roles: ['responder'], transport: 'in-memory' };
const READ_ARGS = { namespace: 'shop', name: 'checkout' };
const SECRET_ARGS = { kind: 'Secret', namespace: 'shop', name: 'db-password' };

export interface DispatcherOverhead {
  read: Summary;
  denied: Summary;
  handler: Summary;
  /** p50 of the first and the last DRIFT_WINDOW allowed reads. */
  drift: { window: number; firstP50: number; lastP50: number };
  /** p50 of the policy-history lookup (5 audit count queries) before and after the run. */
  history: { firstP50: number; lastP50: number };
  auditRecords: number;
}

async function timedCall(app: App, args: Record<string, unknown>, expect: 'ok' | 'denied'): Promise<number> {
  handlerClock.lastNs = 0;
  const started = process.hrtime.bigint();
  const outcome = await app.call({ tool: BENCH_TOOL, args, principal: agent });
  const ns = Number(process.hrtime.bigint() - started);
  if (outcome.outcome !== expect)
    throw new Error(`${BENCH_TOOL} ${JSON.stringify(args)}: expected ${expect}, got ${outcome.outcome}`);
  return ns;
}

/** The audit queries every call makes for its policy input (history counts). */
function historyLookup(app: App): Summary {
  const target = { kind: 'Deployment', ...READ_ARGS, environment: 'production' };
  const samples = Array.from({ length: HISTORY_SAMPLES }, () => {
    const started = process.hrtime.bigint();
    historyFor(app.audit, BENCH_TOOL, target, agent, new Date());
    return Number(process.hrtime.bigint() - started);
  });
  return summarize(samples);
}

export async function measureDispatcherOverhead(): Promise<DispatcherOverhead> {
  const world = makeBenchWorld();
  const app = createApp({
    config: world.config,
    extraTools: [benchNoopGet],
    logger: benchLogger(world, 'dispatcher'),
  });
  try {
    for (let i = 0; i < WARMUP_PAIRS; i++) {
      await timedCall(app, READ_ARGS, 'ok');
      await timedCall(app, SECRET_ARGS, 'denied');
    }
    const historyBefore = historyLookup(app);
    const read = new Float64Array(PAIRS);
    const handler = new Float64Array(PAIRS);
    const denied = new Float64Array(PAIRS);
    for (let i = 0; i < PAIRS; i++) {
      const total = await timedCall(app, READ_ARGS, 'ok');
      handler[i] = handlerClock.lastNs;
      read[i] = total - handlerClock.lastNs;
      denied[i] = await timedCall(app, SECRET_ARGS, 'denied');
    }
    const historyAfter = historyLookup(app);
    const { n } = app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    return {
      read: summarize(read),
      denied: summarize(denied),
      handler: summarize(handler),
      drift: {
        window: DRIFT_WINDOW,
        firstP50: summarize(read.subarray(0, DRIFT_WINDOW)).p50,
        lastP50: summarize(read.subarray(PAIRS - DRIFT_WINDOW)).p50,
      },
      history: { firstP50: historyBefore.p50, lastP50: historyAfter.p50 },
      auditRecords: n,
    };
  } finally {
    await app.close();
    world.cleanup();
  }
}
