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
}

export interface Target {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  service?: string;
  /** Unknown environments are treated as production (fail closed). */
  environment?: string;
  labels?: Record<string, string>;
}

export interface Impact {
  pods?: number;
  replicas?: number;
  /** 0..1: share of the service's capacity at risk. */
  fractionOfService?: number;
  estimatedCostUsd?: number;
  reversible?: boolean;
}

export type ToolKind = 'read' | 'mutate';
export type Effect = 'allow' | 'escalate' | 'deny';

export interface History {
  sameTarget: { '10m': number; '1h': number; '24h': number };
  sameTool: { '1h': number };
  approvalsRejected: { '24h': number };
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
  impact: Impact;
  history: History;
  incident?: IncidentRef;
  context: { now: Date; changeFreeze: boolean; rolloutInProgress: boolean };
}

export type ApprovalChannel = 'elicitation' | 'out-of-band';

export interface ApprovalRequirement {
  approvers: string[];
  channels: ApprovalChannel[];
  /** Milliseconds an approval request stays open. */
  ttlMs: number;
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
