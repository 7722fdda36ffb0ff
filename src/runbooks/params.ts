// Runbook parameter values: what each type accepts, and the values one execution runs with
// (given values checked and normalised, defaults filled in). The loader checks defaults with
// the same rules, so a default can never be a value a caller would be refused.
//
//   string    non-empty text (a number is taken as its text)
//   integer   a whole number, or a string of digits ("40")
//   duration  "90s", "5m", "1h" (kept as text: templates put it into PromQL ranges as is)
//   enum      one of `values`
//   ref       "name", or "namespace/name" for a namespaced kind: the value becomes the name and
//             the namespace goes to the runbook's `namespace` parameter (filled in when not
//             given, and it must agree when given)

import { parseDuration } from '../duration.ts';
import { didYouMean, type Problem, RunbookError } from './error.ts';
import type { ParamValue, Runbook, RunbookParam } from './types.ts';

const NAME = /^[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/;
const DIGITS = /^\d+$/;
/** Kinds without a namespace: a ref to one is a bare name. */
const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);
/** The parameter a `namespace/name` ref puts its namespace in. */
const NAMESPACE_PARAM = 'namespace';

/** A ref value split into its parts; `namespace` only when written `namespace/name`. */
interface RefValue {
  name: string;
  namespace?: string;
}

/** The value as the runbook sees it, or the reason it does not fit the parameter. */
export function paramValue(param: RunbookParam, value: unknown): { value: ParamValue } | { problem: string } {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  switch (param.type) {
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return { value };
      if (typeof value === 'string' && DIGITS.test(value.trim())) return { value: Number(value.trim()) };
      return { problem: `expected a whole number such as 40, got ${JSON.stringify(value)}` };
    case 'string':
      if (typeof text === 'string' && text.trim()) return { value: text };
      return { problem: `expected non-empty text, got ${JSON.stringify(value)}` };
    case 'duration':
      if (typeof value !== 'string')
        return { problem: `expected a duration such as 5m, got ${JSON.stringify(value)}` };
      try {
        parseDuration(value);
        return { value: value.trim() };
      } catch (error) {
        return { problem: (error as Error).message };
      }
    case 'enum':
      if (typeof text === 'string' && param.values?.includes(text)) return { value: text };
      return {
        problem: `expected one of ${(param.values ?? []).join(', ')}, got ${JSON.stringify(value)}${typeof text === 'string' ? didYouMean(text, param.values ?? []) : ''}`,
      };
    case 'ref': {
      const ref = typeof value === 'string' ? parseRef(value, param.kind) : undefined;
      if (!ref) {
        const shape = CLUSTER_SCOPED.has(param.kind ?? '') ? 'name' : 'name or namespace/name';
        return { problem: `expected a ${param.kind ?? 'object'} ${shape}, got ${JSON.stringify(value)}` };
      }
      return { value: ref.name };
    }
  }
}

function parseRef(text: string, kind: string | undefined): RefValue | undefined {
  const parts = text.trim().split('/');
  if (!parts.every((part) => NAME.test(part))) return undefined;
  if (parts.length === 1) return { name: parts[0]! };
  if (parts.length === 2 && !CLUSTER_SCOPED.has(kind ?? '')) return { namespace: parts[0]!, name: parts[1]! };
  return undefined;
}

/** The values an execution of `runbook` runs with; throws RunbookError naming every bad, missing or unknown parameter. */
export function resolveParams(runbook: Runbook, given: Record<string, unknown>): Record<string, ParamValue> {
  const { values, problems } = checkParams(runbook.params, given);
  if (problems.length) {
    throw new RunbookError(
      problems.map((p) => `${p.path.join('.')}: ${p.message}`),
      `invalid parameters for runbook ${runbook.name}`,
    );
  }
  return values;
}

/** resolveParams without the throw: the values that fit, and a problem (path `params.<name>`) per one that does not. */
export function checkParams(
  params: readonly RunbookParam[],
  given: Record<string, unknown>,
): { values: Record<string, ParamValue>; problems: Problem[] } {
  const declared = params.map((p) => p.name);
  const problems: Problem[] = Object.keys(given)
    .filter((name) => !declared.includes(name))
    .map((name) => ({
      path: ['params', name],
      message: `unknown parameter${didYouMean(name, declared)} (known: ${declared.join(', ') || 'none'})`,
    }));
  const effective = { ...given };
  for (const param of params) {
    const problem = placeRefNamespace(params, param, given, effective);
    if (problem) problems.push({ path: ['params', param.name], message: problem });
  }
  const values: Record<string, ParamValue> = {};
  for (const param of params) {
    const raw = effective[param.name] ?? param.default;
    if (raw === undefined || raw === null) {
      if (param.required)
        problems.push({ path: ['params', param.name], message: `required: ${param.description}` });
      continue;
    }
    const result = paramValue(param, raw);
    if ('problem' in result) problems.push({ path: ['params', param.name], message: result.problem });
    else values[param.name] = result.value;
  }
  return { values, problems };
}

/**
 * A ref given as `namespace/name` puts its namespace into the namespace parameter (in
 * `effective`), or says why it cannot: the runbook has none, or it was given another value.
 */
function placeRefNamespace(
  params: readonly RunbookParam[],
  param: RunbookParam,
  given: Record<string, unknown>,
  effective: Record<string, unknown>,
): string | undefined {
  const value = given[param.name];
  const namespace =
    param.type === 'ref' && typeof value === 'string' ? parseRef(value, param.kind)?.namespace : undefined;
  if (!namespace) return undefined;
  if (!params.some((p) => p.name === NAMESPACE_PARAM && p.type === 'string'))
    return `give the name only: this runbook has no "${NAMESPACE_PARAM}" parameter to take "${namespace}"`;
  const stated = effective[NAMESPACE_PARAM];
  if (stated !== undefined && stated !== namespace)
    return `names namespace "${namespace}" but the ${NAMESPACE_PARAM} parameter is ${JSON.stringify(stated)}`;
  effective[NAMESPACE_PARAM] = namespace;
  return undefined;
}
