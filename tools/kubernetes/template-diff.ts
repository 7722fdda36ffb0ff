// What changed between two pod templates, the way an SRE reads a rollout: leaf by leaf,
// with lists of named things matched by name rather than position, so a change reads
// `spec.containers[app].env[DB_POOL_MAX]: "50" → "10"`, not `env[0].value`, and an added or
// removed element is one change naming it; a map of strings (annotations, labels) appearing
// or going is one change per key. The keys are Kubernetes' own merge keys:
// containers and env by name, ports by name (else containerPort), volumeMounts by
// mountPath. A list whose elements lack a key or repeat one is compared by position.

import { secretName } from '../../src/shape/redact.ts';

export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

type Json = Record<string, unknown>;

/** List field → the fields that name its elements, first present wins. */
const LIST_KEYS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  ports: ['name', 'containerPort'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  resourceClaims: ['name'],
  topologySpreadConstraints: ['topologyKey'],
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Leaf-level differences between two JSON values (pod templates), lists of named things
 * matched by name. An env variable changes as one value: its `value` when that is all it
 * has, else what it has besides its name (`valueFrom`); one whose name says secret changes
 * as a whole ({ name, value } on each side), so the redactor masks both sides by the name.
 */
export function diff(a: unknown, b: unknown, path = ''): Change[] {
  if (same(a, b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const sub = path ? `${path}.${k}` : k;
      const listish = (v: unknown) => v === undefined || Array.isArray(v);
      return LIST_KEYS[k] && listish(a[k]) && listish(b[k])
        ? diffList(k, a[k], b[k], sub)
        : diff(a[k], b[k], sub);
    });
  }
  if (Array.isArray(a) && Array.isArray(b)) return diffByPosition(a, b, path);
  // A map of strings (annotations, labels, nodeSelector) appearing or going: one change per key.
  if (a === undefined && isStringMap(b)) return diff({}, b, path);
  if (b === undefined && isStringMap(a)) return diff(a, {}, path);
  return [leaf(path, a, b)];
}

const isStringMap = (v: unknown): v is Json =>
  isObject(v) && Object.values(v).every((value) => typeof value === 'string');

function leaf(path: string, from: unknown, to: unknown): Change {
  return {
    path: path || '(root)',
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

function diffByPosition(a: unknown[], b: unknown[], path: string): Change[] {
  const length = Math.max(a.length, b.length);
  return Array.from({ length }, (_, i) => diff(a[i], b[i], `${path}[${i}]`)).flat();
}

/** The element's name under `field`'s keys; undefined when it has none. */
function nameOf(field: string, element: unknown): string | undefined {
  if (!isObject(element)) return undefined;
  for (const key of LIST_KEYS[field] ?? []) {
    const value = element[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** Elements by name, in order; undefined when an element has no name or a name repeats. */
function byName(field: string, list: unknown): Map<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, unknown>();
  for (const element of list) {
    const name = nameOf(field, element);
    if (name === undefined || out.has(name)) return undefined;
    out.set(name, element);
  }
  return out;
}

/** A list of named things (either side may be absent: no elements). */
function diffList(field: string, a: unknown, b: unknown, path: string): Change[] {
  const before = byName(field, a ?? []);
  const after = byName(field, b ?? []);
  if (!before || !after)
    return Array.isArray(a) && Array.isArray(b) ? diffByPosition(a, b, path) : [leaf(path, a, b)];
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((name) => {
    const from = before.get(name);
    const to = after.get(name);
    const at = `${path}[${name}]`;
    if (from === undefined || to === undefined) return [leaf(at, envValue(field, from), envValue(field, to))];
    if (field !== 'env') return diff(from, to, at);
    const [was, is] = [envValue(field, from), envValue(field, to)];
    return same(was, is) ? [] : [leaf(at, was, is)];
  });
}

/** An env variable as one value: its `value`, else what it has besides its name, whole if secret. */
function envValue(field: string, entry: unknown): unknown {
  if (field !== 'env' || !isObject(entry)) return entry;
  if (typeof entry.name === 'string' && secretName(entry.name) !== undefined) return entry;
  const { name: _name, ...rest } = entry;
  const keys = Object.keys(rest);
  if (keys.length === 0) return '';
  return keys.length === 1 && keys[0] === 'value' ? rest.value : rest;
}
