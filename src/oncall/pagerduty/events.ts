// The `pagerduty` sink: incidents at or above `oncall.pagerduty.minSeverity` page through
// PagerDuty's Events API v2, the incident id as dedup_key, so PagerDuty's alert follows ours:
// triggered while open (also when one rises to the threshold later), acknowledged once
// mitigated, resolved with it. The routing key is the service's (`services.<name>`), else the
// default; without one nothing is sent. What an event carries is bounded (well under the
// API's 512 KB) and redacted: a secret in an alert's annotations does not reach PagerDuty.
// Severities map critical → critical, major → error, minor → warning.

import { event } from '@pagerduty/pdjs';
import type { Logger } from 'pino';
import { INCIDENT_SEVERITIES, type Incident, type IncidentSeverity } from '../../incidents/records/model.ts';
import { clip } from '../../shape/logs/clip.ts';
import { redact } from '../../shape/redact.ts';
import type { OnCallEventKind, PagerDutyConfig } from '../config.ts';
import { deliveryFailure, unansweredReason } from '../delivery-failure.ts';
import type { OnCallEvent } from '../events.ts';
import type { OnCallSink } from '../sink.ts';
import { clientOptions, PAGERDUTY_TIMEOUT_MS, refusalReason, serviceConfig } from './client.ts';

type Action = 'trigger' | 'acknowledge' | 'resolve';
type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';
type EventData = Parameters<typeof event>[0]['data'];

const INCIDENT_KINDS = new Set<OnCallEventKind>(['incident.opened', 'incident.updated', 'incident.resolved']);
const SEVERITY: Record<IncidentSeverity, PagerDutySeverity> = {
  critical: 'critical',
  major: 'error',
  minor: 'warning',
};
/** The Events API's limit on payload.summary. */
const SUMMARY_MAX = 1024;
const TEXT_MAX = 300;
const LIST_MAX = 20;
const ALERTS_SHOWN = 10;
const DEPLOYMENTS_SHOWN = 5;

/** What this process last told PagerDuty of an incident, and through which routing key. */
interface Told {
  action: 'trigger' | 'acknowledge';
  routingKey: string;
}

export function pagerdutySink(deps: {
  config: PagerDutyConfig;
  logger: Logger;
  consoleUrl?: string;
}): OnCallSink {
  const { config, logger, consoleUrl } = deps;
  const options = clientOptions(config);
  const threshold = INCIDENT_SEVERITIES.indexOf(config.minSeverity);
  const pages = (incident: Incident) => INCIDENT_SEVERITIES.indexOf(incident.severity) >= threshold;
  // Forgotten on restart: an open incident is then triggered once more, which its dedup_key absorbs.
  const told = new Map<string, Told>();

  async function send(action: Action, incident: Incident, routingKey: string): Promise<void> {
    const data: EventData =
      action === 'trigger'
        ? { routing_key: routingKey, event_action: action, dedup_key: incident.id, ...triggerBody(incident) }
        : // Acknowledge and resolve carry no payload; pdjs's type asks for one all the same.
          ({ routing_key: routingKey, event_action: action, dedup_key: incident.id } as EventData);
    const res = await event({ server: config.eventsServer, data, ...options() }).catch((err: unknown) => {
      throw new Error(
        `PagerDuty Events API at ${config.eventsServer} did not take the ${action} of ${incident.id}: ${unansweredReason(err, PAGERDUTY_TIMEOUT_MS)}`,
      );
    });
    if (res.status < 200 || res.status > 299) {
      throw deliveryFailure(
        res.status,
        `PagerDuty Events API refused the ${action} of ${incident.id} (HTTP ${res.status}): ${refusalReason(res.data)}`,
      );
    }
    logger.debug({ incident: incident.id, action, severity: incident.severity }, 'PagerDuty told');
  }

  function triggerBody(incident: Incident): Pick<EventData, 'payload' | 'links'> {
    const text = (s: string) => clip(s, TEXT_MAX);
    const { service, namespace } = incident;
    const { value } = redact({
      payload: {
        summary: incident.title || incident.id,
        source: text(service ?? namespace ?? 'opswarden'),
        severity: SEVERITY[incident.severity],
        timestamp: incident.detectedAt,
        ...(service ? { component: text(service) } : {}),
        ...(namespace ? { group: text(namespace) } : {}),
        ...(incident.alerts[0] ? { class: text(incident.alerts[0].alertname) } : {}),
        custom_details: details(incident),
      },
    });
    value.payload.summary = clip(value.payload.summary, SUMMARY_MAX);
    const link = consoleUrl && `${consoleUrl}#/incidents/${encodeURIComponent(incident.id)}`;
    return {
      ...value,
      ...(link ? { links: [{ href: link, text: `${incident.id} in the opswarden console` }] } : {}),
    };
  }

  return {
    name: 'pagerduty',
    accepts: (kind) => INCIDENT_KINDS.has(kind),
    async deliver(e: OnCallEvent) {
      if (!('incident' in e)) return; // accepts() lets incident events only through
      const { incident } = e;
      const before = told.get(incident.id);
      const routingKey = before?.routingKey ?? routingKeyFor(config, incident.service);
      if (!routingKey) {
        logger.debug(
          { incident: incident.id, service: incident.service },
          'no PagerDuty routing key: not paged',
        );
        return;
      }
      for (const action of actionsFor(e.kind, incident, before?.action, pages(incident))) {
        await send(action, incident, routingKey);
        if (action === 'resolve') told.delete(incident.id);
        else told.set(incident.id, { action, routingKey });
      }
    },
  };
}

/**
 * What PagerDuty must hear so its alert matches the incident as it stands now: the event
 * says which record is being read, the incident (read afterwards) may have moved on since.
 */
function actionsFor(
  kind: OnCallEventKind,
  incident: Incident,
  told: Told['action'] | undefined,
  pages: boolean,
): Action[] {
  if (kind === 'incident.resolved') return told || pages ? ['resolve'] : [];
  // A resolved incident's own record follows; one below the threshold pages no one.
  if (incident.status === 'resolved' || !pages) return [];
  const wanted = incident.status === 'mitigated' ? 'acknowledge' : 'trigger';
  if (told === wanted) return [];
  return wanted === 'acknowledge' && !told ? ['trigger', 'acknowledge'] : [wanted];
}

function routingKeyFor(config: PagerDutyConfig, service: string | undefined): string | undefined {
  return serviceConfig(config, service)?.routingKey ?? config.routingKey;
}

/** The incident's context for the responder, every list and text bounded. */
function details(incident: Incident): Record<string, unknown> {
  const text = (s: string) => clip(s, TEXT_MAX);
  const { context } = incident;
  return {
    incident: incident.id,
    status: incident.status,
    severity: incident.severity,
    services: incident.services.slice(0, LIST_MAX).map(text),
    detectedAt: incident.detectedAt,
    alertsTotal: incident.alerts.length,
    alerts: incident.alerts.slice(0, ALERTS_SHOWN).map((a) => ({
      alertname: text(a.alertname),
      severity: text(a.severity),
      status: a.status,
      ...(a.service ? { service: text(a.service) } : {}),
      ...(a.namespace ? { namespace: text(a.namespace) } : {}),
      summary: text(a.annotations.summary ?? a.annotations.description ?? ''),
    })),
    ...(context.metricSpike ? { metricSpike: text(context.metricSpike.summary) } : {}),
    downstreamImpact: context.downstreamImpact.slice(0, LIST_MAX).map(text),
    recentDeployments: context.recentDeployments
      .slice(0, DEPLOYMENTS_SHOWN)
      .map((d) => text(`${d.at} ${d.ref}: ${d.summary}`)),
  };
}
