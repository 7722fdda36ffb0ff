// The logs of one pod or of every pod a selector matches, shaped to a few KB: lines
// grouped by template with counts, errors and stack traces always kept, first and last
// lines for context, and what was cut with how to narrow. Log text is untrusted data.

import { z } from 'zod';
import { parseDuration } from '../../src/duration.ts';
import { compilePattern, patternText } from '../../src/regex.ts';
import { shapedLogsSchema, shapeLogs, UNTRUSTED_LOG_PATHS } from '../../src/shape/logs.ts';
import { logReads } from '../../src/shape/read-budget.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import { mergeByTime, timestampedLines } from './log-lines.ts';

/** Bytes fetched per pod at most: about 200,000 typical lines. */
const MAX_LOG_BYTES = 32 * 1024 * 1024;
/** Bytes fetched per call at most, shared by its pods: 50 pods of 32 MB would be 1.6 GB in memory. */
const MAX_CALL_LOG_BYTES = 64 * 1024 * 1024;
/** What a tailed line is taken to cost until the read says what it did: a long log line. */
const TAILED_LINE_BYTES = 1024;
/** Leaves room for the gate's own fields within the default 16 KB budget. */
const SHAPED_BUDGET = 12_000;

export default defineTool({
  name: 'k8s_pod_logs',
  title: 'Pods: Logs',
  description:
    'Logs of a pod or of the pods labelSelector matches, shaped: repeats collapsed, lines grouped by template, errors kept. Crashed: previous: true.',
  kind: 'read',
  untrusted: UNTRUSTED_LOG_PATHS,
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceArg,
      pod: z.string().min(1).optional(),
      labelSelector: z.string().min(1).optional().describe('Instead of pod'),
      container: z.string().min(1).optional(),
      previous: z.boolean().default(false),
      since: z.string().optional().describe('e.g. 15m'),
      sinceTime: z.iso.datetime({ offset: true }).optional(),
      tailLines: z.number().int().min(1).max(1_000_000).optional(),
      filter: patternText.min(1).max(200).optional().describe('RE2 regex'),
      minLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
      raw: z.boolean().default(false).describe('Raw lines, not templates'),
      maxPods: z.number().int().min(1).max(50).default(10),
    })
    .strict()
    .refine((a) => Boolean(a.pod) !== Boolean(a.labelSelector), {
      message: 'give exactly one of pod or labelSelector',
      path: ['pod'],
    })
    .refine((a) => !(a.since && a.sinceTime), {
      message: 'give since or sinceTime, not both',
      path: ['sinceTime'],
    }),
  output: shapedLogsSchema.extend({
    pods: z.array(z.string()).describe('Pods read'),
    skippedPods: z.number().optional().describe('Matching pods not read (raise maxPods)'),
  }),
  target: (args, ctx) =>
    kubeTarget(ctx.backends, { ...args, kind: 'Pod', ...(args.pod ? { name: args.pod } : {}) }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ? { cluster: args.cluster } : {};
    const filter = args.filter === undefined ? undefined : compilePattern(args.filter);
    let pods = args.pod ? [args.pod] : [];
    let skippedPods = 0;
    if (args.labelSelector) {
      const { items } = await kube.list({
        kind: 'Pod',
        namespace: args.namespace,
        labelSelector: args.labelSelector,
        ...cluster,
      });
      const names = items.map((p) => p.metadata.name).sort();
      if (!names.length)
        throw new Error(
          `no pods match ${args.labelSelector} in namespace ${args.namespace}; check the labels with k8s_pods_list`,
        );
      pods = names.slice(0, args.maxPods);
      skippedPods = names.length - pods.length;
    }
    const sinceMs = args.sinceTime
      ? ctx.clock.now().getTime() - Date.parse(args.sinceTime)
      : args.since
        ? parseDuration(args.since)
        : undefined;
    const sinceSeconds = sinceMs === undefined ? undefined : Math.max(1, Math.ceil(sinceMs / 1000));
    const perPod = Math.min(MAX_LOG_BYTES, Math.floor(MAX_CALL_LOG_BYTES / pods.length));
    const estimate = Math.min(perPod, (args.tailLines ?? Number.POSITIVE_INFINITY) * TAILED_LINE_BYTES);
    // The texts stay in memory until shaped: their bytes are held for the read and the shaping.
    const shaped = await logReads.hold(estimate * pods.length, ctx.signal, async (lease) => {
      const texts = await Promise.all(
        pods.map((pod) =>
          kube.podLog({
            namespace: args.namespace,
            pod,
            ...cluster,
            ...(args.container ? { container: args.container } : {}),
            ...(args.previous ? { previous: true } : {}),
            ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
            ...(args.tailLines !== undefined ? { tailLines: args.tailLines } : {}),
            limitBytes: perPod,
          }),
        ),
      );
      lease.resize(texts.reduce((sum, text) => sum + text.length, 0));
      const streams = texts.map((text, i) => timestampedLines(text, pods.length > 1 ? pods[i] : undefined));
      return shapeLogs(streams.length === 1 ? streams[0]! : mergeByTime(streams), {
        maxBytes: SHAPED_BUDGET,
        signal: ctx.signal,
        ...(filter ? { filter } : {}),
        ...(args.minLevel ? { minLevel: args.minLevel } : {}),
        raw: args.raw,
      });
    });
    return { ...shaped, pods, ...(skippedPods ? { skippedPods } : {}) };
  },
});
