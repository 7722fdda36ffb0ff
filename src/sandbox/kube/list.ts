// Filtered, paginated lists: the label and field selectors, then `limit` + `continue` in
// key order the way the API server pages through etcd. The continue token carries the
// last key returned and the resourceVersion of the first page, which later pages report
// too; pages read the current state after that key (the simulator keeps no snapshots).

import type { KubeObject } from '../world.ts';
import { badRequest } from './errors.ts';
import type { ResourceType } from './resources.ts';
import {
  type FieldRequirement,
  type LabelRequirement,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors.ts';
import type { ObjectStore } from './store.ts';

export interface ListQuery {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  limit?: number;
  continueToken?: string;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueState {
  rv: string;
  after: string;
}

/** Reads `labelSelector`, `fieldSelector`, `limit` and `continue` from a request's query. */
export function parseListQuery(params: URLSearchParams, type: ResourceType): ListQuery {
  const query: ListQuery = {
    labels: parseLabelSelector(params.get('labelSelector') ?? ''),
    fields: parseFieldSelector(params.get('fieldSelector') ?? '', type),
  };
  const limit = params.get('limit');
  if (limit !== null && limit !== '' && limit !== '0') {
    const parsed = Number(limit);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw badRequest(`limit: invalid value ${JSON.stringify(limit)}`);
    query.limit = parsed;
  }
  const token = params.get('continue');
  if (token) query.continueToken = token;
  return query;
}

export function matchesQuery(query: Pick<ListQuery, 'labels' | 'fields'>, object: KubeObject): boolean {
  return matchesLabels(query.labels, object.metadata.labels) && matchesFields(query.fields, object);
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function encodeContinue(state: ContinueState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeContinue(token: string): ContinueState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueState;
    if (typeof state.rv === 'string' && typeof state.after === 'string') return state;
  } catch {
    // reported below
  }
  throw badRequest(`continue key is not valid: ${JSON.stringify(token)} was not issued by this server`);
}

export function listPage(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  query: ListQuery,
): ListPage {
  const resumed = query.continueToken ? decodeContinue(query.continueToken) : undefined;
  const matching = store
    .list(type, namespace)
    .filter((object) => (!resumed || keyOf(object) > resumed.after) && matchesQuery(query, object));
  const resourceVersion = resumed?.rv ?? store.resourceVersion;
  if (query.limit === undefined || matching.length <= query.limit)
    return { items: matching, resourceVersion };
  const items = matching.slice(0, query.limit);
  return {
    items,
    resourceVersion,
    continue: encodeContinue({ rv: resourceVersion, after: keyOf(items[items.length - 1]!) }),
    remainingItemCount: matching.length - items.length,
  };
}
