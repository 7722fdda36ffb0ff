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
    runbooks: (backends.runbooks?.list() ?? []).map((r) => ({
      name: r.name,
      matches: r.matches,
      params: r.params,
      queries: (backends.runbooks?.get(r.name)?.steps ?? []).flatMap((s) =>
        s.kind === 'check' && s.condition.type === 'promql' ? [s.condition.query] : [],
      ),
    })),
    ...(priors ? { priors } : {}),
  };
}

/**
 * An incident is correlated from its most alarming symptom — the firing alert with the
 * highest severity, earliest first — the same rule drills use, since the engine walks the
 * dependency graph down from there (the incident's own service is its most upstream
 * dependency, which may be where load lands rather than where it comes from). The time is
 * the last moment the incident was unmitigated (now while it is open): detection time would
 * be too early for the onset to show. When no alert names a service, the incident is about
 * a node (the first firing alert with a `node` label, or an `instance` host) and is scoped
 * to it and its workloads; without a node either, to the cluster (correlate/scope.ts).
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
  const ended = [incident.mitigatedAt, incident.resolvedAt].flatMap((t) => (t ? [Date.parse(t)] : []));
  const at = new Date(Math.min(now.getTime(), ...ended));
  if (!service) {
    const node = nodeOf(incident);
    return { ...(node ? { node } : {}), at };
  }
  const namespace = symptom?.namespace ?? incident.namespace;
  return { service, ...(namespace ? { namespace } : {}), at };
}

/** The node an incident's alerts name: a `node` label, else an `instance` host; firing ones first. */
function nodeOf(incident: Incident): string | undefined {
  const alerts = [...incident.alerts].sort(
    (a, b) =>
      Number(b.status === 'firing') - Number(a.status === 'firing') || a.startsAt.localeCompare(b.startsAt),
  );
  for (const alert of alerts) {
    const node = alert.labels.node || alert.labels.instance?.replace(/:\d+$/, '');
    if (node && node.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(node)) return node;
  }
  return undefined;
}
