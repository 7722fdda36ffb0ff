// What one runbook execution acts on, so two runs never work the same object at once and
// the runbook tools' policy target names it. The rule, in order:
//   1. the runbook's first `ref` parameter: `Kind/namespace/name` (a bare name takes its
//      namespace from the `namespace` parameter);
//   2. else the first action's rendered `namespace` and `name` arguments: `namespace/name`;
//   3. else the runbook itself: `runbook/<name>` (one run of that runbook at a time).

import type { ParamValue, Runbook } from './types.ts';

export interface ExecutionTarget {
  /** The lock key: at most one running execution per key. */
  key: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

export function executionTarget(
  runbook: Pick<Runbook, 'name' | 'params'>,
  params: Record<string, ParamValue>,
  firstActionArgs: Record<string, unknown> | undefined,
): ExecutionTarget {
  const ref = runbook.params.find((p) => p.type === 'ref' && params[p.name] !== undefined);
  if (ref) {
    const value = String(params[ref.name]);
    const slash = value.indexOf('/');
    const fallbackNamespace = typeof params.namespace === 'string' ? params.namespace : undefined;
    const namespace = slash >= 0 ? value.slice(0, slash) : fallbackNamespace;
    const name = slash >= 0 ? value.slice(slash + 1) : value;
    const kind = ref.kind ?? 'Object';
    return {
      key: [kind, namespace, name].filter(Boolean).join('/'),
      kind,
      ...(namespace ? { namespace } : {}),
      name,
    };
  }
  const name = firstActionArgs?.name;
  if (typeof name === 'string' && name) {
    const namespace = typeof firstActionArgs?.namespace === 'string' ? firstActionArgs.namespace : undefined;
    return { key: [namespace, name].filter(Boolean).join('/'), ...(namespace ? { namespace } : {}), name };
  }
  return { key: `runbook/${runbook.name}` };
}
