// What every step runner of the engine shares: the components an execution talks to
// (the gate, approvals, the audit log, the backends checks read), the clocks and the
// world/wall time ratio, the execution's own record and cancellation signal, and the lease
// that lets this replica write for the run (./lease.ts).

import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditFeed } from '../audit/feed.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import type { CallRequest } from '../dispatch/dispatcher.ts';
import type { CallOutcome } from '../dispatch/result.ts';
import type { Registry } from '../registry.ts';
import type { Clock } from '../tool.ts';
import { LeaseLost } from './lease.ts';
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
  /** Committed audit records from every replica: a decision wakes its wait before the next poll. */
  auditFeed?: AuditFeed;
  logger: Logger;
  /** This service instance as lease holder: it writes for a run only while it holds its lease. */
  owner: string;
  /** Told whenever a step of an execution starts, waits, or ends. */
  changed(executionId: string): void;
}

export interface RunContext {
  deps: EngineDeps;
  exec: ExecutionRecord;
  runbook: Runbook;
  /** Aborted on cancel, on shutdown, and with LeaseLost when another replica took the run. */
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

/**
 * Whether this replica may still act and write for the run: it was not taken away, and the
 * lease is current in the store (Date.now(), the clock leases are kept in).
 */
export function holdsRun(ctx: RunContext): boolean {
  return (
    !(ctx.signal.reason instanceof LeaseLost) && ctx.deps.store.holds(ctx.exec.id, ctx.deps.owner, Date.now())
  );
}

/** Throws LeaseLost unless holdsRun: the run stops here, and its new holder goes on. */
export function assertHeld(ctx: RunContext): void {
  if (!holdsRun(ctx))
    throw new LeaseLost(`execution ${ctx.exec.id} is no longer leased to ${ctx.deps.owner}`);
}

/** Persists the visit's progress and tells waiters (only while this replica holds the run). */
export function save(ctx: RunContext, visit: StepRecord): void {
  assertHeld(ctx);
  ctx.deps.store.updateStep(visit);
  ctx.deps.changed(ctx.exec.id);
}

/** The runbook's name, version and digest, which every runbook audit record carries. */
export function runbookRef(exec: ExecutionRecord) {
  return { name: exec.runbook, version: exec.version, digest: exec.digest };
}
