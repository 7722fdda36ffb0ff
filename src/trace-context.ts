// W3C trace context (traceparent, tracestate) a client sends with a request, carried
// through the gate into the logs and the audit record of the call, so a tool call can be
// found from the trace of the agent that made it. Only a well-formed traceparent is kept:
// the value lands in the audit log and must not be a vehicle for arbitrary text.

export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

/** version-traceid-parentid-flags, lower-case hex; an all-zero trace or parent id is invalid (W3C Trace Context §3.2). */
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** At most 32 list members of key=value, printable ASCII without "," or "=" in values (§3.3); 512 bytes is the spec's floor to propagate. */
const TRACESTATE = /^[\x20-\x7e]{0,512}$/;

/** The trace context to keep, or undefined when the traceparent is missing or malformed. */
export function validTraceContext(traceparent: unknown, tracestate: unknown): TraceContext | undefined {
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent) || traceparent.startsWith('ff'))
    return undefined;
  return {
    traceparent,
    ...(typeof tracestate === 'string' && TRACESTATE.test(tracestate) ? { tracestate } : {}),
  };
}

/** The trace id (32 hex) of a valid traceparent. */
export function traceIdOf(trace: TraceContext): string {
  return trace.traceparent.slice(3, 35);
}
