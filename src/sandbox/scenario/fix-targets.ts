// Which tools a scenario's `resolution` may name, and the kinds of object each changes: the
// sandbox reads every entry as a condition on its cluster's state (reactions/
// world-conditions.ts), so an entry it could not read that way is refused when the scenario
// loads. Kept apart from the conditions, which need the simulated cluster, so that loading a
// scenario's schema does not load the simulators.

import { type ObjectRef, parseRef } from './refs.ts';

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/** The kinds each tool's target may be. */
const CONDITION_TARGETS: Record<string, readonly string[]> = {
  k8s_rollout_undo: WORKLOADS,
  k8s_rollout_restart: WORKLOADS,
  k8s_configmap_patch: ['ConfigMap'],
  k8s_deployment_scale: ['Deployment'],
  k8s_node_cordon: ['Node'],
  k8s_node_drain: ['Node'],
  k8s_pod_delete: ['Pod'],
};

/** Why a resolution entry cannot be read as a world condition, or undefined. */
export function conditionProblem(spec: { tool: string; target?: string | undefined }): string | undefined {
  const kinds = CONDITION_TARGETS[spec.tool];
  if (!kinds)
    return `the sandbox reacts to ${Object.keys(CONDITION_TARGETS).join(', ')}; not to ${spec.tool}`;
  if (!spec.target) return `${spec.tool} needs a target (${kinds.join(' or ')})`;
  let ref: ObjectRef;
  try {
    ref = parseRef(spec.target);
  } catch (err) {
    return (err as Error).message;
  }
  if (!kinds.includes(ref.kind)) return `${spec.tool} changes a ${kinds.join(' or ')}, not a ${ref.kind}`;
  return undefined;
}
