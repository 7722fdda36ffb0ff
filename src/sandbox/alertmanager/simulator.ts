// The sandbox Alertmanager (DESIGN §7): the part of API v2 the Alertmanager backend uses,
// over a scenario's alerts, on a loopback port. One route (receiver `sandbox`, grouped by
// alertname and service), silences that really silence, no inhibition. With a webhook URL
// it posts the firing alerts there at start and every change after (resolved alerts too),
// as the real one notifies a receiver with send_resolved.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../tool.ts';
import { type AlertEpisodes, alertEpisodes } from '../reactions/alert-episodes.ts';
import { type IncidentTimeline, incidentTimeline } from '../reactions/timeline.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createAlerts } from './alerts.ts';
import { AlertmanagerApiError, formatError } from './api-error.ts';
import { createNotifier } from './notifier.ts';
import { filterAlerts, groupAlerts, parseAlertFilter } from './query.ts';
import { createSilences } from './silences.ts';
import { postWebhook, type WebhookMessage, webhookMessage } from './webhook.ts';

export const RECEIVER = 'sandbox';
export const GROUP_BY = ['alertname', 'service'] as const;
/** How often the receiver is told what changed (wall time; Alertmanager's group_interval). */
const NOTIFY_INTERVAL_MS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AlertmanagerSimulatorOptions {
  /** Where the firing alerts are posted at start, and every change after (Alertmanager webhook format). */
  webhookUrl?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Which incident alerts the suppressions so far have resolved (default: none ever). */
  timeline?: IncidentTimeline;
  /** When the scenario's alerts fire (shared with Prometheus); made from `timeline` when absent. */
  episodes?: AlertEpisodes;
}

export interface AlertmanagerSimulator {
  /** http://127.0.0.1:<port> — the backend's `url`. */
  url: string;
  /** The webhook messages delivered to `webhookUrl` so far (empty without one). */
  posted: WebhookMessage[];
  /** The alerts firing now, as the webhook messages Alertmanager would send. */
  messages(): WebhookMessage[];
  /** Posts the alerts firing now to a webhook receiver (with a bearer token when it needs one); returns the messages. */
  notify(webhookUrl: string, bearerToken?: string): Promise<WebhookMessage[]>;
  /**
   * Delivers the alerts firing now, then every change (new alerts, resolved ones) each
   * `intervalMs` (default 1 s) until the returned function is called or the simulator
   * closes. Resolves after the first delivery; rejects naming what failed.
   */
  watch(
    deliver: (message: WebhookMessage) => Promise<void> | void,
    opts?: { intervalMs?: number; onError?: (err: Error) => void },
  ): Promise<() => void>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, params: URLSearchParams, id: string) => Promise<unknown>;

/** Starts the server; with a webhook URL, resolves once the post succeeded and rejects naming the URL when it failed. */
export async function startAlertmanagerSimulator(
  scenario: Scenario,
  clock: Clock,
  opts: AlertmanagerSimulatorOptions = {},
): Promise<AlertmanagerSimulator> {
  const silences = createSilences(clock);
  const alerts = createAlerts(
    scenario,
    clock,
    silences,
    opts.episodes ?? alertEpisodes(scenario, clock, opts.timeline ?? incidentTimeline(undefined)),
  );
  const startedAt = clock.now();
  const config = configText(opts.webhookUrl);
  const listAlerts = (params: URLSearchParams) =>
    filterAlerts(alerts.current(RECEIVER), parseAlertFilter(params));

  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/api/v2/status': {
      GET: async () => ({
        cluster: { peers: [], status: 'disabled' },
        config: { original: config },
        uptime: startedAt.toISOString(),
        versionInfo: {
          version: 'opswarden-sandbox',
          branch: '',
          revision: '',
          buildDate: '',
          buildUser: '',
          goVersion: '',
        },
      }),
    },
    '/api/v2/alerts': {
      GET: async (_req, params) => listAlerts(params),
      POST: async (req) => {
        alerts.post(await jsonBody(req));
        return undefined;
      },
    },
    '/api/v2/alerts/groups': {
      GET: async (_req, params) => groupAlerts(listAlerts(params), GROUP_BY, RECEIVER),
    },
    '/api/v2/silences': {
      GET: async () => silences.list(),
      POST: async (req) => ({ silenceID: silences.create(await jsonBody(req)) }),
    },
    '/api/v2/silence/': {
      GET: async (_req, _params, id) => {
        const silence = silences.get(id);
        if (!silence) throw new AlertmanagerApiError(404, `silence ${id} not found`, null);
        return silence;
      },
      DELETE: async (_req, _params, id) => {
        silences.expire(id);
        return undefined;
      },
    },
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/-/ready' || url.pathname === '/-/healthy') return sendText(res, 200, 'OK');
      const isSilence = url.pathname.startsWith('/api/v2/silence/');
      const methods = routes[isSilence ? '/api/v2/silence/' : url.pathname];
      if (!methods)
        throw new AlertmanagerApiError(404, `path ${url.pathname} was not found`, {
          code: 404,
          message: `path ${url.pathname} was not found`,
        });
      const handler = methods[req.method ?? 'GET'];
      if (!handler) {
        const message = `method ${req.method} is not allowed, but [${Object.keys(methods).join(',')}] are`;
        throw new AlertmanagerApiError(405, message, { code: 405, message });
      }
      const id = isSilence ? decodeURIComponent(url.pathname.slice('/api/v2/silence/'.length)) : '';
      if (isSilence && !UUID.test(id))
        throw formatError(601, `silenceID in path must be of type uuid: ${JSON.stringify(id)}`);
      sendJson(res, 200, await handler(req, url.searchParams, id));
    } catch (err) {
      if (err instanceof AlertmanagerApiError) sendJson(res, err.status, err.body);
      else sendJson(res, 500, (err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    });

  const posted: WebhookMessage[] = [];
  /** The firing (unsilenced) alerts as webhook messages, one per group. */
  const messages = () =>
    groupAlerts(
      alerts.current(RECEIVER).filter((a) => a.status.state === 'active'),
      GROUP_BY,
      RECEIVER,
    ).map((group) => webhookMessage(group, url));
  /** Posts them as Alertmanager notifies a receiver. */
  const notify = async (webhookUrl: string, bearerToken?: string) => {
    const sent = messages();
    for (const message of sent) await postWebhook(webhookUrl, message, bearerToken);
    return sent;
  };
  const timers = new Set<NodeJS.Timeout>();
  const watch: AlertmanagerSimulator['watch'] = async (deliver, watchOpts = {}) => {
    const notifier = createNotifier({
      current: () => alerts.current(RECEIVER),
      endedAt: (fp) => alerts.endedAt(fp, clock.now()),
      groupBy: GROUP_BY,
      receiver: RECEIVER,
      externalURL: url,
      clock,
      deliver,
    });
    await notifier.flush();
    const timer = setInterval(
      () => notifier.flush().catch((err) => watchOpts.onError?.(err as Error)),
      watchOpts.intervalMs ?? NOTIFY_INTERVAL_MS,
    );
    timer.unref();
    timers.add(timer);
    return () => {
      clearInterval(timer);
      timers.delete(timer);
    };
  };
  const stopAll = async () => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    await close();
  };
  if (opts.webhookUrl) {
    const webhookUrl = opts.webhookUrl;
    try {
      await watch(async (message) => {
        await postWebhook(webhookUrl, message);
        posted.push(message);
      });
    } catch (err) {
      await stopAll();
      throw err;
    }
  }
  return { url, posted, messages, notify, watch, close: stopAll };
}

/** The configuration the simulator behaves as, in Alertmanager's own YAML (GET /status shows it). */
function configText(webhookUrl: string | undefined): string {
  const webhook = webhookUrl
    ? `  webhook_configs:\n  - send_resolved: true\n    url: ${JSON.stringify(webhookUrl)}\n`
    : '';
  return (
    [
      'global:',
      '  resolve_timeout: 5m',
      'route:',
      `  receiver: ${RECEIVER}`,
      '  group_by:',
      ...GROUP_BY.map((name) => `  - ${name}`),
      'receivers:',
      `- name: ${RECEIVER}`,
      '',
    ].join('\n') + webhook
  );
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString());
  } catch (err) {
    throw new AlertmanagerApiError(400, `request body is not JSON: ${(err as Error).message}`);
  }
}

/** undefined or null: an empty body, as the real server answers a 404 or a DELETE. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined || body === null) {
    res.writeHead(status, { 'content-length': '0' });
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
