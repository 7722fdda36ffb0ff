// The plan of every workload (Deployment, StatefulSet, DaemonSet, Job) before it becomes
// objects: one pod template per revision (image and env of that revision, env carried over
// from earlier revisions), its hash, and the pods of the current revision with their names,
// nodes, states and restarts. Objects, events, pod logs and kube-state series are all
// rendered from this one plan, so a pod is called the same thing wherever it appears.

import { daemonNodes } from './daemonsets.ts';
import { nameSuffixes, objectUid, podTemplateHash } from './identity.ts';
import { type JobPlan, planJobs } from './jobs.ts';
import { hasHardTaint, type NodePlan } from './nodes.ts';
import { hash32, streamRandom } from './random.ts';
import type { ObjectRef } from './refs.ts';
import type {
  ContainerSpec,
  DaemonSetSpec,
  PodState,
  RestartSpec,
  ScenarioSpec,
  WorkloadSpec,
} from './schema.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';
/** A scenario pod state, or how a Job's pod ended (Succeeded: Completed, Failed: Error). */
export type PodPlanState = PodState | 'Succeeded' | 'Failed';

export interface RevisionPlan {
  /** 1-based, as in `deployment.kubernetes.io/revision`. */
  number: number;
  at: Date;
  image: string;
  changeCause: string | undefined;
  /** This revision's env merged over the earlier revisions'. */
  env: Record<string, string>;
  /** pod-template-hash (Deployment) or controller-revision hash (StatefulSet). */
  hash: string;
  /** The ReplicaSet or ControllerRevision: `<workload>-<hash>`. */
  ownerName: string;
  template: PodTemplate;
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: Record<string, unknown> & { containers: Record<string, unknown>[] };
}

export interface PodPlan {
  name: string;
  index: number;
  createdAt: Date;
  /** Undefined for a Pending (unscheduled) pod. */
  node: NodePlan | undefined;
  ip: string | undefined;
  state: PodPlanState;
  /** Terminations of the main container, oldest first; never empty for crashing states. */
  restarts: RestartSpec[];
  /** Evicted, Terminating: when it happened; Succeeded, Failed: when the container ended. */
  since?: Date;
  /** Evicted: the kubelet's message. */
  message?: string;
}

export interface WorkloadPlan {
  kind: WorkloadKind;
  spec: WorkloadSpec;
  uid: string;
  revisions: RevisionPlan[];
  current: RevisionPlan;
  pods: PodPlan[];
  /** DaemonSet: its scenario entry (nodeSelector, tolerations). */
  daemonSet?: DaemonSetSpec;
  /** Job: its run and, for a CronJob's Job, the CronJob. */
  job?: JobPlan;
}

/** What a workload's pods are planned from: a Deployment's fields, however the kind spells them. */
export interface WorkloadInput {
  kind: WorkloadKind;
  spec: WorkloadSpec;
  /** Pod i runs on nodes[i] (a DaemonSet's), instead of being spread over schedulable nodes. */
  nodes?: readonly NodePlan[];
  restartPolicy?: string;
  /** Pods after the replicas and leftovers that have run to their end (a Job's), oldest first. */
  finished?: { state: 'Succeeded' | 'Failed'; at: Date }[];
  daemonSet?: DaemonSetSpec;
  job?: JobPlan;
}

/** States whose main container has terminated at least once. */
const CRASHING: ReadonlySet<PodPlanState> = new Set(['CrashLoopBackOff', 'OOMKilled', 'Error']);
/** States of pods that no longer count as replicas: overrides may list them beyond `replicas`. */
export const LEFTOVER_STATES: ReadonlySet<PodPlanState> = new Set(['Evicted', 'Terminating']);
/** How long before now an Evicted or Terminating pod without `since` met its fate. */
const DEFAULT_SINCE_MS = 60_000;

/** Whether the pod is one of its workload's replicas, not one leaving or finished. */
export function countsAsReplica(pod: PodPlan): boolean {
  return !LEFTOVER_STATES.has(pod.state) && pod.state !== 'Succeeded' && pod.state !== 'Failed';
}

/** The pods a workload has: its replicas, and any leftover pods its overrides list after them. */
export function podCount(replicas: number, overrides: readonly { index: number }[]): number {
  return Math.max(replicas, ...overrides.map((o) => o.index + 1));
}

export function planWorkloads(spec: ScenarioSpec, nodes: readonly NodePlan[], now: Date): WorkloadPlan[] {
  const usedIPs = new Set<string>();
  const plan = (input: WorkloadInput) => planWorkload(input, spec.seed, nodes, now, usedIPs);
  const k8s = spec.kubernetes;
  return [
    ...k8s.deployments.map((workload) => plan({ kind: 'Deployment', spec: workload })),
    ...k8s.statefulsets.map((workload) => plan({ kind: 'StatefulSet', spec: workload })),
    ...k8s.daemonsets.map((ds) => {
      const on = daemonNodes(ds, nodes);
      return plan({ kind: 'DaemonSet', spec: { ...ds, replicas: on.length }, nodes: on, daemonSet: ds });
    }),
    ...planJobs(spec, now).map(plan),
  ];
}

function planWorkload(
  input: WorkloadInput,
  seed: number,
  nodes: readonly NodePlan[],
  now: Date,
  usedIPs: Set<string>,
): WorkloadPlan {
  const { kind, spec: workload } = input;
  let env: Record<string, string> = {};
  const revisions = workload.revisions.map((revision, i): RevisionPlan => {
    env = { ...env, ...revision.env };
    const template: PodTemplate = {
      metadata: { labels: { ...workload.labels } },
      spec: podSpec(workload.containers, revision.image, env, input.restartPolicy),
    };
    const hash = podTemplateHash(template);
    return {
      number: i + 1,
      at: revision.at,
      image: revision.image,
      changeCause: revision.changeCause,
      env,
      hash,
      ownerName: `${workload.name}-${hash}`,
      template,
    };
  });
  const current = revisions.at(-1)!;
  const overrides = new Map(workload.pods.map((pod) => [pod.index, pod]));
  const schedulable = placeable(nodes, current.at);
  const offset = hash32(`${workload.namespace}/${workload.name}`) % schedulable.length;
  const count = podCount(workload.replicas, workload.pods);
  const finished = input.finished ?? [];
  // Deployment pods are named after their ReplicaSet, DaemonSet and Job pods after their owner.
  const prefix = kind === 'Deployment' ? current.ownerName : workload.name;
  const names =
    kind === 'StatefulSet'
      ? Array.from({ length: count }, (_, i) => `${workload.name}-${i}`)
      : nameSuffixes(
          streamRandom(seed, `pod-names/${workload.namespace}/${prefix}`),
          count + finished.length,
        ).map((suffix) => `${prefix}-${suffix}`);
  const planPod = (name: string, index: number): PodPlan => {
    const override = overrides.get(index);
    const state = override?.state ?? 'Running';
    // A daemon pod on a node that joined later was created when the node joined.
    const joined = input.nodes?.[index]?.spec.created?.getTime() ?? 0;
    const createdAt = new Date(Math.max(current.at.getTime() + index * 1000, joined + 5_000));
    const node =
      state === 'Pending'
        ? undefined
        : (input.nodes?.[index] ??
          nodes.find((n) => n.spec.name === override?.node) ??
          schedulable[(offset + index) % schedulable.length]);
    const since = LEFTOVER_STATES.has(state)
      ? (override?.since ?? new Date(Math.max(createdAt.getTime(), now.getTime() - DEFAULT_SINCE_MS)))
      : undefined;
    return {
      name,
      index,
      createdAt,
      node,
      ip: node && podIP(seed, workload.namespace, name, usedIPs),
      state,
      restarts: effectiveRestarts(state, override?.restarts ?? [], createdAt, now),
      ...(since ? { since } : {}),
      ...(state === 'Evicted'
        ? { message: override?.message ?? 'The node was low on resource: memory. ' }
        : {}),
    };
  };
  const pods = names.slice(0, count).map(planPod);
  finished.forEach(({ state, at }, i) => {
    const pod = planPod(names[count + i]!, count + i);
    pods.push({ ...pod, state, since: at, restarts: [] });
  });
  return {
    kind,
    spec: workload,
    uid: objectUid(seed, kind, workload.namespace, workload.name),
    revisions,
    current,
    pods,
    ...(input.daemonSet ? { daemonSet: input.daemonSet } : {}),
    ...(input.job ? { job: input.job } : {}),
  };
}

/**
 * Nodes a pod created at `at` was spread over: schedulable, without a taint it does not
 * tolerate, and existing by then; the schedulable ones (or all) when that leaves none.
 */
function placeable(nodes: readonly NodePlan[], at: Date): readonly NodePlan[] {
  const schedulable = nodes.some((n) => n.schedulable) ? nodes.filter((n) => n.schedulable) : nodes;
  const fit = schedulable.filter((n) => !hasHardTaint(n) && (!n.spec.created || n.spec.created <= at));
  return fit.length ? fit : schedulable;
}

/** A crashing pod the scenario gives no restarts has crashed once, shortly before now. */
function effectiveRestarts(
  state: PodPlanState,
  listed: RestartSpec[],
  createdAt: Date,
  now: Date,
): RestartSpec[] {
  if (listed.length || !CRASHING.has(state)) return listed;
  const at = new Date(Math.max(createdAt.getTime(), now.getTime() - 40_000));
  return [
    state === 'OOMKilled' ? { at, reason: 'OOMKilled', exitCode: 137 } : { at, reason: 'Error', exitCode: 1 },
  ];
}

function podIP(seed: number, namespace: string, name: string, used: Set<string>): string {
  const random = streamRandom(seed, `pod-ip/${namespace}/${name}`);
  let ip: string;
  do ip = `10.244.${random.int(0, 255)}.${random.int(2, 254)}`;
  while (used.has(ip));
  used.add(ip);
  return ip;
}

/** The pod spec of a revision: every container runs the revision's image with its env. */
export function podSpec(
  containers: readonly ContainerSpec[],
  image: string,
  env: Record<string, string>,
  restartPolicy = 'Always',
): PodTemplate['spec'] {
  const envVars = Object.entries(env).map(([name, value]) => ({ name, value }));
  return {
    containers: containers.map((container) => ({
      name: container.name,
      image,
      imagePullPolicy: 'IfNotPresent',
      ...(container.ports.length
        ? { ports: container.ports.map((port) => ({ containerPort: port, protocol: 'TCP' })) }
        : {}),
      ...(envVars.length ? { env: envVars } : {}),
      resources: container.resources,
      ...(container.ports[0] === undefined
        ? {}
        : {
            readinessProbe: {
              tcpSocket: { port: container.ports[0] },
              periodSeconds: 10,
              timeoutSeconds: 1,
              successThreshold: 1,
              failureThreshold: 3,
            },
          }),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    })),
    restartPolicy,
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    securityContext: {},
  };
}

/** The pod a `Pod/<ns>/<workload>#<index>` reference names. */
export function podByRef(
  plans: readonly WorkloadPlan[],
  ref: ObjectRef,
): { workload: WorkloadPlan; pod: PodPlan } {
  const workload = plans.find((p) => p.spec.namespace === ref.namespace && p.spec.name === ref.name);
  const pod = workload?.pods[ref.index ?? -1];
  if (!workload || !pod) throw new Error(`no pod ${ref.kind}/${ref.namespace}/${ref.name}#${ref.index}`);
  return { workload, pod };
}
