// Alerts as Alertmanager groups them, compact: each group's shared labels once, and per
// alert only the labels that tell it apart, its state (firing, silenced, inhibited) and
// summary. The first question at 3 a.m. is "what is firing, and is anyone on it?".

import { z } from 'zod';
import type { Alert } from '../../src/backends/alertmanager/types.ts';
import { patternText } from '../../src/regex.ts';
import { defineTool } from '../../src/tool.ts';
import { alertmanager, matcherText } from './common.ts';

const MAX_ALERTS_PER_GROUP = 20;

/** Labels every alert of the group carries with the same value. */
function commonLabels(alerts: readonly Alert[]): Record<string, string> {
  const [first, ...rest] = alerts;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first.labels).filter(([k, v]) => rest.every((a) => a.labels[k] === v)),
  );
}

function stateOf(alert: Alert): 'firing' | 'silenced' | 'inhibited' | 'unprocessed' {
  if (alert.status.silencedBy.length) return 'silenced';
  if (alert.status.inhibitedBy.length) return 'inhibited';
  return alert.status.state === 'unprocessed' ? 'unprocessed' : 'firing';
}

const alertSchema = z.object({
  labels: z.record(z.string(), z.string()).describe('Labels not shared by the whole group'),
  startsAt: z.string(),
  state: z.enum(['firing', 'silenced', 'inhibited', 'unprocessed']),
  silencedBy: z.array(z.string()).optional().describe('Silence ids (see am_silences_list)'),
  summary: z.string().optional(),
});

export default defineTool({
  name: 'am_alerts_list',
  title: 'Alertmanager: Alerts',
  description:
    'Alertmanager alerts by route group: shared and own labels, start, state (firing, silenced, inhibited). Next: am_silence_create.',
  kind: 'read',
  untrusted: ['$.groups[*].labels', '$.groups[*].alerts[*].labels', '$.groups[*].alerts[*].summary'],
  input: z
    .object({
      filter: z.array(matcherText).max(20).optional().describe('Each like service="web"'),
      silenced: z.boolean().default(true),
      inhibited: z.boolean().default(true),
      receiver: patternText.min(1).optional().describe('RE2 regex'),
    })
    .strict(),
  output: z.object({
    groups: z.array(
      z.object({
        labels: z.record(z.string(), z.string()).describe('Labels every alert of the group shares'),
        receiver: z.string(),
        counts: z.object({ firing: z.number(), silenced: z.number(), inhibited: z.number() }),
        alerts: z.array(alertSchema),
        omitted: z
          .number()
          .optional()
          .describe('Alerts left out of this group; narrow the filter to see them'),
      }),
    ),
    total: z.number(),
    message: z.string().optional(),
  }),
  target: () => ({ kind: 'Alert' }),
  handler: async (ctx, args) => {
    const groups = await alertmanager(ctx.backends).alertGroups({
      ...(args.filter ? { filter: args.filter } : {}),
      active: true,
      silenced: args.silenced,
      inhibited: args.inhibited,
      ...(args.receiver ? { receiver: args.receiver } : {}),
    });
    const shaped = groups
      .filter((g) => g.alerts.length)
      .map((g) => {
        const common = commonLabels(g.alerts);
        const alerts = g.alerts.map((a) => {
          const state = stateOf(a);
          return {
            labels: Object.fromEntries(Object.entries(a.labels).filter(([k]) => !(k in common))),
            startsAt: a.startsAt,
            state,
            ...(state === 'silenced' ? { silencedBy: a.status.silencedBy } : {}),
            ...(a.annotations.summary ? { summary: a.annotations.summary } : {}),
          };
        });
        const count = (s: string) => alerts.filter((a) => a.state === s).length;
        return {
          labels: common,
          receiver: g.receiver.name,
          counts: { firing: count('firing'), silenced: count('silenced'), inhibited: count('inhibited') },
          alerts: alerts.slice(0, MAX_ALERTS_PER_GROUP),
          ...(alerts.length > MAX_ALERTS_PER_GROUP ? { omitted: alerts.length - MAX_ALERTS_PER_GROUP } : {}),
        };
      });
    const total = shaped.reduce((n, g) => n + g.alerts.length + (g.omitted ?? 0), 0);
    return {
      groups: shaped,
      total,
      ...(total === 0
        ? {
            message: args.filter
              ? `no alerts match ${args.filter.join(', ')}; try a wider filter or none`
              : 'no alerts in Alertmanager',
          }
        : {}),
    };
  },
});
