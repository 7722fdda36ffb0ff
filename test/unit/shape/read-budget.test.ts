// The process's budget of raw bytes in flight: reads wait their turn in order, a lease
// holds what was actually read, an aborted wait leaves the queue, and nothing leaks when
// the work fails.

import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../../src/shape/read-budget.ts';

const never = new AbortController().signal;

/** A hold that runs until released, reporting when it started. */
function holding(budget: ByteBudget, bytes: number, signal = never) {
  let release!: () => void;
  let started = false;
  const done = budget.hold(bytes, signal, async () => {
    started = true;
    await new Promise<void>((r) => {
      release = r;
    });
  });
  return {
    done,
    started: () => started,
    release: () => release(),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ByteBudget', () => {
  it('admits reads that fit at once and makes the next one wait until bytes are freed', async () => {
    const budget = new ByteBudget(100);
    const a = holding(budget, 60);
    const b = holding(budget, 30);
    const c = holding(budget, 30);
    await tick();
    expect([a.started(), b.started(), c.started()]).toEqual([true, true, false]);
    expect(budget.inUse).toBe(90);
    a.release();
    await a.done;
    await tick();
    expect(c.started()).toBe(true);
    b.release();
    c.release();
    await Promise.all([b.done, c.done]);
    expect(budget.inUse).toBe(0);
  });

  it('serves waiters first come, first served: a small read does not overtake a big one', async () => {
    const budget = new ByteBudget(100);
    const a = holding(budget, 90);
    const big = holding(budget, 50);
    const small = holding(budget, 5);
    await tick();
    expect([big.started(), small.started()]).toEqual([false, false]);
    a.release();
    await tick();
    expect([big.started(), small.started()]).toEqual([true, true]);
    big.release();
    small.release();
    await Promise.all([a.done, big.done, small.done]);
  });

  it('runs a read larger than the whole budget alone, instead of never', async () => {
    const budget = new ByteBudget(100);
    const huge = holding(budget, 10_000);
    await tick();
    expect(huge.started()).toBe(true);
    expect(budget.inUse).toBe(100);
    huge.release();
    await huge.done;
    expect(budget.inUse).toBe(0);
  });

  it('holds what the read actually got once it says so', async () => {
    const budget = new ByteBudget(100);
    let resized!: () => void;
    const first = budget.hold(10, never, async (lease) => {
      lease.resize(95);
      await new Promise<void>((r) => {
        resized = r;
      });
    });
    await tick();
    const next = holding(budget, 10);
    await tick();
    expect(next.started()).toBe(false);
    resized();
    await first;
    await tick();
    expect(next.started()).toBe(true);
    next.release();
    await next.done;
    expect(budget.inUse).toBe(0);
  });

  it('takes an aborted wait out of the queue with the abort reason, and lets the next in', async () => {
    const budget = new ByteBudget(100);
    const a = holding(budget, 80);
    const controller = new AbortController();
    const aborted = holding(budget, 50, controller.signal);
    const after = holding(budget, 20);
    await tick();
    expect(after.started()).toBe(false); // behind the waiting 50
    controller.abort(new Error('tool timeout'));
    await expect(aborted.done).rejects.toThrow('tool timeout');
    await tick();
    expect(after.started()).toBe(true);
    a.release();
    after.release();
    await Promise.all([a.done, after.done]);
    expect(budget.inUse).toBe(0);
  });

  it('frees the bytes when the work throws', async () => {
    const budget = new ByteBudget(100);
    await expect(
      budget.hold(70, never, async () => {
        throw new Error('API said 500');
      }),
    ).rejects.toThrow('API said 500');
    expect(budget.inUse).toBe(0);
  });
});
