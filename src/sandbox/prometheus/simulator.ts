// The sandbox Prometheus (DESIGN §7): the HTTP API v1 the Prometheus backend and tools use,
// on a loopback port, in Prometheus's own JSON shapes and status codes. Queries run on the
// sandbox PromQL engine over the given series storage plus the ALERTS series of the
// scenario's `alerts`, which also give the rules and alerts; targets come from the `up`
// series, metadata from the scenario's generated series.
// Unknown paths and methods are answered as Prometheus's router answers them (404, 405).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../tool.ts';
import { generateSeries, type SeriesStream } from '../metrics/generate.ts';
import { createPromqlEngine } from '../promql/engine.ts';
import type { SeriesStorage } from '../promql/storage.ts';
import { type AlertEpisodes, alertEpisodes } from '../reactions/alert-episodes.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import type { Scenario } from '../scenario/schema.ts';
import { withAlertSeries } from './alert-series.ts';
import { PrometheusApiError } from './api-error.ts';
import { type MetadataByMetric, metadataResponse, seriesMetadata } from './metadata.ts';
import { type Form, readForm } from './params.ts';
import { instantQuery, rangeQuery } from './queries.ts';
import { scenarioRules } from './rules.ts';
import { labelNamesResponse, labelValuesResponse, seriesResponse } from './series-api.ts';
import { scenarioTargets } from './targets.ts';

const SANDBOX_VERSION = '2.42.0-opswarden-sandbox';
const LABEL_VALUES = /^\/api\/v1\/label\/([^/]+)\/values$/;
const HEALTH_METHODS = 'GET, HEAD, OPTIONS';
const READ = ['GET'];
const READ_OR_POST = ['GET', 'POST'];

export interface PrometheusSimulatorOptions {
  /** The series queries, series and label lookups and targets read. */
  storage: SeriesStorage;
  /**
   * The generated series behind `storage`, when it holds them: metadata is derived from
   * them on first use. Absent: the scenario's series are generated for it once.
   */
  streams?: () => readonly SeriesStream[];
  /** 0 or absent: a free port. */
  port?: number;
  /** Fixes end the scenario's incident alerts; without one they fire as written. */
  timeline?: IncidentTimeline;
  /** When the scenario's alerts fire (shared with Alertmanager); made from `timeline` and `storage` when absent. */
  episodes?: AlertEpisodes;
}

export interface PrometheusSimulator {
  /** http://127.0.0.1:<port> — the backend's `url`. */
  url: string;
  close(): Promise<void>;
}

interface Route {
  methods: readonly string[];
  /** The API's `data`; `param` is the path parameter (a label name). */
  handle(form: Form, param: string): unknown;
}

export async function startPrometheusSimulator(
  scenario: Scenario,
  clock: Clock,
  opts: PrometheusSimulatorOptions,
): Promise<PrometheusSimulator> {
  const episodes =
    opts.episodes ??
    alertEpisodes(scenario, clock, opts.timeline ?? incidentTimeline(undefined), opts.storage);
  const storage = withAlertSeries(opts.storage, scenario, clock, episodes);
  const engine = createPromqlEngine(storage);
  const rules = scenarioRules(scenario, clock, episodes);
  const targets = scenarioTargets(scenario, clock, storage);
  let metadata: MetadataByMetric | undefined;
  const readMetadata = () => {
    metadata ??= seriesMetadata(opts.streams?.() ?? generateSeries(scenario));
    return metadata;
  };
  const api: Record<string, Route> = {
    '/api/v1/query': {
      methods: READ_OR_POST,
      handle: (form) => instantQuery(engine, form, clock.now().getTime()),
    },
    '/api/v1/query_range': { methods: READ_OR_POST, handle: (form) => rangeQuery(engine, form) },
    '/api/v1/series': { methods: READ_OR_POST, handle: (form) => seriesResponse({ storage, form }) },
    '/api/v1/labels': { methods: READ_OR_POST, handle: (form) => labelNamesResponse({ storage, form }) },
    '/api/v1/metadata': { methods: READ, handle: (form) => metadataResponse(readMetadata(), form) },
    '/api/v1/alerts': { methods: READ, handle: () => rules.alerts() },
    '/api/v1/rules': { methods: READ, handle: (form) => rules.rules(form) },
    '/api/v1/targets': { methods: READ, handle: targets },
    '/api/v1/status/buildinfo': {
      methods: READ,
      handle: () => ({
        version: SANDBOX_VERSION,
        revision: '',
        branch: '',
        buildUser: '',
        buildDate: '',
        goVersion: '',
      }),
    },
  };
  const labelValues: Route = {
    methods: READ,
    handle: (form, name) => labelValuesResponse({ storage, form }, name),
  };
  const health: Record<string, string> = {
    '/-/healthy': 'Prometheus Server is Healthy.\n',
    '/-/ready': 'Prometheus Server is Ready.\n',
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const labelName = LABEL_VALUES.exec(url.pathname)?.[1];
    if (labelName !== undefined) return serveApi(req, res, url, labelValues, safeDecode(labelName));
    const route = Object.hasOwn(api, url.pathname) ? api[url.pathname] : undefined;
    if (route) return serveApi(req, res, url, route, '');
    const text = health[url.pathname];
    if (text === undefined) return sendHttpError(res, 404, '404 page not found');
    if (method === 'OPTIONS') return sendEmpty(res, 200, { allow: HEALTH_METHODS });
    if (method === 'HEAD') return sendEmpty(res, 200);
    if (method !== 'GET') return sendHttpError(res, 405, 'Method Not Allowed', { allow: HEALTH_METHODS });
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  route: Route,
  param: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return sendEmpty(res, 204);
  if (!route.methods.includes(method)) {
    const allow = [...route.methods, 'OPTIONS'].sort().join(', ');
    return sendHttpError(res, 405, 'Method Not Allowed', { allow });
  }
  try {
    const data = route.handle(await readForm(req, url), param);
    sendJson(res, 200, { status: 'success', data });
  } catch (err) {
    const apiError =
      err instanceof PrometheusApiError ? err : new PrometheusApiError('internal', (err as Error).message);
    sendJson(res, apiError.status, {
      status: 'error',
      errorType: apiError.errorType,
      error: apiError.message,
    });
  }
}

/** A path parameter as Go's router sees it: percent-decoded, or as written when malformed. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** What Go's http.Error sends: the message as plain text, not sniffed. */
function sendHttpError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(`${message}\n`);
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}
