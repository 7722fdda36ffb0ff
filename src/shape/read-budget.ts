// How many bytes of raw text the process reads at once. A pod log read may take 64 MB, and
// the text lands outside the V8 heap (a decoded body is an external string), where no heap
// limit stops it: twelve such reads at once took a sized server past 1.3 GiB, far over a
// container's 512 MiB, where the kernel ends it for every client. A read is admitted on an
// estimate of its bytes and, once read, holds what it actually got until its text is
// shaped; a read that does not fit waits its turn (first come, first served) within its
// call's deadline, and one larger than the whole budget runs alone. The budget is the
// process's, like the memory it protects (test/security/log-read-memory.test.ts).

import { heapSizing } from '../heap-sizing.ts';

export interface Lease {
  /** Holds `bytes` from now on instead of the estimate (more than is free only delays others). */
  resize(bytes: number): void;
}

export class ByteBudget {
  readonly capacity: number;
  private free: number;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.free = capacity;
  }

  /** Runs `work` once `estimate` bytes (at most the capacity) are free, and frees what it holds when it settles. */
  async hold<T>(estimate: number, signal: AbortSignal, work: (lease: Lease) => Promise<T>): Promise<T> {
    let held = Math.min(bytesOf(estimate), this.capacity);
    await this.acquire(held, signal);
    const lease: Lease = {
      resize: (bytes) => {
        this.free += held - bytesOf(bytes);
        held = bytesOf(bytes);
        this.admitWaiting();
      },
    };
    try {
      return await work(lease);
    } finally {
      this.free += held;
      this.admitWaiting();
    }
  }

  /** Bytes held by running reads now. */
  get inUse(): number {
    return this.capacity - this.free;
  }

  private acquire(bytes: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (!this.waiting.length && bytes <= this.free) {
      this.free -= bytes;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        bytes,
        admit: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        this.admitWaiting();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private admitWaiting(): void {
    while (this.waiting.length && this.waiting[0]!.bytes <= this.free) {
      const next = this.waiting.shift()!;
      this.free -= next.bytes;
      next.admit();
    }
  }
}

function bytesOf(n: number): number {
  return Math.max(0, Math.ceil(n));
}

/** A quarter of the heap's limit, at most 128 MB: ~86 MB on the sized heap, beside ~300 MiB steady RSS. */
const LOG_READ_BYTES = Math.min(128, Math.floor(heapSizing().limitMiB / 4)) * 1_048_576;

/** The bytes of pod log text the process reads at once (k8s_pod_logs). */
export const logReads = new ByteBudget(LOG_READ_BYTES);
