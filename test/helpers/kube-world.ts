// A scenario's Kubernetes world served by the API simulator over HTTPS, with the
// scenario's clock frozen at its `now`: what the Kubernetes tests talk to.

import { join } from 'node:path';
import { type KubeSimulator, startKubeSimulator } from '../../src/sandbox/kube/simulator.ts';
import { renderKubeWorld } from '../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../src/sandbox/scenario/schema.ts';
import type { Clock } from '../../src/tool.ts';
import { REPO } from './world.ts';

export interface KubeWorldFixture {
  scenario: Scenario;
  clock: Clock;
  sim: KubeSimulator;
  close(): Promise<void>;
}

/** A built-in scenario by name, or a scenario file by path. */
export async function startKubeWorld(nameOrPath = 'checkout-bad-deploy'): Promise<KubeWorldFixture> {
  const path = nameOrPath.endsWith('.yaml') ? nameOrPath : join(REPO, 'scenarios', `${nameOrPath}.yaml`);
  const scenario = loadScenario(path);
  const now = scenario.spec.now;
  const clock: Clock = { now: () => new Date(now) };
  const sim = await startKubeSimulator(renderKubeWorld(scenario, clock));
  return { scenario, clock, sim, close: () => sim.close() };
}
