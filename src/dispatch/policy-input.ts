// Step 3 of the call path (DESIGN §1): everything the policy sees about a call, built
// from the tool's own target/impact estimates, the audit history and the configured
// context. Fail closed: an environment nobody mapped, or named by no alias, is production.

import { canonicalEnvironment, type EnvironmentsConfig } from '../config/environments.ts';
import type { Config } from '../config/schema.ts';
import type { History, Impact, PolicyInput, Principal, Target, ToolKind } from '../types.ts';
import { cumulativeFractionOfService } from './history.ts';

/**
 * Where a target's environment comes from, first found wins: the target cluster's own
 * namespace mapping (a target naming no cluster is in `defaultCluster`), the global
 * mapping, what the tool found (a namespace's `environment` label, a silence's matcher),
 * the cluster's default, the global default. Whatever wins goes through the alias table,
 * and a value in no list is production. What the tool found stays in
 * `declaredEnvironment`, so the audit shows the raw label next to the verdict.
 */
export function resolveEnvironment(
  target: Target,
  environments: EnvironmentsConfig,
  defaultCluster?: string,
): Target & { environment: string } {
  const cluster = own(environments.clusters, target.cluster ?? defaultCluster);
  const ns = target.namespace;
  const chosen =
    own(cluster?.namespaces, ns) ??
    own(environments.namespaces, ns) ??
    target.environment ??
    cluster?.default ??
    environments.default;
  return {
    ...target,
    environment: canonicalEnvironment(chosen, environments.aliases),
    ...(target.environment !== undefined ? { declaredEnvironment: target.environment } : {}),
  };
}

/** `record[key]` when the record itself has it (a namespace called "constructor" maps to nothing). */
function own<T>(record: Record<string, T> | undefined, key: string | undefined): T | undefined {
  return record && key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function inChangeFreeze(config: Config, now: Date): boolean {
  const t = now.getTime();
  return config.policy.changeFreeze.some((w) => Date.parse(w.start) <= t && t < Date.parse(w.end));
}

export interface PolicyInputParts {
  tool: string;
  kind: ToolKind;
  args: Record<string, unknown>;
  target: Target & { environment: string };
  impact: Impact;
  principal: Principal;
  history: History;
  now: Date;
  changeFreeze: boolean;
  /** From the tool's context(), when it can tell; unknown means no. */
  rolloutInProgress?: boolean;
}

export function buildPolicyInput(p: PolicyInputParts): PolicyInput {
  return {
    request: {
      tool: p.tool,
      kind: p.kind,
      args: p.args,
      dryRun: p.args.dryRun === true,
      reason: typeof p.args.reason === 'string' ? p.args.reason : '',
    },
    target: p.target,
    principal: p.principal,
    impact: { ...p.impact, cumulativeFractionOfService: cumulativeFractionOfService(p.impact, p.history) },
    history: p.history,
    context: { now: p.now, changeFreeze: p.changeFreeze, rolloutInProgress: p.rolloutInProgress ?? false },
  };
}
