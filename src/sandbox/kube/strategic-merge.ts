// Strategic merge patch, the patch type kubectl sends for cordon, rollout restart, set
// image, label and edit: like a JSON merge patch, except that lists of named things
// (containers, env, ports, volumes, conditions) merge element by element on their merge
// key instead of being replaced, and `$patch`, `$setElementOrder/`, `$retainKeys` and
// `$deleteFromPrimitiveList/` directives steer the merge. The merge keys are Kubernetes'
// own `patchMergeKey` tags for the built-in types the simulator serves.

import { badRequest } from './errors.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Field name → merge key, for lists with `patchStrategy: merge`. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  addresses: 'type',
  resourceClaims: 'name',
};

/** Primitive lists that merge as sets instead of being replaced. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Container ports merge on containerPort, Service ports on port. */
function mergeKeyFor(field: string, elements: Json[]): string | undefined {
  if (field === 'ports')
    return elements.some((e) => isObject(e) && 'containerPort' in e) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

function withoutDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (!key.startsWith('$')) out[key] = withoutDirectives(child);
  }
  return out;
}

/** Applies a strategic merge patch to `original`; returns the patched value (`undefined`: deleted). */
export function strategicMerge(original: Json, patch: Json): Json {
  if (!isObject(patch)) return withoutDirectives(patch);
  const directive = patch.$patch;
  if (directive === 'replace') return withoutDirectives(patch);
  if (directive === 'delete') return undefined;
  if (directive !== undefined)
    throw badRequest(`strategic merge patch: unknown $patch directive ${JSON.stringify(directive)}`);

  const result: JsonObject = isObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, key);
    else if (isObject(value)) {
      const merged = strategicMerge(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else result[key] = value;
  }
  applyListDirectives(result, patch);
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(original: Json, patchList: Json[], field: string): Json[] {
  const base = Array.isArray(original) ? original : [];
  if (patchList.some((e) => isObject(e) && e.$patch === 'replace')) {
    return patchList.filter((e) => !(isObject(e) && e.$patch === 'replace')).map(withoutDirectives);
  }
  if (MERGED_PRIMITIVE_LISTS.has(field)) return [...new Set([...base, ...patchList])];
  const mergeKey = mergeKeyFor(field, [...base, ...patchList]);
  if (!mergeKey || !patchList.every(isObject)) return patchList.map(withoutDirectives);

  const result = [...base];
  for (const element of patchList as JsonObject[]) {
    const key = element[mergeKey];
    if (key === undefined)
      throw badRequest(`strategic merge patch: an element of ${field} has no merge key ${mergeKey}`);
    const index = result.findIndex((e) => isObject(e) && e[mergeKey] === key);
    if (element.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index], element);
    else result.push(withoutDirectives(element));
  }
  return result;
}

/** `$setElementOrder/<list>` reorders a merged list; `$deleteFromPrimitiveList/<list>` removes values. */
function applyListDirectives(result: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!Array.isArray(value)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const list = result[field];
      if (Array.isArray(list)) result[field] = list.filter((item) => !value.includes(item));
    } else if (key.startsWith(SET_ELEMENT_ORDER)) {
      const field = key.slice(SET_ELEMENT_ORDER.length);
      const list = result[field];
      if (Array.isArray(list)) result[field] = reorder(list, value, mergeKeyFor(field, list));
    }
  }
}

function reorder(list: Json[], order: Json[], mergeKey: string | undefined): Json[] {
  const identity = (e: Json) => (mergeKey && isObject(e) ? e[mergeKey] : e);
  const wanted = order.map(identity);
  const rank = (e: Json) => {
    const at = wanted.indexOf(identity(e));
    return at < 0 ? wanted.length : at;
  };
  return list
    .map((element, index) => ({ element, index }))
    .sort((a, b) => rank(a.element) - rank(b.element) || a.index - b.index)
    .map(({ element }) => element);
}
