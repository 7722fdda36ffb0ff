import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/backends/prometheus/types.ts
var PromError = class extends Error {
  name = "PromError";
  errorType;
  /** The HTTP status of Prometheus's answer, when there was one. */
  httpStatus;
  constructor(message, errorType, httpStatus) {
    super(message);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }
};

// src/backends/prometheus/limits.ts
var NICE_STEPS_S = [
  1,
  2,
  5,
  10,
  15,
  30,
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  10800,
  21600,
  43200,
  86400
];
var DEFAULT_POINTS = 1e3;
var DEFAULT_MIN_STEP_S = 15;
var DEFAULT_PROMETHEUS_LIMITS = {
  maxRangeMs: 7 * 864e5,
  maxSeries: 500,
  maxPoints: 11e3,
  timeoutMs: 3e4
};
function niceStep(seconds) {
  const nice = NICE_STEPS_S.find((s) => s >= seconds);
  return nice ?? Math.ceil(seconds / 86400) * 86400;
}
function chooseStep(rangeMs, maxPoints, requestedSeconds) {
  const rangeS = rangeMs / 1e3;
  const floorS = rangeS / maxPoints;
  if (requestedSeconds !== void 0) {
    return requestedSeconds >= floorS ? requestedSeconds : niceStep(floorS);
  }
  return niceStep(Math.max(DEFAULT_MIN_STEP_S, rangeS / DEFAULT_POINTS, floorS));
}
function checkRange(start, end, limits) {
  const rangeMs = end.getTime() - start.getTime();
  if (!(rangeMs > 0)) {
    throw new PromError(
      `range is empty: start ${start.toISOString()} is not before end ${end.toISOString()}; give a start earlier than end`
    );
  }
  if (rangeMs > limits.maxRangeMs) {
    throw new PromError(
      `range ${formatDuration(rangeMs)} is longer than the configured maximum ${formatDuration(limits.maxRangeMs)} (prometheus.limits.maxRange); shorten the range (e.g. start: -6h) or query a recording rule with a coarser resolution`
    );
  }
}
function checkSeriesCount(count, query, limits) {
  if (count <= limits.maxSeries) return;
  throw new PromError(
    `query ${JSON.stringify(query)} returned ${count} series, more than the configured maximum ${limits.maxSeries} (prometheus.limits.maxSeries); narrow it: add a label matcher (e.g. {service="checkout"}), aggregate with sum by (service) or topk(10, ...), or shorten the range`
  );
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  const units = [
    ["d", 864e5],
    ["h", 36e5],
    ["m", 6e4],
    ["s", 1e3]
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1e3)}s`;
}

export {
  PromError,
  chooseStep,
  checkRange,
  checkSeriesCount,
  formatDuration
};
