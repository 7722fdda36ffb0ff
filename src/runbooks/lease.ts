// Team mode: replicas share one store, and each running execution must be executed by
// exactly one of them. A replica holds a lease on every run it executes and renews it well
// before it lapses; a run whose lease lapsed (its replica died, hung or shut down) is claimed
// by the next replica that looks, and resumes where its records say it is. A replica that
// finds it lost a lease stops that run without writing anything more: the holder goes on.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { ExecutionStore } from './store.ts';

/** Why a run stopped here: another replica holds its lease now, or it ended elsewhere. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** A service instance as lease holder (and in logs): host/pid/random. */
export function leaseOwner(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

const MIN_TICK_MS = 200;

export interface LeaseKeeperDeps {
  store: ExecutionStore;
  owner: string;
  leaseMs: number;
  logger: Logger;
  /** The runs this instance executes now, by execution id. */
  runs: ReadonlyMap<string, { controller: AbortController }>;
  /** Starts executing a run just claimed (the keeper has logged it). */
  adopt(id: string): void;
}

/** Keeps the leases of the local runs and adopts runs nobody holds, every leaseMs/3. */
export class LeaseKeeper {
  readonly #deps: LeaseKeeperDeps;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: LeaseKeeperDeps) {
    this.#deps = deps;
  }

  /** Renews the local runs' leases (stopping any it lost), then claims and adopts lapsed runs. */
  tick(): void {
    const { store, owner, leaseMs, runs, logger } = this.#deps;
    const now = Date.now();
    // A run already stopping (cancelled, or lost) needs no lease.
    const live = [...runs].filter(([, run]) => !run.controller.signal.aborted).map(([id]) => id);
    const held = store.renew(owner, live, now, leaseMs);
    for (const id of live.filter((id) => !held.has(id))) {
      logger.warn(
        { execution: id, owner },
        'runbook execution stopped here: its lease lapsed or it ended elsewhere',
      );
      runs.get(id)?.controller.abort(new LeaseLost(`execution ${id} is no longer leased to ${owner}`));
    }
    const claimed = store.claim(owner, now, leaseMs);
    // Claimed back while the local run it lost is still stopping: let it lapse for a later tick.
    const stopping = claimed.filter((exec) => runs.has(exec.id)).map((exec) => exec.id);
    store.release(owner, stopping);
    for (const exec of claimed.filter((c) => !stopping.includes(c.id))) {
      const { id, runbook, currentStep: step, previousOwner } = exec;
      logger.info({ execution: id, runbook, step, previousOwner, owner }, 'resuming runbook execution');
      this.#deps.adopt(id);
    }
  }

  /** Ticks every leaseMs/3 (at least 200 ms) until stop(); a no-op when already started. */
  start(): void {
    if (this.#timer) return;
    const every = Math.max(MIN_TICK_MS, this.#deps.leaseMs / 3);
    this.#timer = setInterval(() => {
      try {
        this.tick();
      } catch (err) {
        this.#deps.logger.error({ err }, 'could not renew or claim runbook execution leases');
      }
    }, every).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
