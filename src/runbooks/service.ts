// The runbook service the tools and the app use: the loaded runbooks with their track
// record, plans, and executions that start at once and run in the background, each step
// through the gate. Executions live in the store, leased to the instance that runs them
// (./lease.ts), so a restarted server or another replica adopts the ones whose lease
// lapsed; waiters (runbook_run / runbook_status with waitSeconds) are told of each step
// change, whichever replica runs it (./waiters.ts).

import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditFeed } from '../audit/feed.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Backends } from '../backends/types.ts';
import type { Dispatcher } from '../dispatch/dispatcher.ts';
import { formatZodIssues } from '../dispatch/records.ts';
import type { Registry } from '../registry.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Clock } from '../tool.ts';
import type { Principal } from '../types.ts';
import { finishExecution, runExecution } from './engine.ts';
import { RunbookError } from './error.ts';
import { LeaseKeeper, leaseOwner } from './lease.ts';
import { resolveStep } from './load.ts';
import { resolveParams } from './params.ts';
import { planRunbook, type RunbookPlan } from './plan.ts';
import type { EngineDeps } from './run-context.ts';
import { type ExecutionStatus, executionStatus } from './status.ts';
import { type ExecutionFilter, type ExecutionRecord, ExecutionStore } from './store.ts';
import { type ExecutionTarget, executionTarget } from './target.ts';
import type { ParamValue, Runbook, RunbookParam } from './types.ts';
import { Waiters } from './waiters.ts';

export type { RunbookPlan } from './plan.ts';
export type { ExecutionStatus, PendingApproval, StepStatus } from './status.ts';
export { EXECUTION_OUTCOMES, type ExecutionFilter } from './store.ts';
export type { ExecutionTarget } from './target.ts';

export interface RunbookSummary {
  name: string;
  version: string;
  title: string;
  description: string;
  matches: Runbook['matches'];
  params: RunbookParam[];
  /** Finished real runs (dry runs are not counted). */
  runs: { total: number; resolved: number; escalated: number; failed: number };
  /** resolved / finished, null before the first finished run. */
  successRate: number | null;
}

export interface RunbookService {
  /** The runbooks this server can run (each action's tool is served). */
  list(): RunbookSummary[];
  get(name: string): Runbook | undefined;
  /** Why a loaded runbook cannot run here (a step's tool is not served), or undefined. */
  unavailable(name: string): string | undefined;
  /** What the run would do and what the gate would decide for each action, now. Throws RunbookError on bad params. */
  plan(name: string, params: Record<string, unknown>, principal: Principal): Promise<RunbookPlan>;
  /** The target an execution of `name` with `params` would hold (see target.ts). Throws RunbookError on bad params. */
  targetOf(name: string, params: Record<string, unknown>): ExecutionTarget;
  /**
   * Starts a run in the background and returns at once (state running). Throws RunbookError
   * (unknown runbook, bad params, bad arguments for a step's tool) or TargetBusyError
   * (another execution is running on the same target).
   */
  start(
    name: string,
    params: Record<string, unknown>,
    opts: { principal: Principal; reason: string; dryRun: boolean },
  ): ExecutionStatus;
  status(id: string): ExecutionStatus | undefined;
  /** Executions newest first, real and dry runs, as status() shows each. */
  executions(filter: ExecutionFilter): ExecutionStatus[];
  /** Stops a running execution (an action already under way completes and is recorded). */
  cancel(id: string, principal: Principal, reason: string): ExecutionStatus;
  /** Resolves when the execution ends, or after `timeoutMs` (or on `signal`) with its current status; `onChange` is told of each step change. */
  wait(
    id: string,
    opts: { timeoutMs: number; onChange?: (s: ExecutionStatus) => void; signal?: AbortSignal },
  ): Promise<ExecutionStatus>;
  /**
   * Adopts executions nobody holds (left by a previous server or a replica that died, once
   * their lease lapsed), now and from then on, and keeps the leases of this instance's runs.
   */
  resume(): void;
  /**
   * Stops timers and runs; runs that reached a safe point stay `running` in the store with
   * their lease released, so another replica (or the next start) adopts them at once.
   */
  close(): Promise<void>;
}

export interface RunbookServiceDeps {
  db: SqlDatabase;
  audit: AuditLog;
  /** Wakes approval waits when a decision is recorded, by any replica. */
  auditFeed?: AuditFeed;
  approvals: ApprovalStore;
  call: EngineDeps['call'];
  preview: Dispatcher['preview'];
  registry: Pick<Registry, 'get' | 'withheld'>;
  backends: Backends;
  clock: Clock;
  worldClock: Clock;
  /** World ms per wall ms (a sandbox at --speed 30: 30). Default 1. */
  timeScale?: number;
  runbooks: readonly Runbook[];
  logger: Logger;
  /** How often a pending approval, and a run waited on, is polled, wall ms (default 1000). */
  pollIntervalMs?: number;
  /** How long a run stays leased to this instance without renewal, wall ms (default 15 000). */
  leaseMs?: number;
}

declare module '../backends/types.ts' {
  interface Backends {
    runbooks?: RunbookService;
  }
}

/** How long close() waits for runs to reach a safe point (an in-flight action to return). */
const CLOSE_GRACE_MS = 5_000;

export function createRunbookService(deps: RunbookServiceDeps): RunbookService {
  const byName = new Map<string, Runbook>();
  for (const runbook of deps.runbooks) {
    const twin = byName.get(runbook.name);
    if (twin)
      throw new RunbookError([
        `duplicate runbook name ${runbook.name}: ${twin.source} and ${runbook.source}`,
      ]);
    byName.set(runbook.name, runbook);
  }
  const unavailable = unservedSteps(byName.values(), deps.registry);
  if (unavailable.size)
    deps.logger.warn(
      { runbooks: Object.fromEntries(unavailable) },
      'runbooks hidden: a step calls a tool this server does not serve',
    );
  const store = new ExecutionStore(deps.db);
  const runs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const owner = leaseOwner();
  const leaseMs = deps.leaseMs ?? 15_000;
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const engine: EngineDeps = {
    store,
    audit: deps.audit,
    approvals: deps.approvals,
    call: deps.call,
    registry: deps.registry,
    backends: deps.backends,
    clock: deps.clock,
    worldClock: deps.worldClock,
    timeScale: deps.timeScale ?? 1,
    pollIntervalMs,
    ...(deps.auditFeed ? { auditFeed: deps.auditFeed } : {}),
    logger: deps.logger,
    owner,
    changed: (id) => waiters.changed(id),
  };
  const waiters = new Waiters(deps.db, status, pollIntervalMs);
  const leases = new LeaseKeeper({
    store,
    owner,
    leaseMs,
    logger: deps.logger,
    runs,
    adopt: launch,
  });
  let closed = false;

  /** A runbook this server can run; `evenUnavailable` for what a run would hold (its target). */
  function runbookNamed(name: string, evenUnavailable = false): Runbook {
    const runbook = byName.get(name);
    const why = unavailable.get(name);
    if (why && !evenUnavailable) throw new RunbookError([`runbook ${name} cannot run here: ${why}`]);
    if (!runbook) {
      const known = [...byName.keys()].filter((n) => !unavailable.has(n)).join(', ') || 'none loaded';
      throw new RunbookError([`unknown runbook "${name}" (known: ${known})`]);
    }
    return runbook;
  }

  function status(id: string): ExecutionStatus | undefined {
    const exec = store.get(id);
    return exec ? statusOf(exec) : undefined;
  }

  function statusOf(exec: ExecutionRecord): ExecutionStatus {
    return executionStatus(
      exec,
      store.steps(exec.id),
      byName.get(exec.runbook),
      deps.approvals,
      deps.backends.decideElsewhere,
    );
  }

  function launch(id: string): void {
    const exec = store.get(id);
    if (exec?.state !== 'running' || runs.has(id) || closed) return;
    const runbook = byName.get(exec.runbook);
    const controller = new AbortController();
    const logger = deps.logger.child({ execution: id, runbook: exec.runbook });
    if (!runbook) {
      finishExecution({ deps: engine, exec }, 'escalate', {
        message: `runbook ${exec.runbook} is no longer loaded; not resuming this run`,
      });
      return;
    }
    const done = runExecution({ deps: engine, exec, runbook, signal: controller.signal, logger })
      .catch((err: unknown) => {
        // Store or audit failures: the run stays `running`; once its lease lapses a replica
        // (this one too) adopts it again.
        logger.error({ err }, 'runbook execution stopped: could not record its progress');
      })
      .finally(() => runs.delete(id));
    runs.set(id, { controller, done });
  }

  /** Renders every action's arguments and checks them against its tool's schema; returns the first action's (the target's fallback). */
  function checkActions(runbook: Runbook, params: Record<string, ParamValue>, dryRun: boolean) {
    const scope = {
      params,
      runbook: { name: runbook.name, version: runbook.version },
      execution: { id: 'check' },
    };
    const problems: string[] = [];
    let firstActionArgs: Record<string, unknown> | undefined;
    for (const step of runbook.steps.map((s) => resolveStep(s, scope))) {
      if (step.kind !== 'action') continue;
      firstActionArgs ??= step.args;
      const tool = deps.registry.get(step.tool);
      if (!tool) continue; // the runbook is unavailable: start() refuses it, naming the step
      const args = dryRun && tool.kind === 'mutate' ? { ...step.args, dryRun: true } : step.args;
      const parsed = tool.input.safeParse(args);
      if (!parsed.success)
        problems.push(
          `step ${step.id}: invalid arguments for ${step.tool}: ${formatZodIssues(parsed.error)}`,
        );
    }
    if (problems.length) throw new RunbookError(problems, `runbook ${runbook.name} cannot run`);
    return firstActionArgs;
  }

  return {
    list() {
      const counts = store.counts();
      return [...byName.values()]
        .filter((r) => !unavailable.has(r.name))
        .map((r) => {
          const c = counts.get(r.name);
          const runs = {
            total: c?.total ?? 0,
            resolved: c?.resolved ?? 0,
            escalated: c?.escalated ?? 0,
            failed: c?.failed ?? 0,
          };
          const decided = runs.resolved + runs.escalated + runs.failed;
          return {
            name: r.name,
            version: r.version,
            title: r.title,
            description: r.description,
            matches: r.matches,
            params: r.params,
            runs,
            successRate: decided ? runs.resolved / decided : null,
          };
        });
    },

    get: (name) => (unavailable.has(name) ? undefined : byName.get(name)),

    unavailable: (name) => unavailable.get(name),

    plan: (name, params, principal) => planRunbook(runbookNamed(name), params, principal, deps.preview),

    targetOf(name, params) {
      // Even for a runbook that cannot run here: a run_runbook call reaches the policy and
      // the audit log, and its handler's start() refuses it there, on record.
      const runbook = runbookNamed(name, true);
      const resolved = resolveParams(runbook, params);
      return executionTarget(runbook, resolved, checkActions(runbook, resolved, false));
    },

    start(name, given, opts) {
      if (closed) throw new Error('the runbook service is shutting down');
      const runbook = runbookNamed(name);
      const params = resolveParams(runbook, given);
      const target = executionTarget(runbook, params, checkActions(runbook, params, opts.dryRun));
      const exec = store.insert(
        {
          runbook: runbook.name,
          version: runbook.version,
          digest: runbook.digest,
          params,
          principal: opts.principal,
          reason: opts.reason,
          dryRun: opts.dryRun,
          target,
          startedAt: deps.clock.now().toISOString(),
          startedWallMs: Date.now(),
        },
        { owner, nowMs: Date.now(), leaseMs },
      );
      try {
        deps.audit.append({
          type: 'runbook.started',
          principal: opts.principal.id,
          data: {
            runbook: { name: runbook.name, version: runbook.version, digest: runbook.digest },
            execution: exec.id,
            params,
            target: target.key,
            reason: opts.reason,
            dryRun: opts.dryRun,
          },
        });
      } catch (err) {
        store.finish(exec.id, {
          outcome: 'failed',
          endedAt: deps.clock.now().toISOString(),
          durationMs: 0,
          message: `not started: ${(err as Error).message}`,
        });
        throw err;
      }
      launch(exec.id);
      leases.start();
      return status(exec.id)!;
    },

    status,

    executions: (filter) => store.list(filter).map(statusOf),

    cancel(id, principal, reason) {
      const exec = store.get(id);
      if (!exec) throw new RunbookError([`no runbook execution with id ${id}`]);
      if (exec.state !== 'running') {
        throw new RunbookError([
          `execution ${id} already ended: ${exec.outcome}${exec.decidedBy ? ` at step ${exec.decidedBy}` : ''}`,
        ]);
      }
      finishExecution({ deps: engine, exec }, 'cancelled', {
        ...(exec.currentStep ? { decidedBy: exec.currentStep } : {}),
        message: `cancelled by ${principal.id}: ${reason}`,
        cancelledBy: principal.id,
      });
      for (const visit of store.steps(id).filter((v) => v.state !== 'done')) {
        store.updateStep({
          ...visit,
          state: 'done',
          outcome: 'cancelled',
          endedAt: deps.clock.now().toISOString(),
        });
      }
      runs.get(id)?.controller.abort(new Error('cancelled'));
      return status(id)!;
    },

    wait(id, opts) {
      const waiting = waiters.wait(id, opts);
      return waiting ?? Promise.reject(new RunbookError([`no runbook execution with id ${id}`]));
    },

    resume() {
      leases.tick();
      leases.start();
    },

    async close() {
      closed = true;
      leases.stop();
      const pending = [...runs.keys()];
      for (const run of runs.values()) run.controller.abort(new Error('shutting down'));
      await Promise.race([
        Promise.all([...runs.values()].map((r) => r.done)),
        new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref()),
      ]);
      // A run still in an action keeps its lease until it lapses: nobody adopts it mid-call.
      try {
        store.release(
          owner,
          pending.filter((id) => !runs.has(id)),
        );
      } catch (err) {
        deps.logger.error(
          { err },
          'could not release runbook execution leases; other replicas adopt them once they lapse',
        );
      }
      waiters.close();
    },
  };
}

/**
 * Runbooks whose action steps call a tool the server does not serve (toolsets, disabled
 * tools, read-only mode): why, by runbook name. They are hidden from runbook_list and refused
 * by name, so no run starts that would stop at its first unreachable step.
 */
function unservedSteps(
  runbooks: Iterable<Runbook>,
  registry: Pick<Registry, 'get' | 'withheld'>,
): Map<string, string> {
  const unavailable = new Map<string, string>();
  for (const runbook of runbooks) {
    const step = runbook.steps.find((s) => s.kind === 'action' && !registry.get(s.tool));
    if (step?.kind !== 'action') continue;
    const by = registry.withheld(step.tool)?.by ?? 'not in the catalog';
    unavailable.set(
      runbook.name,
      `step ${step.id} calls ${step.tool}, which this server does not serve (${by})`,
    );
  }
  return unavailable;
}
