// Waiting on an execution (runbook_run, runbook_status with waitSeconds, MCP tasks) when
// replicas share the store: the replica that runs it may be another one. Progress goes out
// as a store notification, which reaches this process's listeners and, where the store
// carries them across processes (PostgreSQL), every replica's; each waiter also polls the
// store, so a lost notification, or none at all (SQLite between processes), only delays it.

import { EventEmitter } from 'node:events';
import type { SqlDatabase } from '../store/sql.ts';
import type { ExecutionStatus } from './status.ts';

/** Store notifications of a run's progress; payload: the execution id. */
const CHANNEL = 'opswarden_runbook';

export interface WaitOptions {
  timeoutMs: number;
  onChange?: (s: ExecutionStatus) => void;
  signal?: AbortSignal;
}

export class Waiters {
  readonly #db: SqlDatabase;
  readonly #status: (id: string) => ExecutionStatus | undefined;
  readonly #pollIntervalMs: number;
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #unlisten: () => void;
  /** Pending waits, settled by close() while the store is still open. */
  readonly #pending = new Set<() => void>();

  constructor(db: SqlDatabase, status: (id: string) => ExecutionStatus | undefined, pollIntervalMs: number) {
    this.#db = db;
    this.#status = status;
    this.#pollIntervalMs = pollIntervalMs;
    // '' after a lost PostgreSQL listening connection came back: anything may have changed.
    this.#unlisten = db.listen(CHANNEL, (id) => {
      for (const name of id ? [id] : this.#events.eventNames()) this.#events.emit(name);
    });
  }

  /** Tells every waiter, in every replica, that the execution moved. */
  changed(id: string): void {
    this.#db.notify(CHANNEL, id);
  }

  /** Resolves when the execution ends, after `timeoutMs`, on `signal` or at close(); undefined for an unknown id. */
  wait(id: string, opts: WaitOptions): Promise<ExecutionStatus> | undefined {
    const first = this.#status(id);
    if (!first) return undefined;
    if (first.state === 'finished' || opts.signal?.aborted) return Promise.resolve(first);
    return new Promise((resolve) => {
      let seen = fingerprint(first);
      const settle = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#events.off(id, look);
        this.#pending.delete(settle);
        opts.signal?.removeEventListener('abort', settle);
        resolve(this.#status(id)!);
      };
      const look = () => {
        const now = this.#status(id)!;
        const print = fingerprint(now);
        if (print !== seen) {
          seen = print;
          opts.onChange?.(now);
        }
        if (now.state === 'finished') settle();
      };
      const timer = setTimeout(settle, opts.timeoutMs);
      const poll = setInterval(look, this.#pollIntervalMs);
      this.#events.on(id, look);
      this.#pending.add(settle);
      opts.signal?.addEventListener('abort', settle, { once: true });
    });
  }

  /** Stops listening and answers every pending wait with the current status. */
  close(): void {
    this.#unlisten();
    for (const settle of [...this.#pending]) settle();
  }
}

/** A status without its ever-growing duration: what a waiter is told about when it changes. */
function fingerprint(s: ExecutionStatus): string {
  const { durationMs: _, ...rest } = s;
  return JSON.stringify(rest);
}
