// Step 3 of the call path (DESIGN §1): everything the policy sees about a call, built
// from the tool's own target/impact estimates, the audit history and the configured
// context. Fail closed: an environment nobody mapped is production.

import type { AuditLog } from '../audit/log.ts';
import type { Config } from '../config/schema.ts';
import type { History, Impact, PolicyInput, Principal, Target, ToolKind } from '../types.ts';

const MINUTE = 60_000;

/** The key under which actions on one target are counted (restart-loop guard and friends). */
export function targetKey(target: Target): string {
  return [
    target.cluster ?? '',
    target.kind ?? '',
    target.namespace ?? '',
    target.name ?? target.service ?? '',
  ].join('/');
}

/**
 * The config's namespace mapping wins, then what the tool found (a namespace's
 * `environment` label), then the configured default (production unless changed).
 */
export function resolveEnvironment(target: Target, config: Config): Target & { environment: string } {
  const mapped = target.namespace ? config.environments.namespaces[target.namespace] : undefined;
  return { ...target, environment: mapped ?? target.environment ?? config.environments.default };
}

export function historyFor(
  audit: AuditLog,
  tool: string,
  target: Target,
  principal: Principal,
  now: Date,
): History {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const [m10, h1, h24] = audit.countExecutedWindows({ targetKey: targetKey(target) }, [
    ago(10 * MINUTE),
    ago(60 * MINUTE),
    ago(24 * 60 * MINUTE),
  ]);
  return {
    sameTarget: { '10m': m10 ?? 0, '1h': h1 ?? 0, '24h': h24 ?? 0 },
    sameTool: { '1h': audit.countExecuted({ tool, since: ago(60 * MINUTE) }) },
    approvalsRejected: {
      '24h': audit.countRejectedApprovals({ principal: principal.id, since: ago(24 * 60 * MINUTE) }),
    },
  };
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
    impact: p.impact,
    history: p.history,
    context: { now: p.now, changeFreeze: p.changeFreeze, rolloutInProgress: p.rolloutInProgress ?? false },
  };
}
