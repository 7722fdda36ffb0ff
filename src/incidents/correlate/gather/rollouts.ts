// Rollouts in the window, from the Kubernetes API: every Deployment revision (through the
// same reader deploys_history uses: ReplicaSets, rollbacks, what the pod template changed)
// and every StatefulSet or DaemonSet revision (ControllerRevisions) after the first. A
// rollout is a candidate cause; what changed and why (the change-cause) is its evidence.

import { resolveDeployments, rolloutEntries } from '../../../../tools/deploys/rollouts.ts';
import type { KubernetesBackend } from '../../../backends/kubernetes/types.ts';

export type RolloutKind = 'image' | 'config' | 'rollback' | 'restart' | 'created' | 'other';

export interface RolloutFacts {
  /** `Deployment/ns/name` or `StatefulSet/ns/name`. */
  workload: string;
  at: number;
  kind: RolloutKind;
  summary: string;
}

export async function gatherRollouts(
  kube: KubernetesBackend,
  window: { since: number; until: number },
): Promise<RolloutFacts[]> {
  const range = { since: new Date(window.since), until: new Date(window.until) };
  const [deployments, revisions] = await Promise.all([
    resolveDeployments(kube, {}).then((found) => rolloutEntries(kube, found, {}, range)),
    kube.list({ kind: 'ControllerRevision' }),
  ]);
  const fromDeployments = deployments.map(
    (entry): RolloutFacts => ({
      workload: entry.target,
      at: Date.parse(entry.time),
      kind: entry.change.type === 'deploy' ? 'created' : kindOf(entry.change.type),
      summary: entry.change.summary,
    }),
  );
  const fromControllerRevisions = revisions.items.flatMap((cr): RolloutFacts[] => {
    const owner = cr.metadata.ownerReferences?.find((o) => o.controller !== false);
    const at = Date.parse(cr.metadata.creationTimestamp);
    const revision = Number((cr as { revision?: number }).revision ?? 0);
    if (!owner || revision <= 1 || at < window.since || at > window.until) return [];
    const cause = cr.metadata.annotations?.['kubernetes.io/change-cause'];
    return [
      {
        workload: `${owner.kind}/${cr.metadata.namespace ?? ''}/${owner.name}`,
        at,
        kind: 'other',
        summary: `revision ${revision} (${cr.metadata.name})${cause ? `; change-cause: ${cause}` : ''}`,
      },
    ];
  });
  return [...fromDeployments, ...fromControllerRevisions].sort(
    (a, b) => a.at - b.at || a.workload.localeCompare(b.workload),
  );
}

function kindOf(type: string): RolloutKind {
  return type === 'image' || type === 'config' || type === 'rollback' || type === 'restart' ? type : 'other';
}
