// A scenario's `resolution` names each fix by the tool an on-call engineer would reach for
// (`k8s_rollout_undo Deployment/shop/checkout`); the sandbox reads it as a condition on the
// simulated cluster's state, so a fix made by kubectl, a peer MCP server or opswarden heals
// the world the same way:
//   k8s_rollout_undo      the workload runs a pod template from its history again
//   k8s_rollout_restart   every pod the workload had is replaced by a new one
//   k8s_configmap_patch   the ConfigMap's data holds the values `data` asks for (no `data`: any change)
//   k8s_deployment_scale  spec.replicas is what `data.replicas` asks for (no `data`: any change)
//   k8s_node_cordon       the node is unschedulable
//   k8s_node_drain        the node is unschedulable and runs no pods but DaemonSets'
//   k8s_pod_delete        the pod is gone or replaced by a new one of the same name
// A condition starts from the world as loaded; `rebase()` takes the world as it is now as
// the new starting point, so a transient action (a second restart) can happen again.

import { canonicalJson } from '../../canonical.ts';
import { revisionTemplate } from '../kube/controller-revisions.ts';
import type { KubeStore } from '../kube/kube-store.ts';
import { controllerRef, isControlledBy, templateIdentity } from '../kube/objects.ts';
import { fixDataMatches } from '../scenario/fix-data.ts';
import { conditionProblem } from '../scenario/fix-targets.ts';
import { parseRef } from '../scenario/refs.ts';
import type { KubeObject } from '../world.ts';

export interface WorldCondition {
  holds(): boolean;
  /** The world as it is now becomes the condition's starting point. */
  rebase(): void;
}

/** What a resolution entry says: the tool, its target, and for fixes the values it must set. */
export interface ConditionSpec {
  tool: string;
  target: string;
  data?: Record<string, string> | undefined;
}

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function worldCondition(store: KubeStore, spec: ConditionSpec): WorldCondition {
  const ref = parseRef(spec.target);
  const get = () => store.get(ref.kind, ref.namespace, ref.name);
  switch (spec.tool) {
    case 'k8s_rollout_undo':
      return rolledBack(store, get);
    case 'k8s_rollout_restart':
      return replaced(() => {
        const workload = get();
        return workload ? podsOf(store, workload) : [];
      });
    case 'k8s_configmap_patch':
      return valuesSet(() => (get()?.data ?? {}) as Record<string, unknown>, spec.data);
    case 'k8s_deployment_scale':
      return valuesSet(() => {
        const replicas = get()?.spec?.replicas;
        return { replicas: replicas === undefined ? undefined : String(replicas) };
      }, spec.data);
    case 'k8s_node_cordon':
      return unchanging(() => get()?.spec?.unschedulable === true);
    case 'k8s_node_drain':
      return unchanging(() => get()?.spec?.unschedulable === true && !runsWorkloadPods(store, ref.name));
    case 'k8s_pod_delete':
      return replaced(() => [get()].filter((pod): pod is KubeObject => pod !== undefined));
    default:
      throw new Error(conditionProblem(spec));
  }
}

const unchanging = (holds: () => boolean): WorldCondition => ({ holds, rebase() {} });

/** A workload's pod template, whoever restarted it. */
function templateKey(template: unknown): string {
  const copy = structuredClone((template ?? {}) as { metadata?: { annotations?: Record<string, string> } });
  delete copy.metadata?.annotations?.[RESTARTED_AT];
  return templateIdentity(copy);
}

/** The templates a workload ran before: its ReplicaSets' or its ControllerRevisions'. */
function historyTemplates(store: KubeStore, workload: KubeObject): unknown[] {
  const namespace = workload.metadata.namespace ?? '';
  if (workload.kind === 'Deployment') {
    return store
      .list('ReplicaSet', { namespace })
      .filter((rs) => isControlledBy(rs, workload))
      .map((rs) => rs.spec?.template);
  }
  return store
    .list('ControllerRevision', { namespace })
    .filter((revision) => isControlledBy(revision, workload))
    .map(revisionTemplate);
}

function rolledBack(store: KubeStore, get: () => KubeObject | undefined): WorldCondition {
  let bad = '';
  let earlier = new Set<string>();
  const rebase = () => {
    const workload = get();
    if (!workload) return;
    bad = templateKey(workload.spec?.template);
    earlier = new Set(historyTemplates(store, workload).map(templateKey));
    earlier.delete(bad);
  };
  rebase();
  return {
    holds() {
      const workload = get();
      return workload !== undefined && earlier.has(templateKey(workload.spec?.template));
    },
    rebase,
  };
}

/** Holds once none of the pods there were at the start (or the last rebase) is left, and some are. */
function replaced(pods: () => KubeObject[]): WorldCondition {
  let before = new Set<string>();
  const live = () => pods().filter((pod) => !pod.metadata.deletionTimestamp);
  const rebase = () => {
    before = new Set(live().map((pod) => pod.metadata.uid));
  };
  rebase();
  return {
    holds() {
      const now = live();
      return now.length > 0 && now.every((pod) => !before.has(pod.metadata.uid));
    },
    rebase,
  };
}

/** Holds when every wanted key matches its pattern; without patterns, once anything differs from the start. */
function valuesSet(
  values: () => Record<string, unknown>,
  wanted: Record<string, string> | undefined,
): WorldCondition {
  if (wanted) {
    return unchanging(() => {
      const current = values();
      return Object.entries(wanted).every(([key, pattern]) => fixDataMatches(pattern, current[key]));
    });
  }
  let start = canonicalJson(values());
  return {
    holds: () => canonicalJson(values()) !== start,
    rebase() {
      start = canonicalJson(values());
    },
  };
}

function podsOf(store: KubeStore, workload: KubeObject): KubeObject[] {
  const namespace = workload.metadata.namespace ?? '';
  const owners = new Set([workload.metadata.uid]);
  if (workload.kind === 'Deployment') {
    for (const rs of store.list('ReplicaSet', { namespace }))
      if (isControlledBy(rs, workload)) owners.add(rs.metadata.uid);
  }
  return store.list('Pod', { namespace }).filter((pod) => owners.has(controllerRef(pod)?.uid ?? ''));
}

/** Whether pods other than DaemonSets' still run (or wait to) on the node. */
function runsWorkloadPods(store: KubeStore, node: string): boolean {
  return store
    .list('Pod', { fieldSelector: `spec.nodeName=${node}` })
    .some(
      (pod) =>
        !pod.metadata.deletionTimestamp &&
        pod.status?.phase !== 'Succeeded' &&
        pod.status?.phase !== 'Failed' &&
        controllerRef(pod)?.kind !== 'DaemonSet',
    );
}
