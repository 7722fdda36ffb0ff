// A runbook as opswarden executes it (after loading and validation of runbooks/<name>.yaml):
// typed parameters and steps — actions that go through the gate like any tool call, checks
// that verify against metrics or the cluster, explicit human approvals, and waits — each
// step naming where to go next: another step or an end state.

import type { ROOT_CAUSE_CATEGORIES } from '../sandbox/scenario/schema.ts';

export const END_STATES = ['resolved', 'escalate', 'failed'] as const;
export type EndState = (typeof END_STATES)[number];

/** A step id or an end state. */
export type Next = string;

export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

export type ParamType = 'string' | 'integer' | 'duration' | 'enum' | 'ref';

export interface RunbookParam {
  name: string;
  type: ParamType;
  description: string;
  required: boolean;
  /** Absent: required, or optional with no value. */
  default?: string | number;
  /** enum: the allowed values. */
  values?: string[];
  /** ref: the Kubernetes kind the value names (`Deployment`), written `namespace/name` or `name`. */
  kind?: string;
}

/** A resolved parameter value: integers are numbers, everything else the text given. */
export type ParamValue = string | number;

interface StepBase {
  id: string;
  title: string;
}

export interface ActionStep extends StepBase {
  kind: 'action';
  tool: string;
  /** JSON with `{{ params.x }}` templates in strings (validated at load). */
  args: Record<string, unknown>;
  /** After the action executed. Default: the following step, or `resolved` after the last. */
  next: Next;
  /** After the action failed (tool error). Denied and rejected actions always end `escalate`. */
  onFailure: Next;
}

export type CheckCondition =
  /** True when the (templated) query returns at least one series, as an alerting rule fires. */
  | { type: 'promql'; query: string }
  /** The Deployment's rollout is complete (updated, available, no old replicas). */
  | { type: 'rolloutComplete'; namespace: string; name: string }
  /** Every pod matching the selector is Ready (and there is at least one). */
  | { type: 'podsReady'; namespace: string; selector: string };

export interface CheckStep extends StepBase {
  kind: 'check';
  condition: CheckCondition;
  /** The condition must hold this long, continuously (0: once). */
  forMs: number;
  /** How often it is evaluated. */
  intervalMs: number;
  /** Give up (onFailure) when it has not held `forMs` by then. */
  timeoutMs: number;
  onSuccess: Next;
  onFailure: Next;
}

export interface ApprovalStep extends StepBase {
  kind: 'approval';
  message: string;
  /** Roles that may approve. */
  approvers: string[];
  ttlMs: number;
  next: Next;
  /** Rejected or expired. Default `escalate`. */
  onReject: Next;
}

export interface WaitStep extends StepBase {
  kind: 'wait';
  durationMs: number;
  next: Next;
}

export type RunbookStep = ActionStep | CheckStep | ApprovalStep | WaitStep;

export interface Runbook {
  name: string;
  /** semver */
  version: string;
  title: string;
  description: string;
  matches: { categories: RootCauseCategory[]; signals: string[] };
  params: RunbookParam[];
  steps: RunbookStep[];
  /** The file it was loaded from. */
  source: string;
  /** sha256 of the file's text: which exact runbook ran. */
  digest: string;
}
