// A generated world written as an opswarden.dev/v1 Scenario document (docs/scenarios.md):
// relative times, dated lists oldest first, pods of every workload, services with their
// segments, and the resolution and truth the cause decided on.

import { type LogSource, rel, type Seg, type Service, type World } from './world.ts';

const byTime = <T extends Seg>(segments: readonly T[]) => [...segments].sort((a, b) => a.from - b.from);

/** Segments as the format writes them: relative `from` and `ramp`, the rest as is. */
function segments<T extends Seg>(list: readonly T[], fields: (s: T) => Record<string, unknown>) {
  return byTime(list).map((s) => ({
    from: rel(s.from),
    ...(s.ramp ? { ramp: `${s.ramp}s` } : {}),
    ...fields(s),
  }));
}

const mi = (n: number) => `${Math.round(n)}Mi`;
const cores = (n: number) => (n < 1 ? `${Math.round(n * 1000)}m` : String(n));

function workload(world: World, s: Service) {
  return {
    name: s.name,
    namespace: s.namespace,
    labels: { app: s.name, team: world.namespaces.find((n) => n.name === s.namespace)!.team },
    replicas: s.replicas,
    containers: [
      {
        name: s.container,
        ports: [s.port],
        resources: {
          requests: { cpu: cores(Math.min(s.cpuLimit, 0.25)), memory: mi(s.memLimitMi / 2) },
          limits: { cpu: cores(s.cpuLimit), memory: mi(s.memLimitMi) },
        },
      },
    ],
    revisions: s.revisions.map((v) => ({
      at: rel(v.at),
      image: `${s.image}:${v.version}`,
      changeCause: v.changeCause,
      ...(v.env ? { env: v.env } : {}),
    })),
    ...(s.pods.length
      ? {
          pods: [...s.pods]
            .sort((a, b) => a.index - b.index)
            .map((p) => ({
              ...p,
              ...(p.restarts ? { restarts: p.restarts.map((x) => ({ ...x, at: rel(x.at) })) } : {}),
            })),
        }
      : {}),
  };
}

function catalogEntry(s: Service) {
  return {
    name: s.name,
    namespace: s.namespace,
    workload: `${s.role === 'store' ? 'StatefulSet' : 'Deployment'}/${s.namespace}/${s.name}`,
    ...(s.dependsOn.length ? { dependsOn: s.dependsOn } : {}),
    ...(s.traffic.length
      ? {
          traffic: segments(s.traffic, (x) => ({ rps: x.rps })),
          errors: segments(s.errors, (x) => (x.codes ? { codes: x.codes } : { ratio: x.ratio })),
          latency: segments(s.latency, (x) => ({ p50: x.p50, p99: x.p99 })),
        }
      : {}),
    cpu: segments(s.cpu, (x) => ({ cores: x.cores })),
    memory: segments(s.memory, (x) => ({
      bytes: mi(x.mi),
      ...(x.growthMiPerMin ? { growth: `${x.growthMiPerMin}Mi/min` } : {}),
    })),
  };
}

function logSource(l: LogSource) {
  const time = (x: LogSource['lines'][number]) => (x.at ?? x.from)!;
  return {
    source: l.source,
    ...(l.format ? { format: l.format } : {}),
    lines: [...l.lines]
      .sort((a, b) => time(a) - time(b))
      .map(({ from, at, ...x }) => ({
        ...(at === undefined ? { from: rel(from!) } : { at: rel(at) }),
        ...x,
      })),
  };
}

const byAt = <T extends { at: number }>(list: readonly T[]) => [...list].sort((a, b) => a.at - b.at);

export function scenarioDocument(world: World, name: string, seed: number) {
  const deployments = world.services.filter((s) => s.role !== 'store');
  const statefulsets = world.services.filter((s) => s.role === 'store');
  const truth = world.truth!;
  return {
    apiVersion: 'opswarden.dev/v1',
    kind: 'Scenario',
    metadata: { name, description: world.description },
    spec: {
      now: world.now,
      step: '15s',
      history: rel(world.history),
      seed,
      cluster: { name: world.cluster },
      kubernetes: {
        namespaces: world.namespaces.map((n) => ({
          name: n.name,
          labels: { environment: 'production', team: n.team },
        })),
        nodes: world.nodes.map((n) => ({
          name: n.name,
          labels: {
            'topology.kubernetes.io/zone': n.zone,
            'node.kubernetes.io/instance-type': 'm6i.4xlarge',
          },
          capacity: { cpu: '16', memory: '64Gi', pods: '110' },
          ...(n.conditions.length
            ? { conditions: n.conditions.map((c) => ({ ...c, since: rel(c.since as number) })) }
            : {}),
        })),
        deployments: deployments.map((s) => workload(world, s)),
        ...(statefulsets.length ? { statefulsets: statefulsets.map((s) => workload(world, s)) } : {}),
        ...(world.configmaps.length
          ? {
              configmaps: world.configmaps.map((c) => ({
                name: c.name,
                namespace: c.namespace,
                data: c.data,
                history: byAt(c.history).map((h) => ({ at: rel(h.at), data: h.data })),
              })),
            }
          : {}),
        ...(world.events.length ? { events: byAt(world.events).map((e) => ({ ...e, at: rel(e.at) })) } : {}),
      },
      services: [
        ...world.services.map(catalogEntry),
        ...world.externals.map((x) => ({ name: x.name, kind: 'external' })),
      ],
      ...(world.metrics.length
        ? {
            metrics: world.metrics.map((m) => ({
              name: m.name,
              type: m.type,
              labels: m.labels,
              [m.type === 'counter' ? 'rate' : 'value']: segments(m.segments, (x) =>
                m.type === 'counter' ? { rate: x.value } : { value: x.value },
              ),
              ...(m.noise !== undefined ? { noise: m.noise } : {}),
            })),
          }
        : {}),
      logs: world.logs.map(logSource),
      alerts: world.alerts.map((a) => ({
        name: a.name,
        labels: a.labels,
        annotations: { summary: a.summary },
        ...(a.expr ? { expr: a.expr } : {}),
        ...(a.for ? { for: `${a.for}s` } : {}),
        startsAt: rel(a.startsAt),
        ...(a.endsAt !== undefined ? { endsAt: rel(a.endsAt) } : {}),
      })),
      ...(world.changes.length ? { changes: byAt(world.changes).map((c) => ({ ...c, at: rel(c.at) })) } : {}),
      resolution: {
        incidentStart: rel(world.incidentStart),
        fixes: world.fixes,
        recovery: world.recovery,
        ...(world.transient.length ? { transient: world.transient } : {}),
      },
      truth: {
        rootCause: { category: truth.category, ref: truth.ref, summary: truth.summary },
        remediation: { acceptable: truth.acceptable, harmful: truth.harmful },
      },
    },
  };
}
