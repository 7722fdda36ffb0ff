// Jobs, CronJobs, HPAs, DaemonSets, Evicted and Terminating pods and a new tainted node, as
// a scenario declares them (test/fixtures/scenarios/batch-world.yaml): what kubectl prints
// for them from the API simulator, what opswarden's tools list through discovery, and the
// kube-state-metrics series the Prometheus simulator answers PromQL about.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheusSimulator } from '../../src/sandbox/prometheus/simulator.ts';
import { scenarioStorage } from '../../src/sandbox/prometheus/storage.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURE = join(REPO, 'test/fixtures/scenarios/batch-world.yaml');

/** kubectl's table as rows of whitespace-separated cells, by NAME. */
function rows(table: string): Map<string, string[]> {
  const lines = table.trim().split('\n').slice(1);
  return new Map(lines.map((line) => line.split(/\s{2,}/)).map((cells) => [cells[0]!, cells.slice(1)]));
}

describe('batch and scaling kinds through kubectl and the tools', () => {
  const c = kubeGate(FIXTURE);

  it("kubectl get jobs: status, completions, duration of each Job, a CronJob's ones too", async () => {
    const table = await c.kubectl('get', 'jobs', '-A');
    expect(table).toMatch(/^NAMESPACE\s+NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/);
    const jobs = rows(await c.kubectl('get', 'jobs', '-n', 'batch'));
    expect(jobs.get('backfill-2026-03-14')).toEqual(['Running', '0/8', '25m', '25m']);
    expect(jobs.get('report-29558190')).toEqual(['Complete', '1/1', '4m', '95m']);
    expect(jobs.get('report-29558250')?.slice(0, 2)).toEqual(['Failed', '0/1']);
    const failed = rows(await c.kubectl('get', 'jobs', '-n', 'shop')).get('migrate-orders');
    // A failed Job has no completionTime: its duration runs on, as on a real cluster.
    expect(failed?.slice(0, 3)).toEqual(['Failed', '0/1', '100m']);
  });

  it('kubectl get cronjobs, hpa, ds, nodes: schedule, replicas at the maximum, daemon counts, a new node', async () => {
    const cron = rows(await c.kubectl('get', 'cronjobs', '-n', 'batch')).get('report');
    expect(cron).toEqual(['*/30 * * * *', '<none>', 'False', '1', '5m', expect.any(String)]);
    const hpa = rows(await c.kubectl('get', 'hpa', '-n', 'shop')).get('checkout');
    expect(hpa).toEqual(['Deployment/checkout', '140%/70%', '2', '6', '6', expect.any(String)]);
    const ds = rows(await c.kubectl('get', 'ds', '-n', 'kube-system'));
    expect(ds.get('node-exporter')?.slice(0, 5)).toEqual(['3', '3', '3', '3', '3']);
    expect(ds.get('fluent-bit')?.slice(0, 5)).toEqual(['2', '2', '2', '2', '2']); // not on the tainted node
    const nodes = rows(await c.kubectl('get', 'nodes'));
    expect(nodes.get('ip-10-0-3-30')?.[2]).toBe('5m');
    expect(await c.kubectl('describe', 'node', 'ip-10-0-3-30')).toMatch(
      /Taints:\s+dedicated=batch:NoSchedule/,
    );
  });

  it('kubectl get pods: Evicted, Terminating, Completed, Error and the backfill pods', async () => {
    const pods = await c.kubectl('get', 'pods', '-A');
    const status = (pattern: RegExp) => pods.split('\n').filter((line) => pattern.test(line));
    expect(status(/^shop\s+checkout-\S+\s+0\/1\s+Evicted\s/)).toHaveLength(2);
    expect(status(/^shop\s+checkout-\S+\s+1\/1\s+Terminating\s/)).toHaveLength(1);
    expect(status(/^batch\s+backfill-2026-03-14-\S+\s+1\/1\s+Running\s/)).toHaveLength(8);
    expect(status(/^batch\s+report-29558190-\S+\s+0\/1\s+Completed\s/)).toHaveLength(1);
    expect(status(/^shop\s+migrate-orders-\S+\s+0\/1\s+Error\s/)).toHaveLength(3);
    expect(status(/^kube-system\s+node-exporter-\S+\s+1\/1\s+Running\s/)).toHaveLength(3);
    const evicted = await c.kubectl(
      'get',
      'pods',
      '-n',
      'shop',
      '--field-selector=status.phase=Failed',
      '-o',
      'jsonpath={.items[*].status.message}',
    );
    expect(evicted).toContain('The node was low on resource: memory.');
    const owners = await c.kubectl(
      'get',
      'jobs',
      '-n',
      'batch',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {end}',
    );
    expect(owners).toContain('report-29558280=CronJob/report');
  });

  it('k8s_resources_list lists jobs, cronjobs and hpa through discovery, one status line each', async () => {
    const list = async (kind: string, namespace: string) => {
      const res = await c.h.call('k8s_resources_list', { kind, namespace });
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      const items = (res.structuredContent as { items: { name: string; status: string }[] }).items;
      return new Map(items.map((i) => [i.name, i.status]));
    };
    expect((await list('jobs', 'batch')).get('backfill-2026-03-14')).toBe(
      'Running: 0/8 succeeded, 0 failed, 8 active; for 25m',
    );
    expect((await list('cj', 'batch')).get('report')).toMatch(
      /^"\*\/30 \* \* \* \*"; last schedule 5m ago, last success 60m ago; 1 active$/,
    );
    expect((await list('hpa', 'shop')).get('checkout')).toBe(
      'Deployment/checkout: 6 replicas, desired 6 (min 2, max 6); cpu 140%/70%; ScalingLimited=True TooManyReplicas',
    );
  });
});

describe('kube-state-metrics series through the Prometheus simulator', () => {
  const scenario = loadScenario(FIXTURE);
  const T = scenario.spec.now.getTime() / 1000;
  let sim: Awaited<ReturnType<typeof startPrometheusSimulator>>;
  beforeAll(async () => {
    const clock = { now: () => new Date(scenario.spec.now) };
    sim = await startPrometheusSimulator(scenario, clock, { storage: scenarioStorage(scenario) });
  });
  afterAll(async () => {
    await sim?.close();
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read API JSON
  const query = async (promql: string, time = T): Promise<any[]> => {
    const url = `${sim.url}/api/v1/query?${new URLSearchParams({ query: promql, time: String(time) })}`;
    const body = await (await fetch(url)).json();
    expect(body.status, JSON.stringify(body)).toBe('success');
    return body.data.result;
  };
  const value = async (promql: string, time = T) => Number((await query(promql, time))[0]?.value[1]);

  it("Job progress and its start, a CronJob's last schedule", async () => {
    expect(
      await value(
        'kube_job_status_active{job="kube-state-metrics",namespace="batch",job_name="backfill-2026-03-14"}',
      ),
    ).toBe(8);
    expect(await value('kube_job_status_start_time{job_name="backfill-2026-03-14"}')).toBe(T - 25 * 60);
    expect(await query('kube_job_status_active{job_name="backfill-2026-03-14"}', T - 30 * 60)).toEqual([]);
    expect(await value('kube_job_status_failed{job_name="migrate-orders"}')).toBe(3);
    expect(await value('kube_job_status_succeeded{job_name="report-29558220"}')).toBe(1);
    expect(await value('kube_cronjob_status_last_schedule_time{cronjob="report"}')).toBe(T - 5 * 60);
    expect(await value('kube_cronjob_status_last_schedule_time{cronjob="report"}', T - 40 * 60)).toBe(
      T - 65 * 60,
    );
  });

  it('the HPA climbs to its maximum during the surge', async () => {
    expect(
      await value(
        'kube_horizontalpodautoscaler_status_current_replicas{horizontalpodautoscaler="checkout"}',
        T - 60 * 60,
      ),
    ).toBe(3);
    expect(
      await value(
        'kube_horizontalpodautoscaler_status_current_replicas == on(namespace, horizontalpodautoscaler) kube_horizontalpodautoscaler_spec_max_replicas',
      ),
    ).toBe(6);
    expect(
      await value('kube_horizontalpodautoscaler_spec_min_replicas{horizontalpodautoscaler="checkout"}'),
    ).toBe(2);
    expect(await value('kube_deployment_spec_replicas{deployment="checkout"}', T - 60 * 60)).toBe(3);
    expect(await value('kube_deployment_spec_replicas{deployment="checkout"}')).toBe(6);
  });

  it('pods: phases, waiting reasons, restarts, creation; daemon and workload counts; node taints and age', async () => {
    expect(await value('sum(kube_pod_status_phase{namespace="shop",phase="Failed"})')).toBe(2 + 3);
    expect(
      await value('count(kube_pod_status_phase{namespace="batch",pod=~"backfill-.*",phase="Running"} == 1)'),
    ).toBe(8);
    expect(await value('count(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"})')).toBe(1);
    expect(
      await value(
        'sum(kube_pod_container_status_restarts_total{job="kube-state-metrics",namespace="shop",pod=~"checkout-.*"})',
      ),
    ).toBe(2);
    // The backfill's 8 pods and the running report Job's pod were created in the last 26 minutes.
    expect(await value(`count(kube_pod_created{namespace="batch"} > ${T - 26 * 60})`)).toBe(9);
    expect(await value('kube_daemonset_status_desired_number_scheduled{daemonset="fluent-bit"}')).toBe(2);
    expect(await value('kube_daemonset_status_number_ready{daemonset="node-exporter"}')).toBe(3);
    expect(await value('kube_statefulset_status_replicas_ready{statefulset="orders-db"}')).toBe(2);
    expect(
      await value(
        'kube_node_spec_taint{node="ip-10-0-3-30",key="dedicated",value="batch",effect="NoSchedule"}',
      ),
    ).toBe(1);
    expect(await value('time() - kube_node_created{node="ip-10-0-3-30"}')).toBe(300);
  });
});
