// Drafts an incident's postmortem in markdown from its records: summary, impact, timeline
// (alerts, actions with their approvals, runbook runs, recovery), root cause with evidence,
// what fixed it and what to improve. The same records give the same draft.

import { z } from 'zod';
import { draftPostmortem } from '../../src/incidents/postmortem/read.ts';
import { defineTool } from '../../src/tool.ts';
import { incidentIdArg, incidentTarget, statusArg } from './common.ts';

export default defineTool({
  name: 'postmortem_draft',
  title: 'Incidents: Postmortem draft',
  description:
    "Draft an incident's postmortem (markdown and facts): impact, timeline, approvals, root cause with evidence, fix, follow-ups.",
  kind: 'read',
  untrusted: ['$.markdown', '$.facts.title', '$.facts.rootCause.summary', '$.correlation'],
  input: z
    .object({
      incident: incidentIdArg,
      correlate: z.boolean().default(true).describe('Find the root cause'),
    })
    .strict(),
  output: z.object({
    incident: z.string(),
    markdown: z.string(),
    facts: z.object({
      title: z.string(),
      status: statusArg,
      severity: z.enum(['critical', 'major', 'minor']),
      detectedAt: z.string(),
      recoveredAt: z.string().optional().describe('All alerts resolved (else mitigated or resolved)'),
      resolvedAt: z.string().optional(),
      durationSeconds: z.number().nullable().describe('Detection to resolution (or recovery)'),
      firstResponseSeconds: z.number().nullable(),
      rootCause: z
        .object({ category: z.string(), ref: z.string(), summary: z.string(), confidence: z.number() })
        .optional(),
      runbook: z
        .object({
          name: z.string(),
          execution: z.string(),
          outcome: z.string(),
          decidedBy: z.string().optional(),
        })
        .optional()
        .describe('The runbook run that resolved it'),
      fixedBy: z.array(
        z.object({
          tool: z.string(),
          ref: z.string(),
          at: z.string(),
          by: z.string(),
          approvedBy: z.string().optional(),
          runbookStep: z.string().optional(),
        }),
      ),
      improvements: z.array(z.string()),
    }),
    correlation: z.string().describe('ok, skipped, or why it failed'),
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const draft = await draftPostmortem(ctx.backends, ctx.clock, args.incident, {
      correlate: args.correlate,
    });
    const { incident, ...facts } = draft.facts;
    return { incident, markdown: draft.markdown, facts, correlation: draft.correlation };
  },
});
