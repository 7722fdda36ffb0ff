// Adds a note to an incident's timeline: what was seen, decided or handed over, by whom.
// A mutation (it writes the record other responders and the postmortem read), so it takes
// a reason and a dry run like any other; it touches no system.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import {
  incidentIdArg,
  incidentStore,
  incidentTarget,
  requireIncident,
  timelineEntrySchema,
} from './common.ts';

export default defineTool({
  name: 'incident_note',
  title: 'Incidents: Add note',
  description: "Add a note (findings, decisions, hand-over) to an incident's timeline, as you; permanent.",
  kind: 'mutate',
  untrusted: ['$.entry.summary'],
  annotations: { destructive: false, idempotent: false },
  input: z
    .object({
      incident: incidentIdArg,
      text: z.string().trim().min(1).max(4000),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    incident: z.string(),
    dryRun: z.boolean(),
    entry: timelineEntrySchema.describe('The entry added (or, in a dry run, that would be added)'),
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  impact: () => ({ pods: 0, fractionOfService: 0 }),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    const entry = args.dryRun
      ? { at: ctx.clock.now().toISOString(), kind: 'note' as const, summary: args.text, by: ctx.principal.id }
      : incidentStore(ctx.backends).note(incident.id, args.text, ctx.principal.id);
    return { incident: incident.id, dryRun: args.dryRun, entry };
  },
});
