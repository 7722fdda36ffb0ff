// Reads what the KPIs are computed from, through the backends a tool (or /metrics) has:
// the incidents detected in the window and the week before it (for recurrence; the newest
// MAX_INCIDENT_LIMIT), their timelines, and the audit trail of the window. Throws naming
// what is not available.

import type { Logger } from 'pino';
import type { Backends } from '../../backends/types.ts';
import { parseDuration } from '../../duration.ts';
import type { Clock } from '../../tool.ts';
import { readAuditTrail } from '../postmortem/trail.ts';
import type { Incident, IncidentStore } from '../records/model.ts';
import { MAX_INCIDENT_LIMIT } from '../records/tables.ts';
import { computeKpis, type OpsKpis, RECURRENCE_WINDOW_MS } from './index.ts';

/** The window /metrics reports over. */
const METRICS_WINDOW = '7d';

export function readKpis(
  backends: Pick<Backends, 'incidents' | 'audit' | 'catalog'>,
  window: { since: Date; until: Date },
): OpsKpis {
  const { incidents: store, audit } = backends;
  if (!store) throw new Error('incidents are not available on this server');
  if (!audit) throw new Error('the audit log is not readable on this server');
  const incidents = store
    .list({ since: new Date(window.since.getTime() - RECURRENCE_WINDOW_MS), limit: MAX_INCIDENT_LIMIT })
    .filter((i) => Date.parse(i.detectedAt) <= window.until.getTime());
  return computeKpis({
    window,
    incidents,
    timelines: timelinesOf(store, incidents, window.since),
    trail: readAuditTrail(audit, window),
    ...(backends.catalog ? { catalog: backends.catalog } : {}),
  });
}

/** The KPIs /metrics shows: the last METRICS_WINDOW up to now, failures logged (the scrape says 0). */
export function kpisForMetrics(
  backends: Pick<Backends, 'incidents' | 'audit' | 'catalog'>,
  clock: Clock,
  logger: Logger,
): { window: string; read: () => OpsKpis } {
  const windowMs = parseDuration(METRICS_WINDOW);
  return {
    window: METRICS_WINDOW,
    read() {
      const until = clock.now();
      try {
        return readKpis(backends, { since: new Date(until.getTime() - windowMs), until });
      } catch (err) {
        logger.warn({ err }, 'on-call KPIs could not be computed for /metrics');
        throw err;
      }
    },
  };
}

/** Incidents open now (at most MAX_INCIDENT_LIMIT); 0 without an incident store. */
export function openIncidentCount(backends: Pick<Backends, 'incidents'>): number {
  return backends.incidents?.list({ status: 'open', limit: MAX_INCIDENT_LIMIT }).length ?? 0;
}

function timelinesOf(store: IncidentStore, incidents: readonly Incident[], since: Date) {
  return new Map(
    incidents
      .filter((i) => Date.parse(i.detectedAt) >= since.getTime())
      .map((i) => [i.id, store.timeline(i.id)] as const),
  );
}
