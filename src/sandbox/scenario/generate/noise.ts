// Red herrings for generated scenarios, kept off the services the cause touches: an unrelated
// release and ConfigMap write (before or during the incident), alerts that were already
// firing elsewhere, a memory series creeping up, a node that was NotReady for a minute or
// two and came back, a feature flag flipped. Real pages come with these; an engine that
// blames whatever changed last should be caught by them.

import { gaugeAlert } from './alerts.ts';
import { configOf, writeConfig } from './causes-change.ts';
import { between, current, type Metric, MIN, nextVersion, type World, workloadRef } from './world.ts';

function bystanders(world: World) {
  return world.services.filter((s) => !world.involved.includes(s.name));
}

/** A time before the incident, or (one time in three) during it. */
function someTime(world: World): number {
  const r = world.random;
  const t0 = world.incidentStart;
  if (r.next() < 0.33 && t0 < -6 * MIN) return t0 + r.int(2, Math.floor(-t0 / MIN) - 3) * MIN;
  return Math.max(world.history + 20 * MIN, t0 - r.int(5, 120) * MIN);
}

function unrelatedDeploy(world: World): void {
  const r = world.random;
  const candidates = bystanders(world).filter((s) => s.role !== 'store' && s.traffic.length);
  if (!candidates.length) return;
  const s = r.pick(candidates);
  const at = someTime(world);
  if (s.revisions.at(-1)!.at >= at) return;
  const v = nextVersion(r, s.revisions.at(-1)!.version);
  s.revisions.push({
    at,
    version: v,
    changeCause:
      r.next() < 0.5
        ? `release ${v}`
        : `release ${v}: ${r.pick(['dependency bumps', 'copy changes', 'new metrics', 'refactor'])}`,
  });
  const base = current(s.latency);
  s.latency.push({
    from: at + 30,
    p50: Number((base.p50 * between(r, 1, 1.1)).toPrecision(2)),
    p99: Number((base.p99 * between(r, 1, 1.15)).toPrecision(2)),
  });
  world.logs.push({
    source: workloadRef(s),
    lines: [{ at: at + 20, level: 'info', text: `started ${s.name} ${v} in {int:2-9}.{int:0-9}s` }],
  });
}

function unrelatedConfigWrite(world: World): void {
  const r = world.random;
  const candidates = bystanders(world).filter((s) => s.role !== 'store');
  if (!candidates.length) return;
  const s = r.pick(candidates);
  const cm = configOf(world, s);
  const at = someTime(world);
  if (cm.history.at(-1)!.at >= at) return;
  writeConfig(
    cm,
    at,
    r.next() < 0.5
      ? { log_level: r.pick(['debug', 'warn']) }
      : { workers: String(Number(cm.data.workers ?? 4) + r.int(1, 4)) },
  );
  if (r.next() < 0.5)
    world.changes.push({
      id: `cfg-${r.int(1000, 9999)}`,
      at,
      kind: 'config',
      service: s.name,
      summary: `${cm.name}: ${Object.keys(cm.data).join(', ')} updated`,
    });
}

/** A node that neither the cause nor other noise is about. */
function quietNode(world: World) {
  const mentioned = (name: string) => world.metrics.some((m) => m.labels.instance === `${name}:9100`);
  const nodes = world.nodes.filter(
    (n) => `Node/${n.name}` !== world.truth?.ref && !n.conditions.length && !mentioned(n.name),
  );
  return nodes.length ? world.random.pick(nodes) : undefined;
}

function stepMetric(
  name: string,
  labels: Record<string, string>,
  before: number,
  after: number,
  at: number,
  world: World,
): Metric {
  return {
    name,
    type: 'gauge',
    labels,
    segments: [
      { from: world.history, value: before },
      { from: at, value: after },
    ],
    noise: 0,
  };
}

/** An alert that started firing before the incident, about something else. */
function standingAlert(world: World): void {
  const r = world.random;
  const at = Math.max(world.history + 10 * MIN, world.incidentStart - r.int(25, 180) * MIN);
  const node = quietNode(world);
  const s = r.pick(bystanders(world).length ? bystanders(world) : world.services);
  const options = [
    () => {
      const job = `${s.name.split('-')[0]}-report-${r.int(29000000, 29999999)}`;
      const m = stepMetric(
        'kube_job_failed',
        { namespace: s.namespace, job_name: job, condition: 'true' },
        0,
        1,
        at,
        world,
      );
      world.metrics.push(m);
      gaugeAlert(world, m, {
        name: 'KubeJobFailed',
        labels: { namespace: s.namespace, job_name: job, severity: 'warning' },
        summary: `Job ${s.namespace}/${job} failed to complete`,
        op: '>',
        threshold: 0,
        for: 15 * MIN,
      });
    },
    () => {
      const instance = `10.${world.octet}.${r.int(1, 3)}.${r.int(2, 254)}:${r.pick([9100, 9187, 9121])}`;
      const m = stepMetric(
        'up',
        { job: `${s.name}-exporter`, namespace: s.namespace, instance },
        1,
        0,
        at,
        world,
      );
      world.metrics.push(m);
      gaugeAlert(world, m, {
        name: 'TargetDown',
        labels: { job: `${s.name}-exporter`, namespace: s.namespace, severity: 'warning' },
        summary: `${s.name}-exporter target in ${s.namespace} is down`,
        op: '==',
        threshold: 0,
        for: 10 * MIN,
      });
    },
    ...(node
      ? [
          () => {
            const instance = `${node.name}:9100`;
            const m = stepMetric('node_timex_sync_status', { instance }, 1, 0, at, world);
            world.metrics.push(m);
            gaugeAlert(world, m, {
              name: 'NodeClockNotSynchronising',
              labels: { instance, severity: 'warning' },
              summary: `Clock on ${node.name} is not synchronising`,
              op: '==',
              threshold: 0,
              for: 10 * MIN,
            });
          },
          () => {
            const labels = { instance: `${node.name}:9100`, mountpoint: '/var/lib/containerd' };
            const full = 100 * 2 ** 30;
            const m: Metric = {
              name: 'node_filesystem_avail_bytes',
              type: 'gauge',
              labels,
              segments: [
                { from: world.history, value: full * 0.3 },
                { from: world.history + 60, ramp: -world.history - 60, value: full * 0.04 },
              ],
              noise: 0.002,
            };
            world.metrics.push(m);
            gaugeAlert(world, m, {
              name: 'NodeFilesystemAlmostFull',
              labels: { ...labels, severity: 'warning' },
              summary: `${node.name} /var/lib/containerd has less than 10% space left`,
              op: '<',
              threshold: full * 0.1,
              for: 5 * MIN,
            });
          },
        ]
      : []),
  ];
  r.pick(options)();
}

function slowLeak(world: World): void {
  const candidates = bystanders(world).filter((s) => s.role !== 'store');
  if (!candidates.length) return;
  const s = world.random.pick(candidates);
  const base = current(s.memory);
  s.memory.push({ from: world.history + 60, mi: base.mi, growthMiPerMin: between(world.random, 0.2, 0.8) });
}

/** A node that went NotReady for a minute or two and came back; its exporter was unreachable meanwhile. */
function nodeBlip(world: World): void {
  const r = world.random;
  const node = quietNode(world);
  if (!node) return;
  const from = r.int(Math.ceil((world.history + 20 * MIN) / MIN), -6) * MIN;
  const back = from + r.int(1, 3) * MIN;
  node.conditions.push({
    type: 'Ready',
    status: 'True',
    since: back,
    reason: 'KubeletReady',
    message: 'kubelet is posting ready status',
  });
  world.events.push(
    {
      at: from,
      type: 'Normal',
      reason: 'NodeNotReady',
      object: `Node/${node.name}`,
      message: `Node ${node.name} status is now: NodeNotReady`,
    },
    {
      at: back,
      type: 'Normal',
      reason: 'NodeReady',
      object: `Node/${node.name}`,
      message: `Node ${node.name} status is now: NodeReady`,
    },
  );
  const m: Metric = {
    name: 'up',
    type: 'gauge',
    labels: { job: 'node-exporter', instance: `${node.name}:9100` },
    segments: [
      { from: world.history, value: 1 },
      { from, value: 0 },
      { from: back, value: 1 },
    ],
    noise: 0,
  };
  world.metrics.push(m);
  gaugeAlert(
    world,
    m,
    {
      name: 'NodeExporterDown',
      labels: { instance: `${node.name}:9100`, severity: 'warning' },
      summary: `node-exporter on ${node.name} is unreachable`,
      op: '==',
      threshold: 0,
    },
    from - MIN,
  );
}

function flagFlip(world: World): void {
  const r = world.random;
  const s = r.pick(bystanders(world).length ? bystanders(world) : world.services);
  world.changes.push({
    id: `flag-${r.int(1000, 9999)}`,
    at: someTime(world),
    kind: 'feature_flag',
    service: s.name,
    summary: `${s.name.split('-')[0]}.${r.pick(['beta-ui', 'new-search', 'fast-path', 'promo-banner'])} enabled for ${r.pick([5, 10, 25, 50, 100])}% of traffic`,
  });
}

/** Some of each kind of noise, more in larger worlds. */
export function addNoise(world: World): void {
  const r = world.random;
  const makers = [unrelatedDeploy, unrelatedConfigWrite, standingAlert, slowLeak, nodeBlip, flagFlip];
  for (const make of makers) if (r.next() < 0.75) make(world);
  if (world.services.length > 12)
    for (const make of [unrelatedDeploy, standingAlert, flagFlip]) if (r.next() < 0.5) make(world);
}
