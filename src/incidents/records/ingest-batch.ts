// Where each alert of one post goes, decided in memory against the open incidents before
// anything is audited or written (the store does both once per post). The rules:
//   - an alert whose fingerprint an open incident holds updates it (status, end, annotations);
//   - a resolved alert firing again reopens its resolved incident within the group window
//     of the resolution (a recurrence), and otherwise is grouped like a new alert;
//   - a new alert joins an open incident with an alert on the same service or one it
//     depends on or that depends on it, transitively (without a service: same namespace
//     and cluster, or with no namespace either, same alertname and cluster), while that
//     incident is still firing or its latest alert started within the group window;
//   - an alert related to several open incidents merges them into the earliest (the others
//     resolve, "merged into …"); with none, it opens a new incident;
//   - a resolved alert nobody holds opens nothing.
// An alert that starts firing in a mitigated incident after its mitigation, or fires again
// in a mitigated or resolved one, reopens it (a recurrence).

import type { AuditEvent } from '../../audit/log.ts';
import { deriveIncident } from './derive.ts';
import { applyStatus } from './lifecycle.ts';
import type { IncidentAlert, IncidentStatus, TimelineEntry } from './model.ts';
import { count, type OpenIncidents, sortedAlerts, type Working, workingOf } from './open-incidents.ts';
import type { IncidentTables } from './tables.ts';
import type { Topology } from './topology.ts';

/** Who the store names for what it does by itself (auto-resolve, recurrence, merges). */
export const SYSTEM_PRINCIPAL = 'opswarden';

/** What a post (or a status change) changes in one incident, until it is written. */
export interface Touch {
  working: Working;
  created: boolean;
  /** Fingerprints of alerts to write. */
  dirty: Set<string>;
  events: TimelineEntry[];
  /** Its alert rows go (it was merged into another incident). */
  emptied: boolean;
  serviceBefore: string | undefined;
}

export function newTouch(working: Working, events: TimelineEntry[] = [], created = false): Touch {
  return {
    working,
    created,
    dirty: new Set(),
    events,
    emptied: false,
    serviceBefore: working.incident.service,
  };
}

export interface BatchDeps {
  open: OpenIncidents;
  tables: IncidentTables;
  topology: Topology;
  groupWindowMs: number;
  now: Date;
}

export class IngestBatch {
  readonly touches = new Map<Working, Touch>();
  /** Where the post's alerts went. */
  readonly placed = new Set<Working>();
  /** incident.status records for recurrences and merges. */
  readonly statusRecords: AuditEvent[] = [];
  /** Resolved incidents read for an update, by id. */
  readonly #loaded = new Map<string, Working>();
  readonly #deps: BatchDeps;
  #created = 0;

  constructor(deps: BatchDeps) {
    this.#deps = deps;
  }

  place(alert: IncidentAlert): void {
    const { open, tables, topology, groupWindowMs, now } = this.#deps;
    const held = open.holding(alert.fingerprint);
    if (held) {
      this.#update(held, alert);
      return;
    }
    const pastId = tables.latestWithFingerprint(alert.fingerprint);
    if (pastId) {
      const past = open.get(pastId) ?? this.#loaded.get(pastId) ?? workingOf(tables.incident(pastId)!);
      this.#loaded.set(pastId, past);
      const firesAgain =
        alert.status === 'firing' && past.alerts.get(alert.fingerprint)!.status === 'resolved';
      const resolvedMs = Date.parse(past.incident.resolvedAt ?? '') || 0;
      if (!firesAgain || now.getTime() - resolvedMs <= groupWindowMs) {
        this.#update(past, alert);
        return;
      }
    }
    const [target, ...others] = open
      .candidates(alert, topology, groupWindowMs)
      .sort(
        (a, b) =>
          Number(this.#isNew(a)) - Number(this.#isNew(b)) ||
          a.incident.detectedAt.localeCompare(b.incident.detectedAt) ||
          a.incident.id.localeCompare(b.incident.id),
      );
    if (!target && alert.status === 'resolved') return;
    const into = target ?? this.#create(alert);
    for (const other of others) this.#merge(other, into);
    this.#attach(into, alert);
  }

  /** Permanent ids for the incidents this post opened, in detect order. */
  assignIds(nextSequence: (day: string) => number): void {
    const created = [...this.touches.values()].filter((t) => t.created).map((t) => t.working);
    for (const working of created) working.incident.detectedAt = sortedAlerts(working)[0]!.startsAt;
    created.sort((a, b) => a.incident.detectedAt.localeCompare(b.incident.detectedAt));
    for (const working of created) {
      const day = working.incident.detectedAt.slice(0, 10);
      this.#deps.open.rename(working, `INC-${day}-${String(nextSequence(day)).padStart(3, '0')}`);
    }
  }

  touch(working: Working, created = false): Touch {
    let touch = this.touches.get(working);
    if (!touch) {
      touch = newTouch(working, [], created);
      this.touches.set(working, touch);
    }
    return touch;
  }

  #isNew(working: Working): boolean {
    return this.touches.get(working)?.created ?? false;
  }

  #create(alert: IncidentAlert): Working {
    this.#created += 1;
    const working = workingOf({
      id: `new-${this.#created}`,
      title: alert.alertname,
      status: 'open',
      severity: 'minor',
      services: [],
      detectedAt: alert.startsAt,
      openedAt: this.#deps.now.toISOString(),
      alerts: [],
      context: { recentDeployments: [], downstreamImpact: [], gaps: [] },
    });
    this.#deps.open.track(working);
    this.touch(working, true);
    return working;
  }

  /** A new alert for the incident. */
  #attach(working: Working, alert: IncidentAlert): void {
    const touch = this.touch(working);
    const last = working.incident.alerts.at(-1);
    if (last && last.startsAt > alert.startsAt) working.unsorted = true;
    working.incident.alerts.push(alert);
    count(working, alert);
    this.#deps.open.index(working, alert);
    touch.dirty.add(alert.fingerprint);
    touch.events.push(firedEntry(alert, 'firing'));
    if (alert.status === 'resolved') touch.events.push(resolvedEntry(alert));
    else if (startedAfterMitigation(working, alert)) this.#recur(working, alert, 'fired');
    this.placed.add(working);
  }

  /** A re-post of an alert the incident holds: status, end and annotations follow the post. */
  #update(working: Working, alert: IncidentAlert): void {
    const held = working.alerts.get(alert.fingerprint)!;
    const touch = this.touch(working);
    if (held.status === 'firing' && alert.status === 'resolved') {
      held.status = 'resolved';
      held.endsAt = alert.endsAt!;
      working.firing -= 1;
      working.lastEndMs = Math.max(working.lastEndMs, Date.parse(held.endsAt));
      touch.dirty.add(held.fingerprint);
      touch.events.push(resolvedEntry(held));
    } else if (held.status === 'resolved' && alert.status === 'firing') {
      // A new start after the last end; else the re-post kept the old start, so: now.
      const startsAt = alert.startsAt > (held.endsAt ?? '') ? alert.startsAt : this.#deps.now.toISOString();
      held.status = 'firing';
      delete held.endsAt;
      working.firing += 1;
      working.lastStartMs = Math.max(working.lastStartMs, Date.parse(startsAt));
      touch.dirty.add(held.fingerprint);
      touch.events.push(firedEntry({ ...held, startsAt }, 'fired again'));
      if (working.incident.status !== 'open') this.#recur(working, { ...held, startsAt }, 'fired again');
    }
    if (JSON.stringify(held.annotations) !== JSON.stringify(alert.annotations)) {
      held.annotations = alert.annotations;
      touch.dirty.add(held.fingerprint);
    }
    this.placed.add(working);
  }

  /** A firing alert in a mitigated or resolved incident: it is open again. */
  #recur(working: Working, alert: IncidentAlert, how: string): void {
    const { incident } = working;
    const from = incident.status;
    const reason = `${alert.alertname} ${how}${alert.service ? ` on ${alert.service}` : ''} (recurrence)`;
    this.touch(working).events.push(statusEntry(alert.startsAt, from, 'open', reason));
    this.statusRecords.push({
      type: 'incident.status',
      principal: SYSTEM_PRINCIPAL,
      data: { incident: incident.id, from, to: 'open', reason, alert: alert.fingerprint },
    });
    this.#deps.open.move(working, 'open', alert.startsAt);
  }

  /**
   * Moves `other`'s alerts into `into`. An incident opened by this same post just goes
   * away; an existing one resolves as "merged into …" (audited). Targets are existing
   * incidents before new ones, so a merge message never names an id not yet assigned.
   */
  #merge(other: Working, into: Working): void {
    const { open, now } = this.#deps;
    const source = this.touch(other);
    const target = this.touch(into);
    open.untrack(other);
    for (const alert of sortedAlerts(other)) {
      into.incident.alerts.push(alert);
      count(into, alert);
      open.index(into, alert);
      target.dirty.add(alert.fingerprint);
    }
    into.unsorted = true;
    target.events.push(...source.events);
    this.placed.delete(other);
    if (source.created) {
      this.touches.delete(other);
      return;
    }
    const at = now.toISOString();
    const { id, status } = other.incident;
    const reason = `merged into ${into.incident.id}: an alert relates it to that incident`;
    source.events = [statusEntry(at, status, 'resolved', reason)];
    target.events.push({
      at,
      kind: 'status',
      summary: `${id} merged in (${other.alerts.size} alerts)`,
      ref: id,
      by: SYSTEM_PRINCIPAL,
    });
    this.statusRecords.push({
      type: 'incident.status',
      principal: SYSTEM_PRINCIPAL,
      data: { incident: id, from: status, to: 'resolved', reason, mergedInto: into.incident.id },
    });
    applyStatus(other.incident, 'resolved', at);
    other.incident.alerts = [];
    other.alerts.clear();
    source.emptied = true;
  }
}

/** A firing alert that started after the incident was mitigated or resolved (not a late arrival). */
function startedAfterMitigation(working: Working, alert: IncidentAlert): boolean {
  const { status, mitigatedAt, resolvedAt } = working.incident;
  return status !== 'open' && alert.startsAt > (mitigatedAt ?? resolvedAt ?? '');
}

/** Re-derives what the incident says about itself from its alerts; changed alerts become dirty. */
export function refresh(touch: Touch, topology: Topology): void {
  const { working } = touch;
  if (!working.alerts.size) return;
  const { incident } = working;
  const derived = deriveIncident(sortedAlerts(working), topology, incident.context.metricSpike);
  for (const alert of incident.alerts) {
    const by = derived.explainedBy.get(alert.fingerprint);
    if (alert.explainedBy === by) continue;
    if (by) alert.explainedBy = by;
    else delete alert.explainedBy;
    touch.dirty.add(alert.fingerprint);
  }
  incident.services = derived.services;
  if (derived.service) incident.service = derived.service;
  else delete incident.service;
  if (derived.namespace) incident.namespace = derived.namespace;
  else delete incident.namespace;
  incident.detectedAt = derived.detectedAt;
  incident.severity = derived.severity;
  incident.title = derived.title;
  incident.context.downstreamImpact = derived.downstreamImpact;
}

export function statusEntry(
  at: string,
  from: IncidentStatus,
  to: IncidentStatus,
  reason: string,
): TimelineEntry {
  return { at, kind: 'status', summary: `${from} → ${to}: ${reason}`, by: SYSTEM_PRINCIPAL };
}

function firedEntry(alert: IncidentAlert, how: string): TimelineEntry {
  const on = alert.service ?? alert.namespace;
  const text = alert.annotations.summary ?? alert.annotations.description;
  return {
    at: alert.startsAt,
    kind: 'alert',
    summary: `${alert.alertname} ${how}${on ? ` on ${on}` : ''} (${alert.severity})${text ? `: ${text}` : ''}`,
    ref: `Alert/${alert.fingerprint}`,
  };
}

function resolvedEntry(alert: IncidentAlert): TimelineEntry {
  const on = alert.service ?? alert.namespace;
  return {
    at: alert.endsAt!,
    kind: 'alert.resolved',
    summary: `${alert.alertname} resolved${on ? ` on ${on}` : ''}`,
    ref: `Alert/${alert.fingerprint}`,
  };
}
