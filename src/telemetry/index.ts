// What the gate tells about a tool call for tracing, behind one small interface so the
// dispatcher stays about the gate: a call, the tool it turned out to be, how long each
// step took and how it ended. Without `telemetry` in the config that is a no-op and no
// OpenTelemetry code is loaded. With it, a call is recorded as plain timestamps and
// labels; once it ends, the record becomes OpenTelemetry spans (./otel.ts, imported on the
// first finished call) that a batching exporter sends on its own time. A call never waits
// for the SDK or the collector, and a failure there never reaches the call.
//
// Only what is named here can reach a span: tool, kind, principal, callId, policy effect
// and rules, outcome, an error's type. Never arguments, results or messages, which may
// carry what redaction exists to hide, and spans go to a third party.

import type { Logger } from 'pino';
import type { CallOutcome } from '../dispatch/result.ts';
import type { TraceContext } from '../trace-context.ts';
import type { Decision, Principal } from '../types.ts';
import { type TelemetryConfig, timeoutMs } from './config.ts';

/** The gate's steps, each a child span of the call's. */
export type GateStep =
  | 'validate'
  | 'resolve'
  | 'policy'
  | 'approval'
  | 'snapshot'
  | 'handler'
  | 'shape'
  | 'audit';

/** What the gate reports while a call runs. */
export interface CallSpan {
  /** The served tool the call is for, and the call's id (an unknown tool's name is never recorded). */
  identify(call: { tool: string; kind: 'read' | 'mutate'; callId: string }): void;
  /** Runs one step of the gate (sync or async) and times it; what it returns or throws passes through. */
  step<T>(name: GateStep, work: () => T): T;
  /** The policy's decision. */
  decided(decision: Pick<Decision, 'effect' | 'matched' | 'bundle'>): void;
}

export interface Telemetry {
  /** Runs one tool call through `gate` as a span; its outcome or error passes through unchanged. */
  call(
    req: { principal: Principal; trace?: TraceContext | undefined },
    gate: (span: CallSpan) => Promise<CallOutcome>,
  ): Promise<CallOutcome>;
  /** Sends the spans still buffered, within the configured timeout, and stops. */
  close(): Promise<void>;
}

/** A finished call as ./otel.ts turns it into spans: times are performance.now() values. */
export interface FinishedCall {
  /** The served tool's name; absent for a call the gate refused before knowing it. */
  tool?: string;
  start: number;
  end: number;
  trace?: TraceContext;
  attributes: Record<string, string | boolean | string[]>;
  /** error.type of the call: `tool_error` for an error result, else what it threw. */
  errorType?: string;
  steps: { name: GateStep; start: number; end: number; errorType?: string }[];
}

/** Where finished calls go (./otel.ts). */
export interface CallExporter {
  export(call: FinishedCall): void;
  /** Flushes and stops; settles within about `timeoutMs`. */
  shutdown(): Promise<void>;
}

const NOOP_SPAN: CallSpan = {
  identify() {},
  step: (_name, work) => work(),
  decided() {},
};

/** Telemetry off: the gate runs as it is, nothing is recorded. */
export const NO_TELEMETRY: Telemetry = {
  call: (_req, gate) => gate(NOOP_SPAN),
  close: async () => {},
};

/** Calls kept while the SDK loads (the first call's); beyond this they are dropped, and counted. */
const MAX_PENDING = 512;

export interface TelemetryOptions {
  logger: Logger;
  /** opswarden's version, as service.version. */
  version: string;
  /** The SDK side; ./otel.ts loaded on first use when absent (tests pass their own). */
  load?: () => Promise<CallExporter>;
}

/** Telemetry that records every call and exports it over OTLP as configured. */
export function createTelemetry(config: TelemetryConfig, opts: TelemetryOptions): Telemetry {
  const { logger } = opts;
  const load =
    opts.load ??
    (async () => (await import('./otel.ts')).startOtlpExport(config, { logger, version: opts.version }));
  const timeout = timeoutMs(config.otlp);
  let pending: FinishedCall[] = [];
  let dropped = 0;
  let exporter: CallExporter | undefined;
  let loading: Promise<void> | undefined;
  let closed = false;

  function send(exporting: CallExporter, call: FinishedCall): void {
    try {
      exporting.export(call);
    } catch (err) {
      logger.warn({ err }, 'telemetry: a call could not be turned into spans');
    }
  }

  function startLoading(): Promise<void> {
    loading ??= load().then(
      (loaded) => {
        exporter = loaded;
        for (const call of pending) send(loaded, call);
        pending = [];
        if (dropped)
          logger.warn({ dropped }, 'telemetry: calls made while OpenTelemetry loaded were not traced');
      },
      (err) => {
        pending = [];
        logger.error({ err }, 'telemetry: OpenTelemetry could not start; no spans will be exported');
      },
    );
    return loading;
  }

  function finished(call: FinishedCall): void {
    if (closed) return;
    if (exporter) {
      send(exporter, call);
      return;
    }
    if (pending.length >= MAX_PENDING) dropped++;
    else pending.push(call);
    void startLoading();
  }

  return {
    async call(req, gate) {
      const span = new RecordingSpan(req.principal, req.trace);
      try {
        const outcome = await gate(span);
        span.ended(outcome);
        return outcome;
      } catch (err) {
        span.threw(err);
        throw err;
      } finally {
        try {
          finished(span.finished());
        } catch (err) {
          logger.warn({ err }, 'telemetry: a call could not be recorded');
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!loading) return;
      const flushed = (async () => {
        await loading;
        await exporter?.shutdown();
      })();
      if (!(await within(flushed, timeout + 250))) {
        logger.warn(
          { timeout: config.otlp.timeout },
          'telemetry: spans not flushed within telemetry.otlp.timeout; the rest are dropped',
        );
      }
    },
  };
}

/** A call's timings and labels as it runs; nothing but what its methods name. */
class RecordingSpan implements CallSpan {
  private readonly start = performance.now();
  private end = 0;
  private tool: string | undefined;
  private errorType: string | undefined;
  private readonly attributes: FinishedCall['attributes'];
  private readonly steps: FinishedCall['steps'] = [];
  private readonly trace: TraceContext | undefined;

  constructor(principal: Principal, trace: TraceContext | undefined) {
    this.trace = trace;
    this.attributes = {
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'opswarden.principal.id': principal.id,
      'opswarden.principal.type': principal.type,
    };
  }

  identify(call: { tool: string; kind: 'read' | 'mutate'; callId: string }): void {
    this.tool = call.tool;
    this.attributes['gen_ai.tool.name'] = call.tool;
    this.attributes['opswarden.tool.kind'] = call.kind;
    this.attributes['opswarden.call.id'] = call.callId;
  }

  step<T>(name: GateStep, work: () => T): T {
    const start = performance.now();
    const done = (failure?: { err: unknown }) =>
      this.steps.push({
        name,
        start,
        end: performance.now(),
        ...(failure ? { errorType: errorTypeOf(failure.err) } : {}),
      });
    let result: T;
    try {
      result = work();
    } catch (err) {
      done({ err });
      throw err;
    }
    if (!isPromise(result)) {
      done();
      return result;
    }
    return result.then(
      (value) => {
        done();
        return value;
      },
      (err: unknown) => {
        done({ err });
        throw err;
      },
    ) as T;
  }

  decided(decision: Pick<Decision, 'effect' | 'matched' | 'bundle'>): void {
    this.attributes['opswarden.policy.effect'] = decision.effect;
    this.attributes['opswarden.policy.rules'] = decision.matched.map((m) => m.name);
    this.attributes['opswarden.policy.bundle'] = `${decision.bundle.name}@${decision.bundle.version}`;
  }

  ended(outcome: CallOutcome): void {
    this.end = performance.now();
    this.attributes['opswarden.outcome'] = outcome.outcome;
    if (outcome.effect) this.attributes['opswarden.policy.effect'] = outcome.effect;
    if (outcome.isError) this.errorType = 'tool_error';
  }

  threw(err: unknown): void {
    this.end = performance.now();
    this.errorType = errorTypeOf(err);
  }

  finished(): FinishedCall {
    return {
      ...(this.tool ? { tool: this.tool } : {}),
      start: this.start,
      end: this.end || performance.now(),
      ...(this.trace ? { trace: this.trace } : {}),
      attributes: this.attributes,
      ...(this.errorType ? { errorType: this.errorType } : {}),
      steps: this.steps,
    };
  }
}

/**
 * An error's class (BackendError, ZodError; TimeoutError, AbortError for a DOMException),
 * never its message, nor its `name`, which some clients set from what a server answered.
 * `_OTHER` for anything else.
 */
function errorTypeOf(err: unknown): string {
  if (err instanceof DOMException) return DOM_ERRORS.has(err.name) ? err.name : 'DOMException';
  const name = err instanceof Error ? err.constructor.name : undefined;
  return name && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) ? name : '_OTHER';
}

const DOM_ERRORS = new Set(['TimeoutError', 'AbortError']);

function isPromise<T>(value: T): value is T & Promise<Awaited<T>> {
  return value instanceof Promise;
}

/** Whether `work` settled within `ms` (it is left to finish on its own otherwise). */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
