// What the benchmark runs opswarden with: a temp world on the default policy bundle (real
// SQLite file, JSONL mirror, info-level logs written to a file as in production) and a
// trivial read tool whose handler returns a constant, so a call's cost is the gate's own.

import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { DEFAULT_POLICY, makeWorld, type World } from '../helpers/world.ts';

export const BENCH_TOOL = 'bench_noop_get';

/** Time the bench tool's handler spent in its last call, so callers can subtract it. */
export const handlerClock = { lastNs: 0 };

const CONSTANT_RESULT = { name: 'checkout', replicas: 4 };

export const benchNoopGet = defineTool({
  name: BENCH_TOOL,
  title: 'Bench: no-op get',
  description: 'Returns a constant (benchmark fixture): measures the gate, not a backend.',
  kind: 'read',
  input: z
    .object({
      kind: z.enum(['Deployment', 'Secret']).default('Deployment'),
      namespace: z.string().min(1),
      name: z.string().min(1),
    })
    .strict(),
  output: z.object({ name: z.string(), replicas: z.number() }),
  target: (args) => ({ kind: args.kind, namespace: args.namespace, name: args.name }),
  handler: async () => {
    const started = process.hrtime.bigint();
    const result = { ...CONSTANT_RESULT };
    handlerClock.lastNs = Number(process.hrtime.bigint() - started);
    return result;
  },
});

/** A temp world with the default bundle and production-like logging; `cleanup()` removes it. */
export function makeBenchWorld(): World {
  return makeWorld({ policy: DEFAULT_POLICY, extra: { logging: { level: 'info' } } });
}

/** Where a bench process writes its pino logs: a file in the world, never the terminal. */
export function benchLogger(world: Pick<World, 'dir'>, name: string): Logger {
  return pino(
    { level: 'info', base: { service: 'opswarden' } },
    pino.destination({ dest: join(world.dir, `${name}.log`), sync: true }),
  );
}
