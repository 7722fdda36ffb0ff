// What every step runner of the engine shares: the components an execution talks to
// (the gate, approvals, the audit log, the backends checks read), the clocks and the
// world/wall time ratio, and the execution's own record and cancellation signal.

import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import type { CallRequest } from '../dispatch/dispatcher.ts';
import type { CallOutcome } from '../dispatch/result.ts';
import type { Registry } from '../registry.ts';
import type { Clock } from '../tool.ts';
import type { ExecutionRecord, ExecutionStore, StepRecord } from './store.ts';
import type { Next, Runbook } from './types.ts';

export interface EngineDeps {
  store: ExecutionStore;
  audit: AuditLog;
  approvals: ApprovalStore;
  /** The dispatcher: every action goes through the gate like any tool call. */
  call(req: CallRequest): Promise<CallOutcome>;
  registry: Pick<Registry, 'get' | 'withheld'>;
  backends: Backends;
  /** The gate's time: timestamps of records. */
  clock: Clock;
  /** The observed world's time: when PromQL checks are evaluated. */
  worldClock: Clock;
  /** World milliseconds per wall millisecond: a runbook's durations are world time. */
  timeScale: number;
  /** How often (wall ms) a pending approval is looked at again. */
  pollIntervalMs: number;
  logger: Logger;
  /** Told whenever a step of an execution starts, waits, or ends. */
  changed(executionId: string): void;
}

export interface RunContext {
  deps: EngineDeps;
  exec: ExecutionRecord;
  runbook: Runbook;
  /** Aborted on cancel and on shutdown. */
  signal: AbortSignal;
  logger: Logger;
}

export interface StepResult {
  outcome: string;
  next: Next;
  message?: string;
}

/** Wall milliseconds for a world duration. */
export function wallMs(ctx: RunContext, worldMs: number): number {
  return worldMs / ctx.deps.timeScale;
}

/** Sleeps `ms` of wall time; rejects with an AbortError when the run is stopped. */
export function sleep(ctx: RunContext, ms: number): Promise<void> {
  return delay(Math.max(0, ms), undefined, { signal: ctx.signal });
}

/** Persists the visit's progress and tells waiters. */
export function save(ctx: RunContext, visit: StepRecord): void {
  ctx.deps.store.updateStep(visit);
  ctx.deps.changed(ctx.exec.id);
}

/** The runbook's name, version and digest, which every runbook audit record carries. */
export function runbookRef(exec: ExecutionRecord) {
  return { name: exec.runbook, version: exec.version, digest: exec.digest };
}
