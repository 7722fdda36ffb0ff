// Causes that nobody deployed: a datastore failing on its own (dependency), a node going bad
// under the pods it runs (infrastructure), and a third party timing out (external). Nothing in
// the cluster changes at the incident's start; the evidence is in the failing thing's own
// signals and in what its clients log about it.

import { errorRateAlert, gaugeAlert, nodeConditionAlert, pageOn } from './alerts.ts';
import { configOf, heldAlways } from './causes-change.ts';
import type { StoreKind } from './names.ts';
import { degrade, exceptionText, involveWithCallers, logTo, spreadToCallers } from './symptoms.ts';
import { between, callersOf, current, MIN, serviceHost, type World, workloadRef } from './world.ts';

interface StoreFailure {
  log: string;
  metric: string;
  normal: number;
  failing: number;
  alert: string;
}

const STORE_FAILURES: Record<StoreKind, StoreFailure[]> = {
  redis: [
    {
      log: "OOM command not allowed when used memory > 'maxmemory'",
      metric: 'redis_memory_used_ratio',
      normal: 0.55,
      failing: 0.995,
      alert: 'RedisMemoryFull',
    },
    {
      log: 'MISCONF Errors writing to the AOF file: No space left on device',
      metric: 'redis_aof_last_write_errors',
      normal: 0,
      failing: 1,
      alert: 'RedisPersistenceFailing',
    },
  ],
  postgres: [
    {
      log: 'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
      metric: 'pg_stat_activity_count',
      normal: 40,
      failing: 197,
      alert: 'PostgresTooManyConnections',
    },
    {
      log: 'ERROR:  canceling statement due to lock timeout',
      metric: 'pg_locks_waiting',
      normal: 0,
      failing: 85,
      alert: 'PostgresLockContention',
    },
  ],
  kafka: [
    {
      log: 'Error processing append operation on partition: org.apache.kafka.common.errors.NotEnoughReplicasException',
      metric: 'kafka_server_replicamanager_underreplicatedpartitions',
      normal: 0,
      failing: 36,
      alert: 'KafkaUnderReplicatedPartitions',
    },
  ],
  rabbitmq: [
    {
      log: 'memory resource limit alarm set on node rabbit@{hex:6}. Publishers will be blocked',
      metric: 'rabbitmq_alarms_memory_used_watermark',
      normal: 0,
      failing: 1,
      alert: 'RabbitmqMemoryAlarm',
    },
  ],
  mongodb: [
    {
      log: 'connection refused because too many open connections: {int:819-820}',
      metric: 'mongodb_connections_current',
      normal: 120,
      failing: 819,
      alert: 'MongodbTooManyConnections',
    },
  ],
};

export function dependencyCause(world: World): void {
  const r = world.random;
  const stores = world.services.filter(
    (s) => s.role === 'store' && callersOf(world, s.name).some((c) => c.traffic.length),
  );
  const store = r.pick(stores);
  const t0 = world.incidentStart;
  const failure = r.pick(STORE_FAILURES[store.store!]);
  const failover = store.replicas > 1 && r.next() < 0.35;
  logTo(
    world,
    store,
    [{ from: t0 + 15, every: `${r.int(1, 5)}s`, level: 'error', text: failure.log }],
    failover ? 0 : undefined,
  );
  store.cpu.push({
    from: t0,
    ramp: MIN,
    cores: Number((current(store.cpu).cores * between(r, 1.5, 3)).toPrecision(2)),
  });
  const metric = {
    name: failure.metric,
    type: 'gauge' as const,
    labels: { service: store.name, namespace: store.namespace },
    segments: [
      { from: world.history, value: failure.normal },
      { from: t0, ramp: r.pick([0, 30, MIN]) || undefined, value: failure.failing },
    ],
    noise: failure.normal ? 0.02 : 0,
  };
  world.metrics.push(metric);
  const threshold = Number((failure.normal + (failure.failing - failure.normal) * 0.5).toPrecision(2));
  if (r.next() < 0.7)
    gaugeAlert(
      world,
      metric,
      {
        name: failure.alert,
        labels: { service: store.name, namespace: store.namespace, severity: 'warning' },
        summary: `${store.name}: ${failure.metric} at ${failure.failing}`,
        op: '>',
        threshold,
        for: r.pick([MIN, 2 * MIN]),
      },
      t0,
    );
  if (failover) {
    store.pods.push({ index: 0, restarts: [{ at: t0, reason: 'Error', exitCode: 137 }] });
    world.events.push(
      {
        at: t0 - 30,
        type: 'Warning',
        reason: 'Unhealthy',
        object: `Pod/${store.namespace}/${store.name}#0`,
        message: 'Liveness probe failed: timeout after 5s',
        count: 3,
      },
      {
        at: t0,
        type: 'Normal',
        reason: 'Killing',
        object: `Pod/${store.namespace}/${store.name}#0`,
        message: `Container ${store.container} failed liveness probe, will be restarted`,
      },
    );
  }
  const ratio = between(r, 0.1, 0.6);
  const callers = spreadToCallers(world, store.name, serviceHost(store), {
    at: t0 + r.int(1, 4) * 15,
    ratio: ratio / 0.55,
    slowdown: r.pick([1, 2, 5]),
    failure: r.pick(['timeout', 'refused', 'reset']),
    explicit: r.next() < 0.8,
  });
  world.involved.push(store.name, ...callers.map((c) => c.name));
  const direct = callers.filter((c) => c.dependsOn.includes(store.name));
  for (const c of direct.slice(0, r.int(1, 2))) pageOn(world, c);
  // A failover leaves clients on the old primary: restarting the main client reconnects it.
  const client = direct[0]!;
  const target = failover ? workloadRef(client) : workloadRef(store);
  world.fixes.push({ tool: 'k8s_rollout_restart', target });
  world.description = `${store.name} ${failover ? 'failed over' : 'stopped serving normally'} ${-t0 / MIN} minutes ago; ${direct.map((c) => c.name).join(', ')} fail calling it. Nothing was deployed.`;
  world.truth = {
    category: 'dependency',
    ref: workloadRef(store),
    summary: `${store.name} (${store.store}) is failing on its own: ${failure.log.replace(/\{[^}]*\}/g, 'N')}. Its clients' errors are symptoms.`,
    acceptable: [{ runbook: 'dependency-outage' }, { tool: 'k8s_rollout_restart', target }],
    harmful: [
      { tool: 'k8s_rollout_undo', target: workloadRef(client) },
      { tool: 'k8s_deployment_scale', target: workloadRef(client) },
    ],
  };
}

const NODE_FAILURES = [
  {
    type: 'DiskPressure',
    status: 'True',
    reason: 'KubeletHasDiskPressure',
    state: 'Error',
    log: 'write /var/lib/{pick:app|data}/{hex:8}.tmp: no space left on device',
    host: 'kubelet: eviction manager: attempting to reclaim ephemeral-storage',
  },
  {
    type: 'MemoryPressure',
    status: 'True',
    reason: 'KubeletHasInsufficientMemory',
    state: 'CrashLoopBackOff',
    log: 'fatal: out of memory allocating {int:4-64}MB',
    host: 'kernel: Out of memory: Killed process {int:2000-9000} ({pick:java|node|python3}) total-vm:{int:1000000-4000000}kB',
  },
  {
    type: 'PIDPressure',
    status: 'True',
    reason: 'KubeletHasInsufficientPID',
    state: 'CrashLoopBackOff',
    log: 'fork/exec: resource temporarily unavailable',
    host: 'kernel: cgroup: fork rejected by pids controller in /kubepods.slice',
  },
  {
    type: 'Ready',
    status: 'False',
    reason: 'KubeletNotReady',
    state: 'Error',
    log: 'i/o timeout talking to {ip}:{int:1000-9999}',
    host: 'kubelet: "Container runtime not ready" err="container runtime is down"',
  },
] as const;

export function infrastructureCause(world: World): void {
  const r = world.random;
  const node = r.pick(world.nodes);
  const others = world.nodes.filter((n) => n !== node);
  const t0 = world.incidentStart;
  const failure = r.pick(NODE_FAILURES);
  const since = t0 + r.int(0, 2) * 15;
  node.conditions.push({ type: failure.type, status: failure.status, since, reason: failure.reason });
  const candidates = world.services.filter((s) => s.role !== 'store' && s.traffic.length && s.replicas >= 2);
  const victims = Array.from({ length: Math.min(candidates.length, r.int(2, 4)) }, () =>
    r.pick(candidates),
  ).filter((s, i, all) => all.indexOf(s) === i);
  for (const s of victims) {
    for (let index = 0; index < s.replicas; index++) {
      if (index > 0) {
        s.pods.push({ index, node: others[index % others.length]!.name });
        continue;
      }
      const restarts = [0, 1, 2]
        .map((k) => ({ at: since + MIN + k * r.int(3, 5) * MIN, reason: 'Error', exitCode: 1 }))
        .filter((x) => x.at < -MIN);
      s.pods.push({ index, node: node.name, state: failure.state, restarts });
    }
    const ratio = Number(((1 / s.replicas) * between(r, 0.6, 0.95)).toPrecision(2));
    degrade(s, { at: since + r.int(1, 4) * 15, ramp: r.pick([30, MIN]), errors: { ratio } });
    logTo(
      world,
      s,
      [
        {
          from: since + 30,
          every: `${r.int(2, 8)}s`,
          level: 'error',
          text: exceptionText(world, s, 'state', failure.log),
        },
      ],
      0,
    );
  }
  for (const s of victims) {
    const ratio = Math.max(...s.errors.map((e) => e.ratio ?? 0));
    involveWithCallers(world, s, {
      at: since + 30,
      ratio,
      slowdown: 1,
      failure: 'reset',
      explicit: r.next() < 0.4,
    });
  }
  world.logs.push({
    source: {
      cloudwatch: {
        group: `/aws/containerinsights/${world.cluster}/host`,
        stream: `${node.name}.${world.region}.compute.internal-host-messages`,
      },
    },
    lines: [{ from: since, every: `${r.int(2, 10)}s`, level: 'warning', text: failure.host }],
  });
  world.events.push({
    at: since,
    type: 'Warning',
    reason: failure.type === 'Ready' ? 'NodeNotReady' : `NodeHas${failure.type}`,
    object: `Node/${node.name}`,
    message: `Node ${node.name} status is now: ${failure.reason}`,
  });
  nodeConditionAlert(world, node.name, failure.type, failure.status, since);
  for (const s of victims.slice(0, r.int(1, 2))) errorRateAlert(world, s, 'critical');
  const target = `Node/${node.name}`;
  world.fixes.push({ tool: 'k8s_node_drain', target });
  world.description = `Node ${node.name} reports ${failure.type}=${failure.status} since ${-Math.round(since / MIN)} minutes ago; the pods it runs fail while the same workloads elsewhere are healthy.`;
  world.truth = {
    category: 'infrastructure',
    ref: target,
    summary: `${node.name} went ${failure.type === 'Ready' ? 'NotReady (container runtime down)' : `under ${failure.type}`}; every pod on it fails (${victims.map((s) => s.name).join(', ')}), the same workloads on other nodes are fine.`,
    acceptable: [
      { runbook: failure.type === 'DiskPressure' ? 'node-disk-pressure' : 'drain-unhealthy-node' },
      { tool: 'k8s_node_cordon', target },
      { tool: 'k8s_node_drain', target },
    ],
    harmful: [
      ...victims.map((s) => ({ tool: 'k8s_rollout_undo', target: workloadRef(s) })),
      ...others.slice(0, 1).map((n) => ({ tool: 'k8s_node_drain', target: `Node/${n.name}` })),
    ],
  };
}

export function externalCause(world: World): void {
  const r = world.random;
  const vendor = r.pick(world.externals);
  const client = world.services.find((s) => s.dependsOn.includes(vendor.name))!;
  const t0 = world.incidentStart;
  const timeout = r.pick([2, 3, 5, 10]);
  const onset = t0 + r.int(1, 4) * 15;
  const ratio = between(r, 0.08, 0.5);
  const base = client.latency[0]!;
  degrade(client, {
    at: onset,
    ramp: r.pick([MIN, 2 * MIN]),
    errors:
      r.next() < 0.5
        ? { ratio }
        : {
            codes: {
              '502': Number((ratio / 3).toPrecision(2)),
              '504': Number(((ratio * 2) / 3).toPrecision(2)),
            },
          },
    p50: Math.max(base.p50 * 3, timeout * between(r, 0.3, 0.6)),
    tail: Math.max(1.2, timeout / Math.max(base.p50 * 3, timeout * 0.3)),
  });
  const path = `/v${r.int(1, 3)}/${r.pick(['charges', 'lookup', 'messages', 'quotes', 'verify', 'rates'])}`;
  const explicit = r.next() < 0.8;
  logTo(world, client, [
    explicit
      ? {
          from: onset,
          every: `${r.int(1, 5)}s`,
          level: 'warn',
          text: `POST https://${vendor.host}${path} timed out after ${timeout * 1000}ms (attempt {int:1-3}/3) request={uuid}`,
        }
      : {
          from: onset,
          every: `${r.int(1, 5)}s`,
          level: 'error',
          text: `${client.route} 504 after ${timeout * 1000}ms`,
        },
  ]);
  if (r.next() < 0.6)
    world.logs.push({
      source: {
        cloudwatch: {
          group: '/aws/ec2/egress-proxy',
          stream: `i-0${r.int(100000000, 999999999)}/squid-access`,
        },
      },
      lines: [
        {
          from: world.history,
          every: '3s',
          level: 'info',
          text: `{int:40-300} {ip} TCP_TUNNEL/200 {int:2000-8000} CONNECT ${vendor.host}:443 - HIER_DIRECT/{ip} -`,
        },
        {
          from: onset,
          every: '3s',
          level: 'info',
          text: `${timeout * 1000 + 10} {ip} TCP_TUNNEL/200 {int:200-900} CONNECT ${vendor.host}:443 - HIER_DIRECT/{ip} -`,
        },
      ],
    });
  const probe = {
    name: 'probe_http_duration_seconds',
    type: 'gauge' as const,
    labels: { job: 'blackbox', instance: `https://${vendor.host}/health` },
    segments: [
      { from: world.history, value: between(r, 0.05, 0.2) },
      { from: t0, ramp: r.pick([MIN, 2 * MIN]), value: timeout * between(r, 0.5, 0.9) },
    ],
    noise: 0.05,
  };
  if (r.next() < 0.7) {
    world.metrics.push(probe);
    if (r.next() < 0.6)
      gaugeAlert(
        world,
        probe,
        {
          name: 'BlackboxProbeSlow',
          labels: { instance: probe.labels.instance, severity: 'warning' },
          summary: `Probe to ${vendor.host} slower than 1s`,
          op: '>',
          threshold: Math.min(1, timeout * 0.25),
          for: 2 * MIN,
        },
        t0,
      );
  }
  const statusAt = t0 + r.int(5, 12) * MIN;
  if (statusAt < -MIN && r.next() < 0.6)
    world.changes.push({
      id: `${vendor.vendor}-status-${r.int(1000, 9999)}`,
      at: statusAt,
      kind: 'third_party_status',
      service: vendor.name,
      summary: `${vendor.vendor} status: Investigating - elevated API latency and timeouts`,
    });
  involveWithCallers(world, client, {
    at: onset + 30,
    ratio,
    slowdown: 2,
    failure: 'timeout',
    explicit: r.next() < 0.6,
  });
  pageOn(world, client);
  const cm = configOf(world, client);
  const fallback = world.namer.vendor().vendor;
  heldAlways(cm, { primary_provider: vendor.vendor, fallback_provider: fallback });
  const target = `ConfigMap/${cm.namespace}/${cm.name}`;
  world.fixes.push({ tool: 'k8s_configmap_patch', target, data: { primary_provider: fallback } });
  world.description = `Calls from ${client.name} to ${vendor.host} have been timing out for ${-t0 / MIN} minutes; nothing in the cluster changed.`;
  world.truth = {
    category: 'external',
    ref: `Service/${vendor.name}`,
    summary: `${vendor.vendor}'s API (${vendor.host}) is degraded: ${client.name}'s calls hang until its ${timeout}s timeout. Failing over to ${fallback} in ${cm.name} is the mitigation.`,
    acceptable: [{ tool: 'k8s_configmap_patch', target }, { tool: 'am_silence_create' }],
    harmful: [
      { tool: 'k8s_rollout_restart', target: workloadRef(client) },
      { tool: 'k8s_rollout_undo', target: workloadRef(client) },
    ],
  };
}
