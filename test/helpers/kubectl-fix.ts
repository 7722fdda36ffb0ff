// A scenario's fix made the way an engineer at a terminal would make it: the kubectl command
// for each resolution entry (rollout undo, patch, scale, drain...). Tests use it to show that
// the sandbox heals whoever changes the world, not only when opswarden does.

import { parseRef } from '../../src/sandbox/scenario/refs.ts';
import type { Resolution } from '../../src/sandbox/scenario/schema.ts';

type Fix = Resolution['fixes'][number];

/** A value the fix's pattern accepts: the number of a comparison, anything for "*", else the value itself. */
function valueFor(pattern: string): string {
  if (pattern === '*') return 'changed-by-kubectl';
  const comparison = /^(>=|<=|>|<)\s*(\S+)$/.exec(pattern);
  if (!comparison) return pattern;
  const n = Number(comparison[2]);
  return String(comparison[1] === '>' ? n + 1 : comparison[1] === '<' ? n - 1 : n);
}

/** The kubectl arguments that make `fix` hold; `replicas` is the workload's current count (scale). */
export function kubectlFixArgs(fix: Fix, replicas = 1): string[] {
  const ref = parseRef(fix.target!);
  const ns = ref.namespace ? ['-n', ref.namespace] : [];
  const workload = `${ref.kind.toLowerCase()}/${ref.name}`;
  switch (fix.tool) {
    case 'k8s_rollout_undo':
      return ['rollout', 'undo', workload, ...ns];
    case 'k8s_rollout_restart':
      return ['rollout', 'restart', workload, ...ns];
    case 'k8s_configmap_patch': {
      const data = Object.fromEntries(Object.entries(fix.data ?? {}).map(([k, p]) => [k, valueFor(p)]));
      return ['patch', 'configmap', ref.name, ...ns, '--type', 'merge', '-p', JSON.stringify({ data })];
    }
    case 'k8s_deployment_scale': {
      const wanted = fix.data?.replicas ? valueFor(fix.data.replicas) : String(replicas + 1);
      return ['scale', workload, ...ns, `--replicas=${wanted}`];
    }
    case 'k8s_node_cordon':
      return ['cordon', ref.name];
    case 'k8s_node_drain':
      return ['drain', ref.name, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s'];
    case 'k8s_pod_delete':
      return ['delete', 'pod', ref.name, ...ns];
    default:
      throw new Error(`no kubectl command for ${fix.tool}`);
  }
}
