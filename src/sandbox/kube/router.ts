// Request routing: bearer token to user (a configured user, or a service account's token),
// discovery documents, access reviews, then resource URLs (`/api/v1/...`,
// `/apis/<group>/<version>/...`, namespaced or not, with an optional subresource or legacy
// `/watch/` prefix), authorized by the user's rules, to the verb handlers (metrics.k8s.io's
// to metrics-api.ts). Errors leave as Status bodies; anything unexpected is a 500 InternalError
// naming what failed.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ACCESS_REVIEW_PATH, accessReview } from './access-review.ts';
import type { Cluster } from './cluster.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.ts';
import { badRequest, KubeError, methodNotAllowed } from './errors.ts';
import { evict } from './eviction.ts';
import { refuseUpgrade, serveExec } from './exec.ts';
import { create, get, list, patch, remove, type Target, update } from './handlers.ts';
import { type ApiRequest, apiRequest, type Reply, sendJson } from './http.ts';
import { serveLog } from './logs.ts';
import { METRICS_GROUP, metricsResources, serveMetrics } from './metrics-api.ts';
import { openApiV3 } from './openapi.ts';
import { patchType } from './patch.ts';
import { authorize, requestVerb, type SimulatedUser } from './rbac.ts';
import { type ResourceType, resourceByPath } from './resources.ts';
import { getScale, patchScale, putScale } from './scale.ts';
import type { ServiceAccountTokens } from './service-accounts.ts';
import { isWatch, serveWatch, type WatchRegistry } from './watch.ts';

export interface RouterOptions {
  /** Who each bearer token is and what it may do. */
  users: readonly SimulatedUser[];
  /** Tokens of the cluster's service accounts, with the rules their bindings grant. */
  serviceAccounts: ServiceAccountTokens;
  /** host:port, as /api reports it. */
  serverAddress: string;
  watches: WatchRegistry;
}

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

function notFoundPath(): KubeError {
  return new KubeError(404, 'NotFound', 'the server could not find the requested resource', {});
}

function authenticate(header: string | undefined, opts: RouterOptions): SimulatedUser {
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const presented = Buffer.from(token);
  const user =
    opts.users.find((candidate) => {
      const expected = Buffer.from(candidate.token);
      return presented.length === expected.length && timingSafeEqual(presented, expected);
    }) ?? opts.serviceAccounts.authenticate(token);
  if (!user) throw new KubeError(401, 'Unauthorized', 'Unauthorized');
  return user;
}

function parseResourcePath(
  served: readonly ResourceType[],
  path: string,
): (Target & { watchPrefix: boolean }) | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') [group, version, rest] = ['', 'v1', segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length >= 4)
    [group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
  else return undefined;
  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  let namespace: string | undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    resourceByPath(served, group, version, rest[2]!)?.namespaced
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = plural ? resourceByPath(served, group, version, plural) : undefined;
  if (!type || extra.length > 0 || (type.namespaced && namespace === undefined && name !== undefined))
    return undefined;
  if (subresource && !type.subresources.some((sub) => sub.name === subresource)) return undefined;
  if (watchPrefix && name !== undefined) return undefined;
  return { type, namespace, name, subresource, watchPrefix };
}

function discovery(served: readonly ResourceType[], path: string, serverAddress: string): unknown {
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return apiVersions(serverAddress);
  if (path === '/apis') return apiGroupList(served);
  if (path === '/api/v1') return apiResourceList(served, '', 'v1');
  if (path.startsWith('/openapi/v3')) return openApiV3(served, path);
  const groupVersion = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!groupVersion) return undefined;
  return groupVersion[2]
    ? apiResourceList(served, groupVersion[1]!, groupVersion[2])
    : apiGroup(served, groupVersion[1]!);
}

async function routeResource(
  cluster: Cluster,
  req: ApiRequest,
  target: Target & { watchPrefix: boolean },
  watches: WatchRegistry,
) {
  const { name, subresource } = target;
  const what = `${target.type.plural}${subresource ? `/${subresource}` : ''}`;
  if (subresource === 'exec') throw badRequest('Upgrade request required');
  switch (req.method) {
    case 'GET':
      if (name === undefined) {
        if (target.watchPrefix || isWatch(req)) return serveWatch(cluster, req, target, watches);
        return list(cluster, req, target);
      }
      if (subresource === undefined || subresource === 'status') return get(cluster, req, target);
      if (subresource === 'scale') return getScale(cluster, target);
      if (subresource === 'log') return serveLog(cluster, req, target);
      break;
    case 'POST':
      if (name === undefined && (!target.type.namespaced || target.namespace !== undefined))
        return create(cluster, req, target);
      if (subresource === 'eviction') return evict(cluster, req, target);
      break;
    case 'PUT':
      if (name !== undefined && (subresource === undefined || subresource === 'status'))
        return update(cluster, req, target);
      if (subresource === 'scale') return putScale(cluster, req, target);
      break;
    case 'PATCH':
      if (name !== undefined) patchType(req.contentType);
      if (name !== undefined && (subresource === undefined || subresource === 'status'))
        return patch(cluster, req, target);
      if (subresource === 'scale') return patchScale(cluster, req, target);
      break;
    case 'DELETE':
      if (name !== undefined && subresource === undefined) return remove(cluster, req, target);
      break;
  }
  throw methodNotAllowed(req.method, what);
}

async function route(
  cluster: Cluster,
  req: ApiRequest,
  user: SimulatedUser,
  opts: RouterOptions,
): Promise<Reply | undefined> {
  const path = req.url.pathname.replace(/\/+$/, '') || '/';
  const served = [...cluster.servedResources(), ...metricsResources(cluster)];
  const document = discovery(served, path, opts.serverAddress);
  if (document !== undefined) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, path);
    return { code: 200, body: document };
  }
  if (path === ACCESS_REVIEW_PATH) {
    if (req.method !== 'POST') throw methodNotAllowed(req.method, 'selfsubjectaccessreviews');
    return accessReview(req, user);
  }
  const target = parseResourcePath(served, path);
  if (!target) throw notFoundPath();
  authorize(user, requestVerb(req.method, target, target.watchPrefix || isWatch(req)), target);
  if (target.type.group === METRICS_GROUP) return serveMetrics(cluster, req, target);
  return (await routeResource(cluster, req, target, opts.watches)) ?? undefined;
}

export function createRouter(cluster: Cluster, opts: RouterOptions) {
  return async (raw: IncomingMessage, res: ServerResponse): Promise<void> => {
    const req = apiRequest(raw, res);
    try {
      if (HEALTH_PATHS.has(req.url.pathname)) {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      const user = authenticate(raw.headers.authorization, opts);
      const reply = await route(cluster, req, user, opts);
      if (reply) sendJson(res, reply.code, reply.body);
    } catch (error) {
      const failure = asKubeError(error);
      if (res.headersSent) res.destroy();
      else sendJson(res, failure.code, failure.status());
    }
  };
}

/**
 * Upgrade requests (`pods/<name>/exec`'s WebSocket): the same authentication, path and RBAC
 * checks (exec needs `create` on pods/exec), then exec.ts; a refusal is written as a Status.
 */
export function createUpgradeRouter(cluster: Cluster, opts: RouterOptions) {
  return (raw: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const user = authenticate(raw.headers.authorization, opts);
      const path = new URL(raw.url ?? '/', 'https://localhost').pathname.replace(/\/+$/, '');
      const target = parseResourcePath(cluster.servedResources(), path);
      if (!target) throw notFoundPath();
      authorize(user, requestVerb(raw.method ?? 'GET', target, false), target);
      if (target.subresource !== 'exec')
        throw badRequest(`the simulator upgrades connections for pods/<name>/exec only, not ${path}`);
      serveExec(cluster, raw, socket, head, target);
    } catch (error) {
      refuseUpgrade(socket, asKubeError(error));
    }
  };
}

function asKubeError(error: unknown): KubeError {
  if (error instanceof KubeError) return error;
  return new KubeError(
    500,
    'InternalError',
    `Internal error occurred: ${(error as Error).message ?? String(error)}`,
  );
}
