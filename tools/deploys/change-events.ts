// Posted change events (POST /v1/changes) as timeline entries. An event concerns the scope
// when the service it names is the service asked for (or one of the namespace's
// Deployments, by name or app label), when the namespace it names is the one asked for
// (or one the service runs in), and always when it names neither: a cluster-wide change
// (a node-pool upgrade, a provider outage) can be behind any service's trouble.

import type { ChangeEvent, ChangeKind } from '../../src/changes/event.ts';
import { type ChangeEventReader, MAX_CHANGE_LIMIT } from '../../src/changes/store.ts';
import {
  type Entry,
  type Scope,
  type SourceStatus,
  serviceNames,
  unavailable,
  type Window,
  type Workloads,
} from './timeline.ts';

/** What each posted change kind is, as deploys_history and correlation name it. */
export const CHANGE_TYPE: Record<ChangeKind, Entry['change']['type']> = {
  deploy: 'deploy',
  config: 'config',
  feature_flag: 'flag',
  database_migration: 'migration',
  infrastructure: 'infrastructure',
  third_party: 'third_party',
  other: 'other',
};

export function changeEventEntries(
  reader: ChangeEventReader,
  scope: Scope,
  window: Window,
  workloads: Workloads,
): { status: SourceStatus; entries: Entry[] } {
  let events: ChangeEvent[];
  try {
    events = reader.list({ since: window.since, until: window.until, limit: MAX_CHANGE_LIMIT });
  } catch (err) {
    return { status: unavailable(err), entries: [] };
  }
  const services = serviceNames(workloads);
  if (scope.service) services.add(scope.service);
  const namespaces = new Set(workloads.deployments.map((d) => d.metadata.namespace));
  const concerns = (e: ChangeEvent): boolean => {
    if (scope.namespace && e.namespace && e.namespace !== scope.namespace) return false;
    if (scope.service) {
      if (e.service) return services.has(e.service);
      return !e.namespace || e.namespace === scope.namespace || namespaces.has(e.namespace);
    }
    if (scope.namespace && e.service && !e.namespace) return services.has(e.service);
    return true;
  };
  return { status: 'ok', entries: events.filter(concerns).map(toEntry) };
}

function toEntry(event: ChangeEvent): Entry {
  const by = event.actor ?? event.source ?? event.recordedBy;
  return {
    time: event.at,
    source: 'change-event',
    target: event.service
      ? `Service/${event.service}`
      : event.namespace
        ? `Namespace/${event.namespace}`
        : 'Cluster',
    ref: `Change/${event.id}`,
    change: { type: CHANGE_TYPE[event.kind], summary: event.summary },
    by,
    ...(event.url ? { url: event.url } : {}),
  };
}
