// Node lifecycle on cordon and uncordon: the node.kubernetes.io/unschedulable:NoSchedule
// taint follows spec.unschedulable (as the node lifecycle controller keeps it), and the
// kubelet's NodeNotSchedulable / NodeSchedulable event records the change.

import type { KubeObject } from '../world.ts';
import type { Controller } from './cluster.ts';
import { recordEvent } from './events.ts';

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

interface Taint {
  key: string;
  effect: string;
  timeAdded?: string;
}

function isCordoned(node: KubeObject | undefined): boolean {
  return node?.spec?.unschedulable === true;
}

export const nodeController: Controller = {
  name: 'node',
  affected(change) {
    if (change.resource.kind !== 'Node' || change.type !== 'MODIFIED') return [];
    return isCordoned(change.object) === isCordoned(change.previous)
      ? []
      : [{ name: change.object.metadata.name }];
  },
  reconcile(cluster, _namespace, name) {
    const node = cluster.get('Node', undefined, name);
    if (!node) return undefined;
    const cordoned = isCordoned(node);
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter(
      (taint) => taint.key !== UNSCHEDULABLE_TAINT,
    );
    if (cordoned)
      taints.push({ key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: cluster.nowIso() });
    const { taints: _old, ...rest } = node.spec ?? {};
    const updated = cluster.update({ ...node, spec: taints.length ? { ...rest, taints } : rest });
    const status = cordoned ? 'NodeNotSchedulable' : 'NodeSchedulable';
    recordEvent(cluster, updated, {
      reason: status,
      message: `Node ${name} status is now: ${status}`,
      component: 'kubelet',
      host: name,
    });
    return undefined;
  },
};
