// A pod's STATUS, READY and RESTARTS as `kubectl get pods` shows them, following the API
// server's printPod: a waiting or terminated container's reason (CrashLoopBackOff,
// OOMKilled, ExitCode:1) wins over the phase, init containers show as Init:n/m, and a
// pod being deleted shows Terminating.

import type { KubeObject } from '../world.ts';
import { conditionStatus, type Json } from './objects.ts';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: Json;
    terminated?: { reason?: string; exitCode?: number; signal?: number };
  };
  lastState?: { terminated?: { finishedAt?: string } };
}

export function podStatusText(pod: KubeObject): {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart?: string;
} {
  let reason = String(pod.status?.reason ?? pod.status?.phase ?? 'Pending');
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  const inits = (pod.status?.initContainerStatuses ?? []) as ContainerStatus[];
  const initTotal = ((pod.spec?.initContainers ?? []) as unknown[]).length;
  const initializing = inits.findIndex((s) => !(s.state?.terminated?.exitCode === 0));
  if (initializing >= 0 && conditionStatus(pod, 'Initialized') !== 'True') {
    const waiting = inits[initializing]!.state?.waiting?.reason;
    reason =
      waiting && waiting !== 'PodInitializing' ? `Init:${waiting}` : `Init:${initializing}/${initTotal}`;
  } else {
    let hasRunning = false;
    for (const status of [...((pod.status?.containerStatuses ?? []) as ContainerStatus[])].reverse()) {
      restarts += status.restartCount ?? 0;
      const finished = status.lastState?.terminated?.finishedAt;
      if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
      const { waiting, terminated, running } = status.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (status.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditionStatus(pod, 'Ready') === 'True' ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(String(pod.status?.phase)))
    reason = 'Terminating';
  return { reason, ready, restarts, ...(lastRestart ? { lastRestart } : {}) };
}
