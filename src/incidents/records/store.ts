// The incident records (IncidentStore, ./model.ts) in the shared store. Ingestion is built
// for alert storms: a post is deduplicated and grouped in memory against the open
// incidents (./ingest-batch.ts has the rules, ./open-incidents.ts the indexes), audited as
// one `incidents.ingested` record (plus one `incident.status` per recurrence or merge) and
// written in the same transaction; context is gathered afterwards, off the post's path
// (./enrichment-queue.ts). sweep() resolves incidents whose alerts have all been resolved
// for `autoResolveAfter`, dated when their last alert ended. Status changes and notes
// commit with their audit records.
//
// Replicas: every change runs in the store's write transaction, which first checks the
// incidents' version and reloads the open incidents when another process wrote since, so
// grouping gives the same answer whichever replica receives the webhook. A failed write
// reloads them too, so memory never runs ahead of the store.

import type { Logger } from 'pino';
import type { AuditLog } from '../../audit/log.ts';
import type { ChangeEventReader } from '../../changes/store.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { Clock } from '../../tool.ts';
import type { ServiceCatalog } from '../catalog.ts';
import { toIncidentAlert } from './alert.ts';
import { EnrichmentQueue } from './enrichment-queue.ts';
import { IngestBatch, newTouch, refresh, SYSTEM_PRINCIPAL, statusEntry, type Touch } from './ingest-batch.ts';
import { checkTransition, IncidentError } from './lifecycle.ts';
import type {
  AlertInput,
  Incident,
  IncidentAlert,
  IncidentContext,
  IncidentFilter,
  IncidentStatus,
  IncidentStore,
  IngestResult,
  TimelineEntry,
} from './model.ts';
import { OpenIncidents, sortedAlerts, type Working, workingOf } from './open-incidents.ts';
import { byStart, IncidentTables } from './tables.ts';
import { incidentTimeline } from './timeline.ts';
import { type Topology, topologyOf } from './topology.ts';

export { SYSTEM_PRINCIPAL } from './ingest-batch.ts';
export { IncidentError } from './lifecycle.ts';

declare module '../../backends/types.ts' {
  interface Backends {
    incidents?: IncidentStore;
  }
}

export interface IncidentRecordsOptions {
  catalog: ServiceCatalog;
  groupWindowMs: number;
  autoResolveAfterMs: number;
  /** Gathers a new incident's context through the backends, after the post returned. */
  enrich?: (incident: Incident) => Promise<IncidentContext>;
  /** Change events for timelines. */
  changes?: ChangeEventReader;
  /** The audit log as timelines read it, in `clock`'s time (a sandbox's world time); `audit` when absent. */
  auditReader?: Pick<AuditLog, 'query'>;
  logger?: Logger;
}

export class IncidentRecords implements IncidentStore {
  readonly #db: SqlDatabase;
  readonly #audit: AuditLog;
  readonly #clock: Clock;
  readonly #opts: IncidentRecordsOptions;
  readonly #tables: IncidentTables;
  readonly #topology: Topology;
  readonly #open = new OpenIncidents();
  /** The incidents' version the open index reflects (-1: not loaded). */
  #seen = -1;
  /** Last sequence number used per detect day, read from the store once per day. */
  readonly #sequences = new Map<string, number>();
  readonly #enrichment: EnrichmentQueue | undefined;

  constructor(db: SqlDatabase, audit: AuditLog, clock: Clock, opts: IncidentRecordsOptions) {
    this.#db = db;
    this.#audit = audit;
    this.#clock = clock;
    this.#opts = opts;
    this.#tables = new IncidentTables(db);
    this.#topology = topologyOf(opts.catalog);
    this.#enrichment = opts.enrich
      ? new EnrichmentQueue({
          enrich: opts.enrich,
          read: (id) => this.get(id),
          write: (id, context) => this.#storeContext(id, context),
          ...(opts.logger ? { logger: opts.logger } : {}),
        })
      : undefined;
    this.#loadOpen();
  }

  ingest(inputs: readonly AlertInput[], postedBy: string): IngestResult {
    const now = this.#clock.now();
    const unique = new Map<string, IncidentAlert>();
    inputs.forEach((input, index) => {
      const alert = toIncidentAlert(input, index, this.#topology, now);
      unique.delete(alert.fingerprint); // the last copy in a post wins
      unique.set(alert.fingerprint, alert);
    });
    const alerts = [...unique.values()].sort(byStart);
    const batch = new IngestBatch({
      open: this.#open,
      tables: this.#tables,
      topology: this.#topology,
      groupWindowMs: this.#opts.groupWindowMs,
      now,
    });
    let result: IngestResult;
    this.#changing(() => {
      for (const alert of alerts) batch.place(alert);
      batch.assignIds((day) => this.#nextSequence(day));
      for (const touch of batch.touches.values()) refresh(touch, this.#topology);
      const incidents = [...batch.placed].map((w) => ({
        id: w.incident.id,
        created: batch.touches.get(w)?.created ?? false,
      }));
      result = { accepted: alerts.length, incidents };
      const firing = alerts.filter((a) => a.status === 'firing').length;
      this.#audit.appendAll([
        {
          type: 'incidents.ingested',
          principal: postedBy,
          data: {
            received: inputs.length,
            accepted: alerts.length,
            firing,
            resolved: alerts.length - firing,
            created: incidents.filter((i) => i.created).map((i) => i.id),
            updated: incidents.filter((i) => !i.created).map((i) => i.id),
          },
        },
        ...batch.statusRecords,
      ]);
      this.#write(batch.touches.values());
    });
    for (const touch of batch.touches.values()) {
      if (touch.created || touch.working.incident.service !== touch.serviceBefore)
        this.#enrichment?.schedule(touch.working.incident.id);
    }
    try {
      this.sweep(now);
    } catch (err) {
      // The post is stored and audited; the timer's next sweep tries again.
      this.#opts.logger?.error({ err }, 'incident sweep after ingest failed');
    }
    return result!;
  }

  list(filter: IncidentFilter = {}): Incident[] {
    this.#catchUp();
    return this.#tables.list(filter).map((row) => {
      const open = this.#open.get(row.id);
      return open ? snapshot(open) : { ...row, alerts: this.#tables.alerts(row.id) };
    });
  }

  get(id: string): Incident | undefined {
    this.#catchUp();
    const open = this.#open.get(id);
    return open ? snapshot(open) : this.#tables.incident(id);
  }

  timeline(id: string): TimelineEntry[] {
    const incident = this.#require(id);
    return incidentTimeline(incident, this.#tables.events(id), {
      audit: this.#opts.auditReader ?? this.#audit,
      topology: this.#topology,
      now: this.#clock.now(),
      ...(this.#opts.changes ? { changes: this.#opts.changes } : {}),
    });
  }

  note(id: string, text: string, by: string): TimelineEntry {
    this.#require(id);
    const entry: TimelineEntry = { at: this.#clock.now().toISOString(), kind: 'note', summary: text, by };
    this.#changing(() => {
      this.#audit.append({ type: 'incident.note', principal: by, data: { incident: id, text } });
      this.#tables.addEvent(id, entry);
    });
    return entry;
  }

  setStatus(id: string, status: IncidentStatus, by: string, reason: string): Incident {
    return this.#changing(() => {
      const working = this.#open.get(id) ?? workingOf(this.#require(id));
      const from = working.incident.status;
      checkTransition(working.incident, status);
      const at = this.#clock.now().toISOString();
      this.#audit.append({
        type: 'incident.status',
        principal: by,
        data: { incident: id, from, to: status, reason },
      });
      this.#open.move(working, status, at);
      this.#write([newTouch(working, [{ ...statusEntry(at, from, status, reason), by }])]);
      return snapshot(working);
    });
  }

  sweep(now: Date): string[] {
    return this.#changing(() => this.#sweepDue(now));
  }

  #sweepDue(now: Date): string[] {
    const quietMs = this.#opts.autoResolveAfterMs;
    const due = [...this.#open.values()].filter(
      (w) => w.firing === 0 && w.alerts.size > 0 && w.lastEndMs + quietMs <= now.getTime(),
    );
    if (!due.length) return [];
    const touches = due.map((working) => {
      const at = new Date(working.lastEndMs).toISOString();
      const reason = `all ${working.alerts.size} alerts resolved (the last at ${at}) and quiet for ${Math.round(quietMs / 60_000)}m`;
      return newTouch(working, [statusEntry(at, working.incident.status, 'resolved', reason)]);
    });
    this.#audit.appendAll(
      touches.map(({ working, events }) => ({
        type: 'incident.status',
        principal: SYSTEM_PRINCIPAL,
        data: {
          incident: working.incident.id,
          from: working.incident.status,
          to: 'resolved',
          reason: events[0]!.summary,
        },
      })),
    );
    for (const { working, events } of touches) this.#open.move(working, 'resolved', events[0]!.at);
    this.#write(touches);
    return due.map((w) => w.incident.id);
  }

  /** Resolves once every enrichment under way has finished. */
  async idle(): Promise<void> {
    await this.#enrichment?.idle();
  }

  /** Starts no more enrichments and waits for those under way (before the database closes). */
  async close(): Promise<void> {
    await this.#enrichment?.close();
  }

  #require(id: string): Incident {
    const open = this.#open.get(id);
    const incident = open ? snapshot(open) : this.#tables.incident(id);
    if (!incident) throw new IncidentError('not_found', `no incident with id ${id}`);
    return incident;
  }

  #loadOpen(): void {
    this.#seen = this.#tables.version();
    this.#open.clear();
    this.#sequences.clear();
    for (const id of this.#tables.unresolvedIds()) {
      const incident = this.#tables.incident(id);
      if (incident) this.#open.track(workingOf(incident));
    }
  }

  #nextSequence(day: string): number {
    const next = (this.#sequences.get(day) ?? this.#tables.lastSequence(day)) + 1;
    this.#sequences.set(day, next);
    return next;
  }

  /** Reloads the open incidents when another process changed them since. */
  #catchUp(): void {
    if (this.#tables.version() !== this.#seen) this.#loadOpen();
  }

  /**
   * Runs a change in the store's write transaction, on the latest incidents; its audit
   * records join the transaction. A failure reloads memory from the store.
   */
  #changing<T>(change: () => T): T {
    try {
      return this.#db.transaction(() => {
        this.#catchUp();
        return change();
      });
    } catch (err) {
      this.#loadOpen();
      throw err;
    }
  }

  /** Inside #changing: writes everything a post (or a status change) changed. */
  #write(touches: Iterable<Touch>): void {
    for (const { working, dirty, events, emptied } of touches) {
      const { alerts: _alerts, ...row } = working.incident;
      this.#tables.putIncident(row);
      if (emptied) this.#tables.deleteAlerts(row.id);
      for (const fingerprint of dirty) {
        const alert = working.alerts.get(fingerprint);
        if (alert) this.#tables.putAlert(row.id, alert);
      }
      for (const event of events) this.#tables.addEvent(row.id, event);
    }
    this.#seen = this.#tables.bumpVersion();
  }

  #storeContext(id: string, context: IncidentContext): void {
    this.#changing(() => {
      const working = this.#open.get(id) ?? workingOf(this.#tables.incident(id)!);
      // downstreamImpact follows the alerts: refresh derives it again, and the severity
      // takes the measured SLO impact into account.
      working.incident.context = {
        ...context,
        gatheredAt: context.gatheredAt ?? this.#clock.now().toISOString(),
      };
      const touch = newTouch(working);
      refresh(touch, this.#topology);
      this.#write([touch]);
    });
  }
}

function snapshot(working: Working): Incident {
  sortedAlerts(working);
  return structuredClone(working.incident);
}
