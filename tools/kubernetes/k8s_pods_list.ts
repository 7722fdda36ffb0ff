// Pods at a glance, problems first: what an on-call engineer looks at before anything
// else. Paginated with an opaque cursor so a large namespace never floods the context.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget, labelSelectorArg } from './common.ts';
import { podSummarySchema, summarizePod } from './pods.ts';

const MAX_PODS_SCANNED = 5000;

export default defineTool({
  name: 'k8s_pods_list',
  title: 'Pods: List',
  description:
    'Pods: phase, readiness, restarts, last exit reason, node, problem; problems first. Next: k8s_pod_logs, k8s_events_list.',
  kind: 'read',
  untrusted: ['$.pods[*].problem'],
  input: z
    .object({
      cluster: clusterArg,
      namespace: z.string().min(1).optional().describe('Omit for all'),
      labelSelector: labelSelectorArg,
      fieldSelector: z.string().min(1).optional().describe('e.g. spec.nodeName=n1'),
      onlyProblems: z.boolean().default(false),
      limit: z.number().int().min(1).max(200).default(50),
      cursor: z.string().optional(),
    })
    .strict(),
  output: z.object({
    cluster: z.string(),
    namespace: z.string().describe('"*" for all namespaces'),
    total: z.number().describe('Pods matching the query'),
    withProblems: z.number(),
    pods: z.array(podSummarySchema),
    nextCursor: z.string().optional(),
    hint: z.string().optional(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: 'Pod' }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const now = ctx.clock.now();
    const items = [];
    let continueToken: string | undefined;
    do {
      const page = await kube.list({
        kind: 'Pod',
        ...(args.cluster ? { cluster: args.cluster } : {}),
        ...(args.namespace ? { namespace: args.namespace } : {}),
        ...(args.labelSelector ? { labelSelector: args.labelSelector } : {}),
        ...(args.fieldSelector ? { fieldSelector: args.fieldSelector } : {}),
        limit: 500,
        ...(continueToken ? { continueToken } : {}),
      });
      items.push(...page.items);
      continueToken = page.continueToken;
    } while (continueToken && items.length < MAX_PODS_SCANNED);

    const all = items
      .map((pod) => summarizePod(pod, now))
      .sort(
        (a, b) =>
          Number(!!b.problem) - Number(!!a.problem) ||
          b.restarts - a.restarts ||
          a.name.localeCompare(b.name),
      );
    const matching = args.onlyProblems ? all.filter((p) => p.problem) : all;
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    const pods = matching.slice(offset, offset + args.limit);
    const next = offset + args.limit < matching.length ? encodeCursor(offset + args.limit) : undefined;
    const where = args.namespace ?? '*';
    const hint = !matching.length
      ? `No pods match in ${args.namespace ? `namespace ${args.namespace}` : 'any namespace'}${args.labelSelector ? ` with ${args.labelSelector}` : ''}; check the namespace (k8s_resource_get kind Namespace) or drop the selector.`
      : continueToken
        ? `Only the first ${MAX_PODS_SCANNED} pods were scanned; narrow with namespace or labelSelector.`
        : undefined;
    return {
      cluster: args.cluster ?? kube.clusters()[0] ?? '',
      namespace: where,
      total: matching.length,
      withProblems: all.filter((p) => p.problem).length,
      pods,
      ...(next ? { nextCursor: next } : {}),
      ...(hint ? { hint } : {}),
    };
  },
});

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new Error(`cursor "${cursor}" is not a cursor from k8s_pods_list; call again without it`);
}
