// The OpenTelemetry SDK side of telemetry, imported only when `telemetry` is configured and
// a first call has finished (./index.ts): turns each finished call into a SERVER span,
// child of the caller's traceparent when there was one, with a child span per gate step,
// and hands them to a batching processor that posts them over OTLP/HTTP (JSON). The queue
// is bounded (spans beyond it are dropped), one export runs at a time with a timeout, and
// export failures are logged once per outage, not per batch.

import {
  type Attributes,
  type Context,
  createTraceState,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';
import type { TraceContext } from '../trace-context.ts';
import { type TelemetryConfig, timeoutMs, tracesUrl } from './config.ts';
import type { CallExporter, FinishedCall } from './index.ts';

/** Spans waiting for export; beyond this (a collector long down) new ones are dropped. */
const MAX_QUEUE_SPANS = 2048;
const MAX_BATCH_SPANS = 512;
/** How often the queue is sent: a call shows up in the backend about this long after it ended. */
const BATCH_DELAY_MS = 1000;

export function startOtlpExport(
  config: TelemetryConfig,
  opts: { logger: Logger; version: string },
): CallExporter {
  const url = tracesUrl(config.otlp);
  const timeout = timeoutMs(config.otlp);
  const exporter = new ReportingExporter(
    new OTLPTraceExporter({ url, headers: { ...config.otlp.headers }, timeoutMillis: timeout }),
    opts.logger,
    url,
  );
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ 'service.name': config.otlp.serviceName, 'service.version': opts.version }),
    ),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter,
        maxQueueSize: MAX_QUEUE_SPANS,
        maxExportBatchSize: MAX_BATCH_SPANS,
        scheduledDelayMillis: BATCH_DELAY_MS,
        exportTimeoutMillis: timeout,
      }),
    ],
  });
  const tracer = provider.getTracer('opswarden', opts.version);
  opts.logger.info(
    { url, serviceName: config.otlp.serviceName },
    'telemetry: exporting spans over OTLP/HTTP',
  );

  return {
    export(call: FinishedCall): void {
      const span = tracer.startSpan(
        call.tool ? `tools/call ${call.tool}` : 'tools/call',
        { kind: SpanKind.SERVER, startTime: epochMs(call.start), attributes: call.attributes },
        call.trace ? remoteParent(call.trace) : ROOT_CONTEXT,
      );
      const parent = trace.setSpan(ROOT_CONTEXT, span);
      for (const step of call.steps) {
        const child = tracer.startSpan(
          step.name,
          {
            kind: SpanKind.INTERNAL,
            startTime: epochMs(step.start),
            attributes: errorAttributes(step.errorType),
          },
          parent,
        );
        if (step.errorType) child.setStatus({ code: SpanStatusCode.ERROR });
        child.end(epochMs(step.end));
      }
      if (call.errorType) {
        span.setAttributes(errorAttributes(call.errorType));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end(epochMs(call.end));
    },
    shutdown: () => provider.shutdown(),
  };
}

/** The caller's span as the parent: its trace id, span id, sampled flag and tracestate. */
function remoteParent(context: TraceContext): Context {
  const [, traceId, spanId, flags] = context.traceparent.split('-') as [string, string, string, string];
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED,
    isRemote: true,
    ...(context.tracestate ? { traceState: createTraceState(context.tracestate) } : {}),
  });
}

/**
 * A performance.now() value as epoch milliseconds: given as such, every span's times share
 * one clock (the SDK would otherwise correct each span by its own Date.now() reading, and
 * steps a few microseconds apart could appear to overlap).
 */
function epochMs(performanceNow: number): number {
  return performance.timeOrigin + performanceNow;
}

function errorAttributes(errorType: string | undefined): Attributes {
  return errorType ? { 'error.type': errorType } : {};
}

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** The OTLP exporter, telling the log when exports start failing and when they work again. */
class ReportingExporter implements SpanExporter {
  private failing = false;
  private readonly inner: SpanExporter;
  private readonly logger: Logger;
  private readonly url: string;

  constructor(inner: SpanExporter, logger: Logger, url: string) {
    this.inner = inner;
    this.logger = logger;
    this.url = url;
  }

  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.inner.export(spans, (result) => {
      if (result.error === undefined && result.code === 0) {
        if (this.failing) this.logger.info({ url: this.url }, 'telemetry: span export works again');
        this.failing = false;
      } else if (!this.failing) {
        this.failing = true;
        this.logger.warn(
          { url: this.url, err: result.error?.message ?? 'export failed', spans: spans.length },
          'telemetry: spans could not be exported; calls go on untraced until the collector answers',
        );
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
