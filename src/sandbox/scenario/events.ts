// Events: the scenario's listed ones, resolved to the real objects they concern, plus the
// ones Kubernetes would have emitted on its own — rollout scaling for each revision,
// BackOff/Unhealthy/OOMKilling for crashing pods, Failed/BackOff for image pulls,
// FailedScheduling for pending pods, kubelet condition changes for nodes. A generated event
// gives way to a listed one with the same object and reason.

import type { KubeObject } from '../world.ts';
import { apiVersionOf, objectMeta, objectUid } from './identity.ts';
import { type NodePlan, nodeConditionEvents, nodeCreated } from './nodes.ts';
import { podTitle, unschedulableMessage } from './pod-status.ts';
import { parseQuantity } from './quantity.ts';
import { streamRandom } from './random.ts';
import { parseRef } from './refs.ts';
import type { EventSpec, ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';
import { type PodPlan, podByRef, type WorkloadPlan } from './workloads.ts';

interface EventInput {
  involved: { kind: string; namespace?: string; name: string; fieldPath?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  first: Date;
  last: Date;
  count: number;
  source: { component: string; host?: string };
}

export interface EventContext {
  spec: ScenarioSpec;
  plans: readonly WorkloadPlan[];
  nodes: readonly NodePlan[];
  clusterCreated: Date;
  now: Date;
}

const CONTROLLER: Record<string, string> = {
  Deployment: 'deployment-controller',
  ReplicaSet: 'replicaset-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemonset-controller',
  Job: 'job-controller',
  CronJob: 'cronjob-controller',
  HorizontalPodAutoscaler: 'horizontal-pod-autoscaler',
  Service: 'service-controller',
};

export function renderEvents(ctx: EventContext): KubeObject[] {
  const listed = ctx.spec.kubernetes.events.map((event) => listedEvent(event, ctx));
  const listedKeys = new Set(listed.map(eventKey));
  const generated = [
    ...ctx.plans.flatMap(controllerEvents),
    ...ctx.plans.flatMap((plan) => plan.pods.flatMap((pod) => podEvents(plan, pod, ctx))),
    ...ctx.nodes.flatMap((node) =>
      nodeConditionEvents(node, nodeCreated(node.spec, ctx.clusterCreated)).map(
        (e): EventInput => ({
          involved: { kind: 'Node', name: e.node },
          type: 'Normal',
          reason: e.reason,
          message: e.message,
          first: e.at,
          last: e.at,
          count: 1,
          source: { component: 'kubelet', host: e.node },
        }),
      ),
    ),
  ].filter((event) => !listedKeys.has(eventKey(event)));
  const names = new Set<string>();
  return [...listed, ...generated]
    .sort((a, b) => a.first.getTime() - b.first.getTime() || a.involved.name.localeCompare(b.involved.name))
    .map((event) => eventObject(event, ctx.spec.seed, names));
}

function eventKey(event: EventInput): string {
  const { kind, namespace, name } = event.involved;
  return `${kind}/${namespace ?? ''}/${name}/${event.reason}`;
}

function listedEvent(event: EventSpec, ctx: EventContext): EventInput {
  const ref = parseRef(event.object);
  const pod = ref.kind === 'Pod' ? podByRef(ctx.plans, ref) : undefined;
  const name = pod ? pod.pod.name : ref.name;
  const host = pod ? pod.pod.node?.spec.name : ref.kind === 'Node' ? ref.name : undefined;
  const scheduler = event.reason === 'FailedScheduling' || event.reason === 'Scheduled';
  const component = scheduler ? 'default-scheduler' : (CONTROLLER[ref.kind] ?? 'kubelet');
  return {
    involved: { kind: ref.kind, ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }), name },
    type: event.type,
    reason: event.reason,
    message: event.message,
    first: event.at,
    last:
      event.count > 1
        ? recent(event.at, ctx.now, `listed/${event.object}/${event.reason}`, ctx.spec.seed)
        : event.at,
    count: event.count,
    source: { component, ...(component === 'kubelet' && host ? { host } : {}) },
  };
}

/** The last time of an event that is still repeating: a few seconds before now, not before `first`. */
function recent(first: Date, now: Date, identity: string, seed: number): Date {
  const seconds = streamRandom(seed, `event-last/${identity}`).int(3, 45);
  return new Date(Math.max(first.getTime(), now.getTime() - seconds * 1000));
}

function repeats(first: Date, now: Date, everyMs: number): number {
  return Math.max(1, Math.floor((now.getTime() - first.getTime()) / everyMs));
}

/** `Scaled up replica set <new> to N from 0` at each revision, and the previous one down to 0. */
function rolloutEvents(plan: WorkloadPlan): EventInput[] {
  const { namespace, name, replicas } = plan.spec;
  const scaling = (at: Date, message: string): EventInput => ({
    involved: { kind: 'Deployment', namespace, name },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message,
    first: at,
    last: at,
    count: 1,
    source: { component: 'deployment-controller' },
  });
  return plan.revisions.flatMap((revision, i) => {
    const previous = plan.revisions[i - 1];
    if (previous?.hash === revision.hash) return [];
    const up = scaling(revision.at, `Scaled up replica set ${revision.ownerName} to ${replicas} from 0`);
    if (!previous) return [up];
    const downAt = new Date(revision.at.getTime() + 20_000);
    return [up, scaling(downAt, `Scaled down replica set ${previous.ownerName} to 0 from ${replicas}`)];
  });
}

/** What each kind's controller reports about its own work: rollouts, pods created, Jobs ending. */
function controllerEvents(plan: WorkloadPlan): EventInput[] {
  const { namespace, name } = plan.spec;
  const event = (
    involved: EventInput['involved'],
    type: EventInput['type'],
    reason: string,
    message: string,
    at: Date,
    component: string,
  ): EventInput => ({
    involved,
    type,
    reason,
    message,
    first: at,
    last: at,
    count: 1,
    source: { component },
  });
  const own = { kind: plan.kind, namespace, name };
  const component = `${plan.kind.toLowerCase()}-controller`;
  const created = plan.pods.map((pod) =>
    event(
      own,
      'Normal',
      'SuccessfulCreate',
      plan.kind === 'StatefulSet'
        ? `create Pod ${pod.name} in StatefulSet ${name} successful`
        : `Created pod: ${pod.name}`,
      pod.createdAt,
      component,
    ),
  );
  if (plan.kind === 'Deployment') return rolloutEvents(plan);
  if (plan.kind !== 'Job') return created;
  const { run, cronJob } = plan.job!;
  const finished = run.finishedAt;
  return [
    ...created,
    ...(run.status === 'Complete' && finished
      ? [event(own, 'Normal', 'Completed', 'Job completed', finished, component)]
      : []),
    ...(run.status === 'Failed' && finished
      ? [
          event(
            own,
            'Warning',
            'BackoffLimitExceeded',
            'Job has reached the specified backoff limit',
            finished,
            component,
          ),
        ]
      : []),
    ...(cronJob
      ? [
          event(
            { kind: 'CronJob', namespace, name: cronJob },
            'Normal',
            'SuccessfulCreate',
            `Created job ${name}`,
            run.startedAt,
            'cronjob-controller',
          ),
          ...(finished
            ? [
                event(
                  { kind: 'CronJob', namespace, name: cronJob },
                  'Normal',
                  'SawCompletedJob',
                  `Saw completed job: ${name}, condition: ${run.status}`,
                  finished,
                  'cronjob-controller',
                ),
              ]
            : []),
        ]
      : []),
  ];
}

function podEvents(plan: WorkloadPlan, pod: PodPlan, ctx: EventContext): EventInput[] {
  const { seed } = ctx.spec;
  const { namespace } = plan.spec;
  const main = plan.spec.containers[0]!;
  const host = pod.node?.spec.name;
  const kubelet = { component: 'kubelet', ...(host ? { host } : {}) };
  const onPod = (
    reason: string,
    type: EventInput['type'],
    message: string,
    first: Date,
    last: Date,
    count: number,
  ): EventInput => ({
    involved: { kind: 'Pod', namespace, name: pod.name, fieldPath: `spec.containers{${main.name}}` },
    type,
    reason,
    message,
    first,
    last,
    count,
    source: kubelet,
  });
  const stillNow = (first: Date, reason: string) => recent(first, ctx.now, `${pod.name}/${reason}`, seed);
  const firstRestart = pod.restarts[0]?.at;
  const image = plan.current.image;
  switch (pod.state) {
    case 'CrashLoopBackOff':
    case 'OOMKilled':
    case 'Error': {
      const events = [
        onPod(
          'BackOff',
          'Warning',
          `Back-off restarting failed container ${main.name} in pod ${podTitle(plan, pod, seed)}`,
          firstRestart!,
          stillNow(firstRestart!, 'BackOff'),
          repeats(firstRestart!, ctx.now, 20_000),
        ),
        ...oomKillings(plan, pod, seed),
      ];
      const port = main.ports[0];
      if (pod.state === 'CrashLoopBackOff' && port !== undefined) {
        const probing = new Date(Math.max(pod.createdAt.getTime(), firstRestart!.getTime() - 30_000));
        events.push(
          onPod(
            'Unhealthy',
            'Warning',
            `Readiness probe failed: dial tcp ${pod.ip}:${port}: connect: connection refused`,
            probing,
            pod.restarts.at(-1)!.at,
            pod.restarts.length * 3,
          ),
        );
      }
      return events;
    }
    case 'ImagePullBackOff': {
      const pulling = new Date(pod.createdAt.getTime() + 2_000);
      return [
        onPod(
          'Failed',
          'Warning',
          `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
          pulling,
          stillNow(pulling, 'Failed'),
          repeats(pulling, ctx.now, 300_000),
        ),
        onPod(
          'BackOff',
          'Normal',
          `Back-off pulling image "${image}"`,
          pulling,
          stillNow(pulling, 'BackOff'),
          repeats(pulling, ctx.now, 15_000),
        ),
      ];
    }
    case 'Pending': {
      const cordoned = ctx.nodes.filter((n) => !n.schedulable).length;
      return [
        {
          involved: { kind: 'Pod', namespace, name: pod.name },
          type: 'Warning',
          reason: 'FailedScheduling',
          message: unschedulableMessage(ctx.nodes.length, cordoned),
          first: pod.createdAt,
          last: stillNow(pod.createdAt, 'FailedScheduling'),
          count: repeats(pod.createdAt, ctx.now, 300_000),
          source: { component: 'default-scheduler' },
        },
      ];
    }
    case 'Running':
      return oomKillings(plan, pod, seed);
    case 'Evicted':
      return [
        onPod('Evicted', 'Warning', pod.message!, pod.since!, pod.since!, 1),
        onPod('Killing', 'Normal', `Stopping container ${main.name}`, pod.since!, pod.since!, 1),
      ];
    case 'Terminating':
      return [onPod('Killing', 'Normal', `Stopping container ${main.name}`, pod.since!, pod.since!, 1)];
    case 'Succeeded':
    case 'Failed':
      return [];
  }
}

/** The kernel's OOM kill of each OOMKilled termination, reported on the node. */
function oomKillings(plan: WorkloadPlan, pod: PodPlan, seed: number): EventInput[] {
  const host = pod.node?.spec.name;
  if (!host) return [];
  const main = plan.spec.containers[0]!;
  const limit = main.resources.limits?.memory;
  return pod.restarts
    .filter((restart) => restart.reason === 'OOMKilled')
    .map((restart, i) => {
      const random = streamRandom(seed, `oom/${pod.name}/${i}`);
      const rssKb = limit
        ? Math.floor(parseQuantity(limit) / 1024) - random.int(0, 512)
        : random.int(400_000, 900_000);
      return {
        involved: { kind: 'Node', name: host },
        type: 'Warning',
        reason: 'OOMKilling',
        message: `Memory cgroup out of memory: Killed process ${random.int(1000, 60_000)} (${main.name}) total-vm:${rssKb * 3}kB, anon-rss:${rssKb}kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:${random.int(1500, 4000)}kB oom_score_adj:${random.int(900, 999)}`,
        first: restart.at,
        last: restart.at,
        count: 1,
        source: { component: 'kernel-monitor', host },
      };
    });
}

function eventObject(event: EventInput, seed: number, names: Set<string>): KubeObject {
  const { kind, namespace, name, fieldPath } = event.involved;
  const eventNamespace = namespace ?? 'default';
  // The API server names events `<object>.<unix nanos in hex>`.
  let nanos = BigInt(event.first.getTime()) * 1_000_000n;
  while (names.has(`${eventNamespace}/${name}.${nanos.toString(16)}`)) nanos += 1n;
  const eventName = `${name}.${nanos.toString(16)}`;
  names.add(`${eventNamespace}/${eventName}`);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: objectMeta(seed, {
      kind: 'Event',
      namespace: eventNamespace,
      name: eventName,
      created: event.first,
    }),
    involvedObject: {
      apiVersion: apiVersionOf(kind),
      kind,
      ...(namespace === undefined ? {} : { namespace }),
      name,
      uid: objectUid(seed, kind, namespace, name),
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason: event.reason,
    message: event.message,
    source: event.source,
    firstTimestamp: kubeTime(event.first),
    lastTimestamp: kubeTime(event.last),
    count: event.count,
    type: event.type,
    eventTime: null,
    reportingComponent: event.source.component,
    reportingInstance: event.source.host ?? '',
  };
}
