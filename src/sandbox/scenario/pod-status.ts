// A pod's status as the kubelet reports it for each scenario state: phase, conditions and
// container statuses (CrashLoopBackOff waiting with the last termination in lastState,
// OOMKilled/Error terminated, ImagePullBackOff waiting, Pending unscheduled, Evicted failed
// with the kubelet's reason and message and no containers left, a Job's pod Succeeded or
// Failed once its containers ended; a Terminating pod runs until it is gone). The state
// applies to the pod's first (main) container; other containers run normally.

import { sha256Hex } from '../../canonical.ts';
import { objectUid } from './identity.ts';
import { randomHex, streamRandom } from './random.ts';
import type { RestartSpec } from './schema.ts';
import { goDuration, kubeTime } from './time.ts';
import type { PodPlan, RevisionPlan, WorkloadPlan } from './workloads.ts';

/** Kubelet's crash back-off: 10 s doubling per restart, capped at 5 min. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** Seconds between a pod's creation and its containers starting (scheduling and image pull). */
const START_DELAY_MS = 4_000;

function crashBackoff(restartCount: number): string {
  return goDuration(Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, restartCount - 1), BACKOFF_MAX_MS));
}

/** The message the scheduler gives an unschedulable pod in this cluster. */
export function unschedulableMessage(nodeCount: number, cordoned: number): string {
  const reasons = [
    ...(cordoned ? [`${cordoned} node(s) were unschedulable`] : []),
    ...(nodeCount - cordoned ? [`${nodeCount - cordoned} Insufficient memory`] : []),
  ];
  return `0/${nodeCount} nodes are available: ${reasons.join(', ')}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} No preemption victims found for incoming pod.`;
}

export function podStatus(
  workload: WorkloadPlan,
  pod: PodPlan,
  seed: number,
  scheduling: { nodeCount: number; cordoned: number },
): Record<string, unknown> {
  const created = kubeTime(pod.createdAt);
  if (pod.state === 'Evicted' && pod.node) {
    return {
      phase: 'Failed',
      reason: 'Evicted',
      message: pod.message,
      conditions: [
        {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'TerminationByKubelet',
          message: pod.message,
          lastProbeTime: null,
          lastTransitionTime: kubeTime(pod.since!),
        },
      ],
      hostIP: pod.node.internalIP,
      hostIPs: [{ ip: pod.node.internalIP }],
      startTime: created,
      qosClass: qosClass(workload),
    };
  }
  if (!pod.node) {
    return {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: unschedulableMessage(scheduling.nodeCount, scheduling.cordoned),
          lastProbeTime: null,
          lastTransitionTime: created,
        },
      ],
      qosClass: qosClass(workload),
    };
  }
  const started = new Date(pod.createdAt.getTime() + START_DELAY_MS);
  const [main, ...sidecars] = workload.spec.containers.map((c) => c.name);
  const mainStatus = mainContainerStatus(workload, pod, main!, started, seed);
  const statuses = [
    mainStatus,
    ...sidecars.map((name) => runningStatus(workload.current, pod, name, started, seed)),
  ];
  const ended = pod.state === 'Succeeded' || pod.state === 'Failed';
  const ready = mainStatus.ready;
  const readySince = kubeTime(ended ? pod.since! : (pod.restarts.at(-1)?.at ?? started));
  const unready = ended
    ? { reason: 'PodCompleted' }
    : ready
      ? {}
      : { reason: 'ContainersNotReady', message: `containers with unready status: [${main}]` };
  const condition = (type: string, status: boolean, at: string, extra: object = {}) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(status ? {} : extra),
  });
  return {
    phase: ended ? pod.state : pod.state === 'ImagePullBackOff' ? 'Pending' : 'Running',
    conditions: [
      condition('PodReadyToStartContainers', true, kubeTime(started)),
      condition('Initialized', true, created),
      condition('Ready', ready, readySince, unready),
      condition('ContainersReady', ready, readySince, unready),
      condition('PodScheduled', true, created),
    ],
    hostIP: pod.node.internalIP,
    hostIPs: [{ ip: pod.node.internalIP }],
    podIP: pod.ip,
    podIPs: [{ ip: pod.ip }],
    startTime: created,
    containerStatuses: statuses,
    qosClass: qosClass(workload),
  };
}

interface ContainerStatus extends Record<string, unknown> {
  ready: boolean;
}

function mainContainerStatus(
  workload: WorkloadPlan,
  pod: PodPlan,
  name: string,
  started: Date,
  seed: number,
): ContainerStatus {
  const revision = workload.current;
  const { restarts } = pod;
  const last = restarts.at(-1);
  /** The container the status describes: a new one after the last restart, or the one that just ended. */
  const base = (instance: number) => identity(revision, pod, name, seed, instance);
  const terminated = (restart: RestartSpec, index: number) => ({
    terminated: {
      exitCode: restart.exitCode,
      reason: restart.reason,
      startedAt: kubeTime(restarts[index - 1]?.at ?? started),
      finishedAt: kubeTime(restart.at),
      containerID: containerId(seed, pod.name, name, index),
    },
  });
  switch (pod.state) {
    case 'Running':
    case 'Terminating':
      return {
        ...base(restarts.length),
        ready: true,
        started: true,
        restartCount: restarts.length,
        state: { running: { startedAt: kubeTime(last?.at ?? started) } },
        lastState: last ? terminated(last, restarts.length - 1) : {},
      };
    case 'CrashLoopBackOff':
      return {
        ...base(restarts.length - 1),
        ready: false,
        started: false,
        restartCount: restarts.length,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${crashBackoff(restarts.length)} restarting failed container=${name} pod=${podTitle(workload, pod, seed)}`,
          },
        },
        lastState: terminated(last!, restarts.length - 1),
      };
    case 'OOMKilled':
    case 'Error': {
      const previous = restarts.at(-2);
      return {
        ...base(restarts.length - 1),
        ready: false,
        started: false,
        restartCount: restarts.length - 1,
        state: terminated(last!, restarts.length - 1),
        lastState: previous ? terminated(previous, restarts.length - 2) : {},
      };
    }
    case 'ImagePullBackOff':
      return {
        name,
        image: revision.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${revision.image}"` },
        },
        lastState: {},
      };
    case 'Succeeded':
    case 'Failed': {
      const succeeded = pod.state === 'Succeeded';
      return {
        ...base(0),
        ready: false,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: succeeded ? 0 : 1,
            reason: succeeded ? 'Completed' : 'Error',
            startedAt: kubeTime(started),
            finishedAt: kubeTime(pod.since!),
            containerID: containerId(seed, pod.name, name, 0),
          },
        },
        lastState: {},
      };
    }
    case 'Pending':
    case 'Evicted':
      throw new Error(`pod ${pod.name} is ${pod.state} and has no container statuses`);
  }
}

function runningStatus(revision: RevisionPlan, pod: PodPlan, name: string, started: Date, seed: number) {
  return {
    ...identity(revision, pod, name, seed, 0),
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: kubeTime(started) } },
    lastState: {},
  };
}

function identity(revision: RevisionPlan, pod: PodPlan, name: string, seed: number, instance: number) {
  return {
    name,
    image: revision.image,
    imageID: `${revision.image.replace(/:[^:/]+$/, '')}@sha256:${sha256Hex(revision.image)}`,
    containerID: containerId(seed, pod.name, name, instance),
  };
}

/** `<pod>_<namespace>(<uid>)`, how the kubelet names a pod in messages. */
export function podTitle(workload: WorkloadPlan, pod: PodPlan, seed: number): string {
  return `${pod.name}_${workload.spec.namespace}(${objectUid(seed, 'Pod', workload.spec.namespace, pod.name)})`;
}

function containerId(seed: number, pod: string, container: string, instance: number): string {
  return `containerd://${randomHex(streamRandom(seed, `container/${pod}/${container}/${instance}`), 64)}`;
}

/** Guaranteed when every container's requests equal its limits for cpu and memory. */
function qosClass(workload: WorkloadPlan): string {
  const resources = workload.spec.containers.map((c) => c.resources);
  if (resources.every((r) => !r.limits && !r.requests)) return 'BestEffort';
  const guaranteed = resources.every((r) =>
    ['cpu', 'memory'].every(
      (k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k],
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
