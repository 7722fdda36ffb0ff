// "What changed?": one timeline, newest first, of the changes to a service, a namespace or
// the whole cluster over a window, merged from Kubernetes rollouts (./rollouts.ts), Argo
// CD syncs (./argocd.ts, when the CRD is installed) and posted change events
// (./change-events.ts). A source that cannot be read says why in `sources`; the others
// still answer, since a partial timeline at 3 a.m. beats none.

import { z } from 'zod';
import type { KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { parseSince } from '../../src/duration.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubeTarget } from '../kubernetes/common.ts';
import { argoEntries } from './argocd.ts';
import { changeEventEntries } from './change-events.ts';
import { resolveDeployments, rolloutEntries } from './rollouts.ts';
import {
  type Entry,
  entrySchema,
  type Scope,
  type SourceStatus,
  unavailable,
  type Window,
  type Workloads,
} from './timeline.ts';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export default defineTool({
  name: 'deploys_history',
  title: 'Deploys: History',
  description:
    'What changed, newest first, in a service, namespace or cluster: rollouts, Argo CD syncs, CI/CD and flag events. Next: k8s_rollout_history.',
  kind: 'read',
  untrusted: ['$.entries[*].change', '$.entries[*].by'],
  input: z
    .object({
      cluster: clusterArg,
      service: z
        .string()
        .regex(NAME, 'a service name such as checkout')
        .optional()
        .describe('Name or app label'),
      namespace: z.string().regex(NAME, 'a namespace name').optional(),
      since: z.string().default('24h').describe('e.g. 24h'),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({
    window: z.object({ since: z.string(), until: z.string() }),
    sources: z.object({
      kubernetes: z.string().describe('ok, not configured, or unavailable: why'),
      argocd: z.string().describe('ok, not installed, not configured, or unavailable: why'),
      changeEvents: z.string().describe('ok, or unavailable: why'),
    }),
    total: z.number().describe('Entries in the window'),
    entries: z.array(entrySchema),
    hint: z.string().optional(),
  }),
  target: async (args, ctx) => {
    const name = args.service ?? args.namespace;
    const scope = {
      kind: args.service ? 'Service' : args.namespace ? 'Namespace' : 'Cluster',
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(args.namespace ? { namespace: args.namespace } : {}),
      ...(name ? { name } : {}),
    };
    const target = ctx.backends.kubernetes ? await kubeTarget(ctx.backends, scope) : scope;
    return { ...target, ...(args.service ? { service: args.service } : {}) };
  },
  handler: async (ctx, args) => {
    const until = ctx.clock.now();
    let since: Date;
    try {
      since = parseSince(args.since, until);
    } catch (err) {
      throw new Error(`since: ${(err as Error).message}`);
    }
    const window = { since, until };
    const scope: Scope = {
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(args.service ? { service: args.service } : {}),
      ...(args.namespace ? { namespace: args.namespace } : {}),
    };
    const kube = ctx.backends.kubernetes;
    const cluster = kube ? await clusterEntries(kube, scope, window) : notConfigured();
    const events = changeEventEntries(ctx.backends.changes, scope, window, cluster.workloads);
    const all = [...cluster.entries, ...events.entries].sort(
      (a, b) => Date.parse(b.time) - Date.parse(a.time) || a.target.localeCompare(b.target),
    );
    const entries = all.slice(0, args.limit);
    const unresolved =
      args.service !== undefined && cluster.kubernetes === 'ok' && !cluster.workloads.deployments.length;
    const hint = hintFor(args, all.length, entries.length, unresolved);
    return {
      window: { since: since.toISOString(), until: until.toISOString() },
      sources: { kubernetes: cluster.kubernetes, argocd: cluster.argocd, changeEvents: events.status },
      total: all.length,
      entries,
      ...(hint ? { hint } : {}),
    };
  },
});

interface ClusterResult {
  kubernetes: SourceStatus;
  argocd: SourceStatus;
  workloads: Workloads;
  entries: Entry[];
}

function notConfigured(): ClusterResult {
  return {
    kubernetes: 'not configured',
    argocd: 'not configured',
    workloads: { deployments: [] },
    entries: [],
  };
}

async function clusterEntries(kube: KubernetesBackend, scope: Scope, window: Window): Promise<ClusterResult> {
  let workloads: Workloads;
  let rollouts: Entry[];
  try {
    workloads = { deployments: await resolveDeployments(kube, scope) };
    rollouts = await rolloutEntries(kube, workloads.deployments, scope, window);
  } catch (err) {
    const why = unavailable(err);
    return { kubernetes: why, argocd: why, workloads: { deployments: [] }, entries: [] };
  }
  const argo = await argoEntries(kube, scope, window, workloads);
  return { kubernetes: 'ok', argocd: argo.status, workloads, entries: [...rollouts, ...argo.entries] };
}

/** `unresolved`: Kubernetes answered, but no Deployment belongs to the service. */
function hintFor(
  args: { service?: string; namespace?: string; since: string },
  total: number,
  shown: number,
  unresolved: boolean,
): string | undefined {
  if (total > shown) return `${total - shown} older entries not shown; raise limit or shorten since.`;
  const where = args.service
    ? `service ${args.service}`
    : args.namespace
      ? `namespace ${args.namespace}`
      : 'the cluster';
  const noWorkload = unresolved
    ? ` No Deployment is named ${args.service} or labelled app=${args.service}${args.namespace ? ` in ${args.namespace}` : ''}; check the name with k8s_pods_list.`
    : '';
  if (total === 0) return `No changes to ${where} since ${args.since}; widen since (e.g. 7d).${noWorkload}`;
  return noWorkload.trim() || undefined;
}
