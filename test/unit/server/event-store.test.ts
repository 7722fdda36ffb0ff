import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { MemoryEventStore } from '../../../src/server/event-store.ts';

/** A tool result of about `bytes` bytes, as a session's stream carries it. */
const result = (id: number, bytes: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  result: { content: [{ type: 'text', text: 'x'.repeat(bytes) }] },
});

async function replayed(store: MemoryEventStore, after: string): Promise<number[]> {
  const ids: number[] = [];
  await store.replayEventsAfter(after, {
    send: async (_eventId, message) => {
      ids.push((message as { id: number }).id);
    },
  });
  return ids;
}

describe('MemoryEventStore', () => {
  it('holds at most its byte budget however many results pass through, dropping the oldest', async () => {
    const store = new MemoryEventStore(64 * 1024);
    const eventIds: string[] = [];
    for (let i = 0; i < 1_000; i++) eventIds.push(await store.storeEvent('stream-1', result(i, 10_000)));
    expect(store.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(store.bytes).toBeGreaterThan(50 * 1024);
    // The newest events still replay after an event that is still held.
    expect(await replayed(store, eventIds[996]!)).toEqual([997, 998, 999]);
    // An evicted event id resumes nothing (the client re-reads state instead).
    expect(await replayed(store, eventIds[0]!)).toEqual([]);
    expect(await store.getStreamIdForEventId(eventIds[0]!)).toBeUndefined();
  });

  it('keeps the newest message even when it alone is over the budget', async () => {
    const store = new MemoryEventStore(16 * 1024);
    const first = await store.storeEvent('s', result(1, 100));
    await store.storeEvent('s', result(2, 40_000));
    expect(await store.getStreamIdForEventId(first)).toBeUndefined();
    expect(store.bytes).toBeGreaterThan(40_000);
    const third = await store.storeEvent('s', result(3, 100));
    expect(store.bytes).toBeLessThan(1_000);
    expect(await store.getStreamIdForEventId(third)).toBe('s');
  });

  it('replays only the stream of the given event', async () => {
    const store = new MemoryEventStore(64 * 1024);
    const a1 = await store.storeEvent('a', result(1, 10));
    await store.storeEvent('b', result(2, 10));
    await store.storeEvent('a', result(3, 10));
    expect(await replayed(store, a1)).toEqual([3]);
  });
});
