// End a silence now, through the gate. The impact is the alerts that start notifying
// again; the snapshot keeps the silence as it was, so it can be re-created.

import { z } from 'zod';
import { formatMatcher } from '../../src/backends/alertmanager/matchers.ts';
import type { AlertmanagerBackend } from '../../src/backends/alertmanager/types.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { alertBrief, alertBriefSchema, alertmanager, silenceTarget } from './common.ts';

/** Alerts this silence (and no other) keeps quiet: they notify again once it ends. */
async function alertsReleasedBy(backend: AlertmanagerBackend, id: string) {
  const silenced = await backend.alerts({
    active: false,
    silenced: true,
    inhibited: false,
    unprocessed: false,
  });
  return silenced.filter((a) => a.status.silencedBy.length === 1 && a.status.silencedBy[0] === id);
}

export default defineTool({
  name: 'am_silence_expire',
  title: 'Alertmanager: Expire silence',
  description: 'End a silence now: the alerts it held notify again (dryRun lists them).',
  kind: 'mutate',
  untrusted: ['$.matchers', '$.notifyAgain.alerts[*].labels', '$.notifyAgain.alerts[*].summary'],
  annotations: { destructive: false, idempotent: true, openWorld: true },
  input: z.object({ id: z.string().min(1), ...mutateArgs }).strict(),
  output: z.object({
    id: z.string(),
    dryRun: z.boolean(),
    matchers: z.array(z.string()),
    notifyAgain: z.object({ count: z.number(), alerts: z.array(alertBriefSchema) }),
    message: z.string(),
  }),
  target: async (args, ctx) => ({
    ...silenceTarget((await alertmanager(ctx.backends).getSilence(args.id)).matchers),
    name: args.id,
  }),
  impact: async (args, ctx) => {
    const released = await alertsReleasedBy(alertmanager(ctx.backends), args.id);
    return { pods: 0, replicas: released.length, reversible: true };
  },
  snapshot: (args, ctx) => alertmanager(ctx.backends).getSilence(args.id),
  handler: async (ctx, args) => {
    const backend = alertmanager(ctx.backends);
    const silence = await backend.getSilence(args.id);
    const matchers = silence.matchers.map(formatMatcher);
    if (silence.status.state === 'expired') {
      throw new Error(`silence ${args.id} (${matchers.join(', ')}) has already expired`);
    }
    const released = await alertsReleasedBy(backend, args.id);
    if (!args.dryRun) await backend.expireSilence(args.id);
    return {
      id: args.id,
      dryRun: args.dryRun,
      matchers,
      notifyAgain: { count: released.length, alerts: released.slice(0, 20).map(alertBrief) },
      message: `${args.dryRun ? 'dry run: would expire' : 'expired'} silence ${args.id} (${matchers.join(', ')}); ${released.length} alert(s) ${args.dryRun ? 'would notify' : 'notify'} again`,
    };
  },
});
