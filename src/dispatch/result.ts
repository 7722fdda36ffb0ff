// What the dispatcher hands back to a transport, independent of the MCP SDK: a
// structured payload and the same JSON as text, or a tool error with a message naming
// what went wrong. `ProtocolError` is for calls that never reach the gate (unknown tool).
// Every tool error passes `failure`, which redacts its message: a backend that echoes an
// argument or a credential back in its error must not hand it to the agent or the logs.

import { redactString } from '../shape/redact.ts';
import type { InputRequest } from './escalation.ts';

export interface CallOutcome {
  isError: boolean;
  /** Present on success and on approval_required; matches the tool's listed outputSchema. */
  structuredContent?: Record<string, unknown>;
  text: string;
  callId: string;
  /** For metrics and logs. */
  outcome: 'ok' | 'error' | 'denied' | 'approval_required' | 'invalid';
  effect?: 'allow' | 'escalate' | 'deny';
  /** approval_required: the ticket to re-call with (a mutate tool's result also carries it). */
  approvalId?: string;
  /** approval_required, confirmable in the client: what to ask (src/dispatch/escalation.ts, DeferredElicit). */
  inputRequest?: InputRequest;
}

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export function success(
  callId: string,
  payload: Record<string, unknown>,
  outcome: CallOutcome['outcome'],
  effect: CallOutcome['effect'],
): CallOutcome {
  const text = JSON.stringify(payload);
  return {
    isError: false,
    // Parsed back from the text, not the payload itself: a string sliced from a 32 MB log
    // keeps the whole log alive in V8, and a result outlives its call (an SSE replay
    // buffer, a client's session). The text's copy holds nothing but itself.
    structuredContent: JSON.parse(text) as Record<string, unknown>,
    text,
    callId,
    outcome,
    effect,
  };
}

export function failure(
  callId: string,
  message: string,
  outcome: CallOutcome['outcome'],
  effect?: CallOutcome['effect'],
): CallOutcome {
  const text = redactString(message).text;
  return { isError: true, text, callId, outcome, ...(effect ? { effect } : {}) };
}
