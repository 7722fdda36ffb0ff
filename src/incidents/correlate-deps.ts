// What the correlation engine needs, assembled from what a tool handler has: its backends
// (the service catalog among them, `ctx.backends.catalog`, set from `config.services`),
// the world's clock, and the loaded runbooks' `spec.matches` so hypotheses can name the
// runbooks that fit. Also the request for an incident: its service at its detection time.

import type { Backends } from '../backends/types.ts';
import type { Clock } from '../tool.ts';
import type { ServiceCatalog } from './catalog.ts';
import type { CorrelateDeps, CorrelateRequest } from './correlate/types.ts';
import type { Incident } from './records/model.ts';

declare module '../backends/types.ts' {
  interface Backends {
    /** The service catalog (`config.services`): what depends on what, and each service's signals. */
    catalog?: ServiceCatalog;
  }
}

export function correlationDeps(backends: Backends, clock: Clock): CorrelateDeps {
  return {
    backends,
    catalog: backends.catalog ?? [],
    clock,
    runbooks: (backends.runbooks?.list() ?? []).map((r) => ({ name: r.name, matches: r.matches })),
  };
}

/** An incident is correlated at its service and detection time; throws when it names no service. */
export function correlationRequestFor(incident: Incident): CorrelateRequest {
  const service = incident.service ?? incident.services[0];
  if (!service)
    throw new Error(
      `incident ${incident.id} names no service (its alerts carry no service label); correlate by service and at instead`,
    );
  return {
    service,
    ...(incident.namespace ? { namespace: incident.namespace } : {}),
    at: new Date(incident.detectedAt),
  };
}
