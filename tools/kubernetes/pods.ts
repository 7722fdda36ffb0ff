// How a pod is summarised for an agent: the few fields that say whether it is healthy
// and, if not, a one-line problem (CrashLoopBackOff, OOMKilled, ImagePullBackOff,
// Pending and why). Shared by k8s_pods_list and the pod-selecting tools.

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { age } from './common.ts';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
  lastState?: { terminated?: { reason?: string; exitCode?: number; finishedAt?: string } };
}

export const podSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  phase: z.string(),
  ready: z.string().describe('ready/total containers'),
  restarts: z.number(),
  lastTermination: z
    .object({ reason: z.string().optional(), exitCode: z.number().optional(), at: z.string().optional() })
    .optional(),
  node: z.string().optional(),
  age: z.string().optional(),
  problem: z.string().optional().describe('One line on what is wrong, when something is'),
});

export type PodSummary = z.infer<typeof podSummarySchema>;

export function summarizePod(pod: KubeObject, now: Date): PodSummary {
  const status = (pod.status ?? {}) as {
    phase?: string;
    containerStatuses?: ContainerStatus[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const spec = (pod.spec ?? {}) as { nodeName?: string; containers?: unknown[] };
  const containers = status.containerStatuses ?? [];
  const total = containers.length || spec.containers?.length || 0;
  const last = containers
    .map((c) => c.lastState?.terminated)
    .filter((t): t is NonNullable<typeof t> => t !== undefined)
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
  const summary: PodSummary = {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? '',
    phase: status.phase ?? 'Unknown',
    ready: `${containers.filter((c) => c.ready).length}/${total}`,
    restarts: containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(last
      ? {
          lastTermination: {
            ...(last.reason ? { reason: last.reason } : {}),
            ...(last.exitCode !== undefined ? { exitCode: last.exitCode } : {}),
            ...(last.finishedAt ? { at: last.finishedAt } : {}),
          },
        }
      : {}),
    ...(spec.nodeName ? { node: spec.nodeName } : {}),
  };
  const podAge = age(pod.metadata.creationTimestamp, now);
  if (podAge) summary.age = podAge;
  const problem = podProblem(status, containers, last);
  if (problem) summary.problem = problem;
  return summary;
}

function podProblem(
  status: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  },
  containers: ContainerStatus[],
  last: { reason?: string; exitCode?: number } | undefined,
): string | undefined {
  for (const c of containers) {
    const waiting = c.state?.waiting?.reason;
    if (waiting && waiting !== 'ContainerCreating' && waiting !== 'PodInitializing') {
      const why = last?.reason ? ` (last exit: ${last.reason}, code ${last.exitCode ?? '?'})` : '';
      return `${c.name}: ${waiting}${why}, ${c.restartCount ?? 0} restarts`;
    }
    const terminated = c.state?.terminated;
    if (terminated && terminated.exitCode !== 0)
      return `${c.name}: terminated ${terminated.reason ?? ''} (exit ${terminated.exitCode})`;
  }
  if (status.phase === 'Pending') {
    const unscheduled = status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return `Pending${unscheduled ? `: ${unscheduled.reason ?? ''} ${unscheduled.message ?? ''}`.trimEnd() : ''}`;
  }
  if (status.phase === 'Failed') return 'Failed';
  if (last?.reason === 'OOMKilled') return `restarted after OOMKilled (exit ${last.exitCode ?? 137})`;
  const notReady = containers.filter((c) => !c.ready).map((c) => c.name);
  if (status.phase === 'Running' && notReady.length) return `not ready: ${notReady.join(', ')}`;
  return undefined;
}
