// An object's state in one line, per kind where a generic reading would miss what an
// on-call engineer looks for (a Service's ports, an HPA's metric against its target, a
// Job's outcome, who a RoleBinding grants what). Everything else, custom resources
// included, reads as Argo CD's sync/health, else its status conditions (Ready, Synced,
// Healthy...: how Flux, Crossplane and cert-manager report), else its phase.
// k8s_resource_get and k8s_resources_list both speak these lines.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { age } from './common.ts';
import { summarizePod } from './pods.ts';

type Json = Record<string, unknown>;
type Condition = { type: string; status: string; reason?: string; message?: string };

/** A status line never runs longer than this. */
const MAX_LINE = 200;
const LISTED = 3;

/** The line for any object: its kind's own, else the generic reading ('' when there is nothing to say). */
export function statusSummary(object: KubeObject, now: Date): string {
  return kindSummary(object, now) ?? capped(generic(object, now, fields(object)));
}

/** The line of a kind this file knows, or undefined (a server Table may then say more than the generic one). */
export function kindSummary(object: KubeObject, now: Date): string | undefined {
  const group = object.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
  const summary = BY_KIND[group ? `${object.kind}.${group}` : object.kind];
  return summary && capped(summary(object, now, fields(object)));
}

export function capped(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

interface Fields {
  spec: Json;
  status: Json;
  conditions: Condition[];
}

function fields(object: KubeObject): Fields {
  const status = (object.status ?? {}) as Json;
  return {
    spec: (object.spec ?? {}) as Json,
    status,
    conditions: Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [],
  };
}

/** "a, b, c, and 2 more". */
function listed(items: string[], none = 'none', max = LISTED): string {
  if (!items.length) return none;
  const more = items.length - max;
  return `${items.slice(0, max).join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

const n = (value: unknown): number => (typeof value === 'number' ? value : 0);
const labels = (selector: unknown): string => {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const terms = [
    ...Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`),
    ...matchExpressions.map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(',')})` : ''}`),
  ];
  return terms.join(',');
};

/** Conditions that say something is wrong: Ready/Available not True, a *Pressure or *Unavailable True. */
function failing(conditions: Condition[], withReason = true): string {
  const bad = conditions.filter((c) =>
    c.type === 'Ready' || c.type === 'Available'
      ? c.status !== 'True'
      : c.status === 'True' && /Pressure|Unavailable/.test(c.type),
  );
  return bad.map((c) => `${c.type}=${c.status}${withReason && c.reason ? ` ${c.reason}` : ''}`).join(', ');
}

type Summary = (object: KubeObject, now: Date, f: Fields) => string;

const replicated: Summary = (_o, _now, { spec, status, conditions }) => {
  const bad = failing(conditions);
  return `${n(status.readyReplicas)}/${n(spec.replicas)} ready, ${n(status.updatedReplicas)} updated, ${n(status.availableReplicas)} available${bad ? `; ${bad}` : ''}`;
};

/** By `Kind.group` (`Kind` for the core group): a Knative Service is not a Service. */
const BY_KIND: Record<string, Summary> = {
  'Deployment.apps': replicated,
  'StatefulSet.apps': replicated,
  'ReplicaSet.apps': replicated,
  'DaemonSet.apps': (_o, _now, { status }) =>
    `${n(status.numberReady)}/${n(status.desiredNumberScheduled)} ready, ${n(status.updatedNumberScheduled)} updated, ${n(status.numberAvailable)} available`,
  Pod: (pod, now) => {
    const p = summarizePod(pod, now);
    return `${p.phase} ${p.ready} ready, ${p.restarts} restarts${p.problem ? `; ${p.problem}` : ''}`;
  },
  Node: (_o, _now, { spec, conditions }) =>
    `${spec.unschedulable ? 'SchedulingDisabled; ' : ''}${failing(conditions, false) || 'Ready'}`,
  ConfigMap: (configMap) => {
    const keys = Object.keys({ ...(configMap.data as object), ...(configMap.binaryData as object) }).sort();
    return `${keys.length} key${keys.length === 1 ? '' : 's'}${keys.length ? `: ${listed(keys, '', 10)}` : ''}`;
  },
  Event: (event) => {
    const about = (event.involvedObject ?? {}) as { kind?: string; name?: string };
    const count = n(event.count) > 1 ? ` (x${n(event.count)})` : '';
    return `${String(event.type ?? '')} ${String(event.reason ?? '')} ${about.kind ?? ''}/${about.name ?? ''}${count}: ${String(event.message ?? '').trim()}`;
  },
  // Name, namespace, age and type are all a Secret may show (see the backend).
  Secret: (secret) => `type ${String(secret.type ?? 'Opaque')}`,
  Service: (_o, _now, { spec, status }) => {
    const ports = (
      (spec.ports ?? []) as { port: number; targetPort?: unknown; nodePort?: number; protocol?: string }[]
    ).map(
      (p) =>
        `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}${p.targetPort !== undefined && p.targetPort !== p.port ? `→${p.targetPort}` : ''}`,
    );
    const ingress = ((status.loadBalancer as Json | undefined)?.ingress ?? []) as {
      ip?: string;
      hostname?: string;
    }[];
    const external = [
      ...((spec.externalIPs as string[] | undefined) ?? []),
      ...ingress.map((i) => i.ip ?? i.hostname ?? ''),
    ];
    const type = String(spec.type ?? 'ClusterIP');
    return [
      type,
      type === 'ExternalName' ? String(spec.externalName ?? '') : String(spec.clusterIP ?? 'None'),
      ...(type === 'LoadBalancer' || external.length ? [`external ${listed(external, '<pending>')}`] : []),
      `ports ${listed(ports)}`,
      ...(spec.selector ? [] : ['no selector']),
    ].join(', ');
  },
  'Ingress.networking.k8s.io': (_o, _now, { spec, status }) => {
    type Backend = { service?: { name: string; port?: { number?: number; name?: string } } };
    const to = (b: Backend | undefined) =>
      b?.service ? `${b.service.name}:${b.service.port?.number ?? b.service.port?.name ?? ''}` : '?';
    const rules = (
      (spec.rules ?? []) as { host?: string; http?: { paths?: { path?: string; backend?: Backend }[] } }[]
    ).flatMap((r) => (r.http?.paths ?? []).map((p) => `${r.host ?? '*'}${p.path ?? '/'}→${to(p.backend)}`));
    if (spec.defaultBackend) rules.push(`default→${to(spec.defaultBackend as Backend)}`);
    const lb = ((status.loadBalancer as Json | undefined)?.ingress ?? []) as {
      ip?: string;
      hostname?: string;
    }[];
    return `${spec.ingressClassName ? `class ${spec.ingressClassName}; ` : ''}${listed(rules, 'no rules')}; address ${listed(
      lb.map((i) => i.ip ?? i.hostname ?? ''),
      'none yet',
    )}`;
  },
  'HorizontalPodAutoscaler.autoscaling': (_o, _now, { spec, status, conditions }) => {
    const ref = spec.scaleTargetRef as { kind?: string; name?: string } | undefined;
    const current = (status.currentMetrics ?? []) as Json[];
    const metrics = ((spec.metrics ?? []) as Json[]).map((m, i) => metricLine(m, current[i]));
    const limited = conditions.filter((c) =>
      c.type === 'ScalingLimited' ? c.status === 'True' : c.status === 'False',
    );
    return `${ref ? `${ref.kind}/${ref.name}: ` : ''}${n(status.currentReplicas)} replicas, desired ${n(status.desiredReplicas)} (min ${n(spec.minReplicas) || 1}, max ${n(spec.maxReplicas)}); ${listed(metrics, 'no metrics')}${limited.length ? `; ${limited.map((c) => `${c.type}=${c.status} ${c.reason ?? ''}`.trim()).join(', ')}` : ''}`;
  },
  PersistentVolumeClaim: (_o, _now, { spec, status }) => {
    const capacity =
      (status.capacity as Json | undefined)?.storage ??
      ((spec.resources as Json | undefined)?.requests as Json | undefined)?.storage;
    return `${String(status.phase ?? 'Pending')}, ${String(capacity ?? '?')}, class ${String(spec.storageClassName ?? 'default')}${spec.volumeName ? `, volume ${spec.volumeName}` : ''}`;
  },
  'Job.batch': (_o, now, { spec, status, conditions }) => {
    const done = conditions.find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    const start = status.startTime as string | undefined;
    const end =
      (status.completionTime as string | undefined) ??
      (done ? ((done as Json).lastTransitionTime as string) : undefined);
    const took = start ? age(start, end ? new Date(end) : now) : undefined;
    const outcome = done
      ? `${done.type}${done.reason && done.type === 'Failed' ? ` ${done.reason}` : ''}`
      : spec.suspend
        ? 'Suspended'
        : 'Running';
    return `${outcome}: ${n(status.succeeded)}/${n(spec.completions) || 1} succeeded, ${n(status.failed)} failed, ${n(status.active)} active${took ? `; ${done ? 'took' : 'for'} ${took}` : ''}`;
  },
  'CronJob.batch': (_o, now, { spec, status }) => {
    const last = status.lastScheduleTime as string | undefined;
    const active = Array.isArray(status.active) ? status.active.length : 0;
    return `"${String(spec.schedule ?? '')}"${spec.timeZone ? ` ${spec.timeZone}` : ''}${spec.suspend ? ', suspended' : ''}; last schedule ${last ? `${age(last, now)} ago` : 'never'}${status.lastSuccessfulTime ? `, last success ${age(status.lastSuccessfulTime as string, now)} ago` : ''}; ${active} active`;
  },
  'NetworkPolicy.networking.k8s.io': (_o, _now, { spec }) => {
    const types = (spec.policyTypes as string[] | undefined) ?? [
      'Ingress',
      ...(spec.egress ? ['Egress'] : []),
    ];
    const count = (rules: unknown) => (Array.isArray(rules) ? rules.length : 0);
    return `pods ${labels(spec.podSelector) || '(all)'}; ${types.join('+')}; ${count(spec.ingress)} ingress, ${count(spec.egress)} egress rules`;
  },
  Endpoints: (endpoints) => {
    const subsets = (endpoints.subsets ?? []) as { addresses?: unknown[]; notReadyAddresses?: unknown[] }[];
    const count = (key: 'addresses' | 'notReadyAddresses') =>
      subsets.reduce((sum, s) => sum + (s[key]?.length ?? 0), 0);
    return `${count('addresses')} ready, ${count('notReadyAddresses')} not ready addresses`;
  },
  'Role.rbac.authorization.k8s.io': (role) => rules(role),
  'ClusterRole.rbac.authorization.k8s.io': (role) =>
    `${rules(role)}${role.aggregationRule ? ' (aggregated)' : ''}`,
  'RoleBinding.rbac.authorization.k8s.io': (binding) => bindingLine(binding),
  'ClusterRoleBinding.rbac.authorization.k8s.io': (binding) => bindingLine(binding),
  'PodDisruptionBudget.policy': (_o, _now, { spec, status }) =>
    `${n(status.disruptionsAllowed)} disruptions allowed (${spec.minAvailable !== undefined ? `minAvailable ${spec.minAvailable}` : `maxUnavailable ${spec.maxUnavailable ?? '?'}`}), ${n(status.currentHealthy)}/${n(status.expectedPods)} healthy`,
};

function metricLine(spec: Json, current: Json | undefined): string {
  const type = String(spec.type ?? '');
  const key = type.charAt(0).toLowerCase() + type.slice(1);
  const s = (spec[key] ?? {}) as { name?: string; metric?: { name?: string }; target?: Json };
  const c = ((current?.[key] ?? {}) as { current?: Json }).current ?? {};
  const name = s.name ?? s.metric?.name ?? type;
  const target = s.target ?? {};
  const shown = (v: Json) =>
    v.averageUtilization !== undefined
      ? `${v.averageUtilization}%`
      : String(v.averageValue ?? v.value ?? '?');
  return `${name} ${Object.keys(c).length ? shown(c) : '?'}/${shown(target)}`;
}

function rules(role: KubeObject): string {
  const count = Array.isArray(role.rules) ? role.rules.length : 0;
  return `${count} rule${count === 1 ? '' : 's'}`;
}

function bindingLine(binding: KubeObject): string {
  const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
  const subjects = ((binding.subjects ?? []) as { kind: string; name: string; namespace?: string }[]).map(
    (s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
  );
  return `${listed(subjects, 'no subjects')} → ${ref.kind}/${ref.name}`;
}

/** Conditions CRD authors use for "is it working". */
const HEALTH = [
  'Ready',
  'Synced',
  'Healthy',
  'Available',
  'Established',
  'Succeeded',
  'Reconciling',
  'Stalled',
];

/** Any other kind: Argo CD's sync and health, else its health conditions (failing ones with why), else its phase. */
const generic: Summary = (_o, _now, { status, conditions }) => {
  const sync = (status.sync as Json | undefined)?.status;
  const health = (status.health as Json | undefined)?.status;
  if (sync || health) return [sync, health].filter(Boolean).join(', ');
  const chosen = conditions.filter((c) => HEALTH.includes(c.type));
  const shown = chosen.length ? chosen : conditions;
  if (shown.length)
    return shown
      .map((c) => {
        const bad =
          c.type === 'Reconciling' || c.type === 'Stalled' ? c.status === 'True' : c.status !== 'True';
        return `${c.type}=${c.status}${bad && (c.reason || c.message) ? ` ${[c.reason, c.message].filter(Boolean).join(': ')}` : ''}`;
      })
      .join(', ');
  const phase = status.phase ?? status.state;
  return phase ? String(phase) : '';
};
