// After a fix, the pods that crashed during the incident run again: each container that
// is waiting in CrashLoopBackOff or terminated (Error, OOMKilled) since `incidentStart`
// becomes running and ready, keeping its restart count and last termination, as a kubelet
// would show it once the container stops failing. Pods that crash for other reasons (noise)
// and pods that never started (Pending, ImagePullBackOff) are left alone.

import type { KubeStore } from '../kube/kube-store.ts';
import type { KubeObject } from '../world.ts';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt: string };
  terminated?: { reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready: boolean;
  started?: boolean;
  state: ContainerState;
  lastState?: ContainerState;
  [field: string]: unknown;
}

/** When the container last stopped, if it is down now. */
function crashedAt(status: ContainerStatus): number | undefined {
  const finished = status.state.terminated?.finishedAt ?? status.lastState?.terminated?.finishedAt;
  const down = status.state.terminated !== undefined || status.state.waiting?.reason === 'CrashLoopBackOff';
  return down && finished ? Date.parse(finished) : undefined;
}

function healed(status: ContainerStatus, now: string): ContainerStatus {
  const lastState = status.state.terminated ? { terminated: status.state.terminated } : status.lastState;
  return {
    ...status,
    ready: true,
    started: true,
    state: { running: { startedAt: now } },
    lastState: lastState ?? {},
  };
}

/** Heals the pods that crashed since `incidentStart`; returns how many changed. */
export function healCrashedPods(store: KubeStore, incidentStart: number, now: Date): number {
  const nowIso = now.toISOString().replace(/\.\d+Z$/, 'Z');
  let count = 0;
  for (const pod of store.list('Pod')) {
    if (pod.status?.phase !== 'Running') continue;
    const statuses = (pod.status.containerStatuses ?? []) as ContainerStatus[];
    const crashed = (s: ContainerStatus) => (crashedAt(s) ?? Number.NEGATIVE_INFINITY) >= incidentStart;
    if (!statuses.some(crashed)) continue;
    const containerStatuses = statuses.map((s) => (crashed(s) ? healed(s, nowIso) : s));
    const ready = containerStatuses.every((s) => s.ready);
    store.update(withStatus(pod, containerStatuses, ready, nowIso));
    count++;
  }
  return count;
}

function withStatus(
  pod: KubeObject,
  containerStatuses: ContainerStatus[],
  ready: boolean,
  now: string,
): KubeObject {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  const readiness = new Set(['Ready', 'ContainersReady']);
  return {
    ...pod,
    status: {
      ...pod.status,
      containerStatuses,
      conditions: conditions.map((c) =>
        readiness.has(c.type) && ready && c.status !== 'True'
          ? { type: c.type, status: 'True', lastProbeTime: null, lastTransitionTime: now }
          : c,
      ),
    },
  };
}
