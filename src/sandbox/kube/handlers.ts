// The verbs on objects and collections: list, get, create, update (PUT), patch and delete,
// plus the `status` subresource, with the API server's rules: resourceVersion
// preconditions (409), status written only through /status, immutable identity fields,
// admission (defaults, 422), `dryRun=All` returning the result without storing it, and
// pod deletion going through the kubelet (events) and the controllers (replacement).

import type { KubeMetadata, KubeObject } from '../world.ts';
import { validate, withCreateDefaults } from './admission.ts';
import type { Cluster, Propagation } from './cluster.ts';
import { alreadyExists, badRequest, conflict, KubeError, notFound } from './errors.ts';
import { type ApiRequest, isDryRun, jsonBody, type Reply, successStatus } from './http.ts';
import { listPage, parseListQuery } from './list.ts';
import { applyPatch } from './patch.ts';
import { killPod } from './pods.ts';
import { apiVersionOf, type ResourceType, resourceByKind } from './resources.ts';
import { withSecretDecoded } from './secrets.ts';
import { tableRequest, toTable } from './table.ts';

export interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function hasStatusSubresource(type: ResourceType): boolean {
  return type.subresources.some((sub) => sub.name === 'status');
}

export function existing(cluster: Cluster, target: Target): KubeObject {
  const object = cluster.store.get(target.type, target.namespace, target.name!);
  if (!object) throw notFound(target.type, target.name!);
  return object;
}

/** A single object, or a one-row Table when kubectl asks for one. */
function present(cluster: Cluster, req: ApiRequest, type: ResourceType, object: KubeObject): unknown {
  const table = tableRequest(req.accept, req.params);
  return table
    ? toTable(type, [object], table, cluster.now(), { resourceVersion: object.metadata.resourceVersion })
    : object;
}

export function list(cluster: Cluster, req: ApiRequest, target: Target): Reply {
  const page = listPage(
    cluster.store,
    target.type,
    target.namespace,
    parseListQuery(req.params, target.type),
  );
  const metadata = {
    resourceVersion: page.resourceVersion,
    ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
  };
  const table = tableRequest(req.accept, req.params);
  if (table) return { code: 200, body: toTable(target.type, page.items, table, cluster.now(), metadata) };
  return {
    code: 200,
    body: {
      kind: `${target.type.kind}List`,
      apiVersion: apiVersionOf(target.type),
      metadata,
      // List items carry no kind/apiVersion, as the real API serves typed lists.
      items: page.items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
    },
  };
}

export function get(cluster: Cluster, req: ApiRequest, target: Target): Reply {
  return { code: 200, body: present(cluster, req, target.type, existing(cluster, target)) };
}

function checkTypeMeta(type: ResourceType, object: Record<string, unknown>): void {
  const apiVersion = apiVersionOf(type);
  if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`);
  }
}

function checkNamespace(target: Target, metadata: Partial<KubeMetadata>): void {
  if (target.type.namespaced && metadata.namespace !== undefined && metadata.namespace !== target.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

export async function create(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const body = await jsonBody(req);
  checkTypeMeta(target.type, body);
  const metadata = { ...(body.metadata as Partial<KubeMetadata> | undefined) };
  checkNamespace(target, metadata);
  if (!metadata.name && metadata.generateName)
    metadata.name = `${metadata.generateName}${cluster.ids.suffix()}`;
  const { resourceVersion: _rv, generation: _generation, ...rest } = metadata;
  const object = withCreateDefaults({
    ...body,
    apiVersion: apiVersionOf(target.type),
    kind: target.type.kind,
    metadata: {
      ...rest,
      name: metadata.name ?? '',
      ...(target.type.namespaced ? { namespace: target.namespace } : {}),
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso(),
    },
  } as KubeObject);
  withSecretDecoded(object);
  validate(target.type, object);
  if (cluster.store.get(target.type, target.namespace, object.metadata.name))
    throw alreadyExists(target.type, object.metadata.name);
  if (target.type.namespaced && !cluster.get('Namespace', undefined, target.namespace!)) {
    throw notFound(resourceByKind('Namespace'), target.namespace!);
  }
  if (isDryRun(req)) return { code: 201, body: object };
  if (object.kind === 'Pod') cluster.simulatedPods.add(object.metadata.uid);
  const created = cluster.store.create(target.type, object);
  cluster.reconcile();
  return { code: 201, body: created };
}

/** Stores `proposed` in place of `current` with the API server's update rules. */
function commit(
  cluster: Cluster,
  req: ApiRequest,
  target: Target,
  current: KubeObject,
  proposed: KubeObject,
): Reply {
  const { metadata } = proposed;
  if (metadata?.name !== current.metadata.name) {
    throw badRequest(
      `the name of the object (${metadata?.name}) does not match the name on the URL (${current.metadata.name})`,
    );
  }
  checkNamespace(target, metadata);
  if (metadata.resourceVersion && metadata.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(target.type, current.metadata.name);
  }
  let next: KubeObject;
  if (target.subresource === 'status') next = { ...current, status: proposed.status };
  else if (hasStatusSubresource(target.type)) next = { ...proposed, status: current.status };
  else next = { ...proposed };
  if (next.status === undefined) delete next.status;
  withSecretDecoded(next);
  next.apiVersion = current.apiVersion;
  next.kind = current.kind;
  next.metadata = {
    ...next.metadata,
    uid: current.metadata.uid,
    creationTimestamp: current.metadata.creationTimestamp,
    resourceVersion: current.metadata.resourceVersion,
    ...(current.metadata.namespace ? { namespace: current.metadata.namespace } : {}),
  };
  if (current.metadata.generation !== undefined) next.metadata.generation = current.metadata.generation;
  validate(target.type, next, current);
  if (isDryRun(req)) return { code: 200, body: present(cluster, req, target.type, next) };
  const updated = cluster.store.update(target.type, next);
  cluster.reconcile();
  return { code: 200, body: present(cluster, req, target.type, updated) };
}

export async function update(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const current = existing(cluster, target);
  const body = await jsonBody(req);
  checkTypeMeta(target.type, body);
  return commit(cluster, req, target, current, body as KubeObject);
}

export async function patch(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const current = existing(cluster, target);
  const patched = applyPatch(req.contentType, current, await req.body());
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
    throw new KubeError(422, 'Invalid', `the patched ${target.type.kind} is not an object`);
  }
  return commit(cluster, req, target, current, patched as KubeObject);
}

interface DeleteOptions {
  propagationPolicy?: Propagation;
  dryRun?: string[];
  preconditions?: { uid?: string; resourceVersion?: string };
}

async function deleteOptions(req: ApiRequest): Promise<DeleteOptions> {
  const text = await req.body();
  let options: DeleteOptions = {};
  try {
    if (text.trim()) options = JSON.parse(text) as DeleteOptions;
  } catch (error) {
    throw badRequest(`the DeleteOptions body is not valid JSON: ${(error as Error).message}`);
  }
  const fromQuery = req.params.get('propagationPolicy');
  if (fromQuery) options.propagationPolicy = fromQuery as Propagation;
  if (
    options.propagationPolicy &&
    !['Background', 'Foreground', 'Orphan'].includes(options.propagationPolicy)
  ) {
    throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(options.propagationPolicy)}`);
  }
  return options;
}

export async function remove(cluster: Cluster, req: ApiRequest, target: Target): Promise<Reply> {
  const current = existing(cluster, target);
  const options = await deleteOptions(req);
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (
    (uid && uid !== current.metadata.uid) ||
    (resourceVersion && resourceVersion !== current.metadata.resourceVersion)
  ) {
    throw conflict(target.type, current.metadata.name);
  }
  const details = {
    name: current.metadata.name,
    ...(target.type.group ? { group: target.type.group } : {}),
    kind: target.type.plural,
    uid: current.metadata.uid,
  };
  const isPod = target.type.kind === 'Pod';
  if (isDryRun(req, options.dryRun))
    return { code: 200, body: isPod ? current : successStatus(200, details) };
  const deleted = isPod
    ? killPod(cluster, current)
    : cluster.delete(target.type, target.namespace, current.metadata.name, options.propagationPolicy);
  cluster.reconcile();
  return { code: 200, body: isPod ? deleted : successStatus(200, details) };
}
