// Reads of any resource the cluster serves, for kinds no typed client knows (custom
// resources included): plain JSON GETs through the context's own credentials and
// connection pool, a list asked for as the server's Table (printer columns plus each whole
// object) where the server offers one. A Secret never leaves this file with more than its
// name, namespace, age and type: neither data nor annotations (kubectl's last-applied
// copy holds the data) nor managedFields (which name the keys).

import { ApiException, type Configuration, HttpMethod, KubernetesObjectApi } from '@kubernetes/client-node';
import type { KubeObject } from '../../sandbox/world.ts';
import { apiVersionOf } from './discovery.ts';
import {
  isSecret,
  KubeError,
  type KubeResource,
  type KubeResourcePage,
  type KubeResourceQuery,
  type KubeResourceRef,
  type KubeTableColumn,
} from './types.ts';

const JSON_ONLY = 'application/json';
const TABLE_OR_JSON = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** client-node's object API plus GETs of any path as plain JSON (no model classes, no Dates). */
export class ObjectApi extends KubernetesObjectApi {
  async getJson(path: string, query: Record<string, string | number | undefined> = {}, accept = JSON_ONLY) {
    const config = this.configuration as Configuration;
    let request = config.baseServer.makeRequestContext(path, HttpMethod.GET);
    request.setHeaderParam('Accept', accept);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) request.setQueryParam(key, String(value));
    await config.authMethods.default?.applySecurityAuthentication(request);
    for (const middleware of config.middleware) request = await middleware.pre(request).toPromise();
    const response = await config.httpApi.send(request).toPromise();
    const text = await response.body.text();
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299)
      throw new ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', text, response.headers);
    return JSON.parse(text) as unknown;
  }
}

/** `/apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>]`, each segment escaped, none `.` or `..`. */
export function resourcePath(resource: KubeResource, namespace?: string, name?: string): string {
  for (const segment of [namespace, name])
    if (segment === '.' || segment === '..' || segment === '')
      throw new KubeError(
        `${JSON.stringify(segment)} is not a name: it would change the request's path`,
        400,
      );
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${resource.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

function requireVerb(resource: KubeResource, verb: 'get' | 'list'): void {
  if (!resource.verbs.includes(verb))
    throw new KubeError(
      `${resource.kind} (${apiVersionOf(resource)}) cannot be read with ${verb}: the API serves it for ${resource.verbs.join(', ') || 'no verb'}`,
      405,
    );
}

export async function readResource(api: ObjectApi, ref: KubeResourceRef): Promise<KubeObject> {
  requireVerb(ref.resource, 'get');
  if (ref.resource.namespaced && !ref.namespace)
    throw new KubeError(`${ref.resource.kind} ${ref.name}: a namespace is required`, 400);
  const object = typed(ref.resource, await api.getJson(resourcePath(ref.resource, ref.namespace, ref.name)));
  return isSecret(ref.resource) ? secretShell(object) : object;
}

export async function listResourcePage(api: ObjectApi, q: KubeResourceQuery): Promise<KubeResourcePage> {
  requireVerb(q.resource, 'list');
  const secret = isSecret(q.resource);
  const fetchPage = async (asTable: boolean) =>
    (await api.getJson(
      resourcePath(q.resource, q.namespace),
      {
        labelSelector: q.labelSelector,
        fieldSelector: q.fieldSelector,
        limit: q.limit,
        continue: q.continueToken,
        ...(asTable ? { includeObject: 'Object' } : {}),
      },
      asTable ? TABLE_OR_JSON : JSON_ONLY,
    )) as ListAnswer;
  let answer = await fetchPage(!secret);
  // A Table without the objects (a server that ignores includeObject) has too little: ask for the list.
  if (answer.kind === 'Table' && (secret || !(answer.rows ?? []).every((row) => row.object)))
    answer = await fetchPage(false);
  const next = answer.metadata?.continue;
  const remaining = answer.metadata?.remainingItemCount;
  const paging = {
    ...(next ? { continueToken: next } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
  };
  if (answer.kind === 'Table' && !secret) {
    const rows = answer.rows ?? [];
    const columns: KubeTableColumn[] = (answer.columnDefinitions ?? []).map((c) => ({
      name: c.name,
      type: c.type ?? 'string',
      priority: c.priority ?? 0,
    }));
    return {
      items: rows.map((row) => typed(q.resource, row.object)),
      table: { columns, cells: rows.map((row) => row.cells ?? []) },
      ...paging,
    };
  }
  const items = (answer.items ?? []).map((item) => typed(q.resource, item));
  return { items: secret ? items.map(secretShell) : items, ...paging };
}

interface ListAnswer {
  kind?: string;
  metadata?: { continue?: string; remainingItemCount?: number };
  items?: unknown[];
  rows?: { cells?: unknown[]; object?: unknown }[];
  columnDefinitions?: { name: string; type?: string; priority?: number }[];
}

/** An object with its apiVersion and kind (list items and Table rows may lack them). */
function typed(resource: KubeResource, value: unknown): KubeObject {
  const object = value as KubeObject;
  return {
    ...object,
    apiVersion: apiVersionOf(resource),
    kind: resource.kind,
    metadata: object.metadata ?? {},
  };
}

/** What a Secret may show: who it is, how old, of which type. */
function secretShell(secret: KubeObject): KubeObject {
  const { name, namespace, uid, creationTimestamp } = secret.metadata;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, ...(namespace ? { namespace } : {}), uid, creationTimestamp },
    ...(typeof secret.type === 'string' ? { type: secret.type } : {}),
  };
}
