// Silences in Alertmanager: who muted what, why, and until when. Active and pending ones
// first; expired ones only when asked, since they pile up.

import { z } from 'zod';
import { formatMatcher } from '../../src/backends/alertmanager/matchers.ts';
import type { SilenceState } from '../../src/backends/alertmanager/types.ts';
import { defineTool } from '../../src/tool.ts';
import { alertmanager } from './common.ts';

const STATE_ORDER: Record<SilenceState, number> = { active: 0, pending: 1, expired: 2 };
const MAX_SILENCES = 50;

export default defineTool({
  name: 'am_silences_list',
  title: 'Alertmanager: Silences',
  description:
    'Silences: state, matchers, creator, comment, end; check before creating one. Ids for am_silence_expire.',
  kind: 'read',
  untrusted: ['$.silences[*].matchers', '$.silences[*].createdBy', '$.silences[*].comment'],
  input: z
    .object({
      state: z
        .array(z.enum(['active', 'pending', 'expired']))
        .min(1)
        .default(['active', 'pending']),
    })
    .strict(),
  output: z.object({
    silences: z.array(
      z.object({
        id: z.string(),
        state: z.enum(['active', 'pending', 'expired']),
        matchers: z.array(z.string()),
        createdBy: z.string(),
        comment: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
      }),
    ),
    omitted: z.number().optional().describe('Silences left out; ask for fewer states'),
    message: z.string().optional(),
  }),
  target: () => ({ kind: 'Silence' }),
  handler: async (ctx, args) => {
    const all = await alertmanager(ctx.backends).silences();
    const wanted = all
      .filter((s) => args.state.includes(s.status.state))
      .sort(
        (a, b) =>
          STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state] || b.endsAt.localeCompare(a.endsAt),
      );
    const silences = wanted.slice(0, MAX_SILENCES).map((s) => ({
      id: s.id,
      state: s.status.state,
      matchers: s.matchers.map(formatMatcher),
      createdBy: s.createdBy,
      comment: s.comment,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    }));
    return {
      silences,
      ...(wanted.length > MAX_SILENCES ? { omitted: wanted.length - MAX_SILENCES } : {}),
      ...(silences.length === 0
        ? { message: `no ${args.state.join(' or ')} silences; state: ["expired"] lists past ones` }
        : {}),
    };
  },
});
