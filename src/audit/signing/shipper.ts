// Delivers stored checkpoints to one sink, in order, off the request path: a sink that is
// down is retried with backoff (1s, 2s, 4s … up to a minute) and never holds up a tool
// call. The cursor lives in the store, so after a restart delivery resumes where it
// stopped. A stored row that is not a checkpoint signed by this server's key (a row
// written into the database) is logged and never shipped.

import type { KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { parseCheckpointLine, type SignedCheckpoint, signatureProblem } from './checkpoint.ts';
import type { CheckpointSink } from './sinks.ts';
import type { CheckpointStore } from './store.ts';

export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 1_000, maxMs: 60_000 };

const BATCH = 100;

export class SinkShipper {
  readonly #sink: CheckpointSink;
  readonly #store: CheckpointStore;
  readonly #ownKey: ReadonlyMap<string, KeyObject>;
  readonly #logger: Logger;
  readonly #retry: RetryPolicy;
  readonly #stop = new AbortController();
  readonly #loop: Promise<void>;
  #woken = false;
  #wakeUp: (() => void) | undefined;
  #caughtUp: (() => void)[] = [];

  constructor(
    sink: CheckpointSink,
    deps: {
      store: CheckpointStore;
      ownKey: ReadonlyMap<string, KeyObject>;
      logger: Logger;
      retry: RetryPolicy;
    },
  ) {
    this.#sink = sink;
    this.#store = deps.store;
    this.#ownKey = deps.ownKey;
    this.#logger = deps.logger.child({ sink: sink.id });
    this.#retry = deps.retry;
    this.#loop = this.#run();
  }

  get id(): string {
    return this.#sink.id;
  }

  /** New checkpoints are in the store. */
  wake(): void {
    this.#woken = true;
    this.#wakeUp?.();
  }

  /** Resolves true once every stored checkpoint is delivered, false when `timeoutMs` passes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    const caughtUp = new Promise<true>((resolve) => this.#caughtUp.push(() => resolve(true)));
    const timer = new AbortController();
    this.wake();
    try {
      return await Promise.race([caughtUp, sleep(timeoutMs, false, { signal: timer.signal })]);
    } finally {
      timer.abort();
    }
  }

  /** Stops delivering (an attempt under way is aborted); the store keeps what is left. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#wakeUp?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      this.#woken = false;
      try {
        const rows = this.#store.rowsAfter(this.#store.shippedTo(this.id), BATCH);
        if (!rows.length) {
          for (const resolve of this.#caughtUp.splice(0)) resolve();
          await this.#nextWake();
          continue;
        }
        for (const row of rows) {
          const checkpoint = this.#checked(row);
          if (checkpoint) await this.#sink.send(checkpoint, row.line, signal);
          this.#store.markShipped(this.id, row.n);
          failures = 0;
        }
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const retryInMs = Math.min(this.#retry.initialMs * 2 ** (failures - 1), this.#retry.maxMs);
        this.#logger.warn(
          { err, attempt: failures, retryInMs },
          'audit checkpoint not delivered; will retry',
        );
        await sleep(retryInMs, undefined, { signal, ref: false }).catch(() => {});
      }
    }
  }

  #nextWake(): Promise<void> {
    if (this.#woken || this.#stop.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.#wakeUp = () => {
        this.#wakeUp = undefined;
        resolve();
      };
    });
  }

  #checked(row: { n: number; line: string }): SignedCheckpoint | undefined {
    let problem: string | undefined;
    let checkpoint: SignedCheckpoint | undefined;
    try {
      checkpoint = parseCheckpointLine(row.line);
      problem = checkpoint ? signatureProblem(checkpoint, this.#ownKey) : 'it is not a checkpoint';
    } catch (err) {
      problem = (err as Error).message;
    }
    if (!problem) return checkpoint;
    this.#logger.error(
      { checkpoint: row.n },
      `not shipping stored checkpoint #${row.n}: ${problem} (was it written into the database?)`,
    );
    return undefined;
  }
}
