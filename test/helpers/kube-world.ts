// A scenario's Kubernetes world served by the API simulator over HTTPS, with the
// scenario's clock frozen at its `now`: what the Kubernetes tests talk to.

import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  type KubeSimulator,
  type KubeSimulatorOptions,
  startKubeSimulator,
} from '../../src/sandbox/kube/simulator.ts';
import { incidentTimeline } from '../../src/sandbox/reactions/timeline.ts';
import { scenarioMetricStore } from '../../src/sandbox/run/metric-store.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../src/sandbox/scenario/schema.ts';
import type { Clock } from '../../src/tool.ts';
import { type Harness, startHarness } from './in-process.ts';
import { type KubectlResult, kubectlFor } from './kubectl.ts';
import { alice, DEFAULT_POLICY, makeWorld, REPO } from './world.ts';

export interface KubeWorldFixture {
  scenario: Scenario;
  clock: Clock;
  sim: KubeSimulator;
  close(): Promise<void>;
}

/**
 * A built-in scenario by name, or a scenario file by path; `opts` e.g. adds restricted users,
 * and `metrics: true` serves metrics.k8s.io from the scenario's series (as the sandbox does).
 */
export async function startKubeWorld(
  nameOrPath = 'checkout-bad-deploy',
  opts: KubeSimulatorOptions & { metrics?: boolean } = {},
): Promise<KubeWorldFixture> {
  const path = nameOrPath.endsWith('.yaml') ? nameOrPath : join(REPO, 'scenarios', `${nameOrPath}.yaml`);
  const scenario = loadScenario(path);
  const now = scenario.spec.now;
  const clock: Clock = { now: () => new Date(now) };
  const { metrics, ...simOpts } = opts;
  const world = renderKubeWorld(scenario, clock);
  const sim = await startKubeSimulator(
    metrics
      ? { ...world, metrics: scenarioMetricStore(scenario, clock, incidentTimeline(undefined)) }
      : world,
    simOpts,
  );
  return { scenario, clock, sim, close: () => sim.close() };
}

export type Kubectl = (...args: string[]) => Promise<string>;

export interface KubeGate {
  world: KubeWorldFixture;
  /** A real MCP client through the gate, with the default policy and the scenario's clock. */
  h: Harness;
  /** kubectl's stdout; throws when kubectl fails. */
  kubectl: Kubectl;
  /** Exit code and both streams, for commands expected to fail. */
  kubectlResult: (...args: string[]) => Promise<KubectlResult>;
}

/**
 * A fresh simulated cluster and gate for one describe block (registers its own
 * beforeAll/afterAll). Namespace labels decide each target's environment; `metrics: true`
 * installs "metrics-server".
 */
export function kubeGate(scenario: string, opts: { metrics?: boolean } = {}): KubeGate {
  const gate = {} as KubeGate;
  beforeAll(async () => {
    gate.world = await startKubeWorld(scenario, opts);
    const config = makeWorld({
      policy: DEFAULT_POLICY,
      extra: { kubernetes: { kubeconfig: gate.world.sim.kubeconfigPath }, environments: { namespaces: {} } },
    });
    gate.h = await startHarness({ world: config, clock: gate.world.clock });
    const run = kubectlFor(gate.world.sim.kubeconfigPath);
    gate.kubectlResult = (...args) => run(args);
    gate.kubectl = async (...args) => {
      const res = await run(args);
      if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${res.code}): ${res.stderr}`);
      return res.stdout;
    };
  });
  afterAll(async () => {
    await gate.h?.close();
    await gate.world?.close();
  });
  return gate;
}

/** A mutation the policy escalates: asks, has alice (sre-oncall) approve, asks again with the approval. */
export async function approvedCall(h: Harness, tool: string, args: Record<string, unknown>) {
  const pending = await h.call(tool, args);
  expect(pending.structuredContent?.status, pending.content[0]?.text).toBe('approval_required');
  const approvalId = pending.structuredContent?.approvalId as string;
  h.app.approvals.decide(approvalId, alice, 'approve');
  const done = await h.call(tool, { ...args, approvalId });
  expect(done.isError, done.content[0]?.text).toBeFalsy();
  return { pending, done: done.structuredContent as Record<string, unknown> };
}
