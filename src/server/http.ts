// The HTTP front door: Streamable HTTP MCP at /mcp, the out-of-band approvals API, the
// change-event API (./changes-api.ts), alert ingestion and incidents (./alerts-api.ts),
// audit search (./audit-api.ts), runbook runs (./runbook-runs-api.ts), who is on call, the
// console's static page (./console/; its data comes through these same APIs with the
// user's token), Slack's signed interactions (src/oncall/slack/), health and metrics. Every request, whatever its path, first passes the Host/Origin
// (DNS rebinding) guard; then protected routes take bearer auth (/metrics its own token,
// when configured), and /mcp only principals whose roles allow some tool (config
// `access`). Tokens stop here: they are never handed to a tool or backend.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { App } from '../app.ts';
import { APPROVAL_STATUSES, ApprovalError, canSee, publicView } from '../approvals/store.ts';
import { ConfigError } from '../config/load.ts';
import { ACCESS_RULE, mcpAccessDenial } from '../dispatch/access.ts';
import { redact } from '../shape/redact.ts';
import type { Principal } from '../types.ts';
import { describeIssues } from '../yaml-path.ts';
import { alertsApi, incidentsApi, isAlertsPath, isIncidentsPath } from './alerts-api.ts';
import { type ApiReply, AUDIT_PATH, auditApi } from './audit-api.ts';
import { authStartupCheck, createAuthenticator, forbidden, forbiddenReply } from './auth.ts';
import { BodyTooLargeError, readBody, readJsonObject, respondTooLarge } from './body.ts';
import { CHANGES_PATH, changesApi } from './changes-api.ts';
import { CONSOLE_PATH, serveConsoleAsset } from './console/assets.ts';
import { createRequestGuard } from './host-origin.ts';
import { createHttpMcpHandler } from './mcp.ts';
import { createMetricsAccess } from './metrics-token.ts';
import { isRunbookRunsPath, runbookRunsApi } from './runbook-runs-api.ts';

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpOptions {
  host: string;
  port: number;
  stateless: boolean;
}

/** What a failed listen means, in words an operator can act on. */
const LISTEN_HINTS: Record<string, string> = {
  EADDRINUSE: 'the port is in use; choose another --port (server.http.port) or stop what holds it',
  EACCES: 'permission denied; ports below 1024 need privileges',
  EADDRNOTAVAIL: 'no such address on this machine; check --host (server.http.host)',
};

export async function startHttpServer(app: App, opts: HttpOptions): Promise<HttpServer> {
  const { config, logger } = app;
  const auth = createAuthenticator(config.auth);
  const startup = authStartupCheck(opts.host, auth);
  if (!startup.ok) throw new ConfigError(startup.error);
  if (startup.warning) logger.warn(startup.warning);

  const mcp = await createHttpMcpHandler(app, { stateless: opts.stateless });
  const { maxBodyBytes, maxAlertsBodyBytes } = config.limits;
  const readJson = (req: IncomingMessage) => readJsonObject(req, maxBodyBytes, 'limits.maxBodyBytes');
  const server: Server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (err instanceof BodyTooLargeError && !res.headersSent) {
        logger.warn({ url: req.url, limit: err.limit }, err.message);
        return respondTooLarge(res, err);
      }
      logger.error({ err, url: req.url }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: (err as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot listen on ${opts.host}:${opts.port}: ${LISTEN_HINTS[err.code ?? ''] ?? err.message}`,
        ),
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;
  const guard = createRequestGuard({
    host: opts.host,
    port,
    allowedHosts: config.server.http.allowedHosts,
    allowedOrigins: config.server.http.allowedOrigins,
  });
  const resourceUrl = config.server.http.publicUrl ?? `${url}/mcp`;
  const metricsAccess = createMetricsAccess(config.server.http.metricsToken);
  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<Principal | undefined> {
    // With auth disabled (loopback only) every caller is an anonymous agent with no roles.
    const result = await auth.authenticate({ authorization: req.headers.authorization }, resourceUrl);
    if (result.ok) return result.principal;
    res.setHeader('WWW-Authenticate', result.wwwAuthenticate);
    sendJson(res, result.status, { error: result.error, error_description: result.description });
    return undefined;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const guarded = guard({ host: req.headers.host, origin: req.headers.origin });
    if (!guarded.ok) {
      logger.warn({ path, host: req.headers.host, origin: req.headers.origin }, guarded.message);
      return sendJson(res, guarded.status, guarded.body);
    }
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ref = app.policy.current().ref;
      const store = storeReachable(app, logger);
      if (!store.ok) return sendJson(res, 503, { status: 'not ready', store: store.problem });
      return sendJson(res, 200, {
        status: 'ready',
        policy: `${ref.name}@${ref.version}`,
        digest: ref.digest,
      });
    }
    if (path === '/metrics') {
      const access = metricsAccess(req.headers.authorization);
      if (!access.ok) {
        res.setHeader('WWW-Authenticate', access.wwwAuthenticate);
        return sendJson(res, access.status, access.body);
      }
      const { contentType, body } = await app.metrics.render();
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    }
    if (path.startsWith('/.well-known/oauth-protected-resource')) {
      return sendJson(res, 200, auth.protectedResourceMetadata(resourceUrl));
    }
    if (path === '/mcp') {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const noTools = mcpAccessDenial(principal, config.access);
      if (noTools) {
        logger.warn({ principal: principal.id, roles: principal.roles }, noTools);
        const denied = forbidden(resourceUrl, noTools);
        res.setHeader('WWW-Authenticate', denied.wwwAuthenticate);
        return sendJson(res, 403, {
          error: denied.error,
          error_description: noTools,
          principal: principal.id,
          roles: principal.roles,
          config: ACCESS_RULE,
        });
      }
      return mcp.handle(req, res, principal);
    }
    if (path === '/v1/approvals' || path.startsWith('/v1/approvals/')) {
      const principal = await authenticate(req, res);
      if (principal) await approvalsApi(req, res, path, principal);
      return;
    }
    if (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`)) {
      // The page and its script only: every piece of data it shows comes from the APIs below, behind auth.
      return serveConsoleAsset(path, req.method ?? 'GET', res);
    }
    if (path === SLACK_INTERACTIONS_PATH) {
      const slack = app.oncall.slackInteractions;
      if (!slack)
        return sendJson(res, 404, { error: 'not_found', message: 'Slack is not configured (oncall.slack)' });
      if (req.method !== 'POST') {
        return sendJson(res, 405, {
          error: 'method_not_allowed',
          message: `${req.method} ${path}: Slack posts here`,
        });
      }
      // Slack signs the raw bytes; no bearer token: the signature is the authentication.
      const body = await readBody(req, maxBodyBytes, 'limits.maxBodyBytes');
      const reply = await slack({ headers: req.headers, body });
      return sendJson(res, reply.status, reply.body ?? {});
    }
    if (path === AUDIT_PATH || isRunbookRunsPath(path) || path === ONCALL_PATH) {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const { searchParams: query } = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const reply =
        path === AUDIT_PATH
          ? auditApi(app, principal, { method, query }, resourceUrl)
          : path === ONCALL_PATH
            ? await onCallApi(principal, method, query)
            : runbookRunsApi(app, principal, { method, path, query }, resourceUrl);
      if (reply.wwwAuthenticate) res.setHeader('WWW-Authenticate', reply.wwwAuthenticate);
      return sendJson(res, reply.status, reply.body);
    }
    if (path === CHANGES_PATH) {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const { searchParams: query } = new URL(req.url ?? '/', 'http://x');
      const method = req.method ?? 'GET';
      const reply = await changesApi(
        app,
        principal,
        { method, query, body: () => readJson(req) },
        resourceUrl,
      );
      if (reply.wwwAuthenticate) res.setHeader('WWW-Authenticate', reply.wwwAuthenticate);
      return sendJson(res, reply.status, reply.body);
    }
    if (isAlertsPath(path) || isIncidentsPath(path)) {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const { searchParams: query } = new URL(req.url ?? '/', 'http://x');
      const request = {
        method: req.method ?? 'GET',
        path,
        query,
        body: () => readJsonObject(req, maxAlertsBodyBytes, 'limits.maxAlertsBodyBytes'),
      };
      const reply = isAlertsPath(path)
        ? await alertsApi(app, principal, request, resourceUrl)
        : incidentsApi(app, request);
      if (reply.wwwAuthenticate) res.setHeader('WWW-Authenticate', reply.wwwAuthenticate);
      return sendJson(res, reply.status, reply.body);
    }
    sendJson(res, 404, { error: 'not_found', message: `no route ${req.method} ${path}` });
  }

  async function approvalsApi(req: IncomingMessage, res: ServerResponse, path: string, principal: Principal) {
    const parts = path.split('/').filter(Boolean); // v1, approvals, id?, action?
    const [, , id, action] = parts;
    try {
      // Scoped: approvers see every ticket, anyone else only their own requests; a ticket
      // one may not see is "not found", so ids of others' requests cannot be probed.
      if (req.method === 'GET' && !id) {
        const status = new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? undefined;
        if (status !== undefined && !APPROVAL_STATUSES.includes(status as never)) {
          return sendJson(res, 400, {
            error: 'bad_request',
            message: `status must be one of ${APPROVAL_STATUSES.join(', ')}, got "${status}"`,
          });
        }
        return sendJson(res, 200, {
          approvals: app.approvals
            .list({ visibleTo: principal, ...(status ? { status: status as never } : {}) })
            .map(publicView),
        });
      }
      if (req.method === 'GET' && id && !action) {
        const approval = app.approvals.get(id);
        return approval && canSee(approval, principal)
          ? sendJson(res, 200, publicView(approval))
          : sendJson(res, 404, { error: 'not_found', message: `no approval with id ${id}` });
      }
      if (req.method === 'POST' && id && (action === 'approve' || action === 'reject')) {
        // A body that is not exactly { comment? } decides nothing: a misread request must not approve.
        const body = decisionBody.safeParse(await readJson(req));
        if (!body.success)
          return sendJson(res, 400, { error: 'bad_request', message: describeIssues(body.error.issues) });
        // PagerDuty's on-call may be the approver set: the role is added while they are on call.
        const ticket = app.approvals.get(id);
        const approver = ticket ? await app.oncall.approverFor(principal, ticket) : principal;
        const via = req.headers['x-opswarden-via'] === 'console' ? 'console' : 'http api';
        const decided = app.approvals.decide(id, approver, action, body.data.comment, via);
        logger.info({ approvalId: id, approver: principal.id, action, via }, 'approval decided over HTTP');
        return sendJson(res, 200, publicView(decided));
      }
      return sendJson(res, 405, {
        error: 'method_not_allowed',
        message: `${req.method} ${path} is not an approvals API call`,
      });
    } catch (err) {
      if (err instanceof ApprovalError) {
        if (err.code === 'forbidden') {
          const denied = forbidden(resourceUrl, err.message);
          res.setHeader('WWW-Authenticate', denied.wwwAuthenticate);
          return sendJson(res, 403, { error: denied.error, error_description: err.message });
        }
        return sendJson(res, err.code === 'not_found' ? 404 : 409, { error: err.code, message: err.message });
      }
      if (err instanceof SyntaxError || err instanceof RangeError) {
        return sendJson(res, 400, { error: 'bad_request', message: err.message });
      }
      throw err;
    }
  }

  /** GET /v1/oncall?service=: who PagerDuty has on call now (names and emails: humans only). */
  async function onCallApi(principal: Principal, method: string, query: URLSearchParams): Promise<ApiReply> {
    if (method !== 'GET')
      return { status: 405, body: { error: 'method_not_allowed', message: `${method} ${ONCALL_PATH}` } };
    if (principal.type !== 'human') {
      return forbiddenReply(
        resourceUrl,
        `${principal.id} is ${principal.type === 'agent' ? 'an' : 'a'} ${principal.type}; who is on call (names, emails) is shown to humans only`,
      );
    }
    const service = query.get('service') ?? undefined;
    if (service !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(service)) {
      return {
        status: 400,
        body: {
          error: 'bad_request',
          message: `service must be a service name such as checkout, got "${service.slice(0, 64)}"`,
        },
      };
    }
    try {
      const people = await app.oncall.onCall(service);
      return people
        ? { status: 200, body: { service: service ?? null, onCall: people } }
        : {
            status: 404,
            body: {
              error: 'not_found',
              message: 'PagerDuty is not configured for this service (oncall.pagerduty)',
            },
          };
    } catch (err) {
      logger.warn({ err, service }, 'PagerDuty on-call lookup failed');
      return {
        status: 502,
        body: { error: 'bad_gateway', message: `PagerDuty did not answer: ${(err as Error).message}` },
      };
    }
  }

  return {
    url,
    port,
    async close() {
      await mcp.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SLACK_INTERACTIONS_PATH = '/slack/interactions';
const ONCALL_PATH = '/v1/oncall';

/** The body of an approve or reject: an optional comment, nothing else. */
const decisionBody = z.object({ comment: z.string().optional() }).strict();

/** Every JSON answer of the HTTP APIs leaves through here, redacted (incidents' alert text, approval reasons, errors). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Serialized before the status is set: if it throws, the handler's 500 can still be sent.
  const text = JSON.stringify(redact(body).value);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}

/**
 * Every call needs the store (its audit record commits first): a replica that cannot reach
 * it is taken out of the balancer. The reason is logged; the unauthenticated answer says
 * only that the store is unreachable.
 */
function storeReachable(app: App, logger: Logger): { ok: true } | { ok: false; problem: string } {
  try {
    app.db.prepare('SELECT 1').get();
    return { ok: true };
  } catch (err) {
    logger.warn({ err }, 'not ready: the store does not answer');
    return { ok: false, problem: 'unreachable' };
  }
}
