// The plan of every Deployment and StatefulSet before it becomes objects: one pod template
// per revision (image and env of that revision, env carried over from earlier revisions),
// its hash, and the pods of the current revision with their names, nodes, states and
// restarts. Objects, events and pod logs are all rendered from this one plan, so a pod is
// called the same thing wherever it appears.

import { nameSuffixes, objectUid, podTemplateHash } from './identity.ts';
import type { NodePlan } from './nodes.ts';
import { hash32, streamRandom } from './random.ts';
import type { ObjectRef } from './refs.ts';
import type { ContainerSpec, PodState, RestartSpec, ScenarioSpec, WorkloadSpec } from './schema.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet';

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
  state: PodState;
  /** Terminations of the main container, oldest first; never empty for crashing states. */
  restarts: RestartSpec[];
}

export interface WorkloadPlan {
  kind: WorkloadKind;
  spec: WorkloadSpec;
  uid: string;
  revisions: RevisionPlan[];
  current: RevisionPlan;
  pods: PodPlan[];
}

/** States whose main container has terminated at least once. */
const CRASHING: ReadonlySet<PodState> = new Set(['CrashLoopBackOff', 'OOMKilled', 'Error']);

export function planWorkloads(spec: ScenarioSpec, nodes: readonly NodePlan[], now: Date): WorkloadPlan[] {
  const usedIPs = new Set<string>();
  const plan = (kind: WorkloadKind) => (workload: WorkloadSpec) =>
    planWorkload(kind, workload, spec.seed, nodes, now, usedIPs);
  return [
    ...spec.kubernetes.deployments.map(plan('Deployment')),
    ...spec.kubernetes.statefulsets.map(plan('StatefulSet')),
  ];
}

function planWorkload(
  kind: WorkloadKind,
  workload: WorkloadSpec,
  seed: number,
  nodes: readonly NodePlan[],
  now: Date,
  usedIPs: Set<string>,
): WorkloadPlan {
  let env: Record<string, string> = {};
  const revisions = workload.revisions.map((revision, i): RevisionPlan => {
    env = { ...env, ...revision.env };
    const template: PodTemplate = {
      metadata: { labels: { ...workload.labels } },
      spec: podSpec(workload.containers, revision.image, env),
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
  const schedulable = nodes.some((n) => n.schedulable) ? nodes.filter((n) => n.schedulable) : nodes;
  const offset = hash32(`${workload.namespace}/${workload.name}`) % schedulable.length;
  const names =
    kind === 'StatefulSet'
      ? Array.from({ length: workload.replicas }, (_, i) => `${workload.name}-${i}`)
      : nameSuffixes(
          streamRandom(seed, `pod-names/${workload.namespace}/${current.ownerName}`),
          workload.replicas,
        ).map((suffix) => `${current.ownerName}-${suffix}`);
  const pods = names.map((name, index): PodPlan => {
    const override = overrides.get(index);
    const state = override?.state ?? 'Running';
    const createdAt = new Date(current.at.getTime() + index * 1000);
    const node =
      state === 'Pending'
        ? undefined
        : (nodes.find((n) => n.spec.name === override?.node) ??
          schedulable[(offset + index) % schedulable.length]);
    return {
      name,
      index,
      createdAt,
      node,
      ip: node && podIP(seed, workload.namespace, name, usedIPs),
      state,
      restarts: effectiveRestarts(state, override?.restarts ?? [], createdAt, now),
    };
  });
  return {
    kind,
    spec: workload,
    uid: objectUid(seed, kind, workload.namespace, workload.name),
    revisions,
    current,
    pods,
  };
}

/** A crashing pod the scenario gives no restarts has crashed once, shortly before now. */
function effectiveRestarts(
  state: PodState,
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
function podSpec(
  containers: readonly ContainerSpec[],
  image: string,
  env: Record<string, string>,
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
    restartPolicy: 'Always',
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
