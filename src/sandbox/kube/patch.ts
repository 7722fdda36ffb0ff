// The PATCH content types the API server accepts: JSON merge patch (RFC 7386), JSON patch
// (RFC 6902) and strategic merge patch. Server-side apply (`application/apply-patch+yaml`)
// is refused with 415, which tells kubectl to use client-side apply.

import { canonicalJson } from '../../canonical.ts';
import { badRequest, KubeError, unsupportedMediaType } from './errors.ts';
import { strategicMerge } from './strategic-merge.ts';

type Json = unknown;

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

/** A failed operation: the patch was well-formed but does not apply (422, as the API server answers). */
function patchFailure(op: JsonPatchOp, why: string): KubeError {
  return new KubeError(
    422,
    'Invalid',
    `json patch ${op.op} operation at ${JSON.stringify(op.path)} failed: ${why}`,
  );
}

function parsePointer(pointer: string, op: JsonPatchOp): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw patchFailure(op, `path ${JSON.stringify(pointer)} does not start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(container: Json[], token: string, op: JsonPatchOp, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return container.length;
  const index = Number(token);
  if (
    !/^(0|[1-9]\d*)$/.test(token) ||
    index > container.length ||
    (!allowEnd && index === container.length)
  ) {
    throw patchFailure(
      op,
      `array index ${JSON.stringify(token)} is out of range (length ${container.length})`,
    );
  }
  return index;
}

/** Walks to the parent of the pointer's last token. */
function parentOf(doc: Json, tokens: string[], op: JsonPatchOp): { parent: Json; last: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, token, op, false)];
    else if (isObject(node) && token in node) node = node[token];
    else throw patchFailure(op, `path segment ${JSON.stringify(token)} does not exist`);
  }
  return { parent: node, last: tokens[tokens.length - 1]! };
}

function getAt(doc: Json, pointer: string, op: JsonPatchOp): Json {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) return doc;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, op, false)];
  if (isObject(parent) && last in parent) return parent[last];
  throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
}

function removeAt(doc: Json, pointer: string, op: JsonPatchOp): Json {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) throw patchFailure(op, 'cannot remove the whole document');
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, op, false), 1)[0];
  if (isObject(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
}

/** Adds (or for `replace`, overwrites an existing) value; returns the new document. */
function setAt(doc: Json, pointer: string, value: Json, op: JsonPatchOp, mustExist: boolean): Json {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, op, !mustExist);
    parent.splice(index, mustExist ? 1 : 0, value);
  } else if (isObject(parent)) {
    if (mustExist && !(last in parent)) throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
    parent[last] = value;
  } else throw patchFailure(op, `the parent of ${JSON.stringify(pointer)} is not an object or array`);
  return doc;
}

export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw badRequest('json patch: the body must be an array of operations');
  let doc = structuredClone(target);
  for (const raw of operations) {
    const op = raw as JsonPatchOp;
    if (!isObject(raw) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw badRequest(`json patch: every operation needs "op" and "path" (got ${JSON.stringify(raw)})`);
    }
    switch (op.op) {
      case 'add':
        doc = setAt(doc, op.path, structuredClone(op.value), op, false);
        break;
      case 'replace':
        doc = setAt(doc, op.path, structuredClone(op.value), op, true);
        break;
      case 'remove':
        removeAt(doc, op.path, op);
        break;
      case 'move':
      case 'copy': {
        if (typeof op.from !== 'string') throw badRequest(`json patch: ${op.op} at ${op.path} needs "from"`);
        const value =
          op.op === 'move' ? removeAt(doc, op.from, op) : structuredClone(getAt(doc, op.from, op));
        doc = setAt(doc, op.path, value, op, false);
        break;
      }
      case 'test':
        if (canonicalJson(getAt(doc, op.path, op)) !== canonicalJson(op.value)) {
          throw patchFailure(op, `value is not ${JSON.stringify(op.value)}`);
        }
        break;
      default:
        throw badRequest(`json patch: unknown op ${JSON.stringify(op.op)} at ${op.path}`);
    }
  }
  return doc;
}

/**
 * The PATCH body's media type, or 415 for one the simulator does not apply: checked before
 * the object is looked up, as the API server does, so server-side apply of a missing
 * object is a 415 and not a 404.
 */
export function patchType(contentType: string): string {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (!PATCH_TYPES.includes(mediaType)) throw unsupportedMediaType(contentType, PATCH_TYPES);
  return mediaType;
}

/** Applies a PATCH body of the given Content-Type to a copy of `original`. */
export function applyPatch(contentType: string, original: Json, body: string): Json {
  const mediaType = patchType(contentType);
  let patch: Json;
  try {
    patch = JSON.parse(body);
  } catch (error) {
    throw badRequest(`the patch body is not valid JSON: ${(error as Error).message}`);
  }
  if (mediaType === 'application/json-patch+json') return jsonPatch(original, patch);
  if (!isObject(patch)) throw badRequest(`a ${mediaType} body must be a JSON object`);
  if (mediaType === 'application/merge-patch+json') return mergePatch(original, patch);
  return strategicMerge(structuredClone(original), patch);
}
