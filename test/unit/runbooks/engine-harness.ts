// A runbook service on a real app (dispatcher, gate-test policy, approvals, audit) with the
// fake fleet's fixture tools and a Prometheus whose answer the test sets, at 1000× world
// time, polling approvals every 10 ms: engine transitions in milliseconds.

import pino from 'pino';
import { type App, createApp } from '../../../src/app.ts';
import type { InstantResult, PrometheusBackend } from '../../../src/backends/prometheus/types.ts';
import {
  createRunbookService,
  type ExecutionStatus,
  type RunbookService,
} from '../../../src/runbooks/service.ts';
import type { ActionStep, Runbook, RunbookParam, RunbookStep } from '../../../src/runbooks/types.ts';
import { FakeFleet, fixtureTools } from '../../fixtures/fleet.ts';
import { makeWorld, type World } from '../../helpers/world.ts';

export const TIME_SCALE = 1000;

export interface EngineHarness {
  world: World;
  app: App;
  fleet: FakeFleet;
  /** What the fake Prometheus answers to every instant query. */
  prometheus: { answer: InstantResult; queries: string[] };
  service: RunbookService;
  /** A second service on the same store, as a restarted server would build it. */
  restart(): RunbookService;
  close(): Promise<void>;
}

export function runbook(name: string, steps: RunbookStep[], params: RunbookParam[] = []): Runbook {
  return {
    name,
    version: '1.0.0',
    title: `Test runbook ${name}`,
    description: 'A runbook built by a test.',
    matches: { categories: ['config'], signals: ['test_signal'] },
    params,
    steps,
    source: `test/${name}.yaml`,
    digest: `digest-of-${name}`,
  };
}

export function scaleStep(
  id: string,
  to: { namespace: string; name: string; replicas: number },
  next: string,
  onFailure = 'failed',
): ActionStep {
  return {
    id,
    title: `Scale ${to.namespace}/${to.name} to ${to.replicas}`,
    kind: 'action',
    tool: 'fixture_deployment_scale',
    args: { ...to, reason: 'runbook test: scale' },
    next,
    onFailure,
  };
}

export const series = (value: number): InstantResult => ({
  type: 'vector',
  series: [{ labels: { service: 'checkout' }, sample: { t: 0, v: value } }],
});
export const noSeries: InstantResult = { type: 'vector', series: [] };

export function startEngine(runbooks: Runbook[], opts: { leaseMs?: number } = {}): EngineHarness {
  const world = makeWorld();
  const fleet = new FakeFleet();
  const prometheus = { answer: noSeries, queries: [] as string[] };
  const fakeProm = {
    instantQuery: async (query: string) => {
      prometheus.queries.push(query);
      return prometheus.answer;
    },
  } as unknown as PrometheusBackend;
  const logger = pino({ level: 'silent' });
  const app = createApp({
    config: world.config,
    extraTools: fixtureTools,
    backends: { fleet, prometheus: fakeProm },
    logger,
  });
  // The app's own service is another replica on this store, without these runbooks: it
  // would adopt (and escalate) a test's run whose lease lapsed. Its close() stops that at once.
  void app.runbooks.close();
  const services: RunbookService[] = [];
  const build = () => {
    const service = createRunbookService({
      db: app.db,
      audit: app.audit,
      approvals: app.approvals,
      call: app.call,
      preview: app.preview,
      registry: app.registry,
      backends: { approvals: app.approvals, changes: app.changes, fleet, prometheus: fakeProm },
      clock: app.clock,
      worldClock: app.clock,
      timeScale: TIME_SCALE,
      runbooks,
      logger,
      pollIntervalMs: 10,
      ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
    });
    services.push(service);
    return service;
  };
  return {
    world,
    app,
    fleet,
    prometheus,
    service: build(),
    restart: () => {
      const service = build();
      service.resume();
      return service;
    },
    async close() {
      for (const s of services) await s.close();
      await app.close();
      world.cleanup();
    },
  };
}

/** Polls the status until `predicate` holds (or fails the test after `timeoutMs`). */
export async function until(
  service: RunbookService,
  id: string,
  predicate: (s: ExecutionStatus) => boolean,
  timeoutMs = 5_000,
): Promise<ExecutionStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = service.status(id);
    if (s && predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${id}: ${JSON.stringify(s, null, 1)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
