// Events for an object or a namespace, merged: the same reason and message on the same
// object is one row with a count and first/last seen. Warnings first. Event text is
// untrusted data.

import { z } from 'zod';
import { parseDuration } from '../../src/duration.ts';
import { defineTool } from '../../src/tool.ts';
import { clusterArg, kubernetes, kubeTarget } from './common.ts';

const eventSchema = z.object({
  type: z.string(),
  reason: z.string(),
  object: z.string().describe('Kind/name of the involved object'),
  message: z.string(),
  count: z.number(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
});

interface RawEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  metadata: { creationTimestamp?: string };
  involvedObject?: { kind?: string; name?: string };
}

export default defineTool({
  name: 'k8s_events_list',
  title: 'Events: List',
  description:
    'Events of a namespace or object, repeats merged, warnings first. Next: k8s_pod_logs, k8s_rollout_history.',
  kind: 'read',
  untrusted: ['$.events[*].reason', '$.events[*].message'],
  input: z
    .object({
      cluster: clusterArg,
      namespace: z.string().min(1),
      kind: z.string().min(1).optional().describe('e.g. Pod'),
      name: z.string().min(1).optional(),
      type: z.enum(['Normal', 'Warning']).optional(),
      since: z.string().default('1h'),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({
    namespace: z.string(),
    since: z.string(),
    total: z.number().describe('Merged rows in the window'),
    warnings: z.number(),
    events: z.array(eventSchema),
    hint: z.string().optional(),
  }),
  target: (args, ctx) => kubeTarget(ctx.backends, { ...args, kind: args.kind ?? 'Event' }),
  handler: async (ctx, args) => {
    const windowMs = parseDuration(args.since);
    const from = ctx.clock.now().getTime() - windowMs;
    const fieldSelector = [
      args.kind ? `involvedObject.kind=${args.kind}` : '',
      args.name ? `involvedObject.name=${args.name}` : '',
      args.type ? `type=${args.type}` : '',
    ]
      .filter(Boolean)
      .join(',');
    const { items } = await kubernetes(ctx.backends).list({
      kind: 'Event',
      namespace: args.namespace,
      ...(args.cluster ? { cluster: args.cluster } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
    });
    const merged = new Map<string, z.infer<typeof eventSchema>>();
    for (const raw of items as unknown as RawEvent[]) {
      const last = raw.lastTimestamp ?? raw.eventTime ?? raw.metadata.creationTimestamp;
      if (last && Date.parse(last) < from) continue;
      const object = `${raw.involvedObject?.kind ?? '?'}/${raw.involvedObject?.name ?? '?'}`;
      const key = [raw.type, raw.reason, object, raw.message].join('\u0000');
      const first = raw.firstTimestamp ?? raw.eventTime ?? raw.metadata.creationTimestamp;
      const row = merged.get(key);
      if (!row) {
        merged.set(key, {
          type: raw.type ?? 'Normal',
          reason: raw.reason ?? '',
          object,
          message: raw.message ?? '',
          count: raw.count ?? 1,
          ...(first ? { firstSeen: first } : {}),
          ...(last ? { lastSeen: last } : {}),
        });
        continue;
      }
      row.count += raw.count ?? 1;
      if (first && (!row.firstSeen || first < row.firstSeen)) row.firstSeen = first;
      if (last && (!row.lastSeen || last > row.lastSeen)) row.lastSeen = last;
    }
    const rows = [...merged.values()].sort(
      (a, b) =>
        Number(b.type === 'Warning') - Number(a.type === 'Warning') ||
        (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
    );
    const scope = args.name ? `${args.kind ?? 'object'} ${args.name}` : `namespace ${args.namespace}`;
    return {
      namespace: args.namespace,
      since: args.since,
      total: rows.length,
      warnings: rows.filter((r) => r.type === 'Warning').length,
      events: rows.slice(0, args.limit),
      ...(rows.length
        ? rows.length > args.limit
          ? { hint: `${rows.length - args.limit} more rows; narrow with kind/name or type: Warning.` }
          : {}
        : {
            hint: `No events for ${scope} in the last ${args.since}; widen since (events expire after about an hour) or drop filters.`,
          }),
    };
  },
});
