// labelSelector and fieldSelector as the API server parses and applies them: the label
// grammar (=, ==, !=, in, notin, exists, !exists, gt/lt) and the per-resource field
// allowlist (spec.nodeName, status.phase, involvedObject.*). A bad selector is a 400 that
// quotes the part that failed.

import type { KubeObject } from '../world.ts';
import { badRequest } from './errors.ts';
import type { ResourceType } from './resources.ts';

export type LabelRequirement =
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

const KEY = '([A-Za-z0-9](?:[-A-Za-z0-9_./]*[A-Za-z0-9])?)';
const VALUE = '((?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?)';
const EXISTS = new RegExp(`^${KEY}$`);
const NOT_EXISTS = new RegExp(String.raw`^!\s*${KEY}$`);
const EQUALITY = new RegExp(String.raw`^${KEY}\s*(==|=|!=)\s*${VALUE}$`);
const SET = new RegExp(String.raw`^${KEY}\s+(in|notin)\s*\(([^()]*)\)$`);
const ORDER = new RegExp(String.raw`^${KEY}\s*([<>])\s*(-?\d+)$`);
const SET_VALUE = new RegExp(`^${VALUE}$`);

/** Splits on commas outside parentheses (`a in (x,y),b` is two requirements). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

export function parseLabelSelector(text: string): LabelRequirement[] {
  if (text.trim() === '') return [];
  return splitTopLevel(text).map((raw) => {
    const part = raw.trim();
    const fail = (why: string) => badRequest(`unable to parse requirement: ${JSON.stringify(part)}: ${why}`);
    let match = NOT_EXISTS.exec(part);
    if (match) return { key: match[1]!, op: '!exists' };
    match = EXISTS.exec(part);
    if (match) return { key: match[1]!, op: 'exists' };
    match = EQUALITY.exec(part);
    if (match) return { key: match[1]!, op: match[2] === '!=' ? '!=' : '=', value: match[3]! };
    match = SET.exec(part);
    if (match) {
      const values = match[3]!.split(',').map((value) => value.trim());
      const bad = values.find((value) => !SET_VALUE.test(value));
      if (bad !== undefined) throw fail(`invalid label value ${JSON.stringify(bad)}`);
      return { key: match[1]!, op: match[2] as 'in' | 'notin', values };
    }
    match = ORDER.exec(part);
    if (match) return { key: match[1]!, op: match[2] === '>' ? 'gt' : 'lt', value: Number(match[3]) };
    throw fail('expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b)');
  });
}

function matchesRequirement(req: LabelRequirement, value: string | undefined): boolean {
  switch (req.op) {
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
    case '=':
      return value === req.value;
    case '!=':
      return value !== req.value;
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    default: {
      const number = Number(value);
      if (value === undefined || !Number.isInteger(number)) return false;
      return req.op === 'gt' ? number > req.value : number < req.value;
    }
  }
}

export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every((req) => matchesRequirement(req, labels?.[req.key]));
}

/** A Kubernetes LabelSelector object (matchLabels + matchExpressions) as requirements. */
export function labelSelectorRequirements(selector: unknown): LabelRequirement[] {
  const { matchLabels = {}, matchExpressions = [] } = (selector ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const requirements: LabelRequirement[] = Object.entries(matchLabels).map(([key, value]) => ({
    key,
    op: '=',
    value,
  }));
  for (const expr of matchExpressions) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' }[expr.operator];
    if (op === 'in' || op === 'notin') requirements.push({ key: expr.key, op, values: expr.values ?? [] });
    else if (op === 'exists' || op === '!exists') requirements.push({ key: expr.key, op });
  }
  return requirements;
}

function formatRequirement(req: LabelRequirement): string {
  switch (req.op) {
    case 'exists':
      return req.key;
    case '!exists':
      return `!${req.key}`;
    case '=':
    case '!=':
      return `${req.key}${req.op}${req.value}`;
    case 'in':
    case 'notin':
      return `${req.key} ${req.op} (${req.values.join(',')})`;
    default:
      return `${req.key}${req.op === 'gt' ? '>' : '<'}${req.value}`;
  }
}

/** `app=checkout,tier in (web)`: a LabelSelector object as the string form kubectl shows. */
export function formatLabelSelector(selector: unknown): string {
  return labelSelectorRequirements(selector).map(formatRequirement).join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/** The fields each kind can be selected by (apiserver's field label conversion funcs). */
const FIELDS_BY_KIND: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** Fields whose absent value reads as "false" rather than "". */
const BOOLEAN_FIELDS = new Set(['spec.hostNetwork', 'spec.unschedulable']);

function unescapeFieldValue(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Splits on a separator not preceded by a backslash. */
function splitUnescaped(text: string, separator: string): string[] {
  return text.split(new RegExp(String.raw`(?<!\\)${separator}`));
}

export function parseFieldSelector(text: string, type: ResourceType): FieldRequirement[] {
  if (text.trim() === '') return [];
  const allowed = [...COMMON_FIELDS, ...(FIELDS_BY_KIND[type.kind] ?? [])];
  return splitUnescaped(text, ',').map((raw) => {
    const match = /^\s*([A-Za-z.]+)\s*(==|=|!=)(.*)$/.exec(raw);
    if (!match)
      throw badRequest(`invalid field selector ${JSON.stringify(raw)}: expected field=value or field!=value`);
    const field = match[1]!;
    if (!allowed.includes(field)) {
      throw badRequest(
        `field label not supported: ${field} (${type.plural} can be selected by ${allowed.join(', ')})`,
      );
    }
    return { field, op: match[2] === '!=' ? '!=' : '=', value: unescapeFieldValue(match[3]!.trim()) };
  });
}

function fieldValue(object: KubeObject, field: string): string {
  const path = field === 'source' ? ['source', 'component'] : field.split('.');
  let value: unknown = object;
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
  if (value === undefined || value === null) return BOOLEAN_FIELDS.has(field) ? 'false' : '';
  return String(value);
}

export function matchesFields(requirements: FieldRequirement[], object: KubeObject): boolean {
  return requirements.every((req) => (fieldValue(object, req.field) === req.value) === (req.op === '='));
}
