// What k8s_pods_top and k8s_nodes_top share: the units an agent reads live usage in
// (millicores, MiB, percent of a limit or of allocatable), how a pod's requests and limits
// add up from its containers, and the top-N arguments and hints.

import { z } from 'zod';
import type { KubeObject, KubeUsage } from '../../src/backends/kubernetes/types.ts';
import { parseQuantity } from '../../src/sandbox/scenario/quantity.ts';

export const topLimitArg = z.number().int().min(1).max(200).default(20);

export const millicores = (cores: number): number => Math.round(cores * 1000);
export const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** `used` as a percent of `of` (one decimal), or undefined when there is nothing to compare to. */
export function percent(used: number, of: number | undefined): number | undefined {
  return of ? Math.round((used / of) * 1000) / 10 : undefined;
}

/** A quantity as the API writes it (`500m`, `512Mi`), or undefined when absent or unreadable. */
export function quantity(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}

/** Cores and bytes, each only when set. */
export type Amounts = Partial<KubeUsage>;

/** CPU in millicores and memory in MiB, as rows show requests, limits and allocatable. */
export function shown(amounts: Amounts): { cpuMillicores?: number; memoryMiB?: number } {
  return {
    ...(amounts.cpuCores !== undefined ? { cpuMillicores: millicores(amounts.cpuCores) } : {}),
    ...(amounts.memoryBytes !== undefined ? { memoryMiB: mib(amounts.memoryBytes) } : {}),
  };
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
type ContainerSpec = { name: string; resources?: Resources };

/** Each container's requests and limits by name. */
export function containerResources(
  pod: KubeObject | undefined,
): Map<string, { requests: Amounts; limits: Amounts }> {
  const containers = (pod?.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? [];
  return new Map(
    containers.map((c) => [
      c.name,
      { requests: amounts(c.resources?.requests), limits: amounts(c.resources?.limits) },
    ]),
  );
}

function amounts(resources: Record<string, string> | undefined): Amounts {
  const cpu = quantity(resources?.cpu);
  const memory = quantity(resources?.memory);
  return {
    ...(cpu !== undefined ? { cpuCores: cpu } : {}),
    ...(memory !== undefined ? { memoryBytes: memory } : {}),
  };
}

/**
 * A pod's requests (the sum of what its containers request) and limits (the sum, only when
 * every container sets one: otherwise the pod as a whole is unbounded).
 */
export function podResources(resources: Map<string, { requests: Amounts; limits: Amounts }>) {
  const all = [...resources.values()];
  const sum = (pick: (r: { requests: Amounts; limits: Amounts }) => number | undefined, every: boolean) => {
    const values = all.map(pick);
    const set = values.filter((v): v is number => v !== undefined);
    if (!set.length || (every && set.length < values.length)) return undefined;
    return set.reduce((a, b) => a + b, 0);
  };
  const requests = {
    cpuCores: sum((r) => r.requests.cpuCores, false),
    memoryBytes: sum((r) => r.requests.memoryBytes, false),
  };
  const limits = {
    cpuCores: sum((r) => r.limits.cpuCores, true),
    memoryBytes: sum((r) => r.limits.memoryBytes, true),
  };
  return { requests: defined(requests), limits: defined(limits) };
}

function defined(amounts: { cpuCores: number | undefined; memoryBytes: number | undefined }): Amounts {
  return Object.fromEntries(Object.entries(amounts).filter(([, v]) => v !== undefined));
}

/** "Showing the top 20 of 143 …" when rows were cut. */
export function cutHint(shown: number, total: number, sortBy: string, narrow: string): string | undefined {
  return total > shown
    ? `Showing the top ${shown} of ${total} by ${sortBy}; ${narrow}, or raise limit.`
    : undefined;
}

/** When the newest of the metrics was taken: what the answer's usage is as of. */
export function latestTimestamp(metrics: readonly { timestamp: string }[]): string | undefined {
  return metrics
    .map((m) => m.timestamp)
    .sort()
    .at(-1);
}
