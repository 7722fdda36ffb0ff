// What the incident tools share: the store lookup, the incident id argument, the target an
// incident call acts on (its service and namespace, so policies can scope by them), the
// compact row incident_list returns, and the timeline entry as an output schema.

import { z } from 'zod';
import type { Backends } from '../../src/backends/types.ts';
import { formatDuration } from '../../src/incidents/postmortem/format.ts';
import {
  INCIDENT_STATUSES,
  type Incident,
  type IncidentStore,
  type TimelineKind,
} from '../../src/incidents/records/model.ts';
import type { Target } from '../../src/types.ts';
import { namespaceEnvironment } from '../kubernetes/common.ts';

/** Every timeline kind, once: a Record so a kind added to the model fails to compile here. */
const KIND_SET: Record<TimelineKind, true> = {
  alert: true,
  'alert.resolved': true,
  status: true,
  note: true,
  change: true,
  action: true,
  approval: true,
  runbook: true,
  correlation: true,
};
export const TIMELINE_KINDS = Object.keys(KIND_SET) as [TimelineKind, ...TimelineKind[]];

export function incidentStore(backends: Backends): IncidentStore {
  if (!backends.incidents) throw new Error('incidents are not available on this server');
  return backends.incidents;
}

/** The incident, or an error naming the id and where ids come from. */
export function requireIncident(backends: Backends, id: string): Incident {
  const incident = incidentStore(backends).get(id);
  if (!incident) throw new Error(`no incident with id ${id}; incident_list shows the ids`);
  return incident;
}

/** An incident id; its pattern says what one looks like, so the schema needs no description. */
export const incidentIdArg = z
  .string()
  .regex(/^INC-\d{4}-\d{2}-\d{2}-\d{3,}$/, 'an incident id such as INC-2026-05-12-001');

export const statusArg = z.enum(INCIDENT_STATUSES);

/**
 * What an incident call acts on: the incident, with its service and namespace (and the
 * namespace's environment, when Kubernetes is configured). An unknown id still resolves, so
 * the handler can answer "no incident with id …".
 */
export async function incidentTarget(backends: Backends, id: string): Promise<Target> {
  const incident = backends.incidents?.get(id);
  const environment =
    incident?.namespace && backends.kubernetes
      ? await namespaceEnvironment(backends.kubernetes, undefined, incident.namespace)
      : undefined;
  return {
    kind: 'Incident',
    name: id,
    ...(incident?.namespace ? { namespace: incident.namespace } : {}),
    ...(incident?.service ? { service: incident.service } : {}),
    ...(environment ? { environment } : {}),
  };
}

export const incidentRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: statusArg,
  severity: z.enum(['critical', 'major', 'minor']),
  service: z.string().optional(),
  namespace: z.string().optional(),
  services: z.array(z.string()).describe('Every service with an alert in the incident'),
  detectedAt: z.string(),
  resolvedAt: z.string().optional(),
  duration: z.string().describe('Detection to resolution, or to now while not resolved'),
  alerts: z.object({ total: z.number(), firing: z.number() }),
});

export function incidentRow(incident: Incident, now: Date): z.infer<typeof incidentRowSchema> {
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now.getTime();
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    ...(incident.service ? { service: incident.service } : {}),
    ...(incident.namespace ? { namespace: incident.namespace } : {}),
    services: incident.services,
    detectedAt: incident.detectedAt,
    ...(incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {}),
    duration: formatDuration(end - Date.parse(incident.detectedAt)),
    alerts: {
      total: incident.alerts.length,
      firing: incident.alerts.filter((a) => a.status === 'firing').length,
    },
  };
}

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  summary: z.string().describe('Untrusted where it quotes alerts, logs or notes'),
  ref: z.string().optional(),
  by: z.string().optional(),
});
