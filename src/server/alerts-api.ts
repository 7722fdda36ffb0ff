// The alert-ingestion and incident API. A real Alertmanager points a webhook receiver at
// `POST /v1/alerts/alertmanager`; anything else posts `POST /v1/alerts` (one alert or
// `{ alerts: [...] }`); both need the `alert-writer` role and answer
// `{ accepted, incidents: [{ id, created }] }` once the alerts are grouped and stored
// (context is gathered afterwards). Any authenticated caller may read
// `GET /v1/incidents?status=&service=&since=&limit=` and `GET /v1/incidents/{id}` (with
// its timeline). The HTTP server authenticates and does the I/O; this module decides.
//
// Pointing Alertmanager at opswarden (an API key with the role in opswarden's
// `auth.apiKeys`, e.g. `{ id: alertmanager, type: service, roles: [alert-writer], sha256 }`;
// without auth, on loopback, callers are anonymous and have no roles, so posts are refused):
//   receivers:
//     - name: opswarden
//       webhook_configs:
//         - url: http://opswarden.example:8787/v1/alerts/alertmanager
//           send_resolved: true
//           http_config: { authorization: { type: Bearer, credentials: <the key> } }

import type { App } from '../app.ts';
import { parseSince } from '../duration.ts';
import { AlertInputError } from '../incidents/records/alert.ts';
import { INCIDENT_STATUSES, type IncidentFilter, type IncidentStatus } from '../incidents/records/model.ts';
import {
  AlertPayloadError,
  parseAlertmanagerWebhook,
  parseGenericAlerts,
} from '../incidents/records/payload.ts';
import { MAX_INCIDENT_LIMIT } from '../incidents/records/tables.ts';
import type { Principal } from '../types.ts';
import { forbiddenReply } from './auth.ts';

export const ALERT_WRITER_ROLE = 'alert-writer';
export const ALERTS_PATH = '/v1/alerts';
export const ALERTMANAGER_PATH = '/v1/alerts/alertmanager';
export const INCIDENTS_PATH = '/v1/incidents';

export interface AlertsRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Reads the JSON body; throws SyntaxError (not JSON) or BodyTooLargeError (the server answers 413). */
  body(): Promise<unknown>;
}

export interface AlertsReply {
  status: number;
  body: unknown;
  wwwAuthenticate?: string;
}

/** A query parameter the API refuses (400), with a message naming it. */
class BadRequest extends Error {
  override name = 'BadRequest';
}

export function isAlertsPath(path: string): boolean {
  return path === ALERTS_PATH || path === ALERTMANAGER_PATH;
}

export function isIncidentsPath(path: string): boolean {
  return path === INCIDENTS_PATH || path.startsWith(`${INCIDENTS_PATH}/`);
}

export async function alertsApi(
  app: App,
  principal: Principal,
  req: AlertsRequest,
  resourceUrl: string,
): Promise<AlertsReply> {
  if (req.method !== 'POST') return methodNotAllowed(req, 'POST');
  if (!principal.roles.includes(ALERT_WRITER_ROLE)) {
    const message = `${principal.id} has roles [${principal.roles.join(', ')}]; posting alerts needs the ${ALERT_WRITER_ROLE} role`;
    return forbiddenReply(resourceUrl, message);
  }
  try {
    const body = await req.body();
    const alerts =
      req.path === ALERTMANAGER_PATH ? parseAlertmanagerWebhook(body).alerts : parseGenericAlerts(body);
    const result = app.incidents.ingest(alerts, principal.id);
    return { status: 200, body: result };
  } catch (err) {
    if ([AlertPayloadError, AlertInputError, SyntaxError].some((t) => err instanceof t))
      return { status: 400, body: { error: 'bad_request', message: (err as Error).message } };
    throw err;
  }
}

export function incidentsApi(app: App, req: AlertsRequest): AlertsReply {
  if (req.method !== 'GET') return methodNotAllowed(req, 'GET');
  const id = req.path.slice(INCIDENTS_PATH.length + 1);
  if (id) {
    const incident = app.incidents.get(decodeURIComponent(id));
    if (!incident) return { status: 404, body: { error: 'not_found', message: `no incident with id ${id}` } };
    return { status: 200, body: { ...incident, timeline: app.incidents.timeline(incident.id) } };
  }
  try {
    return {
      status: 200,
      body: { incidents: app.incidents.list(filterOf(req.query, app.worldClock.now())) },
    };
  } catch (err) {
    if (err instanceof BadRequest)
      return { status: 400, body: { error: 'bad_request', message: err.message } };
    throw err;
  }
}

function filterOf(query: URLSearchParams, now: Date): IncidentFilter {
  const status = query.get('status');
  if (status !== null && !(INCIDENT_STATUSES as readonly string[]).includes(status))
    throw new BadRequest(`status: expected one of ${INCIDENT_STATUSES.join(', ')}, got "${status}"`);
  const limitText = query.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_INCIDENT_LIMIT))
    throw new BadRequest(`limit: expected an integer from 1 to ${MAX_INCIDENT_LIMIT}, got "${limitText}"`);
  const sinceText = query.get('since');
  let since: Date | undefined;
  if (sinceText !== null) {
    try {
      since = parseSince(sinceText, now);
    } catch (err) {
      throw new BadRequest(`since: ${(err as Error).message}`);
    }
  }
  const service = query.get('service');
  return {
    ...(status ? { status: status as IncidentStatus } : {}),
    ...(service ? { service } : {}),
    ...(since ? { since } : {}),
    ...(limit ? { limit } : {}),
  };
}

function methodNotAllowed(req: AlertsRequest, allowed: string): AlertsReply {
  return {
    status: 405,
    body: { error: 'method_not_allowed', message: `${req.method} ${req.path}: use ${allowed}` },
  };
}
