// Shared vocabulary of the gate: who calls (Principal), what a call acts on (Target),
// its blast radius (Impact), what the policy sees (PolicyInput) and what it answers
// (Decision). Policy, approvals, audit and dispatcher all speak these types.

export type PrincipalType = 'human' | 'agent' | 'service';
export type Transport = 'stdio' | 'http' | 'in-memory' | 'cli';

export interface Principal {
  id: string;
  type: PrincipalType;
  roles: string[];
  client?: { name: string; version: string };
  transport: Transport;
  /**
   * Which credential authenticated the caller over HTTP (an API key's digest prefix, a JWT
   * issuer), so an approval binds to it and not only to the id.
   */
  credential?: string;
}

export interface Target {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  service?: string;
  /** Unknown environments are treated as production (fail closed). */
  environment?: string;
  /** What the target itself said (namespace label, silence matcher) before the alias table. */
  declaredEnvironment?: string;
  labels?: Record<string, string>;
  /**
   * The workload a change to this target counts against in history: a pod's controller
   * (a ReplicaSet resolved to its Deployment), or the workload itself. Absent: the target.
   */
  workload?: { kind: string; name: string };
}

export interface Impact {
  pods?: number;
  replicas?: number;
  /** 0..1: share of the service's capacity at risk. */
  fractionOfService?: number;
  estimatedCostUsd?: number;
  reversible?: boolean;
}

/** What the policy sees of the impact: the tool's estimate and what the gate adds from history. */
export interface PolicyImpact extends Impact {
  /**
   * 0..1: this call's fractionOfService combined with the capacity executed changes took
   * from the same workload in the last hour; 0 when this call takes nothing (policy-input.ts).
   */
  cumulativeFractionOfService?: number;
}

export type ToolKind = 'read' | 'mutate';
export type Effect = 'allow' | 'escalate' | 'deny';

/** What executed real (not dry-run) changes and rejected approvals say about a call's past. */
export interface History {
  sameTarget: { '10m': number; '1h': number; '24h': number };
  sameTool: { '1h': number };
  approvalsRejected: { '24h': number };
  /** Restart-family changes (rollout restarts, pod deletes) of the target's workload. */
  restarts: { '10m': number; '1h': number; '24h': number };
  /** 0..1: share of the workload's capacity executed changes took, combined as 1 − Π(1 − f). */
  capacityRemoved: { '1h': number; '24h': number };
  /** Real changes the calling principal executed, on any target. */
  principalChanges: { '10m': number; '1h': number };
}

export interface IncidentRef {
  id: string;
  severity: string;
  status: string;
}

export interface PolicyInput {
  request: {
    tool: string;
    kind: ToolKind;
    args: Record<string, unknown>;
    dryRun: boolean;
    reason: string;
  };
  target: Required<Pick<Target, 'environment'>> & Target;
  principal: Principal;
  impact: PolicyImpact;
  history: History;
  incident?: IncidentRef;
  context: { now: Date; changeFreeze: boolean; rolloutInProgress: boolean };
}

export type ApprovalChannel = 'elicitation' | 'out-of-band';

export interface ApprovalRequirement {
  approvers: string[];
  channels: ApprovalChannel[];
  /** Approver roles of the rules that list the elicitation channel: who may confirm in the client. */
  inClientApprovers: string[];
  /** Milliseconds an approval request stays open. */
  ttlMs: number;
  /** Milliseconds a granted approval may wait to be spent (never past the request's expiry). */
  executionWindowMs: number;
}

export interface MatchedRule {
  name: string;
  effect: Effect;
  message?: string;
}

export interface BundleRef {
  name: string;
  version: string;
  digest: string;
}

export interface Decision {
  /** The effect that is enforced (in shadow mode always `allow`). */
  effect: Effect;
  /** The effect the rules produced, before shadow mode. */
  decidedEffect: Effect;
  mode: 'enforce' | 'shadow';
  matched: MatchedRule[];
  /** Set when no rule matched and the kind's default applied. */
  defaulted: boolean;
  bundle: BundleRef;
  /** Present when the decided effect is escalate: merged from every escalating rule. */
  approval?: ApprovalRequirement;
  /** Set when evaluation failed; the effect is then deny (fail closed). */
  error?: string;
}
