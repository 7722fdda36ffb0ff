// Silence alerts for a while, through the gate. The impact the policy sees is how many
// firing alerts the matchers would catch, so a broad silence can be told from a narrow
// one; a dry run lists those alerts and creates nothing.

import { z } from 'zod';
import { formatMatcher, parseMatchers } from '../../src/backends/alertmanager/matchers.ts';
import { parseDuration } from '../../src/duration.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import {
  alertBrief,
  alertBriefSchema,
  alertmanager,
  firingCaughtBy,
  matchersArg,
  silenceTargetOf,
} from './common.ts';

const MAX_DURATION_MS = 7 * 86_400_000;
const MAX_LISTED = 20;

const durationArg = z
  .string()
  .superRefine((text, issue) => {
    try {
      const ms = parseDuration(text);
      if (ms <= 0 || ms > MAX_DURATION_MS)
        issue.addIssue({ code: 'custom', message: 'must be more than 0 and at most 7d' });
    } catch (err) {
      issue.addIssue({ code: 'custom', message: (err as Error).message });
    }
  })
  .describe('e.g. 2h, at most 7d');

export default defineTool({
  name: 'am_silence_create',
  title: 'Alertmanager: Create silence',
  description:
    'Silence alerts matching all matchers for duration; reason is the comment. Broad matchers escalate. Undo: am_silence_expire.',
  kind: 'mutate',
  untrusted: ['$.silences.alerts[*].labels', '$.silences.alerts[*].summary'],
  annotations: { destructive: false, idempotent: false, openWorld: true },
  input: z.object({ matchers: matchersArg, duration: durationArg, ...mutateArgs }).strict(),
  output: z.object({
    silenceId: z.string().optional().describe('Absent on a dry run'),
    dryRun: z.boolean(),
    matchers: z.array(z.string()),
    startsAt: z.string(),
    endsAt: z.string(),
    createdBy: z.string(),
    silences: z.object({
      count: z.number().describe('Firing alerts it silences'),
      alerts: z.array(alertBriefSchema),
      omitted: z.number().optional(),
    }),
    message: z.string(),
  }),
  target: (args) => silenceTargetOf(args.matchers),
  impact: async (args, ctx) => {
    const { firing, caught } = await firingCaughtBy(alertmanager(ctx.backends), parseMatchers(args.matchers));
    return {
      pods: 0,
      replicas: caught.length,
      fractionOfService: firing.length ? caught.length / firing.length : 0,
      reversible: true,
    };
  },
  snapshot: async (args, ctx) =>
    (await firingCaughtBy(alertmanager(ctx.backends), parseMatchers(args.matchers))).caught.map(alertBrief),
  handler: async (ctx, args) => {
    const backend = alertmanager(ctx.backends);
    const matchers = parseMatchers(args.matchers);
    const { caught } = await firingCaughtBy(backend, matchers);
    const startsAt = ctx.clock.now();
    const endsAt = new Date(startsAt.getTime() + parseDuration(args.duration));
    const createdBy = `opswarden:${ctx.principal.id}`;
    const silenceId = args.dryRun
      ? undefined
      : await backend.createSilence({ matchers, startsAt, endsAt, createdBy, comment: args.reason });
    const texts = matchers.map(formatMatcher);
    return {
      ...(silenceId ? { silenceId } : {}),
      dryRun: args.dryRun,
      matchers: texts,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      createdBy,
      silences: {
        count: caught.length,
        alerts: caught.slice(0, MAX_LISTED).map(alertBrief),
        ...(caught.length > MAX_LISTED ? { omitted: caught.length - MAX_LISTED } : {}),
      },
      message: `${silenceId ? `created silence ${silenceId}` : 'dry run: would create a silence'} for ${texts.join(', ')} until ${endsAt.toISOString()}; it ${silenceId ? 'silences' : 'would silence'} ${caught.length} firing alert(s)`,
    };
  },
});
