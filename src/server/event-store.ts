// Recent SSE messages of one MCP session, so a client that lost its stream (or was asked
// to poll, SEP-1699) resumes with Last-Event-ID. Bounded by bytes, not by count
// (`limits.sseReplayBytes`): a thousand tool results are megabytes per session, and
// sessions are many. The oldest messages go first; the newest is always kept. A message is
// kept as its JSON text: the object could hold strings sliced from far larger ones (a log
// read of 32 MB), which V8 would keep alive whole while the byte count saw a few KB.

import type { JSONRPCMessage } from '@modelcontextprotocol/server';

interface StoredEvent {
  streamId: string;
  json: string;
  bytes: number;
}

/** Matches the SDK's EventStore (src/server/mcp.ts hands it to the transport). */
export class MemoryEventStore {
  readonly #events = new Map<string, StoredEvent>();
  readonly #maxBytes: number;
  #bytes = 0;
  #seq = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes held now (at most the budget, or the newest message alone when it is bigger). */
  get bytes(): number {
    return this.#bytes;
  }

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${streamId}_${(++this.#seq).toString().padStart(10, '0')}`;
    const json = JSON.stringify(message);
    const bytes = Buffer.byteLength(json) + streamId.length;
    this.#events.set(id, { streamId, json, bytes });
    this.#bytes += bytes;
    for (const [oldest, event] of this.#events) {
      if (this.#bytes <= this.#maxBytes || oldest === id) break;
      this.#events.delete(oldest);
      this.#bytes -= event.bytes;
    }
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.#events.get(eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const streamId =
      this.#events.get(lastEventId)?.streamId ?? lastEventId.slice(0, lastEventId.lastIndexOf('_'));
    let after = false;
    for (const [id, event] of this.#events) {
      if (id === lastEventId) {
        after = true;
        continue;
      }
      if (!after || event.streamId !== streamId) continue;
      const message = JSON.parse(event.json) as JSONRPCMessage;
      if (Object.keys(message).length) await send(id, message);
    }
    return streamId;
  }
}
