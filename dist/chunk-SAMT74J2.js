import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parseDuration
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";

// src/sandbox/scenario/random.ts
function hash32(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return avalanche(hash);
}
function mix32(a, b) {
  return avalanche(a ^ Math.imul(b + 2654435769, 2246822507));
}
function avalanche(value) {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
var Mulberry32 = class {
  state;
  constructor(seed) {
    this.state = seed >>> 0;
  }
  uint32() {
    this.state = this.state + 1831565813 >>> 0;
    let t = this.state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return (t ^ t >>> 14) >>> 0;
  }
  next() {
    return this.uint32() / 4294967296;
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
};
function mulberry32(seed) {
  return new Mulberry32(seed);
}
function streamRandom(seed, identity) {
  return mulberry32(hash32(`${seed}\0${identity}`));
}
function seedFromName(name2) {
  return hash32(name2);
}
var BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
function hex32(value) {
  return BYTE_HEX[value >>> 24] + BYTE_HEX[value >>> 16 & 255] + BYTE_HEX[value >>> 8 & 255] + BYTE_HEX[value & 255];
}
function randomUuid(random) {
  const a = hex32(random.uint32());
  const b = hex32(random.uint32() & 4294905855 | 16384);
  const c = hex32((random.uint32() & 1073741823 | 2147483648) >>> 0);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(random.uint32())}`;
}
function randomHex(random, length) {
  let out = "";
  while (out.length < length) out += hex32(random.uint32());
  return out.slice(0, length);
}

// src/sandbox/scenario/placeholders.ts
var PLACEHOLDER = /\{([a-z]+)(?::([^{}]*))?\}/g;
var INT_RANGE = /^(-?\d+)-(-?\d+)$/;
var FLOAT_RANGE = /^(-?\d+(?:\.(\d+))?)-(-?\d+(?:\.(\d+))?)$/;
var FORMS = "{int:a-b}, {float:a-b}, {uuid}, {hex:n}, {ip}, {pick:a|b|c}";
function compileTemplate(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(placeholder(match[0], match[1], match[2]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts };
}
function renderTemplate(template, random) {
  let out = "";
  for (const part of template.parts) out += typeof part === "string" ? part : part(random);
  return out;
}
function placeholder(whole, name2, arg) {
  const bad = (expected) => new Error(`placeholder ${whole}: expected ${expected}`);
  switch (name2) {
    case "int": {
      const range = arg === void 0 ? null : INT_RANGE.exec(arg);
      if (!range || Number(range[1]) > Number(range[2])) throw bad("{int:a-b} with integers a <= b");
      const [min, max] = [Number(range[1]), Number(range[2])];
      return (random) => String(random.int(min, max));
    }
    case "float": {
      const range = arg === void 0 ? null : FLOAT_RANGE.exec(arg);
      if (!range || Number(range[1]) > Number(range[3])) throw bad("{float:a-b} with numbers a <= b");
      const [min, max] = [Number(range[1]), Number(range[3])];
      const decimals = Math.max(range[2]?.length ?? 0, range[4]?.length ?? 0, 2);
      return (random) => (min + random.next() * (max - min)).toFixed(decimals);
    }
    case "uuid":
      if (arg !== void 0) throw bad("{uuid} without an argument");
      return randomUuid;
    case "hex": {
      const length = Number(arg);
      if (!arg || !Number.isInteger(length) || length < 1 || length > 128)
        throw bad("{hex:n} with n from 1 to 128");
      return (random) => randomHex(random, length);
    }
    case "ip":
      if (arg !== void 0) throw bad("{ip} without an argument");
      return (random) => `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    case "pick": {
      const options = arg?.split("|") ?? [];
      if (!arg) throw bad("{pick:a|b|c} with at least one option");
      return (random) => random.pick(options);
    }
    default:
      throw new Error(`unknown placeholder ${whole}: expected one of ${FORMS}`);
  }
}

// src/sandbox/scenario/quantity.ts
var QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
var SUFFIX = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
};
var PER_SECONDS = { s: 1, sec: 1, min: 60, m: 60, h: 3600 };
function parseQuantity(text) {
  const match = QUANTITY.exec(text.trim());
  if (!match) {
    throw new Error(
      `invalid quantity ${JSON.stringify(text)}: expected a number with an optional suffix, e.g. 512Mi, 500m, 2`
    );
  }
  const suffix = match[2] ?? "";
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(match[1]) * scale;
}
function parseQuantityRate(text) {
  const [amount, per, ...rest] = text.split("/");
  const seconds = PER_SECONDS[per?.trim() ?? ""];
  if (amount === void 0 || seconds === void 0 || rest.length) {
    throw new Error(
      `invalid rate ${JSON.stringify(text)}: expected a quantity per s, min or h, e.g. 2Mi/min`
    );
  }
  return parseQuantity(amount) / seconds;
}

// src/sandbox/scenario/schema.ts
var POD_STATES = [
  "Running",
  "CrashLoopBackOff",
  "Pending",
  "ImagePullBackOff",
  "OOMKilled",
  "Error"
];
var ROOT_CAUSE_CATEGORIES = [
  "deploy",
  "config",
  "dependency",
  "capacity",
  "infrastructure",
  "external"
];
var LOG_LEVELS = [
  "trace",
  "debug",
  "info",
  "notice",
  "warn",
  "warning",
  "error",
  "fatal",
  "critical"
];
var KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
var DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
var LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
var LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
var PROM_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
var PROM_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var TOOL_NAME = /^[a-z][a-z0-9_]*$/;
function textAs(parse, expected) {
  return external_exports.string({ error: `expected ${expected}` }).transform((text, ctx) => {
    try {
      return parse(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err.message });
      return external_exports.NEVER;
    }
  });
}
var name = (pattern, what) => external_exports.string().regex(pattern, `expected ${what}`);
var dnsLabel = name(DNS_LABEL, "a DNS label (lowercase letters, digits and -, at most 63)");
var dnsSubdomain = name(DNS_SUBDOMAIN, "a DNS subdomain (lowercase letters, digits, - and .)");
var scalarText = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()], { error: "expected a string" }).transform((value) => String(value));
var stringMap = external_exports.record(external_exports.string(), scalarText);
var kubeLabels = external_exports.record(
  name(LABEL_KEY, "a Kubernetes label key"),
  scalarText.pipe(name(LABEL_VALUE, "a Kubernetes label value (at most 63 of A-Z a-z 0-9 - _ .)"))
);
var promLabels = external_exports.record(name(PROM_LABEL, "a Prometheus label name"), scalarText);
var positiveDuration = textAs((text) => {
  const ms = parseDuration(text);
  if (ms <= 0) throw new Error(`duration ${JSON.stringify(text)} must be longer than 0`);
  return ms;
}, "a duration such as 15s, 5m or 1h");
var quantityText = external_exports.union([external_exports.string(), external_exports.number()], { error: "expected a quantity such as 512Mi, 500m or 2" }).transform((value, ctx) => {
  const text = String(value);
  try {
    parseQuantity(text);
    return text;
  } catch (err) {
    ctx.addIssue({ code: "custom", message: err.message });
    return external_exports.NEVER;
  }
});
var quantityValue = quantityText.transform(parseQuantity);
var conditionStatus = external_exports.union([
  external_exports.enum(["True", "False", "Unknown"]),
  external_exports.boolean().transform((value) => value ? "True" : "False")
]);
function scenarioDocumentSchema(times) {
  const time = textAs(times.resolve, "a time: a duration relative to spec.now (-6h, +5m) or RFC 3339");
  const piecewise = (fields) => external_exports.preprocess(
    (value) => value && typeof value === "object" && !Array.isArray(value) ? [value] : value,
    external_exports.array(external_exports.strictObject({ from: time.optional(), ramp: positiveDuration.optional(), ...fields })).min(1)
  ).transform((segments, ctx) => {
    const froms = segments.map((segment) => segment.from);
    froms.forEach((from, index) => {
      const previous = froms[index - 1];
      if (index > 0 && !from) {
        ctx.addIssue({
          code: "custom",
          path: [index, "from"],
          message: "required after the first segment"
        });
      } else if (previous && from && from < previous) {
        ctx.addIssue({ code: "custom", path: [index, "from"], message: "segments must be oldest first" });
      }
    });
    return segments.map((segment, index) => ({ ...segment, from: froms[index] ?? times.history }));
  });
  const percentiles = { p50: external_exports.number().positive(), p99: external_exports.number().positive() };
  const p50BelowP99 = (segments, ctx) => segments.forEach((segment, index) => {
    if (segment.p50 > segment.p99) {
      ctx.addIssue({ code: "custom", path: [index, "p99"], message: "p99 must not be below p50" });
    }
  });
  const oldestFirst = (what) => (items, ctx) => items.forEach((item, index) => {
    const previous = items[index - 1];
    if (previous && item.at < previous.at) {
      ctx.addIssue({ code: "custom", path: [index, "at"], message: `${what} must be oldest first` });
    }
  });
  const namespace = external_exports.strictObject({ name: dnsLabel, labels: kubeLabels.default({}) });
  const node = external_exports.strictObject({
    name: dnsSubdomain,
    labels: kubeLabels.default({}),
    capacity: external_exports.record(external_exports.string(), quantityText).default({}),
    conditions: external_exports.array(
      external_exports.strictObject({
        type: external_exports.string().min(1),
        status: conditionStatus,
        since: time.optional(),
        reason: external_exports.string().optional(),
        message: external_exports.string().optional()
      })
    ).default([]),
    unschedulable: external_exports.boolean().default(false)
  });
  const container = external_exports.strictObject({
    name: dnsLabel,
    ports: external_exports.array(external_exports.int().min(1).max(65535)).default([]),
    resources: external_exports.strictObject({
      limits: external_exports.record(external_exports.string(), quantityText).optional(),
      requests: external_exports.record(external_exports.string(), quantityText).optional()
    }).default({})
  });
  const revision = external_exports.strictObject({
    at: time,
    image: external_exports.string().min(1),
    changeCause: external_exports.string().optional(),
    env: stringMap.default({})
  });
  const restart = external_exports.strictObject({ at: time, reason: external_exports.string().min(1).default("Error"), exitCode: external_exports.int().optional() }).transform((r) => ({ ...r, exitCode: r.exitCode ?? (r.reason === "OOMKilled" ? 137 : 1) }));
  const podOverride = external_exports.strictObject({
    index: external_exports.int().min(0),
    node: external_exports.string().optional(),
    state: external_exports.enum(POD_STATES).default("Running"),
    restarts: external_exports.array(restart).default([]).superRefine(oldestFirst("restarts"))
  });
  const workload = external_exports.strictObject({
    name: dnsLabel,
    namespace: dnsLabel,
    labels: kubeLabels.optional(),
    replicas: external_exports.int().min(0).default(1),
    containers: external_exports.array(container).min(1),
    revisions: external_exports.array(revision).min(1).superRefine(oldestFirst("revisions")),
    pods: external_exports.array(podOverride).default([])
  }).transform((w) => ({ ...w, labels: w.labels ?? { app: w.name } }));
  const configmap = external_exports.strictObject({
    name: dnsSubdomain,
    namespace: dnsLabel,
    data: stringMap.default({}),
    history: external_exports.array(external_exports.strictObject({ at: time, data: stringMap })).default([]).superRefine(oldestFirst("history entries"))
  });
  const event = external_exports.strictObject({
    at: time,
    type: external_exports.enum(["Normal", "Warning"]).default("Normal"),
    reason: external_exports.string().min(1),
    object: external_exports.string(),
    message: external_exports.string().default(""),
    count: external_exports.int().min(1).default(1)
  });
  const kubernetes = external_exports.strictObject({
    namespaces: external_exports.array(namespace).default([]),
    nodes: external_exports.array(node).default([]),
    deployments: external_exports.array(workload).default([]),
    statefulsets: external_exports.array(workload).default([]),
    configmaps: external_exports.array(configmap).default([]),
    events: external_exports.array(event).default([])
  });
  const service = external_exports.strictObject({
    name: dnsLabel,
    namespace: dnsLabel.optional(),
    kind: external_exports.literal("external").optional(),
    workload: external_exports.string().optional(),
    dependsOn: external_exports.array(external_exports.string()).default([]),
    traffic: piecewise({ rps: external_exports.number().min(0) }).optional(),
    errors: piecewise({ ratio: external_exports.number().min(0).max(1) }).optional(),
    latency: piecewise(percentiles).superRefine(p50BelowP99).optional(),
    cpu: piecewise({ cores: external_exports.number().min(0) }).optional(),
    memory: piecewise({
      bytes: quantityValue,
      growth: textAs(parseQuantityRate, "a rate such as 2Mi/min").optional()
    }).optional()
  });
  const metricCommon = {
    name: name(PROM_METRIC, "a Prometheus metric name"),
    labels: promLabels.default({}),
    noise: external_exports.number().min(0).default(0.02)
  };
  const metric = external_exports.preprocess(
    renameCounterValueToRate,
    external_exports.discriminatedUnion("type", [
      external_exports.strictObject({ ...metricCommon, type: external_exports.literal("gauge"), value: piecewise({ value: external_exports.number() }) }),
      external_exports.strictObject({
        ...metricCommon,
        type: external_exports.literal("counter"),
        rate: piecewise({ rate: external_exports.number().min(0), reset: external_exports.boolean().optional() })
      }),
      external_exports.strictObject({
        ...metricCommon,
        type: external_exports.literal("histogram"),
        rate: piecewise({ rate: external_exports.number().min(0), ...percentiles }).superRefine(p50BelowP99)
      })
    ])
  );
  const logLine = external_exports.strictObject({
    from: time.optional(),
    every: positiveDuration.optional(),
    at: time.optional(),
    level: external_exports.enum(LOG_LEVELS).optional(),
    text: external_exports.string()
  }).superRefine((line, ctx) => {
    const once = line.at !== void 0;
    if (once ? line.from !== void 0 || line.every !== void 0 : !line.from || !line.every) {
      ctx.addIssue({
        code: "custom",
        message: "a line has either `at` (once) or `from` and `every` (repeating)"
      });
    }
    try {
      compileTemplate(line.text);
    } catch (err) {
      ctx.addIssue({ code: "custom", path: ["text"], message: err.message });
    }
  }).transform(
    ({ from, every, at, ...rest }) => at ? { kind: "once", at, ...rest } : { kind: "every", from, every, ...rest }
  );
  const logEntry = external_exports.strictObject({
    source: external_exports.union([
      external_exports.string(),
      external_exports.strictObject({ cloudwatch: external_exports.strictObject({ group: external_exports.string().min(1), stream: external_exports.string().min(1) }) })
    ]),
    format: external_exports.enum(["text", "json"]).default("text"),
    lines: external_exports.array(logLine).min(1).superRefine((lines, ctx) => {
      let previous;
      lines.forEach((line, index) => {
        if (line.kind !== "every") return;
        if (previous && line.from < previous) {
          ctx.addIssue({
            code: "custom",
            path: [index, "from"],
            message: "`every` lines must be oldest first"
          });
        }
        previous = line.from;
      });
    })
  });
  const alert = external_exports.strictObject({
    name: external_exports.string().min(1),
    labels: promLabels.default({}),
    annotations: stringMap.default({}),
    startsAt: time,
    endsAt: time.nullable().default(null)
  }).superRefine((a, ctx) => {
    if (a.endsAt && a.endsAt < a.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must not be before startsAt" });
    }
  });
  const change = external_exports.strictObject({
    id: external_exports.string().min(1),
    at: time,
    kind: name(/^[a-z][a-z0-9_]*$/, "a snake_case kind such as feature_flag"),
    service: external_exports.string().optional(),
    summary: external_exports.string().min(1)
  });
  const toolName = name(TOOL_NAME, "a tool name such as k8s_rollout_undo");
  const resolution = external_exports.strictObject({
    incidentStart: time,
    fixes: external_exports.array(external_exports.strictObject({ tool: toolName, target: external_exports.string().optional(), data: stringMap.optional() })).default([]),
    recovery: positiveDuration.default(12e4),
    transient: external_exports.array(external_exports.strictObject({ tool: toolName, target: external_exports.string().optional(), lasts: positiveDuration })).default([])
  });
  const remedy = external_exports.strictObject({
    runbook: external_exports.string().min(1).optional(),
    tool: toolName.optional(),
    target: external_exports.string().optional()
  }).superRefine((r, ctx) => {
    if (r.runbook === void 0 === (r.tool === void 0) || r.runbook && r.target) {
      ctx.addIssue({ code: "custom", message: "expected { runbook } or { tool, target? }" });
    }
  });
  const truth = external_exports.strictObject({
    rootCause: external_exports.strictObject({
      category: external_exports.enum(ROOT_CAUSE_CATEGORIES),
      ref: external_exports.string(),
      summary: external_exports.string().min(1)
    }),
    remediation: external_exports.strictObject({ acceptable: external_exports.array(remedy).default([]), harmful: external_exports.array(remedy).default([]) }).prefault({})
  });
  return external_exports.strictObject({
    apiVersion: external_exports.literal("opswarden.dev/v1"),
    kind: external_exports.literal("Scenario"),
    metadata: external_exports.strictObject({
      name: name(KEBAB, "a kebab-case name such as checkout-bad-deploy"),
      description: external_exports.string().default("")
    }),
    spec: external_exports.strictObject({
      now: textAs(times.now, "an RFC 3339 timestamp such as 2026-04-25T14:30:00Z"),
      step: positiveDuration.default(15e3),
      history: time.default(times.history),
      seed: external_exports.int().min(0).optional(),
      cluster: external_exports.strictObject({ name: external_exports.string().min(1) }).default({ name: "sandbox" }),
      kubernetes: kubernetes.prefault({}),
      services: external_exports.array(service).default([]),
      metrics: external_exports.array(metric).default([]),
      logs: external_exports.array(logEntry).default([]),
      alerts: external_exports.array(alert).default([]),
      changes: external_exports.array(change).default([]),
      resolution: resolution.optional(),
      truth: truth.optional()
    })
  });
}
function renameCounterValueToRate(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const { type, value, ...rest } = raw;
  if ((type === "counter" || type === "histogram") && value !== void 0 && !("rate" in rest)) {
    return { type, ...rest, rate: value };
  }
  return raw;
}

export {
  parseQuantity,
  hash32,
  mix32,
  mulberry32,
  streamRandom,
  seedFromName,
  randomUuid,
  randomHex,
  compileTemplate,
  renderTemplate,
  ROOT_CAUSE_CATEGORIES,
  scenarioDocumentSchema
};
