// Moves an incident through open → mitigated → resolved (or back to open when it recurs).
// The reason is recorded with the status change in the timeline; resolving is what
// MTTR measures and what a postmortem draft waits for.

import { z } from 'zod';
import { checkTransition } from '../../src/incidents/records/lifecycle.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import {
  incidentIdArg,
  incidentRow,
  incidentRowSchema,
  incidentStore,
  incidentTarget,
  requireIncident,
  statusArg,
} from './common.ts';

export default defineTool({
  name: 'incident_update_status',
  title: 'Incidents: Update status',
  description:
    'Set an incident mitigated (impact stopped), resolved or open again; the reason goes in its timeline.',
  kind: 'mutate',
  untrusted: ['$.incident.title'],
  annotations: { destructive: false, idempotent: true },
  input: z
    .object({
      incident: incidentIdArg,
      status: statusArg,
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    incident: incidentRowSchema,
    from: statusArg,
    to: statusArg,
    dryRun: z.boolean(),
    message: z.string(),
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  impact: () => ({ pods: 0, fractionOfService: 0, reversible: true }),
  handler: async (ctx, args) => {
    const before = requireIncident(ctx.backends, args.incident);
    checkTransition(before, args.status);
    const after = args.dryRun
      ? before
      : incidentStore(ctx.backends).setStatus(before.id, args.status, ctx.principal.id, args.reason);
    const next =
      args.status === 'resolved' && !args.dryRun
        ? `; postmortem_draft {"incident": "${before.id}"} drafts the postmortem`
        : '';
    return {
      incident: incidentRow(after, ctx.clock.now()),
      from: before.status,
      to: args.status,
      dryRun: args.dryRun,
      message: `${args.dryRun ? 'would set' : 'set'} ${before.id} ${before.status} → ${args.status}${next}`,
    };
  },
});
