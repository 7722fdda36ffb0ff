// One incident with what it carried from the start: its alerts grouped by service (an alert
// explained by a dependency's alert says which one, rather than being dropped), the context
// gathered at creation (recent deploys, the metric spike, downstream impact) and the latest
// timeline entries.

import { z } from 'zod';
import type { Incident, IncidentAlert } from '../../src/incidents/records/model.ts';
import { defineTool } from '../../src/tool.ts';
import {
  incidentIdArg,
  incidentRow,
  incidentRowSchema,
  incidentStore,
  incidentTarget,
  requireIncident,
  timelineEntrySchema,
} from './common.ts';

const RECENT_ENTRIES = 10;
const ALERTS_PER_SERVICE = 20;

const alertSchema = z.object({
  fingerprint: z.string(),
  alertname: z.string(),
  severity: z.string(),
  status: z.enum(['firing', 'resolved']),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  summary: z.string().optional().describe('The alert annotation'),
  explainedBy: z
    .object({ fingerprint: z.string(), alertname: z.string(), service: z.string().optional() })
    .optional()
    .describe("A dependency's alert that explains this one"),
});

export default defineTool({
  name: 'incident_get',
  title: 'Incidents: Get',
  description:
    'One incident: alerts by service (explainedBy: their cause), context gathered at open, latest timeline. Next: incident_correlate.',
  kind: 'read',
  untrusted: [
    '$.incident.title',
    '$.alerts[*].alerts[*].summary',
    '$.context.recentDeployments[*].summary',
    '$.recent[*].summary',
  ],
  input: z.object({ incident: incidentIdArg }).strict(),
  output: z.object({
    incident: incidentRowSchema.extend({
      openedAt: z.string(),
      mitigatedAt: z.string().optional(),
    }),
    alerts: z.array(
      z.object({
        service: z.string().describe('The service label, or (none)'),
        alerts: z.array(alertSchema),
        omitted: z.number().optional().describe('Alerts of this service not shown'),
      }),
    ),
    context: z.object({
      gatheredAt: z.string().optional(),
      recentDeployments: z.array(z.object({ at: z.string(), ref: z.string(), summary: z.string() })),
      metricSpike: z
        .object({
          signal: z.string(),
          service: z.string(),
          from: z.number(),
          to: z.number(),
          summary: z.string(),
          onset: z.string().optional(),
        })
        .optional(),
      downstreamImpact: z.array(z.string()),
      gaps: z.array(z.string()),
    }),
    recent: z
      .array(timelineEntrySchema)
      .describe(`The latest ${RECENT_ENTRIES} timeline entries, newest first`),
    next: z.string(),
  }),
  target: (args, ctx) => incidentTarget(ctx.backends, args.incident),
  handler: async (ctx, args) => {
    const incident = requireIncident(ctx.backends, args.incident);
    const timeline = incidentStore(ctx.backends).timeline(incident.id);
    return {
      incident: {
        ...incidentRow(incident, ctx.clock.now()),
        openedAt: incident.openedAt,
        ...(incident.mitigatedAt ? { mitigatedAt: incident.mitigatedAt } : {}),
      },
      alerts: groupAlerts(incident),
      context: incident.context,
      recent: timeline.slice(-RECENT_ENTRIES).reverse(),
      next:
        incident.status === 'resolved'
          ? `Resolved. postmortem_draft {"incident": "${incident.id}"} drafts the postmortem.`
          : `incident_correlate {"incident": "${incident.id}"} ranks likely causes with evidence and suggested runbooks.`,
    };
  },
});

function groupAlerts(incident: Incident) {
  const byFingerprint = new Map(incident.alerts.map((a) => [a.fingerprint, a]));
  const groups = new Map<string, IncidentAlert[]>();
  for (const alert of incident.alerts) {
    const key = alert.service ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  return [...groups].map(([service, alerts]) => ({
    service,
    alerts: alerts.slice(0, ALERTS_PER_SERVICE).map((a) => {
      const cause = a.explainedBy ? byFingerprint.get(a.explainedBy) : undefined;
      return {
        fingerprint: a.fingerprint,
        alertname: a.alertname,
        severity: a.severity,
        status: a.status,
        startsAt: a.startsAt,
        ...(a.endsAt ? { endsAt: a.endsAt } : {}),
        ...(a.annotations.summary ? { summary: a.annotations.summary } : {}),
        ...(a.explainedBy
          ? {
              explainedBy: {
                fingerprint: a.explainedBy,
                alertname: cause?.alertname ?? 'unknown',
                ...(cause?.service ? { service: cause.service } : {}),
              },
            }
          : {}),
      };
    }),
    ...(alerts.length > ALERTS_PER_SERVICE ? { omitted: alerts.length - ALERTS_PER_SERVICE } : {}),
  }));
}
