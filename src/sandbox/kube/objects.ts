// Small readers of Kubernetes object shapes shared by the controllers, the printers and the
// eviction logic: owner references, pod readiness, revision annotations, template identity.

import { canonicalJson } from '../../canonical.ts';
import type { KubeObject } from '../world.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

export type Json = Record<string, unknown>;

export interface Container {
  name: string;
  image?: string;
  [field: string]: unknown;
}

/** The controller owner reference (the one with `controller: true`). */
export function controllerRef(object: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerRef(object)?.uid === owner.metadata.uid;
}

export function ownerReferenceTo(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function podPhase(pod: KubeObject): string {
  return String(pod.status?.phase ?? 'Pending');
}

export function conditionStatus(object: KubeObject, type: string): string | undefined {
  const conditions = (object.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.find((condition) => condition.type === type)?.status;
}

export function isPodReady(pod: KubeObject): boolean {
  return podPhase(pod) === 'Running' && conditionStatus(pod, 'Ready') === 'True';
}

export function containersOf(podSpec: Json | undefined): Container[] {
  return (podSpec?.containers ?? []) as Container[];
}

export function templateOf(workload: KubeObject): { metadata?: Json; spec?: Json } {
  return (workload.spec?.template ?? {}) as { metadata?: Json; spec?: Json };
}

export function revisionOf(object: KubeObject): number {
  const revision = Number(object.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(revision) ? revision : 0;
}

export function replicasOf(workload: KubeObject): number {
  return typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : 1;
}

/** Drops nulls and empty objects/arrays: how a Go round trip treats "unset". */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = prune(child);
    const empty =
      pruned === null ||
      pruned === undefined ||
      (Array.isArray(pruned) && pruned.length === 0) ||
      (typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0);
    if (!empty) out[key] = pruned;
  }
  return out;
}

/**
 * The identity of a pod template, ignoring the controller's own hash labels and anything a
 * client's Go round trip adds as empty (`creationTimestamp: null`, `resources: {}`): two
 * templates with the same identity are the same revision (Kubernetes' EqualIgnoreHash).
 */
export function templateIdentity(template: unknown): string {
  const copy = structuredClone((template ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    delete copy.metadata.labels[CONTROLLER_REVISION_HASH];
  }
  return canonicalJson(prune(copy));
}

export function creationTime(object: KubeObject): number {
  return Date.parse(object.metadata.creationTimestamp);
}

/** An int-or-percent field (maxSurge, minAvailable) as a count out of `total`. */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(String(value));
  if (!percent) return 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
