// Who gets in at /mcp when one principal asks for a lot: requests in flight are counted per
// principal and refused past `limits.concurrentCallsPerPrincipal`; sessions past
// `limits.sessionsPerPrincipal` / `limits.sessionsTotal` are refused unless an idle one can
// make room. A refusal is HTTP 429 with Retry-After and a JSON-RPC error naming the key,
// so other principals keep being served and nothing grows without bound.

import type { ServerResponse } from 'node:http';

/** Counts what each principal holds, up to `max` each. */
export class PerPrincipal {
  readonly #held = new Map<string, number>();
  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  held(principalId: string): number {
    return this.#held.get(principalId) ?? 0;
  }

  /** Takes one if the principal is under the limit; returns its release (idempotent), or undefined. */
  tryTake(principalId: string): (() => void) | undefined {
    const held = this.held(principalId);
    if (held >= this.max) return undefined;
    this.#held.set(principalId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.held(principalId) - 1;
      if (left > 0) this.#held.set(principalId, left);
      else this.#held.delete(principalId);
    };
  }
}

/** True when a JSON-RPC body carries at least one request (a message with a method and an id). */
export function carriesRequest(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some(
    (m) => m !== null && typeof m === 'object' && 'method' in m && 'id' in m && m.id !== undefined,
  );
}

/** 429 with Retry-After and a JSON-RPC error whose data names the limit. */
export function respondTooMany(
  res: ServerResponse,
  refusal: { message: string; limit: string; max: number; retryAfterSeconds: number },
): void {
  res.writeHead(429, {
    'content-type': 'application/json',
    'retry-after': String(refusal.retryAfterSeconds),
  });
  res.end(
    JSON.stringify({
      jsonrpc: '2.0',
      error: { code: -32000, message: refusal.message, data: { limit: refusal.limit, max: refusal.max } },
      id: null,
    }),
  );
}
