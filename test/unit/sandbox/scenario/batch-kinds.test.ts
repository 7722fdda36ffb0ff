// The scenario format's DaemonSets, Jobs, CronJobs, HPAs, Evicted/Terminating pods and node
// taints: the validator names the field at fault, and the fixture renders as declared.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { loadScenario, parseScenario } from '../../../../src/sandbox/scenario/load.ts';
import { REPO } from '../../../helpers/world.ts';

const base = (kubernetes: string) => `
apiVersion: opswarden.dev/v1
kind: Scenario
metadata: { name: x }
spec:
  now: "2026-03-14T14:05:00Z"
  kubernetes:
    namespaces: [{ name: shop }]
${kubernetes}`;

const problems = (kubernetes: string): string[] => {
  try {
    parseScenario(base(kubernetes), 'x.yaml');
  } catch (err) {
    return (err as { problems?: string[] }).problems ?? [(err as Error).message];
  }
  return [];
};

const deployment = `    deployments:
      - { name: api, namespace: shop, replicas: 3, containers: [{ name: app }], revisions: [{ at: -1d, image: api:1 }] }`;

describe('validation of the batch and scaling kinds', () => {
  it('names the bad field of a Job', () => {
    expect(
      problems(`    jobs:
      - { name: backfill, namespace: shop, image: b:1, containers: [{ name: b }], startedAt: -25m, status: Complete, finishedAt: -1m, parallelism: 0 }`),
    ).toEqual(['x.yaml: spec.kubernetes.jobs[0].parallelism: Too small: expected number to be >=1']);
    expect(
      problems(`    jobs:
      - { name: backfill, namespace: shop, image: b:1, containers: [{ name: b }], startedAt: -25m, paralelism: 2 }`),
    ).toEqual(['x.yaml: spec.kubernetes.jobs[0].paralelism: unknown key']);
    expect(
      problems(`    jobs:
      - { name: backfill, namespace: shop, image: b:1, containers: [{ name: b }], startedAt: -25m, status: Complete }`),
    ).toEqual(['x.yaml: spec.kubernetes.jobs[0].finishedAt: required when status is Complete']);
  });

  it("names a CronJob's Job out of order and a bad schedule", () => {
    expect(
      problems(`    cronjobs:
      - name: report
        namespace: shop
        schedule: "every hour"
        image: r:1
        containers: [{ name: r }]
        jobs: [{ startedAt: -5m }, { startedAt: -35m, status: Complete, finishedAt: -31m }]`),
    ).toEqual([
      'x.yaml: spec.kubernetes.cronjobs[0].schedule: expected a cron schedule such as "0 2 * * *"',
      'x.yaml: spec.kubernetes.cronjobs[0].jobs[1].startedAt: jobs must be oldest first',
    ]);
  });

  it('checks an HPA against its target and limits', () => {
    expect(
      problems(`${deployment}
    horizontalpodautoscalers:
      - { name: api, namespace: shop, target: Deployment/shop/apii, maxReplicas: 5 }
      - { name: api2, namespace: shop, target: Deployment/shop/api, minReplicas: 2, maxReplicas: 5,
          status: [{ from: -1h, replicas: 2 }, { from: -10m, replicas: 7 }] }
      - { name: api3, namespace: shop, target: Deployment/shop/api, maxReplicas: 5, status: { replicas: 5 } }`),
    ).toEqual([
      'x.yaml: spec.kubernetes.horizontalpodautoscalers[1].status[1].replicas: 7 is above maxReplicas (5)',
    ]);
    expect(
      problems(`${deployment}
    horizontalpodautoscalers:
      - { name: api, namespace: shop, target: Deployment/shop/apii, maxReplicas: 5 }
      - { name: api3, namespace: shop, target: Deployment/shop/api, maxReplicas: 5, status: { replicas: 5 } }`),
    ).toEqual([
      'x.yaml: spec.kubernetes.horizontalpodautoscalers[0].target: Deployment/shop/apii: no Deployment apii in namespace shop',
      'x.yaml: spec.kubernetes.horizontalpodautoscalers[1].status: at spec.now the HPA has 5 replicas but Deployment/shop/api declares 3: they must agree',
    ]);
  });

  it('lets only Evicted and Terminating pods sit after the replicas', () => {
    expect(
      problems(`    deployments:
      - name: api
        namespace: shop
        replicas: 2
        containers: [{ name: app }]
        revisions: [{ at: -1d, image: api:1 }]
        pods:
          - { index: 2, state: Evicted, since: -5m }
          - { index: 3, state: CrashLoopBackOff }
          - { index: 0, since: -5m }
          - { index: 1, state: Terminating, message: gone }`),
    ).toEqual([
      'x.yaml: spec.kubernetes.deployments[0].pods[1].index: index 3 is out of range: api has 2 replicas',
      'x.yaml: spec.kubernetes.deployments[0].pods[2].since: only an Evicted or Terminating pod has `since`',
      'x.yaml: spec.kubernetes.deployments[0].pods[3].message: only an Evicted pod has a `message`',
    ]);
  });

  it('names bad node taints and DaemonSet pod nodes', () => {
    expect(
      problems(`    nodes:
      - { name: n1, created: soon, taints: [{ key: dedicated, effect: NoScheduling }] }`),
    ).toEqual([
      'x.yaml: spec.kubernetes.nodes[0].created: invalid time "soon": expected a duration relative to spec.now (-6h, -90s, +5m) or an RFC 3339 timestamp',
      'x.yaml: spec.kubernetes.nodes[0].taints[0].effect: Invalid option: expected one of "NoSchedule"|"PreferNoSchedule"|"NoExecute"',
    ]);
    expect(
      problems(`    nodes: [{ name: n1 }]
    daemonsets:
      - { name: agent, namespace: shop, containers: [{ name: a }], revisions: [{ at: -1d, image: a:1 }], pods: [{ index: 0, node: n1 }] }`),
    ).toEqual([
      "x.yaml: spec.kubernetes.daemonsets[0].pods[0].node: a DaemonSet's pod i runs on the i-th node the DaemonSet runs on",
    ]);
  });
});

describe('the batch-world fixture', () => {
  const scenario = loadScenario(join(REPO, 'test/fixtures/scenarios/batch-world.yaml'));
  const world = renderKubeWorld(scenario, { now: () => scenario.spec.now });
  const get = (kind: string, name: string) =>
    world.objects.find((o) => o.kind === kind && o.metadata.name === name)!;

  it('renders a CronJob owning its Jobs, whose pods the Job owns', () => {
    const job = get('Job', 'report-29558280');
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      name: 'report',
    });
    const pods = world.objects.filter(
      (o) => o.kind === 'Pod' && o.metadata.ownerReferences?.[0]?.name === 'backfill-2026-03-14',
    );
    expect(pods).toHaveLength(8);
    expect(pods[0]!.metadata.labels?.['job-name']).toBe('backfill-2026-03-14');
    expect(get('CronJob', 'report').status).toMatchObject({
      lastScheduleTime: '2026-03-14T14:00:00Z',
      lastSuccessfulTime: '2026-03-14T13:05:00Z',
    });
  });

  it('renders Evicted and Terminating pods, and the new node with its taint', () => {
    const pods = world.objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'shop');
    expect(pods.filter((p) => p.status?.reason === 'Evicted').map((p) => p.status?.phase)).toEqual([
      'Failed',
      'Failed',
    ]);
    expect(pods.filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.deletionTimestamp)).toEqual(
      ['2026-03-14T14:02:30Z'],
    );
    const node = get('Node', 'ip-10-0-3-30');
    expect(node.metadata.creationTimestamp).toBe('2026-03-14T14:00:00Z');
    expect(node.spec?.taints).toContainEqual(
      expect.objectContaining({ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }),
    );
  });
});
