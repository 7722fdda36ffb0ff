// CustomResourceDefinitions as the API server's apiextensions part treats them: a stored
// CRD makes its resource servable (discovery, URLs, the store, kubectl's short names) at
// every served version, objects shared between versions with only apiVersion changed (the
// `None` conversion); its printer columns (JSONPath) shape the Table kubectl prints. The
// checks cover what serving relies on, not the whole OpenAPI schema (objects are stored
// as given, as with `x-kubernetes-preserve-unknown-fields`).

import type { KubeObject } from '../world.ts';
import { ageSince } from './age.ts';
import { invalidValue, requiredValue, type StatusCause } from './errors.ts';
import type { Json } from './objects.ts';
import type { PrinterColumn, ResourceType, Subresource } from './resources.ts';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  subresources?: { status?: unknown; scale?: unknown };
  additionalPrinterColumns?: { name: string; type?: string; jsonPath: string; priority?: number }[];
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { plural?: string; singular?: string; kind?: string; shortNames?: string[]; categories?: string[] };
  versions?: CrdVersion[];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
const VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function specOf(crd: KubeObject): CrdSpec {
  return (crd.spec ?? {}) as CrdSpec;
}

/** What makes a CRD unservable, one cause per field, as apiextensions validation reports them. */
export function crdCauses(crd: KubeObject): StatusCause[] {
  const { group, scope, names, versions = [] } = specOf(crd);
  const causes: StatusCause[] = [];
  if (!group) causes.push(requiredValue('spec.group'));
  if (!names?.plural) causes.push(requiredValue('spec.names.plural'));
  else if (!DNS_LABEL.test(names.plural))
    causes.push(invalidValue('spec.names.plural', names.plural, 'a lowercase RFC 1123 label'));
  if (!names?.kind) causes.push(requiredValue('spec.names.kind'));
  else if (!KIND.test(names.kind))
    causes.push(invalidValue('spec.names.kind', names.kind, 'a CamelCase name'));
  if (scope !== 'Namespaced' && scope !== 'Cluster')
    causes.push(invalidValue('spec.scope', scope, 'supported values: "Cluster", "Namespaced"'));
  if (group && names?.plural && crd.metadata.name !== `${names.plural}.${group}`)
    causes.push(invalidValue('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  if (versions.length === 0) causes.push(requiredValue('spec.versions'));
  if (versions.length && versions.filter((v) => v.storage).length !== 1)
    causes.push(
      invalidValue(
        'spec.versions',
        versions.length,
        'must have exactly one version marked as storage version',
      ),
    );
  versions.forEach((v, i) => {
    if (!v.name || !DNS_LABEL.test(v.name))
      causes.push(invalidValue(`spec.versions[${i}].name`, v.name, 'a DNS label'));
  });
  return causes;
}

/** The status the API server reports once a CRD's names are accepted: Established. */
export function crdStatus(crd: KubeObject, now: string): Json {
  const { names = {}, versions = [] } = specOf(crd);
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: { ...names, singular: names.singular ?? names.kind?.toLowerCase() },
    storedVersions: versions.filter((v) => v.storage).map((v) => v.name),
  };
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first, others last by name. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string) => {
    const m = VERSION.exec(v);
    if (!m) return [3, 0, 0];
    return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The resource types a valid CRD serves: one per served version, the preferred version first. */
export function crdTypes(crd: KubeObject): ResourceType[] {
  if (crdCauses(crd).length) return [];
  const { group, scope, names, versions = [] } = specOf(crd) as Required<CrdSpec>;
  return versions
    .filter((v) => v.served !== false)
    .sort((a, b) => compareVersions(a.name, b.name))
    .map((v): ResourceType => {
      const subresources: Subresource[] = [];
      if (v.subresources?.status)
        subresources.push({
          name: 'status',
          group,
          version: v.name,
          kind: names.kind!,
          verbs: ['get', 'patch', 'update'],
        });
      return {
        group,
        version: v.name,
        plural: names.plural!,
        singular: names.singular ?? names.kind!.toLowerCase(),
        kind: names.kind!,
        namespaced: scope === 'Namespaced',
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        subresources,
        custom: true,
        printerColumns: (v.additionalPrinterColumns ?? []).map((c) => ({
          name: c.name,
          type: c.type ?? 'string',
          jsonPath: c.jsonPath,
          priority: c.priority ?? 0,
        })),
      };
    });
}

/** Printer cells of a custom resource with printer columns: Name, then each column's JSONPath (dates as ages). */
export function customCells(
  columns: readonly PrinterColumn[],
  object: KubeObject,
  now: Date,
): (string | number)[] {
  return [
    object.metadata.name,
    ...columns.map((column) => {
      const values = jsonPath(object, column.jsonPath);
      if (values.length === 0) return '';
      if (column.type === 'date') return ageSince(values[0], now);
      if (column.type === 'integer' && typeof values[0] === 'number') return values[0];
      return values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
    }),
  ];
}

const SEGMENT = String.raw`\.([A-Za-z0-9_-]+)|\[(\d+|\*)\]|\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\]`;

/**
 * The values a printer column's JSONPath selects: the subset CRDs use (`.a.b`, `[0]`, `[*]`,
 * `[?(@.type=="Ready")]`, with or without kubectl's `{}`). Anything else selects nothing.
 */
export function jsonPath(object: unknown, path: string): unknown[] {
  const expr = path.trim().replace(/^\{(.*)\}$/, '$1');
  const segment = new RegExp(SEGMENT, 'y');
  let current: unknown[] = [object];
  while (segment.lastIndex < expr.length) {
    const m = segment.exec(expr);
    if (!m) return [];
    const [, field, index, filterField, filterValue] = m;
    current = current.flatMap((node): unknown[] => {
      if (field !== undefined)
        return node && typeof node === 'object' && field in node ? [(node as Json)[field]] : [];
      if (!Array.isArray(node)) return [];
      if (index === '*') return node;
      if (index !== undefined) return node[Number(index)] === undefined ? [] : [node[Number(index)]];
      return node.filter((item) => jsonPath(item, `.${filterField}`)[0] === filterValue);
    });
  }
  return current.filter((v) => v !== undefined && v !== null);
}
