// After a fix the pods that crashed during the incident run again (restart count and last
// termination kept); pods that crashed before the incident are noise and stay as they are.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCluster } from '../../../../src/sandbox/kube/kube-store.ts';
import { healCrashedPods } from '../../../../src/sandbox/reactions/heal-pods.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';

const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
const now = scenario.spec.now;
const clock = { now: () => now };

function checkoutPods() {
  const { store, cluster } = simulateCluster(renderKubeWorld(scenario, clock));
  const pods = () => store.list('Pod', { namespace: 'shop', labelSelector: 'app=checkout' });
  return { store, cluster, pods };
}

type Status = {
  ready: boolean;
  restartCount: number;
  state: Record<string, unknown>;
  lastState: Record<string, unknown>;
};
const mainStatus = (pod: { status?: Record<string, unknown> }) =>
  (pod.status!.containerStatuses as Status[])[0]!;

describe('healCrashedPods', () => {
  it('turns the pod crash-looping since the incident into a running, ready pod', () => {
    const { store, cluster, pods } = checkoutPods();
    const crashing = pods().filter((p) => !mainStatus(p).ready);
    expect(crashing).toHaveLength(1);
    const before = mainStatus(crashing[0]!);

    expect(healCrashedPods(store, scenario.resolution!.incidentStart.getTime(), now)).toBe(1);

    const healed = store.get('Pod', 'shop', crashing[0]!.metadata.name)!;
    const status = mainStatus(healed);
    expect(status.ready).toBe(true);
    expect(status.state).toEqual({ running: { startedAt: now.toISOString().replace('.000Z', 'Z') } });
    expect(status.restartCount).toBe(before.restartCount);
    expect(status.lastState).toHaveProperty('terminated.reason', 'OOMKilled');
    const ready = (healed.status!.conditions as { type: string; status: string }[]).find(
      (c) => c.type === 'Ready',
    );
    expect(ready?.status).toBe('True');
    expect(pods().every((p) => mainStatus(p).ready)).toBe(true);
    cluster.close();
  });

  it('leaves pods that crashed before the incident alone', () => {
    const { store, cluster, pods } = checkoutPods();
    expect(healCrashedPods(store, now.getTime(), now)).toBe(0);
    expect(pods().filter((p) => !mainStatus(p).ready)).toHaveLength(1);
    cluster.close();
  });
});
