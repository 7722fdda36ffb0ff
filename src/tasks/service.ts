// What a task is and does, apart from the protocol (src/server/mcp.ts maps the methods):
// a runbook started in band and followed; a tool call run in the background from the start
// (a long query, a drain); a call the gate holds for an out-of-band approval, which the task
// waits out and then runs with the grant, as its requester, once. Every call goes through
// the gate as the task's owner. Tasks live in the store (./store.ts): a runbook task reads
// its run, which resumes after a restart; a call task cut short by a restart says so.

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApprovalStore } from '../approvals/store.ts';
import type { AuditFeed } from '../audit/feed.ts';
import type { CallRequest } from '../dispatch/dispatcher.ts';
import type { CallOutcome } from '../dispatch/result.ts';
import { untrustedMeta } from '../shape/untrusted.ts';
import type { SqlDatabase } from '../store/sql.ts';
import type { Principal } from '../types.ts';
import { type TaskRecord, TaskStore } from './store.ts';

/** How often a client should poll; a runbook step or an approval takes seconds at least. */
export const TASK_POLL_MS = 2_000;
const HEARTBEAT_MS = 5_000;
/** A running call task whose process has not said it is alive for this long was cut short. */
const STALE_MS = 30_000;
const APPROVAL_POLL_MS = 500;

/** A task as tasks/get answers it (the extension's DetailedTask). */
export interface TaskView {
  taskId: string;
  status: 'working' | 'completed' | 'failed' | 'cancelled';
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: null;
  pollIntervalMs: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** The CallToolResult of an outcome: the same for an answer in band and a task's result. */
export function toolResultOf(outcome: CallOutcome): Record<string, unknown> {
  return {
    content: [{ type: 'text', text: outcome.text }],
    ...(outcome.structuredContent ? { structuredContent: outcome.structuredContent } : {}),
    ...(outcome.isError ? { isError: true } : {}),
    _meta: { 'opswarden/callId': outcome.callId, ...untrustedMeta(outcome.structuredContent) },
  };
}

export interface TaskDeps {
  db: SqlDatabase;
  /** Background tasks one principal may have running at once (limits.concurrentCallsPerPrincipal). */
  maxPerPrincipal: number;
  call(req: CallRequest): Promise<CallOutcome>;
  approvals: ApprovalStore;
  /** Committed audit records from every replica: wakes approval waits. */
  auditFeed: AuditFeed;
  logger: Logger;
}

export class TaskService {
  readonly #store: TaskStore;
  readonly #deps: TaskDeps;
  /** This process, as the owner of the call tasks it runs. */
  readonly #owner = randomUUID();
  readonly #running = new Map<string, AbortController>();
  /** Running background tasks by principal: past the limit a call is answered in band instead. */
  readonly #perPrincipal = new Map<string, number>();
  readonly #heartbeat: NodeJS.Timeout;

  constructor(deps: TaskDeps) {
    this.#deps = deps;
    this.#store = new TaskStore(deps.db);
    this.#heartbeat = setInterval(() => {
      if (this.#running.size) this.#store.beat(this.#owner, now());
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** A runbook run started in band, followed as a task. */
  async followRun(principal: Principal, executionId: string, signal: AbortSignal): Promise<TaskView> {
    const task = this.#store.create(
      { principal: principal.id, tool: 'runbook_run', kind: 'runbook', executionId },
      now(),
    );
    return this.#view(task, principal, signal);
  }

  /** A call run in the background from the start; the task answers at once (undefined: the principal has too many running). */
  runCall(req: CallRequest): TaskView | undefined {
    return this.#background(req, `running ${req.tool}`, (signal) => this.#deps.call({ ...req, signal }));
  }

  /**
   * A call the gate holds for an out-of-band approval (`outcome` says which): the task waits
   * for the decision, then runs the call with the grant, as its requester (undefined: the
   * principal has too many tasks running; the held result is answered in band).
   */
  awaitApproval(req: CallRequest, held: CallOutcome): TaskView | undefined {
    const approvalId = held.approvalId!;
    const who = (held.structuredContent?.approvers as string[] | undefined)?.join(' or ') ?? 'an approver';
    return this.#background(req, `waiting for approval ${approvalId} by ${who}`, async (signal) => {
      const decided = await this.#decision(approvalId, signal);
      if (decided !== 'approved')
        return {
          ...held,
          isError: true,
          structuredContent: undefined,
          text: `${req.tool} not executed: approval ${approvalId} was ${decided}`,
        };
      const args = { ...(req.args as Record<string, unknown>), approvalId };
      return this.#deps.call({ ...req, args, signal });
    });
  }

  /** The task as it stands now, or undefined when `principal` owns no such task. */
  async get(id: string, principal: Principal, signal: AbortSignal): Promise<TaskView | undefined> {
    const task = this.#store.get(id, principal.id);
    return task && this.#view(task, principal, signal);
  }

  /** Asks the task's work to stop (a runbook through runbook_cancel, gated); false when `principal` owns no such task. */
  async cancel(id: string, principal: Principal, signal: AbortSignal): Promise<boolean> {
    const task = this.#store.get(id, principal.id);
    if (!task) return false;
    if (task.kind === 'runbook') {
      const outcome = await this.#deps.call({
        tool: 'runbook_cancel',
        args: { id: task.executionId, reason: `tasks/cancel of ${task.id}` },
        principal,
        signal,
      });
      if (outcome.isError && !/already/.test(outcome.text))
        throw new TaskError(`task ${id} not cancelled: ${outcome.text}`);
      return true;
    }
    this.#store.update(id, { state: 'cancelled', statusMessage: `cancelled by ${principal.id}` }, now());
    this.#running.get(id)?.abort(new Error(`task ${id} cancelled`));
    return true;
  }

  /** Stops the work this process runs; the tasks say they were cut short. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const [id, running] of this.#running) {
      this.#store.update(id, { state: 'failed', error: interrupted('the server stopped') }, now());
      running.abort(new Error('the server is stopping'));
    }
  }

  #background(
    req: CallRequest,
    statusMessage: string,
    work: (signal: AbortSignal) => Promise<CallOutcome>,
  ): TaskView | undefined {
    const principal = req.principal.id;
    const running = this.#perPrincipal.get(principal) ?? 0;
    if (running >= this.#deps.maxPerPrincipal) return undefined;
    this.#perPrincipal.set(principal, running + 1);
    const task = this.#store.create(
      { principal: req.principal.id, tool: req.tool, kind: 'call', owner: this.#owner, statusMessage },
      now(),
    );
    const controller = new AbortController();
    this.#running.set(task.id, controller);
    work(controller.signal)
      .then((outcome) =>
        this.#store.update(task.id, { state: 'completed', result: toolResultOf(outcome) }, now()),
      )
      .catch((err: unknown) => {
        if (controller.signal.aborted) return; // cancelled or stopping: already said
        this.#deps.logger.warn({ err, task: task.id }, 'task failed');
        this.#store.update(
          task.id,
          { state: 'failed', error: { code: -32603, message: (err as Error).message } },
          now(),
        );
      })
      .finally(() => {
        this.#running.delete(task.id);
        const left = (this.#perPrincipal.get(principal) ?? 1) - 1;
        if (left > 0) this.#perPrincipal.set(principal, left);
        else this.#perPrincipal.delete(principal);
      });
    return viewOf(task);
  }

  async #decision(approvalId: string, signal: AbortSignal): Promise<string> {
    for (;;) {
      signal.throwIfAborted();
      const status = this.#deps.approvals.get(approvalId)?.status ?? 'gone';
      if (status !== 'pending') return status;
      // Woken by the decision's audit record, from any replica; the poll is the fallback.
      await this.#deps.auditFeed.until((r) => r.data.approvalId === approvalId, APPROVAL_POLL_MS, signal);
    }
  }

  async #view(task: TaskRecord, principal: Principal, signal: AbortSignal): Promise<TaskView> {
    if (task.kind === 'runbook') return this.#runView(task, principal, signal);
    if (task.state === 'working' && !this.#running.has(task.id) && isStale(task)) {
      this.#store.update(
        task.id,
        { state: 'failed', error: interrupted(`the server running ${task.tool} stopped`) },
        now(),
      );
      return viewOf(this.#store.get(task.id, principal.id)!);
    }
    return viewOf(task);
  }

  /** A runbook task as its run stands: read through the gate (runbook_status, as the owner), redacted and audited. */
  async #runView(task: TaskRecord, principal: Principal, signal: AbortSignal): Promise<TaskView> {
    const outcome = await this.#deps.call({
      tool: 'runbook_status',
      args: { id: task.executionId },
      principal,
      signal,
    });
    const run = outcome.structuredContent as
      | {
          state?: string;
          outcome?: string;
          currentStep?: string;
          endedAt?: string;
          message?: string;
          pendingApproval?: { approvalId: string; step: string; approvers: string[] };
        }
      | undefined;
    const base = { ...viewOf(task), lastUpdatedAt: run?.endedAt ?? now() };
    if (!outcome.isError && run?.state === 'running') {
      const held = run.pendingApproval;
      return {
        ...base,
        status: 'working',
        statusMessage: held
          ? `step ${held.step} waiting for approval ${held.approvalId} by ${held.approvers.join(' or ')}`
          : run.currentStep
            ? `running step ${run.currentStep}`
            : 'running',
      };
    }

    if (run?.outcome === 'cancelled')
      return { ...base, status: 'cancelled', ...(run.message ? { statusMessage: run.message } : {}) };
    return { ...base, status: 'completed', result: completeResult(toolResultOf(outcome)) };
  }
}

export class TaskError extends Error {
  override name = 'TaskError';
}

function viewOf(task: TaskRecord): TaskView {
  return {
    taskId: task.id,
    status: task.state,
    ...(task.statusMessage ? { statusMessage: task.statusMessage } : {}),
    createdAt: task.createdAt,
    lastUpdatedAt: task.updatedAt,
    ttlMs: null,
    pollIntervalMs: TASK_POLL_MS,
    ...(task.state === 'completed' && task.result ? { result: completeResult(task.result) } : {}),
    ...(task.state === 'failed' && task.error ? { error: task.error } : {}),
  };
}

/** A task's result is a 2026-07-28 CallToolResult, which names its kind. */
function completeResult(result: Record<string, unknown>): Record<string, unknown> {
  return { resultType: 'complete', ...result };
}

function isStale(task: TaskRecord): boolean {
  return Date.now() - Date.parse(task.heartbeatAt ?? task.updatedAt) > STALE_MS;
}

function interrupted(why: string): { code: number; message: string } {
  return { code: -32603, message: `interrupted: ${why} before the work finished; call the tool again` };
}

const now = () => new Date().toISOString();
