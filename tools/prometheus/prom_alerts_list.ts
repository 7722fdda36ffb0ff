// Alerts Prometheus is evaluating right now, firing first then pending, each with the
// rule that produced it (its query and `for`), so the agent sees why it fired.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { labelsSchema, prometheus, promTarget } from './common.ts';

export default defineTool({
  name: 'prom_alerts_list',
  title: 'Prometheus: Alerts',
  description:
    "Prometheus' firing and pending alerts: labels, summary, since, rule. Next: prom_query_range, am_alerts_list.",
  kind: 'read',
  untrusted: ['$.alerts[*].labels', '$.alerts[*].annotations'],
  input: z
    .object({
      state: z.enum(['firing', 'pending']).optional(),
      name: z.string().min(1).optional().describe('Name contains'),
      labels: labelsSchema.optional(),
    })
    .strict(),
  output: z.object({
    firing: z.number(),
    pending: z.number(),
    alerts: z.array(
      z.object({
        name: z.string(),
        state: z.enum(['firing', 'pending']),
        activeAt: z.string().optional(),
        value: z.string().optional(),
        labels: labelsSchema.describe('Labels besides alertname'),
        annotations: labelsSchema,
        rule: z.object({ group: z.string(), query: z.string(), forSeconds: z.number().optional() }),
      }),
    ),
    hint: z.string().optional(),
  }),
  target: (args) => ({ ...promTarget(), ...(args.labels?.service ? { service: args.labels.service } : {}) }),
  handler: async (ctx, args) => {
    const rules = await prometheus(ctx.backends).rules({ signal: ctx.signal });
    const alerts = rules
      .filter((r) => r.type === 'alerting' && (!args.name || r.name.includes(args.name)))
      .flatMap((r) =>
        r.alerts
          .filter(
            (a): a is typeof a & { state: 'firing' | 'pending' } =>
              a.state === 'firing' || a.state === 'pending',
          )
          .filter((a) => !args.state || a.state === args.state)
          .filter((a) => Object.entries(args.labels ?? {}).every(([k, v]) => a.labels[k] === v))
          .map((a) => {
            const { alertname: _name, ...labels } = a.labels;
            return {
              name: r.name,
              state: a.state,
              ...(a.activeAt ? { activeAt: a.activeAt } : {}),
              ...(a.value ? { value: a.value } : {}),
              labels,
              annotations: a.annotations,
              rule: { group: r.group, query: r.query, ...(r.forSeconds ? { forSeconds: r.forSeconds } : {}) },
            };
          }),
      )
      .sort(
        (a, b) =>
          Number(b.state === 'firing') - Number(a.state === 'firing') ||
          (a.activeAt ?? '').localeCompare(b.activeAt ?? '') ||
          a.name.localeCompare(b.name),
      );
    const firing = alerts.filter((a) => a.state === 'firing').length;
    return {
      firing,
      pending: alerts.length - firing,
      alerts,
      ...(alerts.length === 0
        ? {
            hint: 'No alert is firing or pending with these filters; prom_rules_list shows every alerting rule and its health.',
          }
        : {}),
    };
  },
});
