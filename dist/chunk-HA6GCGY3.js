import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  PromError,
  formatDuration
} from "./chunk-P66QBBFG.js";
import "./chunk-PB6ZSKJE.js";

// src/backends/prometheus/client.ts
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { PrometheusDriver } from "prometheus-query";
function createPrometheusBackend(config) {
  const endpoint = config.url.replace(/\/+$/, "");
  const httpsAgent = config.tls ? new Agent({
    ...config.tls.caFile ? { ca: readFileSync(config.tls.caFile) } : {},
    rejectUnauthorized: !config.tls.insecureSkipVerify
  }) : void 0;
  const { basicAuth, bearerToken } = config;
  const { timeoutMs } = config.limits;
  const queryTimeout = formatDuration(timeoutMs);
  async function call(what, opts, run) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts?.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let answeredStatus;
    const driver = new PrometheusDriver({
      endpoint,
      ...basicAuth ? { auth: basicAuth } : {},
      ...bearerToken ? { headers: { Authorization: `Bearer ${bearerToken}` } } : {},
      requestInterceptor: {
        onFulfilled: (req) => Object.assign(req, { signal, ...httpsAgent ? { httpsAgent } : {} })
      },
      responseInterceptor: {
        onFulfilled: (res) => {
          answeredStatus = res.status;
          return res;
        },
        onRejected: (err) => {
          answeredStatus = err?.response?.status;
          return Promise.reject(err);
        }
      }
    });
    try {
      return await run(driver);
    } catch (err) {
      if (timeout.aborted) {
        throw new PromError(
          `Prometheus ${what} timed out after ${formatDuration(timeoutMs)} (prometheus.limits.timeout); narrow the query: fewer series, a shorter range or a larger step`,
          "timeout"
        );
      }
      if (opts?.signal?.aborted) throw new PromError(`Prometheus ${what} was cancelled`, "cancelled");
      const e = err ?? {};
      const httpStatus = e.httpStatus ?? answeredStatus;
      const status = httpStatus ? ` (HTTP ${httpStatus})` : "";
      throw new PromError(
        `Prometheus ${what} failed${status}: ${e.error ?? String(err)}${e.errorType === "network_error" ? ` (is ${endpoint} reachable?)` : ""}`,
        e.errorType,
        httpStatus
      );
    }
  }
  return {
    limits: config.limits,
    instantQuery: (query, time, opts) => call(
      `query ${JSON.stringify(query)}`,
      opts,
      async (d) => toInstant(await d.instantQuery(query, time ?? /* @__PURE__ */ new Date(), queryTimeout))
    ),
    rangeQuery: (query, start, end, stepSeconds, opts) => call(`query ${JSON.stringify(query)}`, opts, async (d) => {
      const result = await d.rangeQuery(query, start, end, stepSeconds, queryTimeout);
      return result.result.map((r) => ({
        labels: metricLabels(r.metric),
        samples: r.values.map(toSample)
      }));
    }),
    series: (match, start, end, opts) => call(
      `series ${match.join(", ")}`,
      opts,
      async (d) => (await d.series(match, start, end)).map((m) => metricLabels(m))
    ),
    labelNames: (opts) => call("label names", opts, (d) => d.labelNames()),
    labelValues: (name, match, opts) => call(`values of label ${name}`, opts, (d) => d.labelValues(name, match?.length ? match : void 0)),
    metadata: (metric, opts) => call(metric ? `metadata of ${metric}` : "metadata", opts, async (d) => {
      const raw = await d.metadata(metric);
      return Object.fromEntries(
        Object.entries(raw).filter(([, entries]) => entries.length > 0).map(([name, [first]]) => [name, { type: first.type, help: first.help, unit: first.unit }])
      );
    }),
    alerts: (opts) => call("alerts", opts, async (d) => (await d.alerts()).map((a) => toAlert(a))),
    rules: (opts) => call(
      "rules",
      opts,
      async (d) => (await d.rules()).flatMap(
        (g) => g.rules.map((r) => toRule(g.name, g.file, r))
      )
    ),
    targets: (opts) => call("targets", opts, async (d) => {
      const { activeTargets } = await d.targets("active");
      return activeTargets.map(
        (t) => ({
          scrapePool: t.scrapePool,
          scrapeUrl: t.scrapeUrl,
          labels: t.labels ?? {},
          health: t.health,
          lastError: t.lastError ?? "",
          lastScrape: t.lastScrape instanceof Date ? t.lastScrape.toISOString() : String(t.lastScrape ?? "")
        })
      );
    })
  };
}
function metricLabels(metric) {
  if (!metric) return {};
  return { ...metric.name ? { __name__: metric.name } : {}, ...metric.labels };
}
function toSample(s) {
  return { t: s.time.getTime(), v: s.value };
}
function toInstant(result) {
  if (result.resultType === "vector") {
    return {
      type: "vector",
      series: result.result.map((r) => ({
        labels: metricLabels(r.metric),
        sample: toSample(r.value)
      }))
    };
  }
  if (result.resultType === "matrix") {
    throw new PromError("an instant query returned a range vector; use prom_query_range for range selectors");
  }
  const [t, v] = result.result;
  const type = result.resultType === "scalar" ? "scalar" : "string";
  return { type, sample: { t: t * 1e3, v: type === "scalar" ? Number(v) : v } };
}
function toAlert(a) {
  return {
    labels: a.labels ?? {},
    annotations: a.annotations ?? {},
    state: a.state,
    ...a.activeAt ? { activeAt: new Date(a.activeAt).toISOString() } : {},
    ...a.value != null ? { value: String(a.value) } : {}
  };
}
function toRule(group, file, r) {
  return {
    group,
    file,
    type: r.type === "alerting" ? "alerting" : "recording",
    name: r.name,
    query: r.query,
    health: r.health,
    ...r.lastError ? { lastError: r.lastError } : {},
    ...r.type === "alerting" && r.duration !== void 0 ? { forSeconds: r.duration } : {},
    labels: r.labels ?? {},
    annotations: r.annotations ?? {},
    alerts: (r.alerts ?? []).map(toAlert)
  };
}
export {
  createPrometheusBackend
};
