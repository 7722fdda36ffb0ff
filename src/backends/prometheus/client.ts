// The Prometheus backend on prometheus-query (HTTP API v1): basic or bearer auth, a CA
// file or skipped verification for TLS, a per-request timeout joined with the tool's
// AbortSignal. Failures become PromErrors carrying Prometheus's own message and the
// query or endpoint that failed.

import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { PrometheusDriver, type QueryResult } from 'prometheus-query';
import { formatDuration } from './limits.ts';
import {
  type CallOptions,
  type InstantResult,
  type Labels,
  type MetricMetadata,
  type PromAlert,
  PromError,
  type PrometheusBackend,
  type PrometheusLimits,
  type PromRule,
  type PromTarget,
  type RangeSeries,
  type Sample,
} from './types.ts';

export interface PrometheusConfig {
  url: string;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  tls?: { caFile?: string; insecureSkipVerify?: boolean };
  limits: PrometheusLimits;
}

/** What prometheus-query throws: Prometheus's error payload, or the network failure. */
interface DriverError {
  errorType?: string;
  error?: string;
  httpStatus?: number;
}

interface RawSample {
  time: Date;
  value: number;
}

export function createPrometheusBackend(config: PrometheusConfig): PrometheusBackend {
  const endpoint = config.url.replace(/\/+$/, '');
  const httpsAgent = config.tls
    ? new Agent({
        ...(config.tls.caFile ? { ca: readFileSync(config.tls.caFile) } : {}),
        rejectUnauthorized: !config.tls.insecureSkipVerify,
      })
    : undefined;
  const { basicAuth, bearerToken } = config;
  const { timeoutMs } = config.limits;
  /** Sent as the query's `timeout`, so Prometheus stops evaluating when opswarden stops waiting. */
  const queryTimeout = formatDuration(timeoutMs);

  /** A driver per call, so each request carries that call's signal and timeout. */
  async function call<T>(
    what: string,
    opts: CallOptions | undefined,
    run: (d: PrometheusDriver) => Promise<T>,
  ) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts?.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    // The driver drops the status of an answer that is not Prometheus JSON (a proxy's 401).
    let answeredStatus: number | undefined;
    const driver = new PrometheusDriver({
      endpoint,
      ...(basicAuth ? { auth: basicAuth } : {}),
      ...(bearerToken ? { headers: { Authorization: `Bearer ${bearerToken}` } } : {}),
      requestInterceptor: {
        onFulfilled: (req) => Object.assign(req, { signal, ...(httpsAgent ? { httpsAgent } : {}) }),
      },
      responseInterceptor: {
        onFulfilled: (res) => {
          answeredStatus = res.status;
          return res;
        },
        onRejected: (err: { response?: { status?: number } }) => {
          answeredStatus = err?.response?.status;
          return Promise.reject(err);
        },
      },
    });
    try {
      return await run(driver);
    } catch (err) {
      if (timeout.aborted) {
        throw new PromError(
          `Prometheus ${what} timed out after ${formatDuration(timeoutMs)} (prometheus.limits.timeout); narrow the query: fewer series, a shorter range or a larger step`,
          'timeout',
        );
      }
      if (opts?.signal?.aborted) throw new PromError(`Prometheus ${what} was cancelled`, 'cancelled');
      const e = (err ?? {}) as DriverError;
      const httpStatus = e.httpStatus ?? answeredStatus;
      const status = httpStatus ? ` (HTTP ${httpStatus})` : '';
      throw new PromError(
        `Prometheus ${what} failed${status}: ${e.error ?? String(err)}${e.errorType === 'network_error' ? ` (is ${endpoint} reachable?)` : ''}`,
        e.errorType,
        httpStatus,
      );
    }
  }

  return {
    limits: config.limits,
    instantQuery: (query, time, opts) =>
      call(`query ${JSON.stringify(query)}`, opts, async (d) =>
        toInstant(await d.instantQuery(query, time ?? new Date(), queryTimeout)),
      ),
    rangeQuery: (query, start, end, stepSeconds, opts) =>
      call(`query ${JSON.stringify(query)}`, opts, async (d) => {
        const result = await d.rangeQuery(query, start, end, stepSeconds, queryTimeout);
        return result.result.map((r: { metric: { name?: string; labels: Labels }; values: RawSample[] }) => ({
          labels: metricLabels(r.metric),
          samples: r.values.map(toSample),
        })) satisfies RangeSeries[];
      }),
    series: (match, start, end, opts) =>
      call(`series ${match.join(', ')}`, opts, async (d) =>
        (await d.series(match, start, end)).map((m) => metricLabels(m as { name?: string; labels: Labels })),
      ),
    labelNames: (opts) => call('label names', opts, (d) => d.labelNames()),
    labelValues: (name, match, opts) =>
      call(`values of label ${name}`, opts, (d) => d.labelValues(name, match?.length ? match : undefined)),
    metadata: (metric, opts) =>
      call(metric ? `metadata of ${metric}` : 'metadata', opts, async (d) => {
        const raw = (await d.metadata(metric)) as Record<string, MetricMetadata[]>;
        return Object.fromEntries(
          Object.entries(raw)
            .filter(([, entries]) => entries.length > 0)
            .map(([name, [first]]) => [name, { type: first!.type, help: first!.help, unit: first!.unit }]),
        );
      }),
    alerts: (opts) =>
      call('alerts', opts, async (d) => (await d.alerts()).map((a) => toAlert(a as unknown as RawAlert))),
    rules: (opts) =>
      call('rules', opts, async (d) =>
        (await d.rules()).flatMap((g) =>
          (g.rules as unknown as RawRule[]).map((r) => toRule(g.name, g.file, r)),
        ),
      ),
    targets: (opts) =>
      call('targets', opts, async (d) => {
        const { activeTargets } = (await d.targets('active')) as { activeTargets: RawTarget[] };
        return activeTargets.map(
          (t): PromTarget => ({
            scrapePool: t.scrapePool,
            scrapeUrl: t.scrapeUrl,
            labels: (t.labels ?? {}) as Labels,
            health: t.health,
            lastError: t.lastError ?? '',
            lastScrape:
              t.lastScrape instanceof Date ? t.lastScrape.toISOString() : String(t.lastScrape ?? ''),
          }),
        );
      }),
  };
}

interface RawAlert {
  labels: Labels;
  annotations: Labels;
  state: PromAlert['state'];
  activeAt?: Date | string | null;
  value?: number | string | null;
}

interface RawRule {
  name: string;
  query: string;
  type: string;
  health: string;
  lastError?: string;
  duration?: number;
  labels?: Labels;
  annotations?: Labels;
  alerts?: RawAlert[];
}

interface RawTarget {
  scrapePool: string;
  scrapeUrl: string;
  labels?: object;
  health: string;
  lastError?: string;
  lastScrape?: Date | string;
}

function metricLabels(metric: { name?: string; labels: Labels } | null): Labels {
  if (!metric) return {};
  return { ...(metric.name ? { __name__: metric.name } : {}), ...metric.labels };
}

function toSample(s: RawSample): Sample {
  return { t: s.time.getTime(), v: s.value };
}

function toInstant(result: QueryResult): InstantResult {
  if (result.resultType === 'vector') {
    return {
      type: 'vector',
      series: result.result.map((r: { metric: { name?: string; labels: Labels }; value: RawSample }) => ({
        labels: metricLabels(r.metric),
        sample: toSample(r.value),
      })),
    };
  }
  if (result.resultType === 'matrix') {
    throw new PromError('an instant query returned a range vector; use prom_query_range for range selectors');
  }
  // Scalar and string results arrive as the raw [time, value] pair.
  const [t, v] = result.result as unknown as [number, string];
  const type = result.resultType === 'scalar' ? 'scalar' : 'string';
  return { type, sample: { t: t * 1000, v: type === 'scalar' ? Number(v) : v } };
}

function toAlert(a: RawAlert): PromAlert {
  return {
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
    state: a.state,
    ...(a.activeAt ? { activeAt: new Date(a.activeAt).toISOString() } : {}),
    ...(a.value != null ? { value: String(a.value) } : {}),
  };
}

function toRule(group: string, file: string, r: RawRule): PromRule {
  return {
    group,
    file,
    type: r.type === 'alerting' ? 'alerting' : 'recording',
    name: r.name,
    query: r.query,
    health: r.health,
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.type === 'alerting' && r.duration !== undefined ? { forSeconds: r.duration } : {}),
    labels: r.labels ?? {},
    annotations: r.annotations ?? {},
    alerts: (r.alerts ?? []).map(toAlert),
  };
}
