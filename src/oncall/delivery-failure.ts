// Which refusals of an outbound receiver (PagerDuty, a webhook) a retry can mend: a 4xx other
// than 408 (timeout) and 429 (slow down) says the request itself is wrong, so it is given up
// at once; anything else (5xx, a gateway's error) is worth another try.

import { PermanentDeliveryError } from './sink.ts';

export function deliveryFailure(status: number, message: string): Error {
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return permanent ? new PermanentDeliveryError(message) : new Error(message);
}

/** Why a request got no answer, for an error message: the deadline, or the network's reason. */
export function unansweredReason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: unknown };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}
