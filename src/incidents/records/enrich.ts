// Gathers a new incident's context through the backends, after the post that created it
// has been answered: recent deployments (Kubernetes rollouts in its namespaces over the
// last 24h, read as deploys_history reads them, plus posted change events that concern
// it), the metric spike of its most upstream service with golden signals (./spike.ts),
// and its downstream impact. A backend that is not configured or fails leaves a `gaps`
// entry saying what is missing and why; it never fails the enrichment.

import { resolveDeployments, rolloutEntries } from '../../../tools/deploys/rollouts.ts';
import type { Backends } from '../../backends/types.ts';
import { MAX_CHANGE_LIMIT } from '../../changes/store.ts';
import type { Clock } from '../../tool.ts';
import type { ServiceCatalog } from '../catalog.ts';
import type { Incident, IncidentContext, MetricSpike } from './model.ts';
import { BASELINE_MS, RECENT_MS, STEP_SECONDS, signalsFor, spikeIn } from './spike.ts';
import { concernsChange, incidentScope, type Scope } from './timeline.ts';
import { topologyOf } from './topology.ts';

const DEPLOYMENT_LOOKBACK_MS = 24 * 60 * 60_000;
/** Deployments listed in a record, newest first. */
const MAX_DEPLOYMENTS = 20;
/** Services whose golden signals are read, most upstream first. */
const MAX_SPIKE_SERVICES = 4;

type Deployment = IncidentContext['recentDeployments'][number];

export interface EnrichDeps {
  backends: Partial<Backends>;
  catalog: ServiceCatalog;
  /** The observed world's time (the scenario's in the sandbox). */
  clock: Clock;
}

export function createEnricher(deps: EnrichDeps): (incident: Incident) => Promise<IncidentContext> {
  const topology = topologyOf(deps.catalog);
  return async (incident) => {
    const now = deps.clock.now();
    const scope = incidentScope(incident, topology);
    const gaps: string[] = [];
    const [rollouts, changes, metricSpike] = await Promise.all([
      rolloutsIn(deps.backends, scope, now, gaps),
      Promise.resolve(changesFor(deps.backends, scope, now, gaps)),
      spikeOf(deps, incident, now, gaps),
    ]);
    const recentDeployments = [...rollouts, ...changes]
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, MAX_DEPLOYMENTS);
    return {
      gatheredAt: now.toISOString(),
      recentDeployments,
      ...(metricSpike ? { metricSpike } : {}),
      downstreamImpact: incident.context.downstreamImpact,
      gaps,
    };
  };
}

async function rolloutsIn(
  backends: Partial<Backends>,
  scope: Scope,
  now: Date,
  gaps: string[],
): Promise<Deployment[]> {
  const kube = backends.kubernetes;
  if (!kube) {
    gaps.push('recent deployments: Kubernetes is not configured, so rollouts are not listed');
    return [];
  }
  if (!scope.namespaces.size) {
    gaps.push('recent deployments: the alerts name no namespace, so rollouts are not listed');
    return [];
  }
  const window = { since: new Date(now.getTime() - DEPLOYMENT_LOOKBACK_MS), until: now };
  const found = await Promise.all(
    [...scope.namespaces].map(async (namespace) => {
      try {
        const deployments = await resolveDeployments(kube, { namespace });
        return await rolloutEntries(kube, deployments, { namespace }, window);
      } catch (err) {
        gaps.push(`recent deployments in ${namespace}: Kubernetes: ${(err as Error).message}`);
        return [];
      }
    }),
  );
  return found.flat().map((e) => ({ at: e.time, ref: e.target, summary: e.change.summary }));
}

function changesFor(backends: Partial<Backends>, scope: Scope, now: Date, gaps: string[]): Deployment[] {
  if (!backends.changes) return [];
  const since = new Date(now.getTime() - DEPLOYMENT_LOOKBACK_MS);
  try {
    return backends.changes
      .list({ since, until: now, limit: MAX_CHANGE_LIMIT })
      .filter((e) => concernsChange(scope, e))
      .map((e) => ({
        at: e.at,
        ref: `Change/${e.id}`,
        summary: `${e.kind}${e.service ? ` of ${e.service}` : ''}: ${e.summary}`,
      }));
  } catch (err) {
    gaps.push(`recent deployments: change events: ${(err as Error).message}`);
    return [];
  }
}

async function spikeOf(
  deps: EnrichDeps,
  incident: Incident,
  now: Date,
  gaps: string[],
): Promise<MetricSpike | undefined> {
  const prometheus = deps.backends.prometheus;
  if (!prometheus) {
    gaps.push('metric spike: Prometheus is not configured');
    return undefined;
  }
  const ordered = [...new Set([incident.service, ...incident.services])].filter(
    (s): s is string => s !== undefined,
  );
  const services = ordered
    .map((name) => deps.catalog.find((s) => s.name === name))
    .filter((s) => s !== undefined)
    .slice(0, MAX_SPIKE_SERVICES);
  if (!services.length) {
    gaps.push(
      `metric spike: no affected service is in the catalog (${ordered.join(', ') || 'none named'}), so no golden signals to read`,
    );
    return undefined;
  }
  const start = new Date(now.getTime() - RECENT_MS - BASELINE_MS);
  for (const service of services) {
    const spikes = await Promise.all(
      signalsFor(service).map(async (signal) => {
        try {
          const series = await prometheus.rangeQuery(signal.query, start, now, STEP_SECONDS);
          return spikeIn(signal, service.name, series, now);
        } catch (err) {
          gaps.push(`metric spike: ${service.name} ${signal.name}: ${(err as Error).message}`);
          return undefined;
        }
      }),
    );
    const spike = spikes.find((s) => s !== undefined);
    if (spike) return spike;
  }
  return undefined;
}
