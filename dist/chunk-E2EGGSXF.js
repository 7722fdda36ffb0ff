import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/duration.ts
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
var DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
var RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
function parseDuration(text) {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) {
    throw new Error(
      `invalid duration ${JSON.stringify(text)}: expected a number and unit, e.g. 30s, 15m, 1h, 7d`
    );
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit];
  return Math.round(total);
}
function parseSince(text, now) {
  const trimmed = text.trim();
  if (DURATION.test(trimmed)) return new Date(now.getTime() - parseDuration(trimmed));
  if (RFC3339.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(
    `invalid time ${JSON.stringify(text)}: expected a duration back from now (15m, 1h, 7d) or RFC 3339 (2024-05-01T12:00:00Z)`
  );
}

// src/canonical.ts
import { createHash } from "node:crypto";
function canonicalJson(value) {
  const out = serialize(value, "$", /* @__PURE__ */ new Set());
  if (out === void 0) throw new TypeError(`canonicalJson: ${typeof value} at $ has no JSON form`);
  return out;
}
function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
var CanonicalText = class {
  text;
  constructor(text) {
    this.text = text;
  }
};
function serialize(value, path, seen) {
  if (value === null) return "null";
  if (value instanceof CanonicalText) return value.text;
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value);
    case "undefined":
      return void 0;
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${path} has no JSON form`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    return JSON.stringify(value.toISOString());
  }
  if (seen.has(value)) throw new TypeError(`canonicalJson: circular reference at ${path}`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, i) => serialize(item, `${path}[${i}]`, seen) ?? "null").join(",")}]`;
    }
    const record = value;
    const parts = [];
    for (const key of Object.keys(record).sort()) {
      const item = serialize(record[key], `${path}.${key}`, seen);
      if (item !== void 0) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    seen.delete(value);
  }
}

export {
  parseDuration,
  parseSince,
  canonicalJson,
  sha256Hex,
  CanonicalText
};
