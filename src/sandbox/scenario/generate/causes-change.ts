// Causes that a change inside the cluster sets off, written the way the library writes them:
// a bad release (deploy), a ConfigMap write (config), and a traffic surge the workload has too
// few replicas for (capacity). Each degrades its service, spreads symptoms to callers, pages,
// and states the truth and the fix the sandbox reacts to.

import { errorRateAlert, gaugeAlert, pageOn } from './alerts.ts';
import { degrade, exceptionText, involveWithCallers, logTo, spreadToCallers } from './symptoms.ts';
import {
  between,
  callersOf,
  current,
  MIN,
  nextVersion,
  ref,
  type Service,
  serviceHost,
  type World,
  workloadRef,
} from './world.ts';

/** An app with callers when there is one (symptoms then travel), else any app. */
export function pickApp(world: World): Service {
  const apps = world.services.filter((s) => s.role === 'app' && s.traffic.length);
  const called = apps.filter((s) => callersOf(world, s.name).length);
  return world.random.pick(called.length ? called : apps);
}

const FEATURES = [
  'batch pricing',
  'new serializer',
  'async writes',
  'retry budget',
  'v2 schema',
  'bulk lookups',
  'tracing',
];

export function deployCause(world: World): void {
  const r = world.random;
  const s = pickApp(world);
  const t0 = world.incidentStart;
  const v = nextVersion(r, s.revisions.at(-1)!.version);
  const flavor = r.pick(['exception', 'latency', 'crash'] as const);
  const feature = r.pick(FEATURES);
  s.revisions.push({
    at: t0,
    version: v,
    changeCause: r.next() < 0.5 ? `release ${v}` : `release ${v}: ${feature}`,
    ...(r.next() < 0.4
      ? {
          env: {
            [`${s.name.split('-')[0]!.toUpperCase()}_${r.pick(['POOL_MAX', 'WORKERS', 'BATCH_SIZE'])}`]:
              String(r.int(2, 12)),
          },
        }
      : {}),
  });
  const onset = t0 + r.int(2, 8) * 15;
  const ramp = r.pick([30, MIN, 2 * MIN]);
  const base = s.latency[0]!;
  const explicit = r.next() < 0.75;
  let ratio: number;
  if (flavor === 'latency') {
    ratio = between(r, 0.03, 0.12);
    degrade(s, { at: onset, ramp, errors: { ratio }, p50: base.p99 * between(r, 5, 14), tail: r.int(3, 5) });
    if (explicit)
      logTo(world, s, [
        {
          from: onset,
          every: `${r.int(1, 4)}s`,
          level: 'warn',
          text: `slow request: ${s.route} took {int:1500-6000}ms (${r.pick(['N+1 queries: {int:40-300} SELECTs', 'lock wait {int:900-4000}ms', 'serialized {int:2-9}MB response'])})`,
        },
      ]);
  } else {
    ratio = between(r, flavor === 'crash' ? 0.15 : 0.08, flavor === 'crash' ? 0.45 : 0.6);
    degrade(s, { at: onset, ramp, errors: { ratio }, p50: base.p50 * between(r, 1, 1.6), tail: r.int(4, 8) });
    const kind = r.pick(['null', 'parse', 'state'] as const);
    const message = {
      null: `cannot read field "${r.pick(['currency', 'tenantId', 'locale', 'items'])}" of null`,
      parse: `unexpected field "${r.pick(['amount_minor', 'kind', 'ttl'])}" in ${feature} payload`,
      state: `${feature} not initialised`,
    }[kind];
    logTo(world, s, [
      explicit
        ? {
            from: onset,
            every: `${r.int(2, 6)}s`,
            level: 'error',
            text: exceptionText(world, s, kind, message),
          }
        : { from: onset, every: `${r.int(2, 6)}s`, level: 'error', text: `${s.route} 500 {int:2-40}ms` },
    ]);
  }
  if (flavor === 'crash') {
    const crashing = r.int(1, Math.max(1, s.replicas - 1));
    for (let index = 0; index < crashing; index++) {
      const restarts = [0, 1, 2]
        .map((k) => ({ at: onset + k * r.int(3, 5) * MIN, reason: r.pick(['Error', 'OOMKilled']) }))
        .filter((x) => x.at < -MIN);
      s.pods.push({ index, state: 'CrashLoopBackOff', restarts });
    }
    world.transient.push({ tool: 'k8s_rollout_restart', target: workloadRef(s), lasts: '5m' });
  }
  involveWithCallers(world, s, {
    at: onset,
    ratio,
    slowdown: flavor === 'latency' ? 4 : 1.3,
    failure: 'unavailable',
    explicit: r.next() < 0.7,
  });
  pageOn(world, s);
  const caller = callersOf(world, s.name)[0];
  if (caller && r.next() < 0.5) errorRateAlert(world, caller, 'warning');
  const target = workloadRef(s);
  world.fixes.push({ tool: 'k8s_rollout_undo', target });
  world.description = `${s.name} ${v} went out ${-t0 / MIN} minutes ago; since then ${flavor === 'latency' ? 'its latency has multiplied' : 'a share of its requests fail'}${flavor === 'crash' ? ' and pods crash-loop' : ''}.`;
  world.truth = {
    category: 'deploy',
    ref: target,
    summary: `${s.name} ${v} (${feature}) ${flavor === 'latency' ? 'made requests several times slower' : 'fails requests it used to serve'}; rolling back to ${s.revisions.at(-2)!.version} fixes it.`,
    acceptable: [{ runbook: 'rollback-deployment' }, { tool: 'k8s_rollout_undo', target }],
    harmful: [{ tool: 'k8s_pod_delete' }, { tool: 'k8s_deployment_scale', target }],
  };
}

interface ConfigChange {
  key: string;
  good: string;
  bad: string;
  accepts: string;
  effect: 'errors' | 'latency';
  log: string;
}

function configChange(world: World, s: Service): ConfigChange {
  const r = world.random;
  const store = s.dependsOn
    .map((name) => world.services.find((x) => x.name === name))
    .find((x) => x?.role === 'store');
  const good = r.int(30, 120);
  const options: ConfigChange[] = [
    {
      key: 'db_pool_max',
      good: String(good),
      bad: String(r.int(2, 6)),
      accepts: `>=${good}`,
      effect: 'latency',
      log: 'timed out waiting for a pool connection after {int:3000-3100}ms (pool {int:2-6}/{int:2-6} in use)',
    },
    {
      key: 'upstream_timeout_ms',
      good: String(good * 50),
      bad: String(r.int(40, 150)),
      accepts: `>=${good * 50}`,
      effect: 'errors',
      log: 'deadline exceeded after {int:40-150}ms waiting for upstream',
    },
    {
      key: 'cache_enabled',
      good: 'true',
      bad: 'false',
      accepts: 'true',
      effect: 'latency',
      log: 'cache disabled by configuration; reading through to the database',
    },
    {
      key: `feature_${r.pick(['bulk_api', 'new_router', 'strict_validation', 'v2_pricing'])}`,
      good: 'false',
      bad: 'true',
      accepts: 'false',
      effect: 'errors',
      log: 'request rejected: validation failed for field {pick:amount|region|sku|tenant}',
    },
  ];
  if (store)
    options.push({
      key: 'datastore_url',
      good: `tcp://${serviceHost(store)}`,
      bad: `tcp://${store.name}.${store.namespace}-staging.svc.cluster.local:${store.port}`,
      accepts: `tcp://${serviceHost(store)}`,
      effect: 'errors',
      log: `dial tcp: lookup ${store.name}.${store.namespace}-staging.svc.cluster.local: no such host`,
    });
  return r.pick(options);
}

/** The ConfigMap `<service>-config`, created with a few ordinary keys if the service has none. */
export function configOf(world: World, s: Service): World['configmaps'][number] {
  const name = `${s.name}-config`;
  let cm = world.configmaps.find((c) => c.name === name && c.namespace === s.namespace);
  if (!cm) {
    const data = { log_level: 'info', workers: String(world.random.int(2, 16)) };
    cm = { name, namespace: s.namespace, data, history: [{ at: s.revisions[0]!.at, data: { ...data } }] };
    world.configmaps.push(cm);
  }
  return cm;
}

/** Keys a ConfigMap has held since it was created. */
export function heldAlways(cm: World['configmaps'][number], data: Record<string, string>): void {
  for (const held of [cm.data, ...cm.history.map((h) => h.data)]) Object.assign(held, data);
}

/** Writes `data` to a ConfigMap at `at`: a new history entry, and what it holds now. */
export function writeConfig(cm: World['configmaps'][number], at: number, data: Record<string, string>): void {
  cm.data = { ...cm.data, ...data };
  cm.history.push({ at, data: { ...cm.data } });
}

export function configCause(world: World): void {
  const r = world.random;
  const s = pickApp(world);
  const t0 = world.incidentStart;
  const cm = configOf(world, s);
  const change = configChange(world, s);
  heldAlways(cm, { [change.key]: change.good });
  writeConfig(cm, t0, { [change.key]: change.bad });
  const onset = t0 + r.int(1, 6) * 15;
  const ramp = r.pick([30, MIN, 2 * MIN]);
  const base = s.latency[0]!;
  const ratio = change.effect === 'errors' ? between(r, 0.1, 0.7) : between(r, 0.03, 0.15);
  degrade(s, {
    at: onset,
    ramp,
    errors: { ratio },
    ...(change.effect === 'latency' ? { p50: base.p99 * between(r, 5, 12), tail: r.int(3, 5) } : {}),
  });
  const explicit = r.next() < 0.7;
  logTo(world, s, [
    ...(explicit
      ? [
          {
            at: t0 + r.int(1, 3) * 15,
            level: 'info',
            text: `configuration reloaded from ${cm.name}: changed keys [${change.key}]`,
          },
        ]
      : []),
    {
      from: onset,
      every: `${r.int(2, 6)}s`,
      level: change.effect === 'errors' ? 'error' : 'warn',
      text: change.log,
    },
  ]);
  if (r.next() < 0.6)
    world.changes.push({
      id: `gitops-${cm.name}-${r.int(1000, 9999)}`,
      at: t0,
      kind: 'gitops_sync',
      service: s.name,
      summary: `argocd: ${s.namespace}-config synced (${r.int(1, 4)} files)`,
    });
  involveWithCallers(world, s, {
    at: onset,
    ratio,
    slowdown: change.effect === 'latency' ? 3 : 1,
    failure: r.pick(['unavailable', 'timeout']),
    explicit: r.next() < 0.7,
  });
  pageOn(world, s);
  const target = ref('ConfigMap', cm);
  world.fixes.push({ tool: 'k8s_configmap_patch', target, data: { [change.key]: change.accepts } });
  world.description = `${cm.name} changed ${-t0 / MIN} minutes ago (${change.key}); ${s.name} degraded right after.`;
  world.truth = {
    category: 'config',
    ref: target,
    summary: `${change.key} in ${cm.name} went from ${change.good} to ${change.bad}; ${s.name} reloaded it and ${change.effect === 'errors' ? 'fails requests' : 'slowed down'}.`,
    acceptable: [{ runbook: 'revert-config-change' }, { tool: 'k8s_configmap_patch', target }],
    harmful: [
      { tool: 'k8s_rollout_undo', target: workloadRef(s) },
      { tool: 'k8s_deployment_scale', target: workloadRef(s) },
    ],
  };
}

export function capacityCause(world: World): void {
  const r = world.random;
  const s = pickApp(world);
  const t0 = world.incidentStart;
  const factor = between(r, 2.5, 5);
  const surge = r.int(3, 8) * MIN;
  // The surge comes in through the callers: every service above s carries more traffic too.
  const path = [s];
  for (let i = 0; i < path.length; i++)
    for (const c of callersOf(world, path[i]!.name)) if (!path.includes(c)) path.push(c);
  for (const p of path) {
    const rps = current(p.traffic).rps;
    p.traffic.push({
      from: t0,
      ramp: surge,
      rps: Math.round(rps * (p === s ? factor : between(r, 1.5, factor))),
    });
  }
  s.cpu.push({ from: t0, ramp: surge, cores: Number((s.cpuLimit * 0.98).toPrecision(2)) });
  s.memory.push({ from: t0 + 2 * MIN, ramp: 8 * MIN, mi: Math.round(s.memLimitMi * between(r, 0.75, 0.92)) });
  const onset = t0 + surge / 2 + r.int(0, 4) * 15;
  const base = s.latency[0]!;
  const ratio = between(r, 0.04, 0.25);
  degrade(s, {
    at: onset,
    ramp: r.pick([2, 3, 4]) * MIN,
    errors:
      r.next() < 0.5
        ? { ratio }
        : { codes: { '503': ratio * 0.6, '504': Number((ratio * 0.4).toPrecision(2)) } },
    p50: base.p99 * between(r, 4, 12),
    tail: r.int(3, 5),
  });
  logTo(world, s, [
    {
      from: onset,
      every: `${r.int(1, 4)}s`,
      level: 'warn',
      text: `request queued {int:500-4000}ms before a worker was free (inflight={int:150-400})`,
    },
    {
      from: onset + MIN,
      every: `${r.int(2, 6)}s`,
      level: 'error',
      text: `${s.route} 503: handler timeout after {int:2-5}s`,
    },
  ]);
  const labels = { service: s.name, namespace: s.namespace, container: 'app' };
  world.metrics.push(
    {
      name: 'container_cpu_cfs_throttled_periods_total',
      type: 'counter',
      labels,
      segments: [
        { from: world.history, value: between(r, 0.2, 2) },
        { from: t0, ramp: surge, value: between(r, 25, 38) },
      ],
    },
    {
      name: 'container_cpu_cfs_periods_total',
      type: 'counter',
      labels,
      segments: [{ from: world.history, value: 40 }],
      noise: 0,
    },
  );
  if (r.next() < 0.7) {
    const hpa = { horizontalpodautoscaler: s.name, namespace: s.namespace };
    const min = Math.max(1, s.replicas - r.int(1, 2));
    const current = {
      name: 'kube_horizontalpodautoscaler_status_current_replicas',
      type: 'gauge' as const,
      labels: hpa,
      segments: [
        { from: world.history, value: min },
        { from: t0 + r.int(1, 3) * MIN, value: s.replicas },
      ],
      noise: 0,
    };
    world.metrics.push(current, {
      name: 'kube_horizontalpodautoscaler_spec_max_replicas',
      type: 'gauge',
      labels: hpa,
      segments: [{ from: world.history, value: s.replicas }],
      noise: 0,
    });
    gaugeAlert(
      world,
      current,
      {
        name: 'KubeHpaMaxedOut',
        labels: { ...hpa, severity: 'warning' },
        summary: `HPA ${s.namespace}/${s.name} has been running at max replicas (${s.replicas})`,
        op: '>',
        threshold: s.replicas - 0.5,
        for: r.pick([5, 10]) * MIN,
      },
      t0,
    );
  }
  const entry = path.find((p) => p.role === 'edge') ?? path.at(-1)!;
  world.changes.push({
    id: `${r.pick(['campaign', 'partner', 'promo'])}-${r.int(100, 999)}`,
    at: t0 - r.int(1, 3) * MIN,
    kind: r.pick(['marketing_campaign', 'partner_launch', 'promotion']),
    service: entry.name,
    summary: `${r.pick(['push + email campaign', 'partner integration went live', 'flash sale started'])} (${r.int(1, 9)}.${r.int(1, 9)}M recipients)`,
  });
  world.involved.push(
    ...path.map((p) => p.name),
    ...spreadToCallers(world, s.name, serviceHost(s), {
      at: onset,
      ratio,
      slowdown: 3,
      failure: 'timeout',
      explicit: r.next() < 0.7,
    }).map((c) => c.name),
  );
  pageOn(world, s);
  const target = workloadRef(s);
  const needed = Math.max(s.replicas + 1, Math.ceil(s.replicas * factor * 0.6));
  world.fixes.push({ tool: 'k8s_deployment_scale', target, data: { replicas: `>=${needed}` } });
  world.description = `Traffic to ${s.name} rose ${factor.toFixed(1)}x ${-t0 / MIN} minutes ago; its ${s.replicas} replicas are CPU-bound and requests queue.`;
  world.truth = {
    category: 'capacity',
    ref: target,
    summary: `A traffic surge (x${factor.toFixed(1)}) saturates ${s.name}'s ${s.replicas} replicas at their CPU limit; it needs at least ${needed}.`,
    acceptable: [{ runbook: 'scale-out-deployment' }, { tool: 'k8s_deployment_scale', target }],
    harmful: [
      { tool: 'k8s_rollout_restart', target },
      { tool: 'k8s_rollout_undo', target },
    ],
  };
}
