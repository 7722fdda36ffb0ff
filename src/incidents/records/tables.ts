// The incident tables in the shared store: one row per incident (its fields as JSON,
// alerts apart), one per alert it holds, and its own timeline events (alerts firing and
// resolving, status changes, notes). Prepared once; callers batch writes in a transaction.
// A version number, bumped by every write, tells a replica that another one changed the
// incidents since it last looked.

import { migrate } from '../../store/migrate.ts';
import { forDialect, type SqlDatabase, type SqlStatement, type SqlValue } from '../../store/sql.ts';
import type { Incident, IncidentAlert, IncidentFilter, TimelineEntry } from './model.ts';

export type IncidentRow = Omit<Incident, 'alerts'>;

export const DEFAULT_INCIDENT_LIMIT = 50;
export const MAX_INCIDENT_LIMIT = 500;
const ID_SEQUENCE_FROM = 'INC-YYYY-MM-DD-'.length + 1;

export class IncidentTables {
  readonly #db: SqlDatabase;
  readonly #putIncident: SqlStatement;
  readonly #putAlert: SqlStatement;
  readonly #deleteAlerts: SqlStatement;
  readonly #addEvent: SqlStatement;
  readonly #incident: SqlStatement;
  readonly #alerts: SqlStatement;
  readonly #events: SqlStatement;
  readonly #unresolved: SqlStatement;
  readonly #latestWithFingerprint: SqlStatement;
  readonly #lastSequence: SqlStatement;
  readonly #version: SqlStatement;
  readonly #bumpVersion: SqlStatement;

  constructor(db: SqlDatabase) {
    this.#db = db;
    migrate(db, 'incidents-1', [
      `CREATE TABLE IF NOT EXISTS incidents (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, detected_at TEXT NOT NULL, body TEXT NOT NULL)`,
      'CREATE INDEX IF NOT EXISTS incidents_status ON incidents(status, detected_at)',
      'CREATE INDEX IF NOT EXISTS incidents_detected ON incidents(detected_at)',
      `CREATE TABLE IF NOT EXISTS incident_alerts (
        incident_id TEXT NOT NULL, fingerprint TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (incident_id, fingerprint))`,
      'CREATE INDEX IF NOT EXISTS incident_alerts_fingerprint ON incident_alerts(fingerprint)',
      forDialect(db.dialect, {
        sqlite: `CREATE TABLE IF NOT EXISTS incident_events (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, incident_id TEXT NOT NULL, body TEXT NOT NULL)`,
        postgres: `CREATE TABLE IF NOT EXISTS incident_events (
          seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, incident_id TEXT NOT NULL, body TEXT NOT NULL)`,
      }),
      'CREATE INDEX IF NOT EXISTS incident_events_incident ON incident_events(incident_id, seq)',
    ]);
    migrate(db, 'incidents-2', [
      'CREATE TABLE incidents_version (id INTEGER PRIMARY KEY CHECK (id = 1), v BIGINT NOT NULL)',
      'INSERT INTO incidents_version (id, v) VALUES (1, 0)',
    ]);
    this.#version = db.prepare('SELECT v FROM incidents_version WHERE id = 1');
    this.#bumpVersion = db.prepare('UPDATE incidents_version SET v = v + 1 WHERE id = 1 RETURNING v');
    this.#putIncident = db.prepare(
      `INSERT INTO incidents (id, status, detected_at, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, detected_at = excluded.detected_at, body = excluded.body`,
    );
    this.#putAlert = db.prepare(
      `INSERT INTO incident_alerts (incident_id, fingerprint, body) VALUES (?, ?, ?)
       ON CONFLICT (incident_id, fingerprint) DO UPDATE SET body = excluded.body`,
    );
    this.#deleteAlerts = db.prepare('DELETE FROM incident_alerts WHERE incident_id = ?');
    this.#addEvent = db.prepare('INSERT INTO incident_events (incident_id, body) VALUES (?, ?)');
    this.#incident = db.prepare('SELECT body FROM incidents WHERE id = ?');
    this.#alerts = db.prepare('SELECT body FROM incident_alerts WHERE incident_id = ?');
    this.#events = db.prepare('SELECT body FROM incident_events WHERE incident_id = ? ORDER BY seq');
    this.#unresolved = db.prepare("SELECT id FROM incidents WHERE status != 'resolved' ORDER BY detected_at");
    this.#latestWithFingerprint = db.prepare(
      `SELECT i.id FROM incident_alerts a JOIN incidents i ON i.id = a.incident_id
       WHERE a.fingerprint = ? ORDER BY i.detected_at DESC, i.id DESC LIMIT 1`,
    );
    this.#lastSequence = db.prepare(
      `SELECT max(CAST(substr(id, ${ID_SEQUENCE_FROM}) AS INTEGER)) AS n FROM incidents WHERE id LIKE ?`,
    );
  }

  /** Bumped by every write, by any process. */
  version(): number {
    return Number((this.#version.get() as { v: number }).v);
  }

  /** Inside the write transaction: marks the incidents changed; returns the new version. */
  bumpVersion(): number {
    return Number((this.#bumpVersion.get() as { v: number }).v);
  }

  putIncident(incident: IncidentRow): void {
    this.#putIncident.run(incident.id, incident.status, incident.detectedAt, JSON.stringify(incident));
  }

  putAlert(incidentId: string, alert: IncidentAlert): void {
    this.#putAlert.run(incidentId, alert.fingerprint, JSON.stringify(alert));
  }

  deleteAlerts(incidentId: string): void {
    this.#deleteAlerts.run(incidentId);
  }

  addEvent(incidentId: string, entry: TimelineEntry): void {
    this.#addEvent.run(incidentId, JSON.stringify(entry));
  }

  /** The incident with its alerts sorted by start. */
  incident(id: string): Incident | undefined {
    const row = this.#incident.get(id) as { body: string } | undefined;
    if (!row) return undefined;
    return { ...(JSON.parse(row.body) as IncidentRow), alerts: this.alerts(id) };
  }

  alerts(incidentId: string): IncidentAlert[] {
    const rows = this.#alerts.all(incidentId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as IncidentAlert).sort(byStart);
  }

  events(incidentId: string): TimelineEntry[] {
    return (this.#events.all(incidentId) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as TimelineEntry,
    );
  }

  unresolvedIds(): string[] {
    return (this.#unresolved.all() as { id: string }[]).map((r) => r.id);
  }

  /** The most recently detected incident holding an alert with this fingerprint. */
  latestWithFingerprint(fingerprint: string): string | undefined {
    return (this.#latestWithFingerprint.get(fingerprint) as { id: string } | undefined)?.id;
  }

  /** The highest sequence number used on `day` (YYYY-MM-DD), 0 when none. */
  lastSequence(day: string): number {
    const row = this.#lastSequence.get(`INC-${day}-%`) as { n: number | null };
    return Number(row.n ?? 0);
  }

  /** Newest first; `service` matches any affected service. */
  list(filter: IncidentFilter): IncidentRow[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.since) {
      where.push('detected_at >= ?');
      params.push(filter.since.toISOString());
    }
    const limit = Math.min(filter.limit ?? DEFAULT_INCIDENT_LIMIT, MAX_INCIDENT_LIMIT);
    const sql = `SELECT body FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY detected_at DESC, id DESC`;
    const rows: IncidentRow[] = [];
    for (const row of this.#db.prepare(sql).iterate(...params) as Iterable<{ body: string }>) {
      const incident = JSON.parse(row.body) as IncidentRow;
      if (filter.service && !incident.services.includes(filter.service)) continue;
      rows.push(incident);
      if (rows.length >= limit) break;
    }
    return rows;
  }
}

export function byStart(a: IncidentAlert, b: IncidentAlert): number {
  if (a.startsAt !== b.startsAt) return a.startsAt < b.startsAt ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
