// Deployments with one ReplicaSet per distinct revision (old ones scaled to 0), StatefulSets
// with their ControllerRevisions, DaemonSets (daemonsets.ts) and Jobs (jobs.ts), and the
// pods of the current revision, with the status counts and conditions the controllers would
// set given those pods' states.

import { DAEMON_TOLERATIONS } from '../kube/daemonset-controller.ts';
import type { KubeObject } from '../world.ts';
import { daemonSetObjects } from './daemonsets.ts';
import { objectMeta } from './identity.ts';
import { jobObject } from './jobs.ts';
import { podStatus } from './pod-status.ts';
import { kubeTime } from './time.ts';
import type { PodPlan, RevisionPlan, WorkloadPlan } from './workloads.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** Deployment defaults: rollouts give up after 10 minutes; 25% of pods may be unavailable. */
const PROGRESS_DEADLINE_SECONDS = 600;
const MAX_UNAVAILABLE = 0.25;

export interface RenderContext {
  seed: number;
  now: Date;
  scheduling: { nodeCount: number; cordoned: number };
}

export function workloadObjects(plan: WorkloadPlan, ctx: RenderContext): KubeObject[] {
  const pods = plan.pods.map((pod) => podObject(plan, pod, ctx));
  switch (plan.kind) {
    case 'Deployment':
      return [deployment(plan, ctx), ...replicaSets(plan, ctx), ...pods];
    case 'StatefulSet':
      return [statefulSet(plan, ctx), ...controllerRevisions(plan, ctx), ...pods];
    case 'DaemonSet':
      return [...daemonSetObjects(plan, ctx.seed), ...pods];
    case 'Job':
      return [jobObject(plan, ctx.seed), ...pods];
  }
}

function changeCause(revision: RevisionPlan): Record<string, string> {
  return revision.changeCause === undefined ? {} : { [CHANGE_CAUSE]: revision.changeCause };
}

function readyCount(plan: WorkloadPlan): number {
  return plan.pods.filter((pod) => pod.state === 'Running').length;
}

/** The API omits zero counts from workload status. */
function counts(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, n]) => n > 0));
}

function deployment(plan: WorkloadPlan, ctx: RenderContext): KubeObject {
  const { spec, current, revisions } = plan;
  const ready = readyCount(plan);
  const generation = revisions.length;
  const first = revisions[0]!;
  const rsName = `ReplicaSet "${current.ownerName}"`;
  const minimumAvailable = ready >= spec.replicas - Math.floor(spec.replicas * MAX_UNAVAILABLE);
  const deadline = new Date(current.at.getTime() + PROGRESS_DEADLINE_SECONDS * 1000);
  const progressing =
    ready === spec.replicas
      ? {
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `${rsName} has successfully progressed.`,
          at: current.at,
        }
      : ctx.now >= deadline
        ? {
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `${rsName} has timed out progressing.`,
            at: deadline,
          }
        : {
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `${rsName} is progressing.`,
            at: current.at,
          };
  const available = minimumAvailable
    ? {
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        at: first.at,
      }
    : {
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
        at: current.at,
      };
  const condition = (type: string, c: typeof available) => ({
    type,
    status: c.status,
    lastUpdateTime: kubeTime(c.at),
    lastTransitionTime: kubeTime(c.at),
    reason: c.reason,
    message: c.message,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(ctx.seed, {
      kind: 'Deployment',
      namespace: spec.namespace,
      name: spec.name,
      created: first.at,
      generation,
      labels: spec.labels,
      annotations: { [REVISION]: String(current.number), ...changeCause(current) },
    }),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: spec.labels },
      template: current.template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: PROGRESS_DEADLINE_SECONDS,
    },
    status: {
      observedGeneration: generation,
      replicas: spec.replicas,
      updatedReplicas: spec.replicas,
      ...counts({
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: spec.replicas - ready,
      }),
      conditions: [condition('Available', available), condition('Progressing', progressing)],
    },
  };
}

/**
 * One ReplicaSet per distinct pod template. A revision that repeats an earlier template (a
 * rollback written into the history) reuses that ReplicaSet, which then carries the newer
 * revision number and lists the older ones in `deployment.kubernetes.io/revision-history`.
 */
function replicaSets(plan: WorkloadPlan, ctx: RenderContext): KubeObject[] {
  const byHash = new Map<string, RevisionPlan[]>();
  for (const revision of plan.revisions)
    byHash.set(revision.hash, [...(byHash.get(revision.hash) ?? []), revision]);
  return [...byHash.values()].map((group) => {
    const latest = group.at(-1)!;
    const isCurrent = latest === plan.current;
    const replicas = isCurrent ? plan.spec.replicas : 0;
    const ready = isCurrent ? readyCount(plan) : 0;
    const labels = { ...plan.spec.labels, 'pod-template-hash': latest.hash };
    const history = group.slice(0, -1).map((r) => r.number);
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: objectMeta(ctx.seed, {
        kind: 'ReplicaSet',
        namespace: plan.spec.namespace,
        name: latest.ownerName,
        created: group[0]!.at,
        generation: isCurrent ? 1 : 2,
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(plan.spec.replicas),
          'deployment.kubernetes.io/max-replicas': String(
            plan.spec.replicas + Math.ceil(plan.spec.replicas * 0.25),
          ),
          [REVISION]: String(latest.number),
          ...(history.length ? { 'deployment.kubernetes.io/revision-history': history.join(',') } : {}),
          ...changeCause(latest),
        },
        owner: { kind: 'Deployment', name: plan.spec.name },
      }),
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: latest.template.spec },
      },
      status: {
        replicas,
        observedGeneration: isCurrent ? 1 : 2,
        ...counts({ fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready }),
      },
    };
  });
}

function statefulSet(plan: WorkloadPlan, ctx: RenderContext): KubeObject {
  const { spec, current, revisions } = plan;
  const ready = readyCount(plan);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: objectMeta(ctx.seed, {
      kind: 'StatefulSet',
      namespace: spec.namespace,
      name: spec.name,
      created: revisions[0]!.at,
      generation: revisions.length,
      labels: spec.labels,
      annotations: changeCause(current),
    }),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: spec.labels },
      serviceName: spec.name,
      template: current.template,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      observedGeneration: revisions.length,
      replicas: spec.replicas,
      currentReplicas: spec.replicas,
      updatedReplicas: spec.replicas,
      ...counts({ readyReplicas: ready, availableReplicas: ready }),
      currentRevision: current.ownerName,
      updateRevision: current.ownerName,
      collisionCount: 0,
    },
  };
}

function controllerRevisions(plan: WorkloadPlan, ctx: RenderContext): KubeObject[] {
  return plan.revisions.map((revision) => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: objectMeta(ctx.seed, {
      kind: 'ControllerRevision',
      namespace: plan.spec.namespace,
      name: revision.ownerName,
      created: revision.at,
      labels: { ...plan.spec.labels, 'controller.kubernetes.io/hash': revision.hash },
      annotations: changeCause(revision),
      owner: { kind: 'StatefulSet', name: plan.spec.name },
    }),
    data: { spec: { template: { $patch: 'replace', ...revision.template } } },
    revision: revision.number,
  }));
}

/** Seconds a pod's containers get to stop once it is deleted. */
const GRACE_PERIOD_SECONDS = 30;

/** What a pod owes to its kind of controller: owner, labels, generated name, spec additions. */
function podOwnership(plan: WorkloadPlan, pod: PodPlan) {
  const { spec, current } = plan;
  const defaultTolerations = ['not-ready', 'unreachable'].map((taint) => ({
    key: `node.kubernetes.io/${taint}`,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  }));
  switch (plan.kind) {
    case 'Deployment':
      return {
        owner: { kind: 'ReplicaSet', name: current.ownerName },
        generateName: `${current.ownerName}-`,
        labels: { ...spec.labels, 'pod-template-hash': current.hash },
        tolerations: defaultTolerations,
      };
    case 'StatefulSet':
      return {
        owner: { kind: 'StatefulSet', name: spec.name },
        labels: {
          ...spec.labels,
          'apps.kubernetes.io/pod-index': String(pod.index),
          'controller-revision-hash': current.ownerName,
          'statefulset.kubernetes.io/pod-name': pod.name,
        },
        spec: { hostname: pod.name, subdomain: spec.name },
        tolerations: defaultTolerations,
      };
    case 'DaemonSet': {
      const own = plan.daemonSet!.tolerations;
      const node = pod.node?.spec.name;
      return {
        owner: { kind: 'DaemonSet', name: spec.name },
        generateName: `${spec.name}-`,
        labels: {
          ...spec.labels,
          'controller-revision-hash': current.hash,
          'pod-template-generation': String(plan.revisions.length),
        },
        spec: {
          ...(node
            ? {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
                      ],
                    },
                  },
                },
              }
            : {}),
        },
        tolerations: [
          ...own,
          ...DAEMON_TOLERATIONS.filter((d) => !own.some((t) => t.key === d.key && t.effect === d.effect)),
        ],
      };
    }
    case 'Job':
      return {
        owner: { kind: 'Job', name: spec.name },
        generateName: `${spec.name}-`,
        labels: spec.labels,
        tolerations: defaultTolerations,
      };
  }
}

function podObject(plan: WorkloadPlan, pod: PodPlan, ctx: RenderContext): KubeObject {
  const { spec, current } = plan;
  const ownership = podOwnership(plan, pod);
  const { owner, labels } = ownership;
  const generateName = 'generateName' in ownership ? ownership.generateName : undefined;
  const deleted =
    pod.state === 'Terminating' && pod.since
      ? {
          deletionTimestamp: kubeTime(new Date(pod.since.getTime() + GRACE_PERIOD_SECONDS * 1000)),
          deletionGracePeriodSeconds: GRACE_PERIOD_SECONDS,
        }
      : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: objectMeta(ctx.seed, {
      kind: 'Pod',
      namespace: spec.namespace,
      name: pod.name,
      created: pod.createdAt,
      ...(generateName ? { generateName } : {}),
      ...deleted,
      labels,
      owner,
    }),
    spec: {
      ...current.template.spec,
      ...(pod.node ? { nodeName: pod.node.spec.name } : {}),
      ...('spec' in ownership ? ownership.spec : {}),
      serviceAccountName: 'default',
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: ownership.tolerations,
    },
    status: podStatus(plan, pod, ctx.seed, ctx.scheduling),
  };
}
