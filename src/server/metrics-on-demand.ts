// The server's metrics as the app uses them. prom-client takes ~50 ms to import (its
// cluster and OpenTelemetry modules), which every stdio start paid before answering
// `initialize`; it now loads with the first tool call or scrape of /metrics.

import type { Logger } from 'pino';
import { loadOnce } from '../load-once.ts';
import type { MetricsSources, ToolCallOutcome } from './metrics.ts';

export interface AppMetrics {
  /** Counts a finished call; the first one loads prom-client (a scrape waits for these counts). */
  recordCall(call: { tool: string; effect: string; outcome: ToolCallOutcome; seconds: number }): void;
  /** The Prometheus exposition of every metric. */
  render(): Promise<{ contentType: string; body: string }>;
}

export function metricsOnDemand(sources: MetricsSources, logger: Logger): AppMetrics {
  const metrics = loadOnce(async () => (await import('./metrics.ts')).createMetrics(sources));
  return {
    recordCall({ tool, effect, outcome, seconds }) {
      metrics().then(
        (m) => {
          m.callDuration.observe({ tool }, seconds);
          m.toolCalls.inc({ tool, effect, outcome });
        },
        (err: unknown) => logger.error({ err }, 'metrics: prom-client did not load; call not counted'),
      );
    },
    render: async () => (await metrics()).render(),
  };
}
