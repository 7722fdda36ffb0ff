import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parseMatchers
} from "./chunk-BCXWD7VT.js";
import {
  parseDuration
} from "./chunk-E2EGGSXF.js";
import {
  readClusterNames
} from "./chunk-S7KEFJET.js";
import {
  BackendError
} from "./chunk-RLB2M3XB.js";

// src/load-once.ts
function loadOnce(load) {
  let loading;
  return () => loading ??= load().catch((err) => {
    loading = void 0;
    throw err;
  });
}

// src/backends/alertmanager/types.ts
var AlertmanagerError = class extends BackendError {
  name = "AlertmanagerError";
};

// src/backends/alertmanager/client.ts
function createAlertmanagerBackend(opts) {
  const base = `${opts.url.replace(/\/+$/, "")}/api/v2`;
  const headers = { accept: "application/json" };
  if (opts.bearerToken) headers.authorization = `Bearer ${opts.bearerToken}`;
  else if (opts.basicAuth) {
    const { username, password } = opts.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }
  async function request(operation, method, path, body) {
    let res;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: body === void 0 ? headers : { ...headers, "content-type": "application/json" },
        ...body === void 0 ? {} : { body: JSON.stringify(body) },
        signal: AbortSignal.timeout(opts.timeoutMs)
      });
    } catch (err) {
      const cause = err.name === "TimeoutError" ? `timed out after ${opts.timeoutMs} ms` : causeOf(err);
      throw new AlertmanagerError(`Alertmanager ${operation} failed: ${opts.url} unreachable: ${cause}`);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new AlertmanagerError(
        `Alertmanager ${operation} failed (HTTP ${res.status}): ${errorMessage(text) || res.statusText}`,
        res.status
      );
    }
    return text ? JSON.parse(text) : void 0;
  }
  return {
    alerts: async (query = {}) => request("list alerts", "GET", `/alerts${queryString(query)}`),
    alertGroups: async (query = {}) => request("list alert groups", "GET", `/alerts/groups${queryString(query)}`),
    silences: () => request("list silences", "GET", "/silences"),
    getSilence: (id) => request(`get silence ${id}`, "GET", `/silence/${encodeURIComponent(id)}`),
    async createSilence(s) {
      const created = await request("create silence", "POST", "/silences", {
        matchers: s.matchers,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        createdBy: s.createdBy,
        comment: s.comment
      });
      return created.silenceID;
    },
    async expireSilence(id) {
      await request(`expire silence ${id}`, "DELETE", `/silence/${encodeURIComponent(id)}`);
    },
    status: () => request("status", "GET", "/status")
  };
}
function queryString(q) {
  const params = new URLSearchParams();
  parseMatchers(q.filter ?? []);
  for (const f of q.filter ?? []) params.append("filter", f);
  for (const key of ["active", "silenced", "inhibited", "unprocessed"]) {
    if (q[key] !== void 0) params.set(key, String(q[key]));
  }
  if (q.receiver) params.set("receiver", q.receiver);
  const text = params.toString();
  return text ? `?${text}` : "";
}
function errorMessage(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === "string") return parsed;
    if (parsed && typeof parsed === "object" && "message" in parsed) return String(parsed.message);
  } catch {
  }
  return text.trim();
}
function causeOf(err) {
  const cause = err.cause;
  return cause?.code ?? cause?.message ?? err.message;
}

// src/backends/on-first-use.ts
function onFirstUse(load, eager, deferred) {
  const loaded = loadOnce(load);
  const forwarded = Object.keys(deferred).map((name) => [
    name,
    async (...args) => {
      const backend = await loaded();
      return backend[name](...args);
    }
  ]);
  return { ...eager, ...Object.fromEntries(forwarded) };
}

// src/backends/index.ts
function createBackends(config) {
  const k = config.kubernetes;
  const am = config.alertmanager;
  return {
    ...am ? {
      alertmanager: createAlertmanagerBackend({
        url: am.url,
        timeoutMs: parseDuration(am.timeout),
        ...am.basicAuth ? { basicAuth: am.basicAuth } : {},
        ...am.bearerToken ? { bearerToken: am.bearerToken } : {}
      })
    } : {},
    ...config.prometheus ? { prometheus: prometheusOnFirstUse(prometheusConfig(config.prometheus)) } : {},
    ...config.cloudwatch ? {
      cloudwatch: cloudWatchOnFirstUse({
        region: config.cloudwatch.region,
        ...config.cloudwatch.endpoint ? { endpoint: config.cloudwatch.endpoint } : {},
        ...config.cloudwatch.profile ? { profile: config.cloudwatch.profile } : {},
        limits: {
          maxRangeMs: parseDuration(config.cloudwatch.limits.maxRange),
          maxLogGroups: config.cloudwatch.limits.maxLogGroups,
          pollIntervalMs: parseDuration(config.cloudwatch.limits.pollInterval)
        }
      })
    } : {},
    ...k ? {
      kubernetes: kubernetesOnFirstUse({
        inCluster: k.inCluster,
        ...k.kubeconfig ? { kubeconfig: k.kubeconfig } : {},
        ...k.clusters ? { clusters: k.clusters } : {},
        ...k.defaultCluster ? { defaultCluster: k.defaultCluster } : {}
      })
    } : {}
  };
}
function prometheusConfig(p) {
  return {
    url: p.url,
    ...p.basicAuth ? { basicAuth: p.basicAuth } : {},
    ...p.bearerToken ? { bearerToken: p.bearerToken } : {},
    ...p.tls ? { tls: p.tls } : {},
    limits: {
      maxRangeMs: parseDuration(p.limits.maxRange),
      maxSeries: p.limits.maxSeries,
      maxPoints: p.limits.maxPoints,
      timeoutMs: parseDuration(p.limits.timeout)
    }
  };
}
function prometheusOnFirstUse(config) {
  return onFirstUse(
    async () => (await import("./chunk-HA6GCGY3.js")).createPrometheusBackend(config),
    { limits: config.limits },
    {
      instantQuery: true,
      rangeQuery: true,
      series: true,
      labelNames: true,
      labelValues: true,
      metadata: true,
      alerts: true,
      rules: true,
      targets: true
    }
  );
}
function cloudWatchOnFirstUse(opts) {
  return onFirstUse(
    async () => (await import("./chunk-DS7AY2BX.js")).createCloudWatchBackend(opts),
    { limits: opts.limits },
    {
      describeLogGroups: true,
      filterLogEvents: true,
      startQuery: true,
      getQueryResults: true,
      stopQuery: true
    }
  );
}
function kubernetesOnFirstUse(config) {
  const clusters = readClusterNames(config, process.env);
  const client = loadOnce(
    async () => (await import("./chunk-JUBFQS34.js")).createKubernetesBackend(config)
  );
  const actingAs = (user) => onFirstUse(
    async () => user === void 0 ? client() : (await client()).impersonate(user),
    { clusters: () => [...clusters], impersonate: actingAs },
    { get: true, list: true, patch: true, delete: true, evict: true, podLog: true }
  );
  return actingAs(void 0);
}

export {
  loadOnce,
  createBackends
};
