// What the correlation engine needs, assembled from what a tool handler has: its backends
// (the service catalog among them, `ctx.backends.catalog`, set from `config.services`),
// the world's clock, the loaded runbooks' `spec.matches` so hypotheses can name the
// runbooks that fit, and the priors opswarden's own history gives (priors.ts). Also the
// request for an incident: its service at its detection time.

import type { Backends } from '../backends/types.ts';
import type { Clock } from '../tool.ts';
import type { ServiceCatalog } from './catalog.ts';
import type { CorrelateDeps, CorrelateRequest } from './correlate/types.ts';
import { historyPriors } from './priors.ts';
import type { Incident } from './records/model.ts';
import { mostAlarming } from './symptom.ts';

declare module '../backends/types.ts' {
  interface Backends {
    /** The service catalog (`config.services`): what depends on what, and each service's signals. */
    catalog?: ServiceCatalog;
  }
}

/**
 * `historyUntil`: the history the priors learn from ends there (default now). Pass an
 * incident's detection time when correlating it after the fact, so it is not its own precedent.
 */
export function correlationDeps(backends: Backends, clock: Clock, historyUntil?: Date): CorrelateDeps {
  const priors = historyPriors(backends, historyUntil ?? clock.now());
  return {
    backends,
    catalog: backends.catalog ?? [],
    clock,
    runbooks: (backends.runbooks?.list() ?? []).map((r) => ({ name: r.name, matches: r.matches })),
    ...(priors ? { priors } : {}),
  };
}

/**
 * An incident is correlated from its most alarming symptom — the firing alert with the
 * highest severity, earliest first — the same rule drills use, since the engine walks the
 * dependency graph down from there (the incident's own service is its most upstream
 * dependency, which may be where load lands rather than where it comes from). The time is
 * the last moment the incident was unmitigated (now while it is open): detection time would
 * be too early for the onset to show. Throws when no alert names a service.
 */
export function correlationRequestFor(incident: Incident, now: Date): CorrelateRequest {
  const symptom = mostAlarming(
    incident.alerts.flatMap((a) =>
      a.service && a.status === 'firing'
        ? [{ ...a, service: a.service, startsAt: Date.parse(a.startsAt), alert: a }]
        : [],
    ),
  )?.alert;
  const service = symptom?.service ?? incident.service ?? incident.services[0];
  if (!service)
    throw new Error(
      `incident ${incident.id} names no service (its alerts carry no service label); correlate by service and at instead`,
    );
  const namespace = symptom?.namespace ?? incident.namespace;
  const ended = [incident.mitigatedAt, incident.resolvedAt].flatMap((t) => (t ? [Date.parse(t)] : []));
  return {
    service,
    ...(namespace ? { namespace } : {}),
    at: new Date(Math.min(now.getTime(), ...ended)),
  };
}
