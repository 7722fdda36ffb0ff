// The logs of one pod or of every pod a selector matches, shaped to a few KB: lines
// grouped by template with counts, errors and stack traces always kept, first and last
// lines for context, and what was cut with how to narrow. Log text is untrusted data.
// A crash-looping container's exception is usually in the instance that crashed, not in
// the one waiting to start again: when the container has restarted (and `previous` was not
// asked), the previous instance's warnings, errors and stack traces come along, with when
// and why it ended (issue 16).

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';
import { parseDuration } from '../../src/duration.ts';
import { compilePattern, type Pattern, patternText } from '../../src/regex.ts';
import { MIN_LOG_BYTES, shapedLogsSchema, shapeLogs, UNTRUSTED_LOG_PATHS } from '../../src/shape/logs.ts';
import { logReads } from '../../src/shape/read-budget.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget, namespaceArg } from './common.ts';
import {
  mergeByTime,
  type PreviousInstance,
  previousInstance,
  previousNote,
  timestampedLines,
} from './log-lines.ts';

/** Bytes fetched per pod at most: about 200,000 typical lines. */
const MAX_LOG_BYTES = 32 * 1024 * 1024;
/** Bytes fetched per call at most, shared by its pods: 50 pods of 32 MB would be 1.6 GB in memory. */
const MAX_CALL_LOG_BYTES = 64 * 1024 * 1024;
/** What a tailed line is taken to cost until the read says what it did: a long log line. */
const TAILED_LINE_BYTES = 1024;
/** Leaves room for the gate's own fields within the default 16 KB budget. */
const SHAPED_BUDGET = 12_000;
/** Of which previous instances get this much, shared (at least MIN_LOG_BYTES each). */
const PREVIOUS_BUDGET = 4_000;
/** Restarted pods whose previous instance is read, those restarted most first. */
const MAX_PREVIOUS_PODS = 3;
/** Lines read from the end of a previous instance's log, where it crashed. */
const PREVIOUS_TAIL_LINES = 5_000;

const compactTemplates = z.array(
  z.object({
    template: z.string(),
    count: z.number().int(),
    level: z.string(),
    first: z.string(),
    last: z.string(),
    example: z.string(),
  }),
);

export default defineTool({
  name: 'k8s_pod_logs',
  title: 'Pods: Logs',
  description:
    "Logs of a pod or of the pods labelSelector matches, shaped: repeats collapsed, lines grouped by template, errors kept. Restarted: adds the previous instance's errors.",
  kind: 'read',
  untrusted: [...UNTRUSTED_LOG_PATHS, '$.previous'],
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
    previous: z
      .array(
        z.object({
          pod: z.string(),
          note: z.string().describe('When and why it ended'),
          totalLines: z.number().int(),
          templates: compactTemplates,
          stackTraces: z.array(
            z.object({ header: z.string(), frames: z.array(z.string()), count: z.number() }),
          ),
          tail: z.array(z.string()),
        }),
      )
      .optional()
      .describe("Restarted containers: the previous instance's warnings and errors"),
  }),
  target: (args, ctx) =>
    kubeTarget(ctx.backends, { ...args, kind: 'Pod', ...(args.pod ? { name: args.pod } : {}) }),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const cluster = args.cluster ? { cluster: args.cluster } : {};
    const filter = args.filter === undefined ? undefined : compilePattern(args.filter);
    let pods = args.pod ? [args.pod] : [];
    let objects: KubeObject[] = [];
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
      objects = items.filter((p) => pods.includes(p.metadata.name));
    } else if (!args.previous) {
      // The pod's status says whether its container restarted; without it, the current log only.
      objects = await kube
        .get({ kind: 'Pod', namespace: args.namespace, name: args.pod!, ...cluster })
        .then((pod) => [pod])
        .catch(() => []);
    }
    const restarted = args.previous
      ? []
      : objects
          .flatMap((pod) => {
            const instance = previousInstance(pod, args.container);
            return instance ? [{ pod: pod.metadata.name, instance }] : [];
          })
          .sort((a, b) => b.instance.restarts - a.instance.restarts || a.pod.localeCompare(b.pod))
          .slice(0, MAX_PREVIOUS_PODS);
    const sinceMs = args.sinceTime
      ? ctx.clock.now().getTime() - Date.parse(args.sinceTime)
      : args.since
        ? parseDuration(args.since)
        : undefined;
    const sinceSeconds = sinceMs === undefined ? undefined : Math.max(1, Math.ceil(sinceMs / 1000));
    const perPod = Math.min(MAX_LOG_BYTES, Math.floor(MAX_CALL_LOG_BYTES / pods.length));
    const estimate = Math.min(perPod, (args.tailLines ?? Number.POSITIVE_INFINITY) * TAILED_LINE_BYTES);
    const query = (pod: string) => ({
      namespace: args.namespace,
      pod,
      ...cluster,
      ...(args.container ? { container: args.container } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    });
    // The texts stay in memory until shaped: their bytes are held for the read and the shaping.
    const shaped = await logReads.hold(estimate * pods.length, ctx.signal, async (lease) => {
      const texts = await Promise.all(
        pods.map((pod) =>
          kube.podLog({
            ...query(pod),
            ...(args.previous ? { previous: true } : {}),
            ...(args.tailLines !== undefined ? { tailLines: args.tailLines } : {}),
            limitBytes: perPod,
          }),
        ),
      );
      lease.resize(texts.reduce((sum, text) => sum + text.length, 0));
      const streams = texts.map((text, i) => timestampedLines(text, pods.length > 1 ? pods[i] : undefined));
      return shapeLogs(streams.length === 1 ? streams[0]! : mergeByTime(streams), {
        maxBytes: restarted.length ? SHAPED_BUDGET - PREVIOUS_BUDGET : SHAPED_BUDGET,
        signal: ctx.signal,
        ...(filter ? { filter } : {}),
        ...(args.minLevel ? { minLevel: args.minLevel } : {}),
        raw: args.raw,
      });
    });
    const previous = restarted.length
      ? await logReads.hold(PREVIOUS_TAIL_LINES * TAILED_LINE_BYTES * restarted.length, ctx.signal, (lease) =>
          Promise.all(
            restarted.map(async ({ pod, instance }) => {
              const shapedPrevious = await previousErrors(
                () =>
                  kube.podLog({
                    ...query(pod),
                    previous: true,
                    tailLines: PREVIOUS_TAIL_LINES,
                    limitBytes: perPod,
                  }),
                instance,
                Math.max(MIN_LOG_BYTES, Math.floor(PREVIOUS_BUDGET / restarted.length)),
                { signal: ctx.signal, ...(filter ? { filter } : {}) },
                (bytes) => lease.resize(bytes),
              );
              return { pod, ...shapedPrevious };
            }),
          ),
        )
      : [];
    return {
      ...shaped,
      pods,
      ...(skippedPods ? { skippedPods } : {}),
      ...(previous.length ? { previous } : {}),
    };
  },
});

/**
 * The warnings, errors and stack traces of a previous instance, from the end of its log, and
 * the note that says when and why it ended (or that its log is gone).
 */
async function previousErrors(
  read: () => Promise<string>,
  instance: PreviousInstance,
  maxBytes: number,
  opts: { signal: AbortSignal; filter?: Pattern },
  held: (bytes: number) => void,
) {
  const note = previousNote(instance);
  let text: string;
  try {
    text = await read();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return {
      note: `${note}; its log is not available: ${reason}`,
      totalLines: 0,
      templates: [],
      stackTraces: [],
      tail: [],
    };
  }
  held(text.length);
  const shaped = await shapeLogs(timestampedLines(text), { maxBytes, minLevel: 'warn', ...opts });
  const { totalLines, templates, stackTraces, tail } = shaped;
  const quiet = templates.length === 0 && stackTraces.length === 0;
  return {
    note: `${note}; ${quiet ? `no warnings or errors in its last ${totalLines} lines` : `its warnings and errors (last ${totalLines} lines)`}`,
    totalLines,
    templates: templates.map(({ sources: _, ...t }) => t),
    stackTraces,
    // The last of them: what it was saying when it ended.
    tail: tail.slice(-3),
  };
}
