// The correlation engine's priors from opswarden's own history, read once per correlation:
// a cause that opswarden blamed in an incident since resolved is more likely to be the cause
// again (recurrence), and the runbooks run on a service say which kinds of cause have been
// fixed there before (a run that resolved it raises the categories the runbook matches, a
// run that failed or escalated lowers them a little). Only history before `asOf` counts, so
// the same question asked later gets the same answer.
//
//   recurrence  ×(1 + 0.25 per resolved incident whose last correlation note named the same
//               category and ref), at most ×1.5; a ref names its object (namespace included),
//               so the same ref is the same object on the same service
//   runbooks    ×1.1 per resolved run and ×0.95 per failed or escalated run on the service
//               (cancelled runs and dry runs do not count), kept within ×0.7..×1.5
//   weight      the product, clamped to 0..2; no history for a cause: no opinion

import type { AuditRecord } from '../audit/record.ts';
import type { Backends } from '../backends/types.ts';
import { type CatalogService, namespaceOf, type ServiceCatalog, workloadOf } from './catalog.ts';
import type { Priors } from './correlate/types.ts';
import type { AuditReader } from './postmortem/audit-view.ts';
import type { IncidentStore } from './records/model.ts';
import { SYSTEM_PRINCIPAL } from './records/store.ts';
import { MAX_INCIDENT_LIMIT } from './records/tables.ts';

export const DEFAULT_PRIOR_WINDOW_MS = 90 * 86_400_000;

const RECURRENCE_STEP = 0.25;
const RECURRENCE_MAX = 1.5;
const RESOLVED_RUN = 1.1;
const UNSUCCESSFUL_RUN = 0.95;
const RUNBOOK_MIN = 0.7;
const RUNBOOK_MAX = 1.5;
const INCIDENTS_NAMED = 3;

/** incident_correlate's note of its top hypothesis: `correlation: most likely <category> <ref> (confidence …`. */
const CORRELATION_NOTE = /^correlation: most likely (\S+) (\S+) \(confidence /;

interface Opinion {
  weight: number;
  why: string;
}

interface RunCounts {
  resolved: number;
  unsuccessful: number;
}

/**
 * What history says about candidate causes, from the incidents resolved and the runbooks
 * run in the `windowMs` before `asOf`, read once: `weigh` only looks its answer up.
 * Undefined when there is no history to learn from (no incident store, no audit log or no
 * runbooks, or nothing in the window bears on a cause).
 */
export function historyPriors(
  backends: Partial<Backends>,
  asOf: Date,
  opts: { windowMs?: number } = {},
): Priors | undefined {
  const window = {
    since: new Date(asOf.getTime() - (opts.windowMs ?? DEFAULT_PRIOR_WINDOW_MS)),
    until: asOf,
  };
  const { incidents, audit, runbooks } = backends;
  const recurrence = incidents ? recurrenceOpinions(incidents, window) : new Map<string, Opinion>();
  const runs =
    audit && runbooks
      ? runbookOpinions(
          audit,
          window,
          backends.catalog ?? [],
          (name) => runbooks.get(name)?.matches.categories,
        )
      : new Map<string, Opinion>();
  if (recurrence.size === 0 && runs.size === 0) return undefined;
  return {
    weigh(query) {
      const opinions = [
        recurrence.get(blameKey(query.category, query.ref)),
        query.service ? runs.get(runKey(query.service, query.category)) : undefined,
      ].filter((o) => o !== undefined);
      if (opinions.length === 0) return undefined;
      const weight = opinions.reduce((w, o) => w * o.weight, 1);
      return {
        weight: round3(Math.min(2, Math.max(0, weight))),
        why: opinions.map((o) => o.why).join('; '),
      };
    },
  };
}

type Window = { since: Date; until: Date };

const blameKey = (category: string, ref: string) => `${category} ${ref}`;
const runKey = (service: string, category: string) => `${service} ${category}`;

/** Per `category ref`: the resolved incidents whose last correlation note blamed it. */
function recurrenceOpinions(store: IncidentStore, window: Window): Map<string, Opinion> {
  const blamed = new Map<string, string[]>();
  const resolved = store
    .list({ status: 'resolved', since: window.since, limit: MAX_INCIDENT_LIMIT })
    .filter((i) => i.resolvedAt && Date.parse(i.resolvedAt) < window.until.getTime());
  for (const incident of resolved) {
    const note = store
      .timeline(incident.id)
      .filter((e) => e.by === SYSTEM_PRINCIPAL)
      .map((e) => CORRELATION_NOTE.exec(e.summary))
      .filter((m) => m !== null)
      .at(-1);
    if (!note) continue;
    const key = blameKey(note[1]!, note[2]!);
    blamed.set(key, [...(blamed.get(key) ?? []), incident.id]);
  }
  return new Map([...blamed].map(([key, ids]) => [key, recurrenceOpinion(ids)]));
}

/** `ids` newest first, as the store lists them. */
function recurrenceOpinion(ids: string[]): Opinion {
  const named = ids.slice(0, INCIDENTS_NAMED).join(', ');
  const more = ids.length > INCIDENTS_NAMED ? ` and ${ids.length - INCIDENTS_NAMED} more` : '';
  return {
    weight: Math.min(RECURRENCE_MAX, 1 + RECURRENCE_STEP * ids.length),
    why: `blamed in ${named}${more} (resolved)`,
  };
}

/**
 * Per `service category`: the finished real runs on the service of the runbooks that match
 * the category. A run is on the services its target (`runbook.started`) names; its
 * categories are the runbook's `spec.matches.categories` (a runbook no longer loaded
 * teaches nothing). Runs that started before the window are left out.
 */
function runbookOpinions(
  audit: AuditReader,
  window: Window,
  catalog: ServiceCatalog,
  categoriesOf: (runbook: string) => readonly string[] | undefined,
): Map<string, Opinion> {
  const started = new Map(
    audit.query({ ...window, type: 'runbook.started' }).map((r) => [String(r.data.execution), r] as const),
  );
  const record = new Map<string, { service: string; byRunbook: Map<string, RunCounts> }>();
  for (const finished of audit.query({ ...window, type: 'runbook.finished' })) {
    const outcome = finished.data.outcome;
    const counted = outcome === 'resolved' || outcome === 'failed' || outcome === 'escalate';
    if (!counted || finished.data.dryRun === true) continue;
    const start = started.get(String(finished.data.execution));
    const runbook = runbookName(finished);
    const categories = runbook ? categoriesOf(runbook) : undefined;
    if (!start || !runbook || !categories) continue;
    for (const service of servicesOfRun(start, catalog))
      for (const category of categories) {
        const key = runKey(service, category);
        const entry = record.get(key) ?? { service, byRunbook: new Map<string, RunCounts>() };
        const counts = entry.byRunbook.get(runbook) ?? { resolved: 0, unsuccessful: 0 };
        if (outcome === 'resolved') counts.resolved++;
        else counts.unsuccessful++;
        entry.byRunbook.set(runbook, counts);
        record.set(key, entry);
      }
  }
  return new Map(
    [...record].map(([key, { service, byRunbook }]) => [key, runbookOpinion(service, byRunbook)]),
  );
}

function runbookOpinion(service: string, byRunbook: Map<string, RunCounts>): Opinion {
  const runbooks = [...byRunbook].sort(([a], [b]) => a.localeCompare(b));
  const weight = runbooks.reduce(
    (w, [, c]) => w * RESOLVED_RUN ** c.resolved * UNSUCCESSFUL_RUN ** c.unsuccessful,
    1,
  );
  const told = runbooks.map(([name, c]) => {
    const outcomes = [
      c.resolved ? `${c.resolved} resolved` : '',
      c.unsuccessful ? `${c.unsuccessful} failed or escalated` : '',
    ];
    return `runbook ${name} on ${service}: ${outcomes.filter(Boolean).join(', ')}`;
  });
  return { weight: Math.min(RUNBOOK_MAX, Math.max(RUNBOOK_MIN, weight)), why: told.join('; ') };
}

function runbookName(record: AuditRecord): string | undefined {
  const name = (record.data.runbook as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The catalog services a run acted on: its `service` parameter, and the services whose
 * name or workload its target names (in the target's namespace, when it has one). A target
 * key is `Kind/namespace/name`, `Kind/name`, `namespace/name`, `name` or `runbook/<name>` (none).
 */
function servicesOfRun(start: AuditRecord, catalog: ServiceCatalog): Set<string> {
  const params = (start.data.params ?? {}) as Record<string, unknown>;
  const services = new Set<string>();
  if (typeof params.service === 'string') services.add(params.service);
  const parts = String(start.data.target ?? '').split('/');
  if (parts[0] === 'runbook') return services;
  const name = parts.at(-1);
  if (!name) return services;
  // Kinds are capitalised, namespaces are not: `Deployment/checkout` has no namespace.
  const namespaceFirst = parts.length === 2 && !/^[A-Z]/.test(parts[0]!);
  const namespace =
    parts.length === 3
      ? parts[1]
      : namespaceFirst
        ? parts[0]
        : typeof params.namespace === 'string'
          ? params.namespace
          : undefined;
  const named = catalog.filter((s) => targetsService(s, name, namespace));
  for (const service of named) services.add(service.name);
  // A name the catalog does not know stands for a service of that name (correlation can
  // start from a service outside the catalog).
  if (named.length === 0 && !catalog.some((s) => s.name === name)) services.add(name);
  return services;
}

function targetsService(service: CatalogService, name: string, namespace: string | undefined): boolean {
  if (name !== service.name && name !== workloadOf(service)?.name) return false;
  const own = namespaceOf(service);
  return !namespace || !own || namespace === own;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
