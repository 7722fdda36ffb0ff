// CPU-bound shaping (a big log, hundreds of long series) runs on the one event loop that
// every other call, /healthz and the SIGTERM handler share, and a tool timeout is a timer
// on that loop: a loop that never yields can be neither timed out nor stopped. A long loop
// asks its Pacer once per item; every few milliseconds of work the Pacer gives the loop
// back (setImmediate, so timers and I/O run) and then stops the work when the call's
// signal has aborted (the tool timeout, a cancelled call).

/** Work done between two yields at most, in ms: short enough for /healthz, long enough to cost nothing. */
const SLICE_MS = 10;

export class Pacer {
  readonly #signal: AbortSignal | undefined;
  /** Items between two looks at the clock (reading it per log line would cost more than the line). */
  readonly #checkEvery: number;
  #count = 0;
  #sliceStarted = performance.now();

  /** `checkEvery`: 1 when one item is itself big (a whole series), more when items are tiny (log lines). */
  constructor(signal: AbortSignal | undefined, checkEvery = 256) {
    this.#signal = signal;
    this.#checkEvery = checkEvery;
    signal?.throwIfAborted();
  }

  /** True when the loop has used its slice and must `await pacer.yield()`. Cheap: call it per item. */
  due(): boolean {
    if (++this.#count < this.#checkEvery) return false;
    this.#count = 0;
    return performance.now() - this.#sliceStarted >= SLICE_MS;
  }

  /** Gives the event loop back, then throws the signal's reason if the call was stopped meanwhile. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#sliceStarted = performance.now();
    this.#signal?.throwIfAborted();
  }
}
