// The incidents still open or mitigated, in memory, indexed the ways grouping asks: by the
// fingerprints they hold (dedupe), by affected service (topology) and by shared labels
// (alerts with no service). An alert finds its candidates in a few map lookups, which is
// what keeps ingestion at thousands of alerts per second. The store is the truth; this is
// rebuilt from it at start and after a failed write.

import { applyStatus } from './lifecycle.ts';
import type { Incident, IncidentAlert, IncidentStatus } from './model.ts';
import { byStart } from './tables.ts';
import type { Topology } from './topology.ts';

/** An incident being grouped into, with running counts the sweep and the window read. */
export interface Working {
  incident: Incident;
  alerts: Map<string, IncidentAlert>;
  firing: number;
  /** Alerts that name a service: an incident with none groups by labels only. */
  withService: number;
  /** Latest alert start, ms: the group window is measured from it. */
  lastStartMs: number;
  /** Latest end of a resolved alert, ms: auto-resolve counts from it. */
  lastEndMs: number;
  /** Alerts were appended out of start order. */
  unsorted: boolean;
}

export function workingOf(incident: Incident): Working {
  const working: Working = {
    incident,
    alerts: new Map(),
    firing: 0,
    withService: 0,
    lastStartMs: 0,
    lastEndMs: 0,
    unsorted: false,
  };
  for (const alert of incident.alerts) count(working, alert);
  return working;
}

/** Adds the alert's weight to the running counts (it is already in `alerts`, or is put there). */
export function count(working: Working, alert: IncidentAlert): void {
  working.alerts.set(alert.fingerprint, alert);
  working.lastStartMs = Math.max(working.lastStartMs, Date.parse(alert.startsAt));
  if (alert.service) working.withService += 1;
  if (alert.status === 'firing') working.firing += 1;
  else if (alert.endsAt) working.lastEndMs = Math.max(working.lastEndMs, Date.parse(alert.endsAt));
}

export function sortedAlerts(working: Working): IncidentAlert[] {
  if (working.unsorted) {
    working.incident.alerts.sort(byStart);
    working.unsorted = false;
  }
  return working.incident.alerts;
}

/**
 * The labels alerts without a service are grouped by: namespace and cluster; with no
 * namespace either, alertname and cluster (one storm of a node alert is one incident).
 */
function labelKeys(alert: IncidentAlert): string[] {
  const cluster = alert.labels.cluster ?? '';
  const keys = alert.namespace ? [`ns\u0000${cluster}\u0000${alert.namespace}`] : [];
  if (!alert.service && !alert.namespace) keys.push(`alert\u0000${cluster}\u0000${alert.alertname}`);
  return keys;
}

export class OpenIncidents {
  readonly #byId = new Map<string, Working>();
  readonly #byFingerprint = new Map<string, Working>();
  readonly #byService = new Map<string, Set<Working>>();
  readonly #byLabels = new Map<string, Set<Working>>();

  get(id: string): Working | undefined {
    return this.#byId.get(id);
  }

  values(): IterableIterator<Working> {
    return this.#byId.values();
  }

  /** The open incident holding this fingerprint. */
  holding(fingerprint: string): Working | undefined {
    return this.#byFingerprint.get(fingerprint);
  }

  track(working: Working): void {
    this.#byId.set(working.incident.id, working);
    for (const alert of working.alerts.values()) this.index(working, alert);
  }

  untrack(working: Working): void {
    this.#byId.delete(working.incident.id);
    for (const alert of working.alerts.values()) {
      if (this.#byFingerprint.get(alert.fingerprint) === working)
        this.#byFingerprint.delete(alert.fingerprint);
      if (alert.service) this.#byService.get(alert.service)?.delete(working);
      for (const key of labelKeys(alert)) this.#byLabels.get(key)?.delete(working);
    }
  }

  /** Changes the incident's status: resolved incidents leave the open set, reopened ones join it. */
  move(working: Working, status: IncidentStatus, at: string): void {
    const wasOpen = working.incident.status !== 'resolved';
    applyStatus(working.incident, status, at);
    if (wasOpen && status === 'resolved') this.untrack(working);
    if (!wasOpen && status !== 'resolved') this.track(working);
  }

  /** Gives a tracked incident its permanent id. */
  rename(working: Working, id: string): void {
    this.#byId.delete(working.incident.id);
    working.incident.id = id;
    this.#byId.set(id, working);
  }

  /** Registers an alert the incident holds (an alert another open incident holds stays there). */
  index(working: Working, alert: IncidentAlert): void {
    if (!this.#byFingerprint.has(alert.fingerprint)) this.#byFingerprint.set(alert.fingerprint, working);
    if (alert.service) addTo(this.#byService, alert.service, working);
    for (const key of labelKeys(alert)) addTo(this.#byLabels, key, working);
  }

  /**
   * Open incidents the alert belongs with, if they are still firing or their latest alert
   * started within `windowMs` of it: with a service, those with an alert on a related
   * service, and those whose alerts name no service but share its labels; without one,
   * those sharing its labels.
   */
  candidates(alert: IncidentAlert, topology: Topology, windowMs: number): Working[] {
    const found = new Set<Working>();
    const [key] = labelKeys(alert);
    for (const working of (key ? this.#byLabels.get(key) : undefined) ?? [])
      if (!alert.service || working.withService === 0) found.add(working);
    if (alert.service) {
      for (const service of topology.related(alert.service))
        for (const working of this.#byService.get(service) ?? []) found.add(working);
    }
    const startMs = Date.parse(alert.startsAt);
    return [...found].filter((w) => w.firing > 0 || Math.abs(startMs - w.lastStartMs) <= windowMs);
  }

  clear(): void {
    this.#byId.clear();
    this.#byFingerprint.clear();
    this.#byService.clear();
    this.#byLabels.clear();
  }
}

function addTo(map: Map<string, Set<Working>>, key: string, working: Working): void {
  const set = map.get(key);
  if (set) set.add(working);
  else map.set(key, new Set([working]));
}
