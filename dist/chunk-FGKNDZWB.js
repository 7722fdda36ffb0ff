import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  COMPARISON_OPS,
  PromqlError,
  SET_OPS,
  executionError,
  labelsMatch,
  matcherAccepts,
  parseExpr,
  parseSelectorMatchers,
  promRegex,
  timedOut,
  typeOf,
  unwrapParens
} from "./chunk-6EFHVF4W.js";
import {
  PatternError,
  cachedPattern,
  compilePattern,
  literalPattern,
  matchesLabels,
  parseMatcher
} from "./chunk-BCXWD7VT.js";
import {
  CONTROLLER_REVISION_HASH,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  ageSince,
  compileLogEntry,
  conditionStatus,
  containersOf,
  controllerRef,
  creationTime,
  generateSeries,
  incidentTimeline,
  intOrPercent,
  isControlledBy,
  isPodReady,
  logOccurrences,
  ownerReferenceTo,
  parseRef,
  planNodes,
  planWorkloads,
  podPhase,
  podStatusText,
  renderKubeWorld,
  replicasOf,
  revisionOf,
  suppressedSpans,
  templateIdentity,
  templateOf,
  without
} from "./chunk-QIS6YJEO.js";
import {
  hash32
} from "./chunk-SAMT74J2.js";
import {
  catalogFromScenario,
  hashApiKey,
  loadConfig
} from "./chunk-IMRIVU32.js";
import {
  signerFromPem
} from "./chunk-HI7OID35.js";
import {
  canonicalJson,
  parseDuration
} from "./chunk-E2EGGSXF.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";

// src/sandbox/run/config.ts
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var SANDBOX_APPROVER = "oncall";
var SANDBOX_APPROVER_KEY = `${SANDBOX_APPROVER}.key`;
var SANDBOX_AGENT = "assistant";
var SANDBOX_REGION = "us-east-1";
var SANDBOX_ALERTMANAGER = "alertmanager";
function writeSandboxConfig(dir, scenario, endpoints2, opts = {}) {
  const apiKeys = [
    ...opts.apiKey ? [{ id: SANDBOX_AGENT, type: "agent", sha256: hashApiKey(opts.apiKey) }] : [],
    ...opts.alertWriterKey ? [
      {
        id: SANDBOX_ALERTMANAGER,
        type: "service",
        roles: ["alert-writer"],
        sha256: hashApiKey(opts.alertWriterKey)
      }
    ] : [],
    ...opts.approverToken ? [
      {
        id: SANDBOX_APPROVER,
        type: "human",
        roles: ["sre-oncall"],
        sha256: hashApiKey(opts.approverToken)
      }
    ] : []
  ];
  const approverKeyPath = join(dir, SANDBOX_APPROVER_KEY);
  const raw = {
    server: { name: `opswarden-sandbox-${scenario.name}`, http: { port: opts.port ?? 8787 } },
    principal: { id: SANDBOX_AGENT, type: "agent", roles: [] },
    principals: [
      {
        id: SANDBOX_APPROVER,
        type: "human",
        roles: ["sre-oncall"],
        publicKey: approverPublicKey(approverKeyPath)
      }
    ],
    ...apiKeys.length ? { auth: { apiKeys } } : {},
    services: catalogFromScenario(scenario),
    kubernetes: { kubeconfig: endpoints2.kubeconfigPath },
    prometheus: { url: endpoints2.prometheus },
    alertmanager: { url: endpoints2.alertmanager },
    cloudwatch: { region: SANDBOX_REGION, endpoint: endpoints2.cloudwatch },
    store: { path: join(dir, "opswarden.db") },
    audit: { jsonl: join(dir, "audit.jsonl") }
  };
  const path = join(dir, "opswarden.yaml");
  const header = `# Written by \`opswarden sandbox\` for scenario ${scenario.name}: every backend is the sandbox on loopback.
`;
  writeFileSync(path, header + yaml.dump(raw, { lineWidth: 120 }), { mode: 384 });
  return { path, config: loadConfig(path, process.env, { envOverrides: false }).config, approverKeyPath };
}
function approverPublicKey(keyPath) {
  if (!existsSync(keyPath)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 384 });
  }
  return signerFromPem(readFileSync(keyPath, "utf8")).publicKey;
}

// src/sandbox/run/start.ts
import { mkdirSync, mkdtempSync as mkdtempSync2 } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join4 } from "node:path";

// src/sandbox/alertmanager/simulator.ts
import { createServer } from "node:http";

// src/sandbox/reactions/alert-episodes.ts
function firingEpisodes(alert, timeline) {
  const firing = [alert.startsAt.getTime(), alert.endsAt?.getTime() ?? Number.POSITIVE_INFINITY];
  return firing[0] >= timeline.incidentStart ? without(firing, suppressedSpans(timeline)) : [firing];
}
function episodeAt(episodes, t) {
  return episodes.find(([from, until]) => from <= t && t < until);
}

// src/sandbox/alertmanager/api-error.ts
var AlertmanagerApiError = class extends Error {
  name = "AlertmanagerApiError";
  status;
  /** What the response carries; null: no body. */
  body;
  constructor(status, message, body = message) {
    super(message);
    this.status = status;
    this.body = body;
  }
};
function formatError(code, message) {
  return new AlertmanagerApiError(422, message, { code, message });
}

// src/sandbox/alertmanager/labels.ts
var FNV_OFFSET = 0xcbf29ce484222325n;
var FNV_PRIME = 0x100000001b3n;
var MASK_64 = 0xffffffffffffffffn;
var SEPARATOR = 255;
function fingerprint(labels) {
  let hash = FNV_OFFSET;
  const add = (byte) => {
    hash = (hash ^ BigInt(byte)) * FNV_PRIME & MASK_64;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const byte of Buffer.from(name)) add(byte);
    add(SEPARATOR);
    for (const byte of Buffer.from(labels[name] ?? "")) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, "0");
}
function labelSetText(labels) {
  const pairs2 = Object.keys(labels).sort().map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs2.join(", ")}}`;
}
function pickLabels(labels, names2) {
  return Object.fromEntries(names2.filter((n) => n in labels).map((n) => [n, labels[n] ?? ""]));
}
function commonLabels(sets) {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([n, v]) => rest.every((s) => s[n] === v)));
}

// src/sandbox/alertmanager/alerts.ts
var RESOLVE_TIMEOUT_MS = 5 * 6e4;
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function createAlerts(scenario, clock, silences, timeline = incidentTimeline(void 0)) {
  const alerts = /* @__PURE__ */ new Map();
  for (const a of scenario.spec.alerts) {
    const labels = { alertname: a.name, ...a.labels };
    const stored = {
      labels,
      annotations: { ...a.annotations },
      generatorURL: "",
      startsAt: a.startsAt,
      resolvesAt: a.endsAt,
      fromScenario: true,
      updatedAt: a.startsAt
    };
    alerts.set(fingerprint(labels), (now) => currentEpisode(stored, timeline, now));
  }
  return {
    current(receiver) {
      const now = clock.now();
      const ahead = new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
      return [...alerts.entries()].flatMap(([fp, alertAt]) => {
        const a = alertAt(now);
        return a ? [[fp, a]] : [];
      }).sort(([x], [y]) => x.localeCompare(y)).map(([fp, a]) => {
        const silencedBy = silences.silencing(a.labels);
        const endsAt = a.fromScenario ? ahead : a.resolvesAt ?? ahead;
        return {
          annotations: { ...a.annotations },
          endsAt: endsAt.toISOString(),
          fingerprint: fp,
          receivers: [{ name: receiver }],
          startsAt: a.startsAt.toISOString(),
          status: { inhibitedBy: [], silencedBy, state: silencedBy.length ? "suppressed" : "active" },
          updatedAt: (a.fromScenario ? now : a.updatedAt).toISOString(),
          labels: { ...a.labels },
          ...a.generatorURL ? { generatorURL: a.generatorURL } : {}
        };
      });
    },
    post(body) {
      if (!Array.isArray(body)) throw new AlertmanagerApiError(400, "alerts in body must be an array");
      const now = clock.now();
      const parsed = body.map((raw, index) => parsePostedAlert(raw, index, now));
      for (const a of parsed) {
        const fp = fingerprint(a.labels);
        const previous = alerts.get(fp)?.(now);
        if (previous && previous.startsAt < a.startsAt) a.startsAt = previous.startsAt;
        alerts.set(fp, (at) => a.resolvesAt === null || at < a.resolvesAt ? a : void 0);
      }
    }
  };
}
function currentEpisode(alert, timeline, now) {
  const episode = episodeAt(
    firingEpisodes({ startsAt: alert.startsAt, endsAt: alert.resolvesAt }, timeline),
    now.getTime()
  );
  if (!episode) return void 0;
  const [from, until] = episode;
  return { ...alert, startsAt: new Date(from), resolvesAt: Number.isFinite(until) ? new Date(until) : null };
}
function parsePostedAlert(raw, index, now) {
  const a = raw ?? {};
  const invalid2 = (why) => new AlertmanagerApiError(400, `alert ${index}: ${why}`);
  const labels = stringMap(a.labels, `alert ${index}: labels`);
  if (Object.keys(labels).length === 0) throw invalid2("at least one label pair required");
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME.test(name)) throw invalid2(`invalid label set: invalid name ${JSON.stringify(name)}`);
  }
  const time = (field) => {
    const value = a[field];
    if (value === void 0 || value === "") return void 0;
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw invalid2(`${field} ${JSON.stringify(value)} is not a date-time`);
    return date;
  };
  const startsAt = time("startsAt") ?? now;
  const endsAt = time("endsAt") ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
  if (endsAt < startsAt) throw invalid2("start time must be before end time");
  return {
    labels,
    annotations: stringMap(a.annotations ?? {}, `alert ${index}: annotations`),
    generatorURL: typeof a.generatorURL === "string" ? a.generatorURL : "",
    startsAt,
    resolvesAt: endsAt,
    fromScenario: false,
    updatedAt: now
  };
}
function stringMap(raw, what) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new AlertmanagerApiError(400, `${what} must be an object of strings`);
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string")
      throw new AlertmanagerApiError(400, `${what}: ${name} must be a string, not ${JSON.stringify(value)}`);
  }
  return { ...raw };
}

// src/sandbox/alertmanager/query.ts
function parseAlertFilter(params) {
  const matchers = params.getAll("filter").map((text) => {
    try {
      return parseMatcher(text);
    } catch {
      throw new AlertmanagerApiError(400, `bad matcher format: ${text}`);
    }
  });
  const flag = (name) => {
    const value = params.get(name);
    if (value === null || value === "true") return true;
    if (value === "false") return false;
    throw formatError(601, `${name} in query must be of type boolean: ${JSON.stringify(value)}`);
  };
  const receiverText = params.get("receiver");
  let receiver;
  if (receiverText) {
    try {
      receiver = compilePattern(receiverText);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw new AlertmanagerApiError(
        400,
        `failed to parse receiver param: error parsing regexp: ${err.detail}`
      );
    }
  }
  return {
    matchers,
    active: flag("active"),
    silenced: flag("silenced"),
    inhibited: flag("inhibited"),
    unprocessed: flag("unprocessed"),
    ...receiver ? { receiver } : {}
  };
}
function filterAlerts(alerts, f) {
  return alerts.filter(
    (a) => (!f.receiver || a.receivers.some((r) => f.receiver?.testWhole(r.name))) && (f.silenced || a.status.silencedBy.length === 0) && (f.inhibited || a.status.inhibitedBy.length === 0) && (f.active || a.status.state !== "active") && (f.unprocessed || a.status.state !== "unprocessed") && matchesLabels(f.matchers, a.labels)
  );
}
function groupAlerts(alerts, groupBy, receiver) {
  const groups = /* @__PURE__ */ new Map();
  for (const alert of alerts) {
    const labels = pickLabels(alert.labels, groupBy);
    const key = labelSetText(labels);
    const group = groups.get(key) ?? { alerts: [], labels, receiver: { name: receiver } };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

// src/sandbox/alertmanager/silences.ts
import { randomUUID } from "node:crypto";
var LABEL_NAME2 = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var STATE_ORDER = { active: 0, pending: 1, expired: 2 };
function createSilences(clock) {
  const silences = /* @__PURE__ */ new Map();
  const stateOf = (s, now) => s.endsAt <= now ? "expired" : s.startsAt > now ? "pending" : "active";
  const render = (s, now) => ({
    id: s.id,
    status: { state: stateOf(s, now) },
    updatedAt: s.updatedAt.toISOString(),
    comment: s.comment,
    createdBy: s.createdBy,
    endsAt: s.endsAt.toISOString(),
    matchers: s.matchers.map((m) => ({ ...m })),
    startsAt: s.startsAt.toISOString()
  });
  return {
    list() {
      const now = clock.now();
      return [...silences.values()].map((s) => render(s, now)).sort((a, b) => {
        const byState = STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state];
        if (byState) return byState;
        if (a.status.state === "pending") return a.startsAt.localeCompare(b.startsAt);
        if (a.status.state === "expired") return b.endsAt.localeCompare(a.endsAt);
        return a.endsAt.localeCompare(b.endsAt);
      });
    },
    get(id) {
      const s = silences.get(id);
      return s && render(s, clock.now());
    },
    create(body) {
      const now = clock.now();
      const s = parseSilence(body);
      if (s.endsAt < s.startsAt)
        throw new AlertmanagerApiError(400, "Failed to create silence: start time must be before end time");
      if (s.endsAt < now)
        throw new AlertmanagerApiError(400, "Failed to create silence: end time can't be in the past");
      const id = randomUUID();
      silences.set(id, {
        id,
        ...s,
        startsAt: new Date(Math.max(s.startsAt.getTime(), now.getTime())),
        updatedAt: now
      });
      return id;
    },
    expire(id) {
      const s = silences.get(id);
      if (!s) throw new AlertmanagerApiError(500, "silence not found");
      const now = clock.now();
      if (stateOf(s, now) === "expired") return;
      if (s.startsAt > now) s.startsAt = now;
      s.endsAt = now;
      s.updatedAt = now;
    },
    silencing(labels) {
      const now = clock.now();
      return [...silences.values()].filter((s) => stateOf(s, now) === "active" && matchesLabels(s.matchers, labels)).map((s) => s.id).sort();
    }
  };
}
function parseSilence(body) {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw formatError(602, "silence in body must be of type object");
  const b = body;
  if (b.id)
    throw new AlertmanagerApiError(
      400,
      `silence ${JSON.stringify(b.id)}: the sandbox does not update silences`
    );
  for (const field of ["createdBy", "comment"]) {
    if (typeof b[field] !== "string") throw formatError(602, `${field} in body is required`);
  }
  if (!Array.isArray(b.matchers) || b.matchers.length === 0)
    throw formatError(612, "matchers in body should have at least 1 items");
  const matchers = b.matchers.map(parseSilenceMatcher);
  if (matchers.every((m) => matchesLabels([m], {})))
    throw new AlertmanagerApiError(
      400,
      "silence invalid: at least one matcher must not match the empty string"
    );
  return {
    matchers,
    startsAt: parseTime(b.startsAt, "startsAt"),
    endsAt: parseTime(b.endsAt, "endsAt"),
    createdBy: b.createdBy,
    comment: b.comment
  };
}
function parseSilenceMatcher(raw, index) {
  const m = raw ?? {};
  if (typeof m.name !== "string" || typeof m.value !== "string" || typeof m.isRegex !== "boolean")
    throw formatError(602, `matchers.${index}: name, value and isRegex are required`);
  const invalid2 = (why) => new AlertmanagerApiError(400, `silence invalid: invalid label matcher ${index}: ${why}`);
  if (!LABEL_NAME2.test(m.name)) throw invalid2(`invalid label name ${JSON.stringify(m.name)}`);
  if (m.isRegex) {
    try {
      cachedPattern(m.value);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      throw invalid2(
        `invalid regular expression ${JSON.stringify(m.value)}: error parsing regexp: ${err.detail}`
      );
    }
  }
  return { name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual !== false };
}
function parseTime(raw, field) {
  if (raw === void 0) throw formatError(602, `${field} in body is required`);
  const date = typeof raw === "string" ? new Date(raw) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw formatError(601, `${field} in body must be of type date-time: ${JSON.stringify(raw)}`);
  return date;
}

// src/sandbox/alertmanager/webhook.ts
var ZERO_TIME = "0001-01-01T00:00:00Z";
var POST_TIMEOUT_MS = 1e4;
function webhookMessage(group, externalURL) {
  return {
    version: "4",
    groupKey: `{}:${labelSetText(group.labels)}`,
    truncatedAlerts: 0,
    status: "firing",
    receiver: group.receiver.name,
    groupLabels: { ...group.labels },
    commonLabels: commonLabels(group.alerts.map((a) => a.labels)),
    commonAnnotations: commonLabels(group.alerts.map((a) => a.annotations)),
    externalURL,
    alerts: group.alerts.map(firingAlert)
  };
}
function firingAlert(a) {
  return {
    status: "firing",
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: ZERO_TIME,
    generatorURL: a.generatorURL ?? "",
    fingerprint: a.fingerprint
  };
}
async function postWebhook(url, message, bearerToken) {
  let res;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS)
    });
  } catch (err) {
    throw new Error(`webhook post to ${url} failed: ${err.message}`);
  }
  await res.text();
  if (!res.ok) throw new Error(`webhook post to ${url} failed: HTTP ${res.status} ${res.statusText}`);
}

// src/sandbox/alertmanager/simulator.ts
var RECEIVER = "sandbox";
var GROUP_BY = ["alertname", "service"];
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
async function startAlertmanagerSimulator(scenario, clock, opts = {}) {
  const silences = createSilences(clock);
  const alerts = createAlerts(scenario, clock, silences, opts.timeline);
  const startedAt = clock.now();
  const config = configText(opts.webhookUrl);
  const listAlerts = (params) => filterAlerts(alerts.current(RECEIVER), parseAlertFilter(params));
  const routes = {
    "/api/v2/status": {
      GET: async () => ({
        cluster: { peers: [], status: "disabled" },
        config: { original: config },
        uptime: startedAt.toISOString(),
        versionInfo: {
          version: "opswarden-sandbox",
          branch: "",
          revision: "",
          buildDate: "",
          buildUser: "",
          goVersion: ""
        }
      })
    },
    "/api/v2/alerts": {
      GET: async (_req, params) => listAlerts(params),
      POST: async (req) => {
        alerts.post(await jsonBody(req));
        return void 0;
      }
    },
    "/api/v2/alerts/groups": {
      GET: async (_req, params) => groupAlerts(listAlerts(params), GROUP_BY, RECEIVER)
    },
    "/api/v2/silences": {
      GET: async () => silences.list(),
      POST: async (req) => ({ silenceID: silences.create(await jsonBody(req)) })
    },
    "/api/v2/silence/": {
      GET: async (_req, _params, id) => {
        const silence = silences.get(id);
        if (!silence) throw new AlertmanagerApiError(404, `silence ${id} not found`, null);
        return silence;
      },
      DELETE: async (_req, _params, id) => {
        silences.expire(id);
        return void 0;
      }
    }
  };
  const server = createServer(async (req, res) => {
    const url2 = new URL(req.url ?? "/", "http://127.0.0.1");
    try {
      if (url2.pathname === "/-/ready" || url2.pathname === "/-/healthy") return sendText(res, 200, "OK");
      const isSilence = url2.pathname.startsWith("/api/v2/silence/");
      const methods = routes[isSilence ? "/api/v2/silence/" : url2.pathname];
      if (!methods)
        throw new AlertmanagerApiError(404, `path ${url2.pathname} was not found`, {
          code: 404,
          message: `path ${url2.pathname} was not found`
        });
      const handler = methods[req.method ?? "GET"];
      if (!handler) {
        const message = `method ${req.method} is not allowed, but [${Object.keys(methods).join(",")}] are`;
        throw new AlertmanagerApiError(405, message, { code: 405, message });
      }
      const id = isSilence ? decodeURIComponent(url2.pathname.slice("/api/v2/silence/".length)) : "";
      if (isSilence && !UUID.test(id))
        throw formatError(601, `silenceID in path must be of type uuid: ${JSON.stringify(id)}`);
      sendJson(res, 200, await handler(req, url2.searchParams, id));
    } catch (err) {
      if (err instanceof AlertmanagerApiError) sendJson(res, err.status, err.body);
      else sendJson(res, 500, err.message);
    }
  });
  await new Promise((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  const close = () => new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => err ? reject(err) : resolve());
  });
  const posted = [];
  const messages = () => groupAlerts(
    alerts.current(RECEIVER).filter((a) => a.status.state === "active"),
    GROUP_BY,
    RECEIVER
  ).map((group) => webhookMessage(group, url));
  const notify = async (webhookUrl, bearerToken) => {
    const sent = messages();
    for (const message of sent) await postWebhook(webhookUrl, message, bearerToken);
    return sent;
  };
  if (opts.webhookUrl) {
    try {
      posted.push(...await notify(opts.webhookUrl));
    } catch (err) {
      await close();
      throw err;
    }
  }
  return { url, posted, messages, notify, close };
}
function configText(webhookUrl) {
  const webhook = webhookUrl ? `  webhook_configs:
  - url: ${JSON.stringify(webhookUrl)}
` : "";
  return [
    "global:",
    "  resolve_timeout: 5m",
    "route:",
    `  receiver: ${RECEIVER}`,
    "  group_by:",
    ...GROUP_BY.map((name) => `  - ${name}`),
    "receivers:",
    `- name: ${RECEIVER}`,
    ""
  ].join("\n") + webhook;
}
async function jsonBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString());
  } catch (err) {
    throw new AlertmanagerApiError(400, `request body is not JSON: ${err.message}`);
  }
}
function sendJson(res, status, body) {
  if (body === void 0 || body === null) {
    res.writeHead(status, { "content-length": "0" });
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
function sendText(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

// src/sandbox/cloudwatch/simulator.ts
import { createServer as createServer2 } from "node:http";

// src/sandbox/cloudwatch/errors.ts
var AwsError = class extends Error {
  type;
  status;
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
};
var notFound = (message) => new AwsError("ResourceNotFoundException", message);
var invalidParameter = (message) => new AwsError("InvalidParameterException", message);

// src/sandbox/cloudwatch/log-groups.ts
function scenarioLogGroups(scenario, clock, timeline = incidentTimeline(void 0)) {
  const { spec } = scenario;
  const byName = /* @__PURE__ */ new Map();
  spec.logs.forEach((entry, entryIndex) => {
    if (typeof entry.source === "string") return;
    const { group: name, stream: stream2 } = entry.source.cloudwatch;
    const group = byName.get(name) ?? { name, creationTime: spec.history.getTime(), streams: /* @__PURE__ */ new Map() };
    byName.set(name, group);
    group.streams.set(stream2, [
      ...group.streams.get(stream2) ?? [],
      compileLogEntry(entry, entryIndex, timeline)
    ]);
  });
  const groups = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  function* events(group, lo, hi, streamNames) {
    const end = Math.min(hi, clock.now().getTime() + 1);
    const names2 = [...group.streams.keys()].filter((s) => !streamNames || streamNames.includes(s)).sort();
    const sources = names2.map((name) => ({
      name,
      occurrences: logOccurrences(spec.seed, group.streams.get(name), `${group.name}/${name}`, lo, end)
    }));
    const pull = (i) => sources[i].occurrences.next().value;
    const heads = sources.map((_, i) => pull(i));
    for (; ; ) {
      let next = -1;
      heads.forEach((head, i) => {
        const best = heads[next];
        if (head && (!best || head[0].time < best[0].time)) next = i;
      });
      if (next < 0) return;
      const lines = heads[next];
      yield {
        logStreamName: sources[next].name,
        timestamp: lines[0].time.getTime(),
        message: lines.map((l) => l.text).join("\n")
      };
      heads[next] = pull(next);
    }
  }
  return { groups, get: (name) => byName.get(name), events };
}

// src/sandbox/cloudwatch/operations.ts
import { randomUUID as randomUUID2 } from "node:crypto";

// src/sandbox/cloudwatch/insights-eval.ts
var DEFAULT_FIELDS = ["@timestamp", "@message", "@logStream", "@log"];
var TIME_FIELDS = /* @__PURE__ */ new Set(["@timestamp", "@ingestionTime"]);
function logRecord(event2, group) {
  const record = {};
  if (event2.message.startsWith("{")) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(event2.message))) {
        if (typeof value === "string" || typeof value === "number") record[key] = value;
      }
    } catch {
    }
  }
  return {
    ...record,
    "@timestamp": event2.timestamp,
    "@message": event2.message,
    "@logStream": event2.logStreamName,
    "@log": group
  };
}
function runInsightsQuery(commands, records, maxRows) {
  let rows = [...records];
  let shown = DEFAULT_FIELDS;
  let timeColumns = TIME_FIELDS;
  let recordsMatched = 0;
  let matchedCounted = false;
  let limit = maxRows;
  for (const command of commands) {
    switch (command.type) {
      case "fields":
        shown = command.fields;
        break;
      case "filter":
        rows = rows.filter((row) => holds(command.condition, row));
        break;
      case "stats":
        recordsMatched = rows.length;
        matchedCounted = true;
        rows = aggregate(rows, command.aggregates, command.by);
        shown = [...command.by.map((key) => key.name), ...command.aggregates.map((a) => a.name)];
        timeColumns = /* @__PURE__ */ new Set([...TIME_FIELDS, ...command.by.filter((k) => "binMs" in k).map((k) => k.name)]);
        break;
      case "sort": {
        const sign = command.order === "asc" ? 1 : -1;
        rows = rows.toSorted((a, b) => sign * compareValues(a[command.key], b[command.key]));
        break;
      }
      case "limit":
        limit = Math.min(limit, command.count);
        break;
    }
  }
  if (!matchedCounted) recordsMatched = rows.length;
  const columns = timeColumns;
  return {
    recordsMatched,
    rows: rows.slice(0, limit).map(
      (row) => shown.flatMap((field) => {
        const value = row[field];
        if (value === void 0) return [];
        return [
          {
            field,
            value: columns.has(field) && typeof value === "number" ? insightsTime(value) : String(value)
          }
        ];
      })
    )
  };
}
function insightsTime(ms) {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}
function holds(condition, row) {
  switch (condition.op) {
    case "and":
      return holds(condition.left, row) && holds(condition.right, row);
    case "or":
      return holds(condition.left, row) || holds(condition.right, row);
    case "like": {
      const value = row[condition.field];
      return value !== void 0 && condition.pattern.test(String(value));
    }
    case "compare": {
      const left = operandValue(condition.left, row);
      const right = operandValue(condition.right, row);
      if (left === void 0 || right === void 0) return false;
      const order = compareValues(left, right);
      switch (condition.comparison) {
        case "=":
          return order === 0;
        case "!=":
          return order !== 0;
        case "<":
          return order < 0;
        case ">":
          return order > 0;
        case "<=":
          return order <= 0;
        case ">=":
          return order >= 0;
      }
    }
  }
}
function operandValue(operand, row) {
  return "field" in operand ? row[operand.field] : operand.value;
}
function compareValues(a, b) {
  if (a === void 0 || b === void 0) return a === b ? 0 : a === void 0 ? 1 : -1;
  const x = Number(a);
  const y = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
function aggregate(rows, aggregates, by) {
  const groups = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const key = {};
    let complete = true;
    for (const groupKey of by) {
      const value = "binMs" in groupKey ? binStart(row["@timestamp"], groupKey.binMs) : row[groupKey.field];
      if (value === void 0) complete = false;
      else key[groupKey.name] = value;
    }
    if (!complete) continue;
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, members: [] };
    groups.set(id, group);
    group.members.push(row);
  }
  return [...groups.values()].map(({ key, members }) => {
    const row = { ...key };
    for (const agg of aggregates) {
      const value = aggregateValue(agg, members);
      if (value !== void 0) row[agg.name] = value;
    }
    return row;
  });
}
function binStart(timestamp, binMs) {
  return typeof timestamp === "number" ? Math.floor(timestamp / binMs) * binMs : void 0;
}
function aggregateValue(agg, members) {
  if (!agg.field) return members.length;
  const values2 = members.map((m) => m[agg.field]).filter((v) => v !== void 0);
  if (agg.fn === "count") return values2.length;
  const numbers = values2.map(Number).filter(Number.isFinite);
  if (!numbers.length) return void 0;
  switch (agg.fn) {
    case "sum":
      return numbers.reduce((s, n) => s + n, 0);
    case "avg":
      return numbers.reduce((s, n) => s + n, 0) / numbers.length;
    case "min":
      return Math.min(...numbers);
    case "max":
      return Math.max(...numbers);
  }
}

// src/sandbox/cloudwatch/insights-parse.ts
var InsightsQueryError = class extends Error {
  name = "InsightsQueryError";
};
var SYMBOLS = ["<=", ">=", "!=", "=", "<", ">", "(", ")", ",", "|", "*"];
var AGGREGATES = ["count", "avg", "min", "max", "sum"];
var COMMANDS = "fields, filter, stats, sort, limit";
function parseInsightsQuery(query) {
  const tokens = tokenize(query);
  const commands = [[]];
  for (const token of tokens) {
    if (token.kind === "symbol" && token.text === "|") commands.push([]);
    else commands.at(-1).push(token);
  }
  return commands.map((command) => {
    if (!command.length) throw new InsightsQueryError('empty command (a stray "|"?)');
    return parseCommand(new TokenReader(command));
  });
}
function tokenize(query) {
  const tokens = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const end = query.indexOf(c, i + 1);
      if (end < 0) throw new InsightsQueryError(`unterminated string starting at offset ${i}`);
      tokens.push({ kind: "string", value: query.slice(i + 1, end), text: query.slice(i, end + 1) });
      i = end + 1;
    } else if (c === "/" && tokens.at(-1)?.text.toLowerCase() === "like") {
      const match = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(query.slice(i));
      if (!match) throw new InsightsQueryError(`unterminated regular expression at offset ${i}`);
      const [, body, flags] = match;
      let pattern;
      try {
        pattern = compilePattern(flags ? `(?${flags})${body}` : body);
      } catch (err) {
        if (!(err instanceof PatternError)) throw err;
        throw new InsightsQueryError(`invalid regular expression ${match[0]}: ${err.detail}`);
      }
      tokens.push({ kind: "regex", pattern, text: match[0] });
      i += match[0].length;
    } else if (c === "`") {
      const end = query.indexOf("`", i + 1);
      if (end < 0) throw new InsightsQueryError(`unterminated \`field\` at offset ${i}`);
      tokens.push({ kind: "word", text: query.slice(i + 1, end) });
      i = end + 1;
    } else {
      const number = /^-?\d+(\.\d+)?(?![\w@.])/.exec(query.slice(i));
      const word = /^[@\w][\w@.-]*/.exec(query.slice(i));
      const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
      if (number) tokens.push({ kind: "number", value: Number(number[0]), text: number[0] });
      else if (word) tokens.push({ kind: "word", text: word[0] });
      else if (symbol) tokens.push({ kind: "symbol", text: symbol });
      else throw new InsightsQueryError(`unsupported character "${c}" at offset ${i}`);
      i += (number ?? word)?.[0].length ?? symbol.length;
    }
  }
  return tokens;
}
var TokenReader = class {
  index = 0;
  tokens;
  constructor(tokens) {
    this.tokens = tokens;
  }
  peek() {
    return this.tokens[this.index];
  }
  next(what) {
    const token = this.tokens[this.index++];
    if (!token) throw new InsightsQueryError(`expected ${what} at the end of "${this.source()}"`);
    return token;
  }
  /** Consumes the token when its text is `text` (case-insensitive). */
  accept(text) {
    if (this.peek()?.text.toLowerCase() !== text) return false;
    this.index++;
    return true;
  }
  expect(text, context) {
    const token = this.next(`"${text}" ${context}`);
    if (token.text.toLowerCase() !== text)
      throw new InsightsQueryError(`expected "${text}" ${context}, found "${token.text}"`);
  }
  word(what) {
    const token = this.next(what);
    if (token.kind !== "word") throw new InsightsQueryError(`expected ${what}, found "${token.text}"`);
    return token.text;
  }
  done() {
    return this.index >= this.tokens.length;
  }
  source() {
    return this.tokens.map((t) => t.text).join(" ");
  }
  rest() {
    return this.tokens.slice(this.index).map((t) => t.text).join(" ");
  }
};
function parseCommand(reader) {
  const name = reader.word("a command").toLowerCase();
  const command = parseCommandBody(name, reader);
  if (!reader.done())
    throw new InsightsQueryError(
      `unsupported syntax in ${name}: "${reader.rest()}" (see the supported subset)`
    );
  return command;
}
function parseCommandBody(name, reader) {
  switch (name) {
    case "fields":
      return { type: "fields", fields: commaList(reader, () => reader.word("a field name")) };
    case "filter":
      return { type: "filter", condition: parseOr(reader) };
    case "stats": {
      const aggregates = commaList(reader, () => parseAggregate(reader));
      const by = reader.accept("by") ? commaList(reader, () => parseGroupKey(reader)) : [];
      return { type: "stats", aggregates, by };
    }
    case "sort": {
      const key = parseSortKey(reader);
      if (reader.accept("desc")) return { type: "sort", key, order: "desc" };
      reader.accept("asc");
      return { type: "sort", key, order: "asc" };
    }
    case "limit": {
      const token = reader.next("a number");
      if (token.kind !== "number" || !Number.isInteger(token.value) || token.value < 1)
        throw new InsightsQueryError(`limit needs a positive integer, found "${token.text}"`);
      return { type: "limit", count: token.value };
    }
    default:
      throw new InsightsQueryError(`unsupported command "${name}" (supported: ${COMMANDS})`);
  }
}
function parseSortKey(reader) {
  const word = reader.word("a field to sort by");
  if (!reader.accept("(")) return word;
  const argument = reader.next(`the argument of ${word}(`).text;
  reader.expect(")", `to close ${word}(`);
  return `${word}(${argument})`;
}
function commaList(reader, item) {
  const items = [item()];
  while (reader.accept(",")) items.push(item());
  return items;
}
function parseOr(reader) {
  let left = parseAnd(reader);
  while (reader.accept("or")) left = { op: "or", left, right: parseAnd(reader) };
  return left;
}
function parseAnd(reader) {
  let left = parsePrimary(reader);
  while (reader.accept("and")) left = { op: "and", left, right: parsePrimary(reader) };
  return left;
}
function parsePrimary(reader) {
  if (reader.accept("(")) {
    const inner = parseOr(reader);
    reader.expect(")", 'to close "("');
    return inner;
  }
  if (reader.peek()?.text.toLowerCase() === "not")
    throw new InsightsQueryError('unsupported operator "not" in filter (use != or a narrower like)');
  const left = parseOperand(reader);
  const operator = reader.next("a comparison (=, !=, <, >, <=, >=, like)");
  if (operator.text.toLowerCase() === "like") {
    if (!("field" in left)) throw new InsightsQueryError("like needs a field on its left");
    const pattern = reader.next('a /regex/ or "string" after like');
    if (pattern.kind === "regex") return { op: "like", field: left.field, pattern: pattern.pattern };
    if (pattern.kind === "string")
      return {
        op: "like",
        field: left.field,
        pattern: compilePattern(literalPattern(pattern.value))
      };
    throw new InsightsQueryError(`like needs a /regex/ or "string", found "${pattern.text}"`);
  }
  if (operator.kind !== "symbol" || !["=", "!=", "<", ">", "<=", ">="].includes(operator.text))
    throw new InsightsQueryError(
      `unsupported operator "${operator.text}" in filter (supported: =, !=, <, >, <=, >=, like)`
    );
  return { op: "compare", comparison: operator.text, left, right: parseOperand(reader) };
}
function parseOperand(reader) {
  const token = reader.next("a field, number or string");
  if (token.kind === "number" || token.kind === "string") return { value: token.value };
  if (token.kind === "word" && reader.peek()?.text === "(")
    throw new InsightsQueryError(`unsupported function "${token.text}()" in filter`);
  if (token.kind === "word") return { field: token.text };
  throw new InsightsQueryError(`expected a field, number or string, found "${token.text}"`);
}
function parseAggregate(reader) {
  const fn = reader.word("an aggregate function").toLowerCase();
  if (!AGGREGATES.includes(fn))
    throw new InsightsQueryError(`unsupported stats function "${fn}" (supported: ${AGGREGATES.join(", ")})`);
  reader.expect("(", `after ${fn}`);
  const field = reader.accept("*") ? void 0 : reader.word(`a field for ${fn}()`);
  reader.expect(")", `to close ${fn}(`);
  if (!field && fn !== "count") throw new InsightsQueryError(`${fn}(*) is not supported; name a field`);
  const name = reader.accept("as") ? reader.word("a name after as") : `${fn}(${field ?? "*"})`;
  return { fn, ...field ? { field } : {}, name };
}
function parseGroupKey(reader) {
  const word = reader.word("a field or bin() after by");
  let key = { field: word, name: word };
  if (reader.accept("(")) {
    if (word.toLowerCase() !== "bin")
      throw new InsightsQueryError(`unsupported function "${word}()" in stats by`);
    const period = reader.next("a period like 5m");
    let binMs;
    try {
      binMs = parseDuration(period.text);
    } catch {
      throw new InsightsQueryError(`bin() needs a period like 30s, 5m or 1h, found "${period.text}"`);
    }
    reader.expect(")", "to close bin(");
    key = { binMs, name: `bin(${period.text})` };
  }
  return reader.accept("as") ? { ...key, name: reader.word("a name after as") } : key;
}

// src/sandbox/cloudwatch/operations.ts
var ACCOUNT = "000000000000";
var MAX_EVENTS = 1e4;
var DEFAULT_GROUPS_PAGE = 50;
var DEFAULT_QUERY_ROWS = 1e3;
function cloudWatchOperations(groups, region) {
  const queries = /* @__PURE__ */ new Map();
  function group(body) {
    const name = str(body, "logGroupName") ?? groupNameOf(str(body, "logGroupIdentifier"));
    if (!name) throw invalidParameter("logGroupName or logGroupIdentifier is required");
    const found = groups.get(name);
    if (!found) throw notFound(`The specified log group does not exist: ${name}`);
    return found;
  }
  return {
    DescribeLogGroups(body) {
      const prefix = str(body, "logGroupNamePrefix") ?? "";
      const pattern = str(body, "logGroupNamePattern") ?? "";
      const matching = groups.groups.filter((g) => g.name.startsWith(prefix) && g.name.includes(pattern));
      const start = decodeToken(body, 0);
      const limit = num(body, "limit") ?? DEFAULT_GROUPS_PAGE;
      const page = matching.slice(start, start + limit);
      return {
        logGroups: page.map((g) => {
          const arn = `arn:aws:logs:${region}:${ACCOUNT}:log-group:${g.name}`;
          return {
            logGroupName: g.name,
            creationTime: g.creationTime,
            arn: `${arn}:*`,
            logGroupArn: arn,
            storedBytes: 0
          };
        }),
        ...start + limit < matching.length ? { nextToken: encodeToken(start + limit) } : {}
      };
    },
    FilterLogEvents(body) {
      const target = group(body);
      const streamNames = body.logStreamNames ?? streamsWithPrefix(target, body);
      for (const name of streamNames ?? []) {
        if (!target.streams.has(name))
          throw notFound(`The specified log stream does not exist: ${target.name}/${name}`);
      }
      const matches2 = filterPattern(str(body, "filterPattern") ?? "");
      const limit = Math.min(num(body, "limit") ?? MAX_EVENTS, MAX_EVENTS);
      const end = (num(body, "endTime") ?? Number.MAX_SAFE_INTEGER - 1) + 1;
      const position = decodeToken(body, void 0);
      const from = position?.t ?? num(body, "startTime") ?? 0;
      let skip = position?.s ?? 0;
      const events = [];
      let more = false;
      for (const event2 of groups.events(target, from, end, streamNames)) {
        if (!matches2(event2.message)) continue;
        if (skip > 0 && event2.timestamp === from) {
          skip--;
          continue;
        }
        if (events.length === limit) {
          more = true;
          break;
        }
        events.push(event2);
      }
      const last = events.at(-1)?.timestamp;
      const sameAsLast = events.filter((e) => e.timestamp === last).length + (last === from ? position?.s ?? 0 : 0);
      return {
        events: events.map((e) => ({ ...e, ingestionTime: e.timestamp, eventId: eventId(e) })),
        searchedLogStreams: [],
        ...more ? { nextToken: encodeToken({ t: last, s: sameAsLast }) } : {}
      };
    },
    GetLogEvents(body) {
      const target = group(body);
      const streamName = str(body, "logStreamName");
      if (!streamName || !target.streams.has(streamName))
        throw notFound(`The specified log stream does not exist: ${target.name}/${streamName ?? ""}`);
      const end = (num(body, "endTime") ?? Number.MAX_SAFE_INTEGER - 1) + 1;
      const all = [...groups.events(target, num(body, "startTime") ?? 0, end, [streamName])];
      const limit = Math.min(num(body, "limit") ?? MAX_EVENTS, MAX_EVENTS);
      const token = str(body, "nextToken");
      const [direction, at] = token ? token.split("/") : [body.startFromHead ? "f" : "b", void 0];
      const index = at === void 0 ? direction === "f" ? 0 : all.length : Number(at);
      if (!Number.isInteger(index) || index < 0 || index > all.length || direction !== "f" && direction !== "b")
        throw invalidParameter(`nextToken is not valid for this stream: ${token}`);
      const [lo, hi] = direction === "f" ? [index, Math.min(all.length, index + limit)] : [Math.max(0, index - limit), index];
      return {
        events: all.slice(lo, hi).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.timestamp })),
        nextForwardToken: `f/${hi}`,
        nextBackwardToken: `b/${lo}`
      };
    },
    StartQuery(body) {
      const names2 = [
        ...body.logGroupNames ?? [],
        ...(body.logGroupIdentifiers ?? []).map(groupNameOf),
        ...str(body, "logGroupName") ? [str(body, "logGroupName")] : []
      ];
      if (!names2.length)
        throw invalidParameter("logGroupName, logGroupNames or logGroupIdentifiers is required");
      const targets = names2.map((name) => group({ logGroupName: name }));
      const start = num(body, "startTime");
      const end = num(body, "endTime");
      const queryString = str(body, "queryString");
      if (start === void 0 || end === void 0 || !queryString)
        throw invalidParameter("startTime, endTime (epoch seconds) and queryString are required");
      if (end < start) throw invalidParameter("endTime is before startTime");
      let commands;
      try {
        commands = parseInsightsQuery(queryString);
      } catch (err) {
        if (err instanceof InsightsQueryError) throw new AwsError("MalformedQueryException", err.message);
        throw err;
      }
      const records = targets.flatMap(
        (g) => [...groups.events(g, start * 1e3, end * 1e3 + 1)].map((e) => logRecord(e, g.name))
      );
      records.sort((a, b) => a["@timestamp"] - b["@timestamp"]);
      const result = runInsightsQuery(commands, records, num(body, "limit") ?? DEFAULT_QUERY_ROWS);
      const queryId = randomUUID2();
      queries.set(queryId, { status: "Running", polled: false, result, recordsScanned: records.length });
      return { queryId };
    },
    GetQueryResults(body) {
      const query = queryOf(body);
      if (query.status === "Running" && query.polled) query.status = "Complete";
      query.polled = true;
      const complete = query.status === "Complete";
      return {
        status: query.status,
        results: complete ? query.result.rows : [],
        statistics: {
          recordsMatched: complete ? query.result.recordsMatched : 0,
          recordsScanned: complete ? query.recordsScanned : 0,
          bytesScanned: 0
        }
      };
    },
    StopQuery(body) {
      const query = queryOf(body);
      if (query.status !== "Running") return { success: false };
      query.status = "Cancelled";
      return { success: true };
    }
  };
  function queryOf(body) {
    const id = str(body, "queryId");
    const query = id ? queries.get(id) : void 0;
    if (!query) throw notFound(`No query with id ${id ?? "(none)"}`);
    return query;
  }
}
function streamsWithPrefix(group, body) {
  const prefix = str(body, "logStreamNamePrefix");
  return prefix === void 0 ? void 0 : [...group.streams.keys()].filter((s) => s.startsWith(prefix));
}
function groupNameOf(identifier) {
  const arn = identifier?.match(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/);
  return arn ? arn[1] : identifier;
}
function filterPattern(pattern) {
  const terms = [];
  const rest = pattern.replace(/"([^"]*)"/g, (_, phrase) => {
    terms.push(phrase);
    return " ";
  });
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    if (/^[?\-{[]|["\]}]/.test(word))
      throw invalidParameter(
        `filterPattern ${JSON.stringify(pattern)} is not supported by the sandbox: use plain terms and "quoted phrases"`
      );
    terms.push(word);
  }
  return (message) => terms.every((term) => message.includes(term));
}
function eventId(event2) {
  return `${event2.timestamp}${String(hash32(`${event2.logStreamName}
${event2.message}`)).padStart(10, "0")}`;
}
function encodeToken(position) {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}
function decodeToken(body, fallback) {
  const token = str(body, "nextToken");
  if (!token) return fallback;
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString());
  } catch {
    throw invalidParameter(`nextToken is not valid: ${token}`);
  }
}
function str(body, key) {
  const value = body[key];
  if (value !== void 0 && typeof value !== "string") throw invalidParameter(`${key} must be a string`);
  return value;
}
function num(body, key) {
  const value = body[key];
  if (value !== void 0 && typeof value !== "number") throw invalidParameter(`${key} must be a number`);
  return value;
}

// src/sandbox/cloudwatch/simulator.ts
var TARGET_PREFIX = "Logs_20140328.";
async function startCloudWatchLogsSimulator(scenario, clock, opts = {}) {
  const groups = scenarioLogGroups(scenario, clock, opts.timeline);
  const operations = cloudWatchOperations(groups, opts.region ?? "us-east-1");
  const requests = [];
  const server = createServer2(async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(body));
    };
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      if (req.method !== "POST" || req.url !== "/")
        throw new AwsError("UnknownOperationException", `${req.method} ${req.url} is not an operation`, 404);
      if (!req.headers.authorization)
        throw new AwsError(
          "MissingAuthenticationTokenException",
          "Request is missing Authentication Token",
          403
        );
      const target = String(req.headers["x-amz-target"] ?? "");
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
      const handler = Object.hasOwn(operations, operation) ? operations[operation] : void 0;
      if (!handler)
        throw new AwsError("UnknownOperationException", `unknown X-Amz-Target ${JSON.stringify(target)}`);
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
      } catch {
        throw new AwsError("SerializationException", "request body is not JSON");
      }
      requests.push({ operation, body });
      send(200, handler(body));
    } catch (err) {
      if (err instanceof AwsError) send(err.status, { __type: err.type, message: err.message });
      else send(500, { __type: "ServiceUnavailableException", message: err.message });
    }
  });
  await new Promise((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => err ? reject(err) : resolve());
    })
  };
}

// src/sandbox/kube/simulator.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createServer3 } from "node:https";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/sandbox/kube/ids.ts
import { createHash } from "node:crypto";
var SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
var IdSource = class {
  state;
  constructor(seed) {
    this.state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  }
  /** mulberry32: small, fast, good enough for names. */
  next() {
    this.state = this.state + 1831565813 | 0;
    let t = this.state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  /** The 5-character suffix of `generateName` objects (`checkout-7d9f8b6c5-x2k4p`). */
  suffix(length = 5) {
    let out = "";
    for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(this.next() * SAFE_ALPHABET.length)];
    return out;
  }
  hex(length) {
    let out = "";
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  uid() {
    const hex = this.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
};
function fnv1a32(text) {
  let hash = 2166136261;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
function templateHash(canonicalTemplate) {
  const decimal = String(fnv1a32(canonicalTemplate));
  let out = "";
  for (const char of decimal) out += SAFE_ALPHABET[char.charCodeAt(0) % SAFE_ALPHABET.length];
  return out;
}

// src/sandbox/kube/resources.ts
var RBAC_GROUP = "rbac.authorization.k8s.io";
var OBJECT_VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"];
var STATUS = (group, version, kind) => ({
  name: "status",
  group,
  version,
  kind,
  verbs: ["get", "patch", "update"]
});
var SCALE = {
  name: "scale",
  group: "autoscaling",
  version: "v1",
  kind: "Scale",
  verbs: ["get", "patch", "update"]
};
function resource(group, version, kind, plural, opts = {}) {
  const subresources = [];
  if (opts.status) subresources.push(STATUS(group, version, kind));
  if (opts.scale) subresources.push(SCALE);
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced: opts.namespaced ?? true,
    shortNames: opts.shortNames ?? [],
    categories: opts.all ? ["all"] : [],
    subresources,
    ...opts.custom ? { custom: true } : {}
  };
}
var pods = resource("", "v1", "Pod", "pods", { shortNames: ["po"], all: true, status: true });
pods.subresources.push(
  { name: "log", group: "", version: "v1", kind: "Pod", verbs: ["get"] },
  { name: "eviction", group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] }
);
var RESOURCES = [
  pods,
  resource("", "v1", "Node", "nodes", { namespaced: false, shortNames: ["no"], status: true }),
  resource("", "v1", "Namespace", "namespaces", { namespaced: false, shortNames: ["ns"], status: true }),
  resource("", "v1", "ConfigMap", "configmaps", { shortNames: ["cm"] }),
  resource("", "v1", "Secret", "secrets"),
  resource("", "v1", "ServiceAccount", "serviceaccounts", { shortNames: ["sa"] }),
  resource("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", {
    shortNames: ["pvc"],
    status: true
  }),
  resource("", "v1", "Service", "services", { shortNames: ["svc"], all: true, status: true }),
  resource("", "v1", "Endpoints", "endpoints", { shortNames: ["ep"] }),
  resource("", "v1", "Event", "events", { shortNames: ["ev"] }),
  resource("apps", "v1", "Deployment", "deployments", {
    shortNames: ["deploy"],
    all: true,
    status: true,
    scale: true
  }),
  resource("apps", "v1", "ReplicaSet", "replicasets", {
    shortNames: ["rs"],
    all: true,
    status: true,
    scale: true
  }),
  resource("apps", "v1", "StatefulSet", "statefulsets", {
    shortNames: ["sts"],
    all: true,
    status: true,
    scale: true
  }),
  resource("apps", "v1", "DaemonSet", "daemonsets", { shortNames: ["ds"], all: true, status: true }),
  resource("apps", "v1", "ControllerRevision", "controllerrevisions"),
  resource("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", {
    shortNames: ["pdb"],
    status: true
  }),
  resource("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", {
    shortNames: ["hpa"],
    all: true,
    status: true
  }),
  resource("batch", "v1", "Job", "jobs", { all: true, status: true }),
  resource("batch", "v1", "CronJob", "cronjobs", { shortNames: ["cj"], all: true, status: true }),
  resource("networking.k8s.io", "v1", "Ingress", "ingresses", { shortNames: ["ing"], status: true }),
  resource("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", { shortNames: ["netpol"] }),
  // RBAC objects: stored like any other, and read by the authorizer of service-account
  // tokens (service-accounts.ts), so what is applied is what a pod's token may do.
  resource(RBAC_GROUP, "v1", "ClusterRole", "clusterroles", { namespaced: false }),
  resource(RBAC_GROUP, "v1", "ClusterRoleBinding", "clusterrolebindings", { namespaced: false }),
  resource(RBAC_GROUP, "v1", "Role", "roles"),
  resource(RBAC_GROUP, "v1", "RoleBinding", "rolebindings"),
  // Argo CD's CRD (no status subresource, as in Argo CD's own manifest).
  resource("argoproj.io", "v1alpha1", "Application", "applications", {
    shortNames: ["app", "apps"],
    custom: true
  })
];
function groupVersion(group, version) {
  return group ? `${group}/${version}` : version;
}
function apiVersionOf(type) {
  return groupVersion(type.group, type.version);
}
function qualifiedName(type) {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}
function servedGroupVersions(served) {
  const seen = /* @__PURE__ */ new Map();
  for (const type of served) seen.set(groupVersion(type.group, type.version), type);
  return [...seen.values()].map(({ group, version }) => ({ group, version }));
}
function resourceByPath(served, group, version, plural) {
  return served.find((type) => type.group === group && type.version === version && type.plural === plural);
}
function resourceByApiVersionKind(apiVersion, kind) {
  return RESOURCES.find((type) => apiVersionOf(type) === apiVersion && type.kind === kind);
}
function resourceByKind(kind) {
  const type = RESOURCES.find((candidate) => candidate.kind === kind);
  if (!type) {
    throw new Error(
      `kind ${JSON.stringify(kind)} is not served; served kinds: ${RESOURCES.map((r) => r.kind).join(", ")}`
    );
  }
  return type;
}

// src/sandbox/kube/store.ts
var HISTORY_LIMIT = 1e4;
function keyOf(namespace, name) {
  return `${namespace ?? ""}/${name}`;
}
function tracksGeneration(type) {
  return type.group !== "";
}
var ObjectStore = class {
  buckets = /* @__PURE__ */ new Map();
  history = [];
  listeners = /* @__PURE__ */ new Set();
  version;
  constructor(startVersion = 1e3) {
    this.version = startVersion;
  }
  /** The resourceVersion of the last write, as the API reports it on lists. */
  get resourceVersion() {
    return String(this.version);
  }
  get(type, namespace, name) {
    const stored = this.bucket(type).get(keyOf(type.namespaced ? namespace : void 0, name));
    return stored && structuredClone(stored);
  }
  /** Objects of one type, in one namespace or all, ordered by namespace then name (etcd key order). */
  list(type, namespace) {
    const out = [];
    for (const object of this.bucket(type).values()) {
      if (namespace === void 0 || object.metadata.namespace === namespace)
        out.push(structuredClone(object));
    }
    return out.sort(
      (a, b) => keyOf(a.metadata.namespace, a.metadata.name) < keyOf(b.metadata.namespace, b.metadata.name) ? -1 : 1
    );
  }
  /** Stores a new object; the caller has checked that the name is free. */
  create(type, object) {
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.version);
    if (tracksGeneration(type)) stored.metadata.generation = stored.metadata.generation ?? 1;
    this.bucket(type).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ type: "ADDED", resource: type, object: stored, resourceVersion: this.version });
    return structuredClone(stored);
  }
  /** Replaces an existing object, bumping resourceVersion and (on a spec change) generation. */
  update(type, object) {
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const previous = this.bucket(type).get(key);
    if (!previous) throw new Error(`store.update: ${type.plural} ${key} does not exist`);
    const stored = structuredClone(object);
    if (tracksGeneration(type)) {
      const specChanged = canonicalJson(previous.spec ?? {}) !== canonicalJson(stored.spec ?? {});
      stored.metadata.generation = (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    stored.metadata.resourceVersion = String(++this.version);
    this.bucket(type).set(key, stored);
    this.emit({ type: "MODIFIED", resource: type, object: stored, previous, resourceVersion: this.version });
    return structuredClone(stored);
  }
  delete(type, namespace, name) {
    const key = keyOf(type.namespaced ? namespace : void 0, name);
    const existing2 = this.bucket(type).get(key);
    if (!existing2) return void 0;
    this.bucket(type).delete(key);
    const stored = structuredClone(existing2);
    stored.metadata.resourceVersion = String(++this.version);
    this.emit({ type: "DELETED", resource: type, object: stored, resourceVersion: this.version });
    return structuredClone(stored);
  }
  /** Changes after `resourceVersion`, oldest first; undefined when history no longer reaches back that far. */
  changesSince(resourceVersion) {
    if (resourceVersion >= this.version) return [];
    const oldest = this.history[0];
    if (!oldest || oldest.resourceVersion > resourceVersion + 1) return void 0;
    return this.history.filter((change) => change.resourceVersion > resourceVersion);
  }
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(change) {
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of this.listeners) listener(change);
  }
  bucket(type) {
    let bucket = this.buckets.get(type);
    if (!bucket) {
      bucket = /* @__PURE__ */ new Map();
      this.buckets.set(type, bucket);
    }
    return bucket;
  }
};

// src/sandbox/kube/cluster.ts
var SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
var MAX_RECONCILES = 1e5;
var Cluster = class {
  store = new ObjectStore();
  world;
  ids;
  rolloutStepMs;
  /** Pods this simulator created: only these are scheduled and started by it. */
  simulatedPods = /* @__PURE__ */ new Set();
  loadedRevisions = /* @__PURE__ */ new Map();
  /** Pod IPs held by existing pods; new pods get others. */
  usedPodIps = /* @__PURE__ */ new Set();
  controllers;
  queue = /* @__PURE__ */ new Map();
  timers = /* @__PURE__ */ new Map();
  /** Custom resource types whose CRD counts as installed: see servedResources(). */
  installedCustom = /* @__PURE__ */ new Set();
  reconciling = false;
  eventSequence = 0;
  closed = false;
  constructor(world, controllers2, opts = {}) {
    this.world = world;
    this.ids = new IdSource(`opswarden-kube-simulator/${world.clusterName}`);
    this.rolloutStepMs = opts.rolloutStepMs ?? 0;
    this.controllers = controllers2;
    this.store.subscribe((change) => {
      if (change.resource.custom) this.installedCustom.add(change.resource);
    });
    this.load();
    this.store.subscribe((change) => {
      if (change.type === "DELETED" && change.object.kind === "Pod" && change.object.status?.podIP) {
        this.usedPodIps.delete(String(change.object.status.podIP));
      }
      for (const controller of this.controllers) {
        for (const ref of controller.affected(change, this))
          this.enqueue(controller, ref.namespace, ref.name);
      }
    });
    this.enqueueAll("PodDisruptionBudget", "disruption");
    this.enqueueAll("Service", "endpoints");
    this.reconcile();
  }
  now() {
    return this.world.now();
  }
  /** Event name suffix: hex of the time in ns plus a sequence, so an object's events sort by time. */
  eventSuffix() {
    return (BigInt(this.now().getTime()) * 1000000n + BigInt(this.eventSequence++)).toString(16);
  }
  nowIso() {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  get(kind, namespace, name) {
    return this.store.get(resourceByKind(kind), namespace, name);
  }
  list(kind, namespace) {
    return this.store.list(resourceByKind(kind), namespace);
  }
  create(object) {
    return this.store.create(this.typeOf(object), object);
  }
  update(object) {
    return this.store.update(this.typeOf(object), object);
  }
  /** Deletes an object and, unless orphaned, everything it controls (the garbage collector). */
  delete(type, namespace, name, propagation = "Background") {
    const deleted = this.store.delete(type, namespace, name);
    if (!deleted) return void 0;
    if (type.kind === "Namespace") {
      for (const other of this.namespacedTypes()) {
        for (const object of this.store.list(other, name))
          this.store.delete(other, name, object.metadata.name);
      }
      return deleted;
    }
    for (const { type: dependentType, object } of this.dependentsOf(deleted)) {
      if (propagation === "Orphan") {
        object.metadata.ownerReferences = object.metadata.ownerReferences?.filter(
          (ref) => ref.uid !== deleted.metadata.uid
        );
        this.store.update(dependentType, object);
      } else this.delete(dependentType, object.metadata.namespace, object.metadata.name, propagation);
    }
    return deleted;
  }
  /**
   * The resource types the API serves now: every built-in one, and a custom one (Argo CD's
   * Application) once an object of it has been stored (loaded with the world or created
   * in-process). The simulator keeps no CustomResourceDefinition objects: the first object
   * of a kind stands in for its installed CRD, which then stays installed.
   */
  servedResources() {
    return RESOURCES.filter((type) => !type.custom || this.installedCustom.has(type));
  }
  typeOf(object) {
    const type = resourceByApiVersionKind(object.apiVersion, object.kind);
    if (!type)
      throw new Error(`${object.apiVersion} ${object.kind} is not served by the Kubernetes simulator`);
    return type;
  }
  /** Runs controllers until nothing is left to do. */
  reconcile() {
    if (this.reconciling || this.closed) return;
    this.reconciling = true;
    try {
      for (let round = 0; this.queue.size > 0; round++) {
        if (round > MAX_RECONCILES) throw new Error("kube simulator: controllers did not converge");
        const [key, work] = this.queue.entries().next().value;
        this.queue.delete(key);
        const again = work.controller.reconcile(this, work.namespace, work.name);
        if (again !== void 0)
          this.later(key, again, () => this.enqueue(work.controller, work.namespace, work.name));
      }
    } finally {
      this.reconciling = false;
    }
  }
  close() {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
  /** Runs `action` then the loop after `ms`; one pending timer per work key. */
  later(key, ms, action) {
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      action();
      this.reconcile();
    }, ms);
    this.timers.set(key, timer);
  }
  enqueue(controller, namespace, name) {
    this.queue.set(`${controller.name}|${namespace ?? ""}|${name}`, { controller, namespace, name });
  }
  enqueueAll(kind, controllerName) {
    const controller = this.controllers.find((candidate) => candidate.name === controllerName);
    if (!controller) return;
    for (const object of this.list(kind))
      this.enqueue(controller, object.metadata.namespace, object.metadata.name);
  }
  namespacedTypes() {
    return RESOURCES.filter((type) => type.namespaced);
  }
  dependentsOf(owner) {
    const out = [];
    for (const type of this.namespacedTypes()) {
      for (const object of this.store.list(type, owner.metadata.namespace)) {
        if (object.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid))
          out.push({ type, object });
      }
    }
    return out;
  }
  load() {
    this.world.objects.forEach((original, index) => {
      const type = resourceByApiVersionKind(original.apiVersion, original.kind);
      const where = `KubeWorld.objects[${index}] (${original.kind} ${original.metadata.namespace ?? ""}/${original.metadata.name})`;
      if (!type)
        throw new Error(`${where}: ${original.apiVersion} ${original.kind} is not served by the simulator`);
      if (this.store.get(type, original.metadata.namespace, original.metadata.name)) {
        throw new Error(`${where}: a ${original.kind} with this name is already in the world`);
      }
      const object = structuredClone(original);
      const status = object.status;
      if (type.group !== "" && status && status.observedGeneration === void 0) {
        status.observedGeneration = object.metadata.generation ?? 1;
      }
      this.store.create(type, object);
      if (object.kind === "Pod" && object.status?.podIP) this.usedPodIps.add(String(object.status.podIP));
    });
    const oldest = this.world.objects.map((o) => o.metadata.creationTimestamp).sort()[0] ?? this.nowIso();
    for (const name of SYSTEM_NAMESPACES) {
      if (this.get("Namespace", void 0, name)) continue;
      this.create({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name,
          uid: this.ids.uid(),
          creationTimestamp: oldest,
          labels: { "kubernetes.io/metadata.name": name }
        },
        spec: { finalizers: ["kubernetes"] },
        status: { phase: "Active" }
      });
    }
    this.recordLoadedRevisions();
  }
  recordLoadedRevisions() {
    for (const deployment2 of this.list("Deployment")) {
      const owned = this.list("ReplicaSet", deployment2.metadata.namespace).filter(
        (rs) => controllerRef(rs)?.uid === deployment2.metadata.uid
      );
      const newest = owned.sort((a, b) => revisionOf(b) - revisionOf(a))[0];
      if (newest) {
        this.loadedRevisions.set(deployment2.metadata.uid, {
          template: templateIdentity(deployment2.spec?.template),
          revision: newest.metadata.name
        });
      }
    }
    for (const sts of this.list("StatefulSet")) {
      const pod2 = this.list("Pod", sts.metadata.namespace).find(
        (p) => controllerRef(p)?.uid === sts.metadata.uid
      );
      const revision = sts.status?.updateRevision ?? pod2?.metadata.labels?.[CONTROLLER_REVISION_HASH];
      if (revision) {
        this.loadedRevisions.set(sts.metadata.uid, {
          template: templateIdentity(sts.spec?.template),
          revision
        });
      }
    }
  }
};

// src/sandbox/kube/events.ts
function recordEvent(cluster, about, spec) {
  const time = cluster.nowIso();
  const namespace = about.metadata.namespace ?? "default";
  cluster.create({
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${about.metadata.name}.${cluster.eventSuffix()}`,
      namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: time
    },
    involvedObject: {
      apiVersion: about.apiVersion,
      kind: about.kind,
      name: about.metadata.name,
      ...about.metadata.namespace ? { namespace: about.metadata.namespace } : {},
      uid: about.metadata.uid,
      resourceVersion: about.metadata.resourceVersion,
      ...spec.fieldPath ? { fieldPath: spec.fieldPath } : {}
    },
    reason: spec.reason,
    message: spec.message,
    source: { component: spec.component, ...spec.host ? { host: spec.host } : {} },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    type: spec.type ?? "Normal",
    eventTime: null,
    reportingComponent: spec.component,
    reportingInstance: spec.host ?? ""
  });
}

// src/sandbox/kube/status.ts
function sameFields(current, computed) {
  return Object.entries(computed).every(
    ([key, value]) => canonicalJson(current?.[key] ?? null) === canonicalJson(value ?? null)
  );
}
function withCondition(existing2, next, now, stamps = ["lastUpdateTime", "lastTransitionTime"]) {
  const conditions = existing2 ?? [];
  const previous = conditions.find((condition) => condition.type === next.type);
  if (previous && previous.status === next.status && previous.reason === next.reason && previous.message === next.message) {
    return conditions;
  }
  const updated = { ...next };
  if (stamps.includes("lastUpdateTime")) updated.lastUpdateTime = now;
  if (stamps.includes("lastTransitionTime")) {
    updated.lastTransitionTime = previous && previous.status === next.status ? previous.lastTransitionTime ?? now : now;
  }
  return previous ? conditions.map((condition) => condition === previous ? updated : condition) : [...conditions, updated];
}

// src/sandbox/kube/deployment-controller.ts
var NOT_COPIED = /* @__PURE__ */ new Set([
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "kubectl.kubernetes.io/last-applied-configuration"
]);
function rollingUpdate(deployment2) {
  return deployment2.spec?.strategy?.rollingUpdate ?? {};
}
function findNewReplicaSet(cluster, deployment2, owned) {
  const identity = templateIdentity(deployment2.spec?.template);
  const same = owned.find((rs) => templateIdentity(rs.spec?.template) === identity);
  if (same) return same;
  const loaded = cluster.loadedRevisions.get(deployment2.metadata.uid);
  return loaded?.template === identity ? owned.find((rs) => rs.metadata.name === loaded.revision) : void 0;
}
function createReplicaSet(cluster, deployment2, revision) {
  const template = structuredClone(deployment2.spec?.template ?? {});
  const identity = templateIdentity(template);
  let hash = templateHash(identity);
  for (let collisions = 1; cluster.get("ReplicaSet", deployment2.metadata.namespace, `${deployment2.metadata.name}-${hash}`); collisions++) {
    hash = templateHash(`${identity}/${collisions}`);
  }
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash };
  const annotations = {};
  for (const [key, value] of Object.entries(deployment2.metadata.annotations ?? {})) {
    if (!NOT_COPIED.has(key)) annotations[key] = value;
  }
  const desired = replicasOf(deployment2);
  annotations[REVISION_ANNOTATION] = String(revision);
  annotations["deployment.kubernetes.io/desired-replicas"] = String(desired);
  annotations["deployment.kubernetes.io/max-replicas"] = String(
    desired + intOrPercent(rollingUpdate(deployment2).maxSurge ?? "25%", desired, true)
  );
  const selector = deployment2.spec?.selector ?? {};
  return cluster.create({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${deployment2.metadata.name}-${hash}`,
      namespace: deployment2.metadata.namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso(),
      labels,
      annotations,
      ownerReferences: [ownerReferenceTo(deployment2)]
    },
    spec: {
      replicas: 0,
      minReadySeconds: deployment2.spec?.minReadySeconds ?? 0,
      selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash } },
      template: { ...template, metadata: { ...template.metadata, labels } }
    },
    status: { replicas: 0, observedGeneration: 1 }
  });
}
function promote(cluster, rs, revision) {
  const annotations = { ...rs.metadata.annotations };
  const previous = String(revisionOf(rs));
  const history = annotations[REVISION_HISTORY_ANNOTATION];
  annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${previous}` : previous;
  annotations[REVISION_ANNOTATION] = String(revision);
  return cluster.update({ ...rs, metadata: { ...rs.metadata, annotations } });
}
function scale(cluster, deployment2, rs, replicas) {
  const from = replicasOf(rs);
  if (from === replicas) return rs;
  const annotations = {
    ...rs.metadata.annotations,
    "deployment.kubernetes.io/desired-replicas": String(replicasOf(deployment2))
  };
  const scaled = cluster.update({
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...rs.spec, replicas }
  });
  recordEvent(cluster, deployment2, {
    reason: "ScalingReplicaSet",
    message: `Scaled ${replicas > from ? "up" : "down"} replica set ${rs.metadata.name} to ${replicas} from ${from}`,
    component: "deployment-controller"
  });
  return scaled;
}
function deploymentController() {
  const lastStep = /* @__PURE__ */ new Map();
  function rollout(cluster, deployment2, newRs, olds) {
    const desired = replicasOf(deployment2);
    const active = olds.filter((rs) => replicasOf(rs) > 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    const recreate = deployment2.spec?.strategy?.type === "Recreate";
    if (active.length === 0 || cluster.rolloutStepMs === 0 || recreate) {
      for (const rs of active) scale(cluster, deployment2, rs, 0);
      scale(cluster, deployment2, newRs, desired);
      return void 0;
    }
    const elapsed = Date.now() - (lastStep.get(deployment2.metadata.uid) ?? 0);
    if (elapsed < cluster.rolloutStepMs) return cluster.rolloutStepMs - elapsed;
    lastStep.set(deployment2.metadata.uid, Date.now());
    const updated = Math.min(desired, replicasOf(newRs) + 1);
    scale(cluster, deployment2, newRs, updated);
    let oldReplicas = active.reduce((sum, rs) => sum + replicasOf(rs), 0);
    let excess = oldReplicas + updated - desired;
    for (const rs of active) {
      const take = Math.min(excess, replicasOf(rs));
      if (take > 0) scale(cluster, deployment2, rs, replicasOf(rs) - take);
      excess -= take;
      oldReplicas -= take;
    }
    return updated === desired && oldReplicas === 0 ? void 0 : cluster.rolloutStepMs;
  }
  function pruneHistory(cluster, deployment2, olds) {
    const limit = typeof deployment2.spec?.revisionHistoryLimit === "number" ? deployment2.spec.revisionHistoryLimit : 10;
    const idle = olds.filter((rs) => replicasOf(rs) === 0 && !(Number(rs.status?.replicas) > 0)).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      cluster.delete(cluster.typeOf(rs), rs.metadata.namespace, rs.metadata.name);
    }
  }
  function updateStatus(cluster, deployment2, newRs) {
    const owned = cluster.list("ReplicaSet", deployment2.metadata.namespace).filter((rs) => isControlledBy(rs, deployment2));
    const current = newRs && owned.find((rs) => rs.metadata.uid === newRs.metadata.uid);
    const sum = (field) => owned.reduce((total, rs) => total + Number(rs.status?.[field] ?? 0), 0);
    const desired = replicasOf(deployment2);
    const replicas = sum("replicas");
    const updated = Number(current?.status?.replicas ?? 0);
    const available = sum("availableReplicas");
    const maxUnavailable = intOrPercent(rollingUpdate(deployment2).maxUnavailable ?? "25%", desired, false);
    const now = cluster.nowIso();
    const complete = updated === desired && replicas === desired && available === desired;
    let conditions = deployment2.status?.conditions ?? [];
    conditions = withCondition(
      conditions,
      available >= desired - maxUnavailable ? {
        type: "Available",
        status: "True",
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability."
      } : {
        type: "Available",
        status: "False",
        reason: "MinimumReplicasUnavailable",
        message: "Deployment does not have minimum availability."
      },
      now
    );
    if (current) {
      const rsName = current.metadata.name;
      conditions = withCondition(
        conditions,
        complete ? {
          type: "Progressing",
          status: "True",
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "${rsName}" has successfully progressed.`
        } : {
          type: "Progressing",
          status: "True",
          reason: "ReplicaSetUpdated",
          message: `ReplicaSet "${rsName}" is progressing.`
        },
        now
      );
    }
    const status = {
      observedGeneration: deployment2.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: sum("readyReplicas"),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      conditions
    };
    const revision = current ? String(revisionOf(current)) : deployment2.metadata.annotations?.[REVISION_ANNOTATION];
    const annotations = {
      ...deployment2.metadata.annotations,
      ...revision ? { [REVISION_ANNOTATION]: revision } : {}
    };
    if (sameFields(deployment2.status, status) && sameFields(deployment2.metadata.annotations, annotations))
      return;
    cluster.update({
      ...deployment2,
      metadata: { ...deployment2.metadata, annotations },
      status: { ...deployment2.status, ...status }
    });
  }
  function reconcileDeployment(cluster, namespace, name) {
    const deployment2 = cluster.get("Deployment", namespace, name);
    if (!deployment2) return void 0;
    const owned = cluster.list("ReplicaSet", namespace).filter((rs) => isControlledBy(rs, deployment2));
    const maxRevision = Math.max(0, ...owned.map(revisionOf));
    let newRs = findNewReplicaSet(cluster, deployment2, owned);
    let again;
    if (!deployment2.spec?.paused) {
      if (!newRs) newRs = createReplicaSet(cluster, deployment2, maxRevision + 1);
      else if (revisionOf(newRs) < maxRevision) newRs = promote(cluster, newRs, maxRevision + 1);
      const olds = owned.filter((rs) => rs.metadata.uid !== newRs.metadata.uid);
      again = rollout(cluster, deployment2, newRs, olds);
      pruneHistory(cluster, deployment2, olds);
    } else if (newRs) scale(cluster, deployment2, newRs, replicasOf(deployment2));
    updateStatus(cluster, cluster.get("Deployment", namespace, name), newRs);
    return again;
  }
  return {
    name: "deployment",
    affected(change) {
      const { object } = change;
      if (change.resource.kind === "Deployment" && change.type !== "DELETED") {
        return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
      }
      const owner = change.resource.kind === "ReplicaSet" ? controllerRef(object) : void 0;
      return owner?.kind === "Deployment" ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
    },
    reconcile: reconcileDeployment
  };
}

// src/sandbox/kube/errors.ts
var KubeError = class extends Error {
  code;
  reason;
  details;
  constructor(code, reason, message, details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
  status() {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...this.details ? { details: this.details } : {},
      code: this.code
    };
  }
};
function detailsFor(type, name) {
  return { name, ...type.group ? { group: type.group } : {}, kind: type.plural };
}
function notFound2(type, name) {
  return new KubeError(404, "NotFound", `${qualifiedName(type)} "${name}" not found`, detailsFor(type, name));
}
function alreadyExists(type, name) {
  return new KubeError(
    409,
    "AlreadyExists",
    `${qualifiedName(type)} "${name}" already exists`,
    detailsFor(type, name)
  );
}
function conflict(type, name) {
  return new KubeError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsFor(type, name)
  );
}
function invalid(type, name, causes) {
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(", ");
  return new KubeError(422, "Invalid", `${kind} "${name}" is invalid: ${summary}`, {
    name,
    ...type.group ? { group: type.group } : {},
    kind: type.kind,
    causes
  });
}
function invalidValue(field, value, why) {
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${JSON.stringify(value)}: ${why}` };
}
function requiredValue(field) {
  return { reason: "FieldValueRequired", field, message: "Required value" };
}
function badRequest(message) {
  return new KubeError(400, "BadRequest", message);
}
function methodNotAllowed(verb, what) {
  return new KubeError(
    405,
    "MethodNotAllowed",
    `the server does not allow this method on the requested resource (${verb} ${what})`
  );
}
function unsupportedMediaType(contentType, supported, hint) {
  return new KubeError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${supported.join(", ")} (got ${JSON.stringify(contentType)}${hint ? `; ${hint}` : ""})`
  );
}
function gone(message) {
  return new KubeError(410, "Expired", message);
}

// src/sandbox/kube/selectors.ts
var KEY = "([A-Za-z0-9](?:[-A-Za-z0-9_./]*[A-Za-z0-9])?)";
var VALUE = "((?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?)";
var EXISTS = new RegExp(`^${KEY}$`);
var NOT_EXISTS = new RegExp(String.raw`^!\s*${KEY}$`);
var EQUALITY = new RegExp(String.raw`^${KEY}\s*(==|=|!=)\s*${VALUE}$`);
var SET = new RegExp(String.raw`^${KEY}\s+(in|notin)\s*\(([^()]*)\)$`);
var ORDER = new RegExp(String.raw`^${KEY}\s*([<>])\s*(-?\d+)$`);
var SET_VALUE = new RegExp(`^${VALUE}$`);
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}
function parseLabelSelector(text) {
  if (text.trim() === "") return [];
  return splitTopLevel(text).map((raw) => {
    const part = raw.trim();
    const fail = (why) => badRequest(`unable to parse requirement: ${JSON.stringify(part)}: ${why}`);
    let match = NOT_EXISTS.exec(part);
    if (match) return { key: match[1], op: "!exists" };
    match = EXISTS.exec(part);
    if (match) return { key: match[1], op: "exists" };
    match = EQUALITY.exec(part);
    if (match) return { key: match[1], op: match[2] === "!=" ? "!=" : "=", value: match[3] };
    match = SET.exec(part);
    if (match) {
      const values2 = match[3].split(",").map((value) => value.trim());
      const bad = values2.find((value) => !SET_VALUE.test(value));
      if (bad !== void 0) throw fail(`invalid label value ${JSON.stringify(bad)}`);
      return { key: match[1], op: match[2], values: values2 };
    }
    match = ORDER.exec(part);
    if (match) return { key: match[1], op: match[2] === ">" ? "gt" : "lt", value: Number(match[3]) };
    throw fail("expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b)");
  });
}
function matchesRequirement(req, value) {
  switch (req.op) {
    case "exists":
      return value !== void 0;
    case "!exists":
      return value === void 0;
    case "=":
      return value === req.value;
    case "!=":
      return value !== req.value;
    case "in":
      return value !== void 0 && req.values.includes(value);
    case "notin":
      return value === void 0 || !req.values.includes(value);
    default: {
      const number = Number(value);
      if (value === void 0 || !Number.isInteger(number)) return false;
      return req.op === "gt" ? number > req.value : number < req.value;
    }
  }
}
function matchesLabels2(requirements, labels) {
  return requirements.every((req) => matchesRequirement(req, labels?.[req.key]));
}
function labelSelectorRequirements(selector) {
  const { matchLabels = {}, matchExpressions = [] } = selector ?? {};
  const requirements = Object.entries(matchLabels).map(([key, value]) => ({
    key,
    op: "=",
    value
  }));
  for (const expr of matchExpressions) {
    const op = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!exists" }[expr.operator];
    if (op === "in" || op === "notin") requirements.push({ key: expr.key, op, values: expr.values ?? [] });
    else if (op === "exists" || op === "!exists") requirements.push({ key: expr.key, op });
  }
  return requirements;
}
function formatRequirement(req) {
  switch (req.op) {
    case "exists":
      return req.key;
    case "!exists":
      return `!${req.key}`;
    case "=":
    case "!=":
      return `${req.key}${req.op}${req.value}`;
    case "in":
    case "notin":
      return `${req.key} ${req.op} (${req.values.join(",")})`;
    default:
      return `${req.key}${req.op === "gt" ? ">" : "<"}${req.value}`;
  }
}
function formatLabelSelector(selector) {
  return labelSelectorRequirements(selector).map(formatRequirement).join(",");
}
var COMMON_FIELDS = ["metadata.name", "metadata.namespace"];
var FIELDS_BY_KIND = {
  Pod: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName"
  ],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type"
  ],
  Node: ["spec.unschedulable"],
  Namespace: ["status.phase"],
  Secret: ["type"],
  ReplicaSet: ["status.replicas"],
  Job: ["status.successful"]
};
var BOOLEAN_FIELDS = /* @__PURE__ */ new Set(["spec.hostNetwork", "spec.unschedulable"]);
function unescapeFieldValue(text) {
  return text.replace(/\\(.)/g, "$1");
}
function splitUnescaped(text, separator) {
  return text.split(new RegExp(String.raw`(?<!\\)${separator}`));
}
function parseFieldSelector(text, type) {
  if (text.trim() === "") return [];
  const allowed = [...COMMON_FIELDS, ...FIELDS_BY_KIND[type.kind] ?? []];
  return splitUnescaped(text, ",").map((raw) => {
    const match = /^\s*([A-Za-z.]+)\s*(==|=|!=)(.*)$/.exec(raw);
    if (!match)
      throw badRequest(`invalid field selector ${JSON.stringify(raw)}: expected field=value or field!=value`);
    const field = match[1];
    if (!allowed.includes(field)) {
      throw badRequest(
        `field label not supported: ${field} (${type.plural} can be selected by ${allowed.join(", ")})`
      );
    }
    return { field, op: match[2] === "!=" ? "!=" : "=", value: unescapeFieldValue(match[3].trim()) };
  });
}
function fieldValue(object, field) {
  const path = field === "source" ? ["source", "component"] : field.split(".");
  let value = object;
  for (const segment of path) value = value?.[segment];
  if (value === void 0 || value === null) return BOOLEAN_FIELDS.has(field) ? "false" : "";
  return String(value);
}
function matchesFields(requirements, object) {
  return requirements.every((req) => fieldValue(object, req.field) === req.value === (req.op === "="));
}

// src/sandbox/kube/disruption.ts
function isTerminal(pod2) {
  return podPhase(pod2) === "Succeeded" || podPhase(pod2) === "Failed";
}
function computeBudget(cluster, pdb) {
  const selector = labelSelectorRequirements(pdb.spec?.selector);
  const pods2 = cluster.list("Pod", pdb.metadata.namespace).filter((pod2) => !isTerminal(pod2) && matchesLabels2(selector, pod2.metadata.labels));
  const expectedPods = pods2.length;
  const currentHealthy = pods2.filter(isPodReady).length;
  const desiredHealthy = pdb.spec?.minAvailable !== void 0 ? intOrPercent(pdb.spec.minAvailable, expectedPods, true) : Math.max(0, expectedPods - intOrPercent(pdb.spec?.maxUnavailable ?? 0, expectedPods, true));
  return {
    pdb,
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy)
  };
}
function budgetsFor(cluster, pod2) {
  return cluster.list("PodDisruptionBudget", pod2.metadata.namespace).filter((pdb) => matchesLabels2(labelSelectorRequirements(pdb.spec?.selector), pod2.metadata.labels)).map((pdb) => computeBudget(cluster, pdb));
}
var disruptionController = {
  name: "disruption",
  affected(change, cluster) {
    const { object } = change;
    if (change.resource.kind === "PodDisruptionBudget" && change.type !== "DELETED") {
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    }
    if (change.resource.kind !== "Pod") return [];
    return cluster.list("PodDisruptionBudget", object.metadata.namespace).map((pdb) => ({ namespace: pdb.metadata.namespace, name: pdb.metadata.name }));
  },
  reconcile(cluster, namespace, name) {
    const pdb = cluster.get("PodDisruptionBudget", namespace, name);
    if (!pdb) return void 0;
    const budget = computeBudget(cluster, pdb);
    const allowed = budget.disruptionsAllowed > 0;
    const status = {
      observedGeneration: pdb.metadata.generation ?? 1,
      expectedPods: budget.expectedPods,
      currentHealthy: budget.currentHealthy,
      desiredHealthy: budget.desiredHealthy,
      disruptionsAllowed: budget.disruptionsAllowed,
      conditions: withCondition(
        pdb.status?.conditions,
        {
          type: "DisruptionAllowed",
          status: allowed ? "True" : "False",
          reason: allowed ? "SufficientPods" : "InsufficientPods",
          message: "",
          observedGeneration: pdb.metadata.generation ?? 1
        },
        cluster.nowIso(),
        ["lastTransitionTime"]
      )
    };
    if (!sameFields(pdb.status, status)) cluster.update({ ...pdb, status: { ...pdb.status, ...status } });
    return void 0;
  }
};

// src/sandbox/kube/endpoints-controller.ts
function selectorOf(service2) {
  const selector = service2.spec?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : void 0;
}
function selects(service2, pod2) {
  const selector = selectorOf(service2);
  if (!selector || !pod2) return false;
  return matchesLabels2(
    Object.entries(selector).map(([key, value]) => ({ key, op: "=", value })),
    pod2.metadata.labels
  );
}
function address(pod2) {
  return {
    ip: pod2.status?.podIP,
    ...pod2.spec?.nodeName ? { nodeName: pod2.spec.nodeName } : {},
    targetRef: {
      kind: "Pod",
      namespace: pod2.metadata.namespace,
      name: pod2.metadata.name,
      uid: pod2.metadata.uid
    }
  };
}
function reconcileEndpoints(cluster, namespace, name) {
  const service2 = cluster.get("Service", namespace, name);
  const existing2 = cluster.get("Endpoints", namespace, name);
  if (!service2 || !selectorOf(service2)) {
    if (existing2) cluster.delete(cluster.typeOf(existing2), namespace, name);
    return void 0;
  }
  const pods2 = cluster.list("Pod", namespace).filter((pod2) => selects(service2, pod2) && pod2.status?.podIP);
  const ports = (service2.spec?.ports ?? []).map((port) => ({
    ...port.name ? { name: port.name } : {},
    port: typeof port.targetPort === "number" ? port.targetPort : port.port,
    protocol: port.protocol ?? "TCP"
  }));
  const ready = pods2.filter(isPodReady).map(address);
  const notReady = pods2.filter((pod2) => !isPodReady(pod2)).map(address);
  const subsets = pods2.length === 0 ? [] : [
    {
      ...ready.length ? { addresses: ready } : {},
      ...notReady.length ? { notReadyAddresses: notReady } : {},
      ports
    }
  ];
  if (existing2) {
    if (canonicalJson(existing2.subsets ?? []) !== canonicalJson(subsets))
      cluster.update({ ...existing2, subsets });
    return void 0;
  }
  cluster.create({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name,
      namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: service2.metadata.creationTimestamp,
      ...service2.metadata.labels ? { labels: service2.metadata.labels } : {}
    },
    subsets
  });
  return void 0;
}
var endpointsController = {
  name: "endpoints",
  affected(change, cluster) {
    const { object } = change;
    if (change.resource.kind === "Service")
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    if (change.resource.kind !== "Pod") return [];
    return cluster.list("Service", object.metadata.namespace).filter((service2) => selects(service2, object) || selects(service2, change.previous)).map((service2) => ({ namespace: service2.metadata.namespace, name: service2.metadata.name }));
  },
  reconcile: reconcileEndpoints
};

// src/sandbox/kube/list.ts
function parseListQuery(params, type) {
  const query = {
    labels: parseLabelSelector(params.get("labelSelector") ?? ""),
    fields: parseFieldSelector(params.get("fieldSelector") ?? "", type)
  };
  const limit = params.get("limit");
  if (limit !== null && limit !== "" && limit !== "0") {
    const parsed = Number(limit);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw badRequest(`limit: invalid value ${JSON.stringify(limit)}`);
    query.limit = parsed;
  }
  const token = params.get("continue");
  if (token) query.continueToken = token;
  return query;
}
function matchesQuery(query, object) {
  return matchesLabels2(query.labels, object.metadata.labels) && matchesFields(query.fields, object);
}
function keyOf2(object) {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
function encodeContinue(state) {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}
function decodeContinue(token) {
  try {
    const state = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof state.rv === "string" && typeof state.after === "string") return state;
  } catch {
  }
  throw badRequest(`continue key is not valid: ${JSON.stringify(token)} was not issued by this server`);
}
function listPage(store, type, namespace, query) {
  const resumed = query.continueToken ? decodeContinue(query.continueToken) : void 0;
  const matching = store.list(type, namespace).filter((object) => (!resumed || keyOf2(object) > resumed.after) && matchesQuery(query, object));
  const resourceVersion = resumed?.rv ?? store.resourceVersion;
  if (query.limit === void 0 || matching.length <= query.limit)
    return { items: matching, resourceVersion };
  const items = matching.slice(0, query.limit);
  return {
    items,
    resourceVersion,
    continue: encodeContinue({ rv: resourceVersion, after: keyOf2(items[items.length - 1]) }),
    remainingItemCount: matching.length - items.length
  };
}

// src/sandbox/kube/node-controller.ts
var UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
function isCordoned(node2) {
  return node2?.spec?.unschedulable === true;
}
var nodeController = {
  name: "node",
  affected(change) {
    if (change.resource.kind !== "Node" || change.type !== "MODIFIED") return [];
    return isCordoned(change.object) === isCordoned(change.previous) ? [] : [{ name: change.object.metadata.name }];
  },
  reconcile(cluster, _namespace, name) {
    const node2 = cluster.get("Node", void 0, name);
    if (!node2) return void 0;
    const cordoned = isCordoned(node2);
    const taints = (node2.spec?.taints ?? []).filter(
      (taint) => taint.key !== UNSCHEDULABLE_TAINT
    );
    if (cordoned)
      taints.push({ key: UNSCHEDULABLE_TAINT, effect: "NoSchedule", timeAdded: cluster.nowIso() });
    const { taints: _old, ...rest } = node2.spec ?? {};
    const updated = cluster.update({ ...node2, spec: taints.length ? { ...rest, taints } : rest });
    const status = cordoned ? "NodeNotSchedulable" : "NodeSchedulable";
    recordEvent(cluster, updated, {
      reason: status,
      message: `Node ${name} status is now: ${status}`,
      component: "kubelet",
      host: name
    });
    return void 0;
  }
};

// src/sandbox/kube/pods.ts
var DEFAULT_TOLERATIONS = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }
];
function withPodDefaults(spec) {
  const tolerations = spec.tolerations ?? [];
  return {
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    serviceAccountName: "default",
    serviceAccount: "default",
    schedulerName: "default-scheduler",
    enableServiceLinks: true,
    priority: 0,
    ...spec,
    containers: containersOf(spec).map((container) => ({
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      imagePullPolicy: String(container.image ?? "").endsWith(":latest") ? "Always" : "IfNotPresent",
      ...container
    })),
    tolerations: [
      ...tolerations,
      ...DEFAULT_TOLERATIONS.filter((d) => !tolerations.some((t) => t.key === d.key))
    ]
  };
}
function newPod(cluster, owner, name, opts = {}) {
  const template = structuredClone(owner.spec?.template ?? {});
  const metadata = template.metadata ?? {};
  const spec = template.spec ?? {};
  const uid = cluster.ids.uid();
  cluster.simulatedPods.add(uid);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      ...opts.generateName ? { generateName: opts.generateName } : {},
      namespace: owner.metadata.namespace,
      uid,
      creationTimestamp: cluster.nowIso(),
      labels: { ...metadata.labels, ...opts.labels },
      ...metadata.annotations ? { annotations: metadata.annotations } : {},
      ownerReferences: [ownerReferenceTo(owner)]
    },
    spec: withPodDefaults(spec),
    status: { phase: "Pending", qosClass: qosClass(containersOf(spec)) }
  };
}
function qosClass(containers) {
  const resources = containers.map((c) => c.resources ?? {});
  const any = resources.some(
    (r) => Object.keys(r.limits ?? {}).length + Object.keys(r.requests ?? {}).length > 0
  );
  if (!any) return "BestEffort";
  const guaranteed = resources.every(
    (r) => ["cpu", "memory"].every(
      (name) => r.limits?.[name] !== void 0 && (r.requests?.[name] ?? r.limits[name]) === r.limits[name]
    )
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}
function allocatePodIp(cluster, node2) {
  const index = Math.max(
    0,
    cluster.list("Node").findIndex((n) => n.metadata.name === node2.metadata.name)
  );
  for (let host = 2; host < 255; host++) {
    const ip = `10.244.${index % 256}.${host}`;
    if (!cluster.usedPodIps.has(ip)) {
      cluster.usedPodIps.add(ip);
      return ip;
    }
  }
  throw new Error(`node ${node2.metadata.name} has no free pod IP left in 10.244.${index}.0/24`);
}
function internalIp(node2) {
  const addresses = node2.status?.addresses ?? [];
  return addresses.find((address2) => address2.type === "InternalIP")?.address;
}
function bindAndStart(cluster, pod2, node2) {
  const time = cluster.nowIso();
  const nodeName = node2.metadata.name;
  const containers = containersOf(pod2.spec);
  const hostIp = internalIp(node2);
  const podIp = allocatePodIp(cluster, node2);
  pod2.spec = { ...pod2.spec, nodeName };
  pod2.status = {
    ...pod2.status,
    phase: "Running",
    conditions: ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"].map(
      (type) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: time })
    ),
    ...hostIp ? { hostIP: hostIp, hostIPs: [{ ip: hostIp }] } : {},
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: time,
    containerStatuses: containers.map((container) => ({
      name: container.name,
      state: { running: { startedAt: time } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: container.image,
      imageID: `${container.image}@sha256:${cluster.ids.hex(64)}`,
      containerID: `containerd://${cluster.ids.hex(64)}`,
      started: true
    }))
  };
  const started = cluster.update(pod2);
  recordEvent(cluster, started, {
    reason: "Scheduled",
    message: `Successfully assigned ${pod2.metadata.namespace}/${pod2.metadata.name} to ${nodeName}`,
    component: "default-scheduler"
  });
  for (const container of containers) {
    const kubelet = { component: "kubelet", host: nodeName, fieldPath: `spec.containers{${container.name}}` };
    recordEvent(cluster, started, {
      ...kubelet,
      reason: "Pulled",
      message: `Container image "${container.image}" already present on machine`
    });
    recordEvent(cluster, started, {
      ...kubelet,
      reason: "Created",
      message: `Created container: ${container.name}`
    });
    recordEvent(cluster, started, {
      ...kubelet,
      reason: "Started",
      message: `Started container ${container.name}`
    });
  }
  return started;
}
function killPod(cluster, pod2, extra) {
  const host = pod2.spec?.nodeName;
  if (extra) recordEvent(cluster, pod2, extra);
  if (host && pod2.status?.phase === "Running") {
    for (const container of containersOf(pod2.spec)) {
      recordEvent(cluster, pod2, {
        reason: "Killing",
        message: `Stopping container ${container.name}`,
        component: "kubelet",
        host,
        fieldPath: `spec.containers{${container.name}}`
      });
    }
  }
  return cluster.delete(cluster.typeOf(pod2), pod2.metadata.namespace, pod2.metadata.name);
}

// src/sandbox/kube/replicaset-controller.ts
function deletionRank(pod2) {
  return [
    pod2.spec?.nodeName ? 1 : 0,
    pod2.status?.phase === "Running" ? 1 : 0,
    isPodReady(pod2) ? 1 : 0,
    -creationTime(pod2)
  ];
}
function compareRanks(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
function reconcileReplicaSet(cluster, namespace, name) {
  const rs = cluster.get("ReplicaSet", namespace, name);
  if (!rs) return void 0;
  let pods2 = cluster.list("Pod", namespace).filter((pod2) => isControlledBy(pod2, rs));
  const desired = replicasOf(rs);
  for (let i = pods2.length; i < desired; i++) {
    const pod2 = newPod(cluster, rs, `${name}-${cluster.ids.suffix()}`, { generateName: `${name}-` });
    cluster.create(pod2);
    recordEvent(cluster, rs, {
      reason: "SuccessfulCreate",
      message: `Created pod: ${pod2.metadata.name}`,
      component: "replicaset-controller"
    });
  }
  if (pods2.length > desired) {
    const doomed = [...pods2].sort((a, b) => compareRanks(deletionRank(a), deletionRank(b))).slice(0, pods2.length - desired);
    for (const pod2 of doomed) {
      killPod(cluster, pod2);
      recordEvent(cluster, rs, {
        reason: "SuccessfulDelete",
        message: `Deleted pod: ${pod2.metadata.name}`,
        component: "replicaset-controller"
      });
    }
  }
  pods2 = cluster.list("Pod", namespace).filter((pod2) => isControlledBy(pod2, rs));
  const ready = pods2.filter(isPodReady).length;
  const status = {
    replicas: pods2.length,
    fullyLabeledReplicas: pods2.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1
  };
  if (!sameFields(rs.status, status)) cluster.update({ ...rs, status: { ...rs.status, ...status } });
  return void 0;
}
var replicaSetController = {
  name: "replicaset",
  affected(change) {
    const { object } = change;
    if (change.resource.kind === "ReplicaSet" && change.type !== "DELETED") {
      return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
    }
    const owner = change.resource.kind === "Pod" ? controllerRef(object) : void 0;
    return owner?.kind === "ReplicaSet" ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
  },
  reconcile: reconcileReplicaSet
};

// src/sandbox/kube/scheduler.ts
function tolerates(tolerations, taint) {
  return tolerations.some(
    (t) => (!t.effect || t.effect === taint.effect) && (t.operator === "Exists" && (!t.key || t.key === taint.key) || t.key === taint.key && (t.value ?? "") === (taint.value ?? ""))
  );
}
function unfit(node2, pod2, podsOnNode) {
  if (node2.spec?.unschedulable) return "node(s) were unschedulable";
  if ((conditionStatus(node2, "Ready") ?? "True") !== "True")
    return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
  const taints = (node2.spec?.taints ?? []).filter((t) => t.effect !== "PreferNoSchedule");
  const untolerated = taints.find(
    (taint) => !tolerates(pod2.spec?.tolerations ?? [], taint)
  );
  if (untolerated) return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`;
  const selector = pod2.spec?.nodeSelector ?? {};
  if (Object.entries(selector).some(([key, value]) => node2.metadata.labels?.[key] !== value)) {
    return "node(s) didn't match Pod's node affinity/selector";
  }
  const capacity = Number(node2.status?.allocatable?.pods ?? 110);
  if (podsOnNode >= capacity) return "Too many pods";
  return void 0;
}
function isWaitingForNode(cluster, pod2) {
  return !!pod2 && cluster.simulatedPods.has(pod2.metadata.uid) && !pod2.spec?.nodeName;
}
function schedule(cluster, namespace, name) {
  const pod2 = cluster.get("Pod", namespace, name);
  if (!isWaitingForNode(cluster, pod2)) return void 0;
  const owner = controllerRef(pod2)?.uid;
  const podsPerNode = /* @__PURE__ */ new Map();
  const siblingsPerNode = /* @__PURE__ */ new Map();
  for (const other of cluster.list("Pod")) {
    const nodeName = other.spec?.nodeName;
    if (!nodeName) continue;
    podsPerNode.set(nodeName, (podsPerNode.get(nodeName) ?? 0) + 1);
    if (owner && controllerRef(other)?.uid === owner)
      siblingsPerNode.set(nodeName, (siblingsPerNode.get(nodeName) ?? 0) + 1);
  }
  const nodes = cluster.list("Node");
  const reasons = /* @__PURE__ */ new Map();
  const fits = nodes.filter((node2) => {
    const why2 = unfit(node2, pod2, podsPerNode.get(node2.metadata.name) ?? 0);
    if (why2) reasons.set(why2, (reasons.get(why2) ?? 0) + 1);
    return !why2;
  });
  const load = (node2) => [
    siblingsPerNode.get(node2.metadata.name) ?? 0,
    podsPerNode.get(node2.metadata.name) ?? 0
  ];
  fits.sort((a, b) => load(a)[0] - load(b)[0] || load(a)[1] - load(b)[1]);
  if (fits[0]) {
    bindAndStart(cluster, pod2, fits[0]);
    return void 0;
  }
  if (conditionStatus(pod2, "PodScheduled") === "False") return void 0;
  const why = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(", ");
  const message = `0/${nodes.length} nodes are available: ${why}.`;
  pod2.status = {
    ...pod2.status,
    conditions: [
      {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message,
        lastProbeTime: null,
        lastTransitionTime: cluster.nowIso()
      }
    ]
  };
  const pending = cluster.update(pod2);
  recordEvent(cluster, pending, {
    type: "Warning",
    reason: "FailedScheduling",
    message,
    component: "default-scheduler"
  });
  return void 0;
}
var scheduler = {
  name: "scheduler",
  affected(change, cluster) {
    if (change.resource.kind === "Pod" && change.type !== "DELETED" && isWaitingForNode(cluster, change.object)) {
      return [{ namespace: change.object.metadata.namespace, name: change.object.metadata.name }];
    }
    if (change.resource.kind === "Node" && change.type !== "DELETED") {
      return cluster.list("Pod").filter((pod2) => isWaitingForNode(cluster, pod2)).map((pod2) => ({ namespace: pod2.metadata.namespace, name: pod2.metadata.name }));
    }
    return [];
  },
  reconcile: schedule
};

// src/sandbox/kube/statefulset-controller.ts
function updateRevisionOf(cluster, sts) {
  const identity = templateIdentity(sts.spec?.template);
  const loaded = cluster.loadedRevisions.get(sts.metadata.uid);
  return loaded?.template === identity ? loaded.revision : `${sts.metadata.name}-${templateHash(identity)}`;
}
var HASH_LABEL = "controller.kubernetes.io/hash";
function recordRevision(cluster, sts, name) {
  const { namespace } = sts.metadata;
  const owned = cluster.list("ControllerRevision", namespace).filter((cr) => isControlledBy(cr, sts));
  const latest = Math.max(0, ...owned.map((cr) => Number(cr.revision ?? 0)));
  const existing2 = owned.find((cr) => cr.metadata.name === name);
  if (existing2) {
    if (Number(existing2.revision ?? 0) < latest) cluster.update({ ...existing2, revision: latest + 1 });
    return;
  }
  const template = structuredClone(sts.spec?.template ?? {});
  cluster.create({
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace,
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso(),
      labels: {
        ...template.metadata?.labels,
        [HASH_LABEL]: name.slice(sts.metadata.name.length + 1)
      },
      ...sts.metadata.annotations ? { annotations: { ...sts.metadata.annotations } } : {},
      ownerReferences: [ownerReferenceTo(sts)]
    },
    data: { spec: { template: { $patch: "replace", ...template } } },
    revision: latest + 1
  });
}
function ordinalOf(sts, pod2) {
  return Number(pod2.metadata.name.slice(sts.metadata.name.length + 1));
}
function podEvent(cluster, sts, verb, podName) {
  recordEvent(cluster, sts, {
    reason: verb === "create" ? "SuccessfulCreate" : "SuccessfulDelete",
    message: `${verb} Pod ${podName} in StatefulSet ${sts.metadata.name} successful`,
    component: "statefulset-controller"
  });
}
function statefulSetController() {
  const lastStep = /* @__PURE__ */ new Map();
  function reconcile(cluster, namespace, name) {
    const sts = cluster.get("StatefulSet", namespace, name);
    if (!sts) return void 0;
    const desired = replicasOf(sts);
    const revision = updateRevisionOf(cluster, sts);
    recordRevision(cluster, sts, revision);
    const owned = () => cluster.list("Pod", namespace).filter((pod2) => isControlledBy(pod2, sts));
    const existing2 = new Set(owned().map((pod2) => ordinalOf(sts, pod2)));
    for (let ordinal = 0; ordinal < desired; ordinal++) {
      if (existing2.has(ordinal)) continue;
      const podName = `${name}-${ordinal}`;
      cluster.create(
        newPod(cluster, sts, podName, {
          labels: {
            [CONTROLLER_REVISION_HASH]: revision,
            "statefulset.kubernetes.io/pod-name": podName,
            "apps.kubernetes.io/pod-index": String(ordinal)
          }
        })
      );
      podEvent(cluster, sts, "create", podName);
    }
    const byOrdinalDesc = owned().sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
    for (const pod2 of byOrdinalDesc.filter((p) => ordinalOf(sts, p) >= desired)) {
      killPod(cluster, pod2);
      podEvent(cluster, sts, "delete", pod2.metadata.name);
    }
    let again;
    const onDelete = sts.spec?.updateStrategy?.type === "OnDelete";
    const outdated = byOrdinalDesc.filter(
      (pod2) => ordinalOf(sts, pod2) < desired && pod2.metadata.labels?.[CONTROLLER_REVISION_HASH] !== revision
    );
    if (!onDelete && outdated.length > 0) {
      const elapsed = Date.now() - (lastStep.get(sts.metadata.uid) ?? 0);
      if (cluster.rolloutStepMs === 0 || elapsed >= cluster.rolloutStepMs) {
        lastStep.set(sts.metadata.uid, Date.now());
        for (const pod2 of cluster.rolloutStepMs === 0 ? outdated : outdated.slice(0, 1)) {
          killPod(cluster, pod2);
          podEvent(cluster, sts, "delete", pod2.metadata.name);
        }
      }
      again = cluster.rolloutStepMs || void 0;
    }
    const pods2 = owned();
    const updated = pods2.filter((pod2) => pod2.metadata.labels?.[CONTROLLER_REVISION_HASH] === revision).length;
    const currentRevision = updated === desired && pods2.length === desired ? revision : String(sts.status?.currentRevision ?? revision);
    const ready = pods2.filter(isPodReady).length;
    const status = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: pods2.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: pods2.filter(
        (pod2) => pod2.metadata.labels?.[CONTROLLER_REVISION_HASH] === currentRevision
      ).length,
      updatedReplicas: updated,
      currentRevision,
      updateRevision: revision,
      collisionCount: 0
    };
    if (!sameFields(sts.status, status)) cluster.update({ ...sts, status: { ...sts.status, ...status } });
    return again;
  }
  return {
    name: "statefulset",
    affected(change) {
      const { object } = change;
      if (change.resource.kind === "StatefulSet" && change.type !== "DELETED") {
        return [{ namespace: object.metadata.namespace, name: object.metadata.name }];
      }
      const owner = change.resource.kind === "Pod" ? controllerRef(object) : void 0;
      return owner?.kind === "StatefulSet" ? [{ namespace: object.metadata.namespace, name: owner.name }] : [];
    },
    reconcile
  };
}

// src/sandbox/kube/kube-store.ts
function controllers() {
  return [
    deploymentController(),
    replicaSetController,
    statefulSetController(),
    scheduler,
    nodeController,
    disruptionController,
    endpointsController
  ];
}
function storeFacade(cluster) {
  const settle = (result) => {
    cluster.reconcile();
    return result;
  };
  return {
    get resourceVersion() {
      return cluster.store.resourceVersion;
    },
    get: (kind, namespace, name) => cluster.get(kind, namespace, name),
    list(kind, opts = {}) {
      const type = resourceByKind(kind);
      const params = new URLSearchParams();
      if (opts.labelSelector) params.set("labelSelector", opts.labelSelector);
      if (opts.fieldSelector) params.set("fieldSelector", opts.fieldSelector);
      return listPage(cluster.store, type, opts.namespace, parseListQuery(params, type)).items;
    },
    create(object) {
      if (object.kind === "Pod") cluster.simulatedPods.add(object.metadata.uid);
      return settle(cluster.create(object));
    },
    update: (object) => settle(cluster.update(object)),
    delete(kind, namespace, name) {
      const object = cluster.get(kind, namespace, name);
      if (!object) return void 0;
      return settle(
        kind === "Pod" ? killPod(cluster, object) : cluster.delete(resourceByKind(kind), namespace, name)
      );
    },
    onChange: (listener) => cluster.store.subscribe(
      ({ type, object, previous }) => listener({
        type,
        object: structuredClone(object),
        ...previous ? { previous: structuredClone(previous) } : {}
      })
    )
  };
}
function simulateCluster(world, opts = {}) {
  const cluster = new Cluster(world, controllers(), opts);
  return { cluster, store: storeFacade(cluster) };
}

// src/sandbox/kube/kubeconfig.ts
import { writeFileSync as writeFileSync2 } from "node:fs";
var SANDBOX_USER = "opswarden-sandbox";
function writeKubeconfig(spec) {
  const user = spec.userName ?? SANDBOX_USER;
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: spec.clusterName, cluster: { server: spec.server, "certificate-authority": spec.caPath } }
    ],
    users: [{ name: user, user: { token: spec.token } }],
    contexts: [
      {
        name: spec.clusterName,
        context: { cluster: spec.clusterName, user, namespace: "default" }
      }
    ],
    "current-context": spec.clusterName,
    preferences: {}
  };
  writeFileSync2(spec.path, yaml.dump(config), { mode: 384 });
}

// src/sandbox/kube/rbac.ts
var ALL_ACCESS = [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }];
var matches = (granted, wanted) => granted.includes("*") || granted.includes(wanted);
function ruleAllows(rule2, attrs) {
  if (!matches(rule2.verbs, attrs.verb) || !matches(rule2.apiGroups, attrs.group)) return false;
  if (rule2.namespace !== void 0 && attrs.namespace !== rule2.namespace) return false;
  if (rule2.resourceNames?.length && (attrs.name === void 0 || !rule2.resourceNames.includes(attrs.name)))
    return false;
  const full = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return rule2.resources.some(
    (r) => r === "*" || r === full || attrs.subresource !== void 0 && r === `*/${attrs.subresource}`
  );
}
function allows(user, attrs) {
  return user.rules.some((rule2) => ruleAllows(rule2, attrs));
}
function requestVerb(method, target, watch) {
  const collection = target.name === void 0;
  switch (method) {
    case "GET":
      return collection ? watch ? "watch" : "list" : "get";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return collection ? "deletecollection" : "delete";
    default:
      return method.toLowerCase();
  }
}
function authorize(user, verb, target) {
  const { type, namespace, name, subresource } = target;
  const attrs = { verb, group: type.group, resource: type.plural, subresource, namespace, name };
  if (allows(user, attrs)) return;
  const what = name === void 0 ? qualifiedName(type) : `${qualifiedName(type)} "${name}"`;
  const scope = namespace === void 0 ? "at the cluster scope" : `in the namespace "${namespace}"`;
  const resource2 = subresource ? `${type.plural}/${subresource}` : type.plural;
  throw new KubeError(
    403,
    "Forbidden",
    `${what} is forbidden: User "${user.name}" cannot ${verb} resource "${resource2}" in API group "${type.group}" ${scope}`,
    { ...name !== void 0 ? { name } : {}, group: type.group, kind: type.plural }
  );
}

// src/sandbox/kube/router.ts
import { timingSafeEqual } from "node:crypto";

// src/sandbox/kube/http.ts
var PROTOBUF = "application/vnd.kubernetes.protobuf";
var MAX_BODY_BYTES = 3 * 1024 * 1024;
function apiRequest(raw, res) {
  const url = new URL(raw.url ?? "/", "https://localhost");
  let bytes;
  const readOnce = () => {
    bytes ??= readBody(raw);
    return bytes;
  };
  return {
    method: raw.method ?? "GET",
    url,
    params: url.searchParams,
    accept: raw.headers.accept,
    contentType: raw.headers["content-type"] ?? "",
    body: async () => (await readOnce()).toString("utf8"),
    bytes: readOnce,
    raw,
    res
  };
}
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new KubeError(
        413,
        "RequestEntityTooLarge",
        `the request body is larger than ${MAX_BODY_BYTES} bytes`
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
async function jsonBody2(req) {
  const mediaType = req.contentType.split(";")[0].trim().toLowerCase();
  if (mediaType === PROTOBUF) {
    throw unsupportedMediaType(
      req.contentType,
      ["application/json"],
      "the simulator reads JSON only: `kubectl create -f` or `kubectl apply -f` send JSON"
    );
  }
  if (mediaType !== "application/json" && mediaType !== "")
    throw unsupportedMediaType(req.contentType, ["application/json"]);
  const text = await req.body();
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the request body is not valid JSON: ${error.message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw badRequest("the request body must be a JSON object");
  return value;
}
function isDryRun(req, fromBody) {
  const values2 = [...req.params.getAll("dryRun"), ...Array.isArray(fromBody) ? fromBody : []];
  for (const value of values2) {
    if (value !== "All")
      throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(value)}: supported values: "All"`);
  }
  return values2.length > 0;
}
function sendJson2(res, code, body) {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
function successStatus(code, details) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    ...details ? { details } : {},
    code
  };
}

// src/sandbox/kube/protobuf.ts
var MAGIC = Buffer.from([107, 56, 115, 0]);
function lengthDelimited(buf) {
  const fields = /* @__PURE__ */ new Map();
  let offset = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (offset >= buf.length || shift > 49) throw badRequest("malformed protobuf: truncated varint");
      const byte = buf[offset++];
      value += (byte & 127) * 2 ** shift;
      if (byte < 128) return value;
    }
  };
  while (offset < buf.length) {
    const key = varint();
    const wire = key % 8;
    if (wire === 0) varint();
    else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else if (wire === 2) {
      const length = varint();
      if (offset + length > buf.length) throw badRequest("malformed protobuf: field runs past the body");
      fields.set(Math.floor(key / 8), buf.subarray(offset, offset + length));
      offset += length;
    } else throw badRequest(`malformed protobuf: unsupported wire type ${wire}`);
  }
  if (offset > buf.length) throw badRequest("malformed protobuf: field runs past the body");
  return fields;
}
function strings(message, paths) {
  const out = {};
  for (const [name, path] of Object.entries(paths)) {
    let node2 = message;
    for (const field of path) node2 = node2 && lengthDelimited(node2).get(field);
    if (node2 !== void 0) out[name] = node2.toString("utf8");
  }
  return out;
}
function unwrapProtobuf(body) {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest("protobuf body without the k8s magic prefix");
  const unknown = lengthDelimited(body.subarray(4));
  const kind = strings(unknown.get(1) ?? Buffer.alloc(0), { kind: [2] }).kind ?? "";
  return { kind, raw: unknown.get(2) ?? Buffer.alloc(0) };
}
function accessReviewAttributes(raw) {
  const spec = lengthDelimited(raw).get(2);
  const attrs = spec && lengthDelimited(spec).get(1);
  if (!attrs) return void 0;
  return strings(attrs, {
    namespace: [1],
    verb: [2],
    group: [3],
    version: [4],
    resource: [5],
    subresource: [6],
    name: [7]
  });
}

// src/sandbox/kube/access-review.ts
var ACCESS_REVIEW_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
var optionalText = (value, field) => {
  if (value === void 0 || value === "") return void 0;
  if (typeof value !== "string") throw badRequest(`spec.resourceAttributes.${field}: expected a string`);
  return value;
};
async function reviewSpec(req) {
  if (req.contentType.split(";")[0].trim().toLowerCase() === PROTOBUF) {
    const { kind, raw } = unwrapProtobuf(await req.bytes());
    const resourceAttributes = accessReviewAttributes(raw);
    return { kind, spec: resourceAttributes ? { resourceAttributes } : {} };
  }
  const body = await jsonBody2(req);
  return { kind: body.kind, spec: body.spec ?? {} };
}
async function accessReview(req, user) {
  const { kind, spec } = await reviewSpec(req);
  if (kind !== "SelfSubjectAccessReview")
    throw badRequest(`expected kind SelfSubjectAccessReview, got ${JSON.stringify(kind)}`);
  const attrs = spec.resourceAttributes;
  if (!attrs || typeof attrs !== "object")
    throw badRequest(
      "spec.resourceAttributes: Required value (the simulator answers resource attributes only)"
    );
  const verb = optionalText(attrs.verb, "verb");
  const resource2 = optionalText(attrs.resource, "resource");
  if (!verb || !resource2) throw badRequest("spec.resourceAttributes: verb and resource are required");
  const allowed = allows(user, {
    verb,
    resource: resource2,
    group: optionalText(attrs.group, "group") ?? "",
    subresource: optionalText(attrs.subresource, "subresource"),
    namespace: optionalText(attrs.namespace, "namespace"),
    name: optionalText(attrs.name, "name")
  });
  return {
    code: 201,
    body: {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec,
      status: allowed ? { allowed: true, reason: `RBAC: allowed by the rules of User "${user.name}"` } : { allowed: false }
    }
  };
}

// src/sandbox/kube/discovery.ts
var SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.4",
  gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
  gitTreeState: "clean",
  buildDate: "2025-04-22T16:02:27Z",
  goVersion: "go1.23.6",
  compiler: "gc",
  platform: "linux/amd64"
};
function apiVersions(serverAddress) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }]
  };
}
function apiGroupList(served) {
  const groups = /* @__PURE__ */ new Map();
  for (const { group, version } of servedGroupVersions(served)) {
    if (group) groups.set(group, [...groups.get(group) ?? [], version]);
  }
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] }
    }))
  };
}
function apiResourceList(served, group, version) {
  const types = served.filter((type) => type.group === group && type.version === version);
  if (types.length === 0) return void 0;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: groupVersion(group, version),
    resources: types.flatMap((type) => [
      {
        name: type.plural,
        singularName: type.singular,
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: OBJECT_VERBS,
        ...type.shortNames.length ? { shortNames: type.shortNames } : {},
        ...type.categories.length ? { categories: type.categories } : {}
      },
      ...type.subresources.map((sub) => ({
        name: `${type.plural}/${sub.name}`,
        singularName: "",
        namespaced: type.namespaced,
        ...sub.group !== type.group || sub.version !== type.version ? { group: sub.group, version: sub.version } : {},
        kind: sub.kind,
        verbs: sub.verbs
      }))
    ])
  };
}
function apiGroup(served, group) {
  const found = apiGroupList(served).groups.find((candidate) => candidate.name === group);
  return found && { kind: "APIGroup", apiVersion: "v1", ...found };
}

// src/sandbox/kube/admission.ts
var WORKLOADS = /* @__PURE__ */ new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"]);
var SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
var LABEL_NAME3 = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
function withCreateDefaults(object) {
  const spec = object.spec ?? {};
  switch (object.kind) {
    case "Deployment":
      object.spec = {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
        ...spec
      };
      break;
    case "StatefulSet":
      object.spec = {
        replicas: 1,
        revisionHistoryLimit: 10,
        podManagementPolicy: "OrderedReady",
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
        ...spec
      };
      break;
    case "ReplicaSet":
      object.spec = { replicas: 1, ...spec };
      break;
    case "Pod":
      object.spec = withPodDefaults(spec);
      object.status = { phase: "Pending", qosClass: qosClass(containersOf(spec)) };
      break;
    case "Namespace":
      object.metadata.labels = {
        ...object.metadata.labels,
        "kubernetes.io/metadata.name": object.metadata.name
      };
      object.spec = { finalizers: ["kubernetes"], ...spec };
      object.status = { phase: "Active" };
      break;
    case "Service":
      object.spec = { type: "ClusterIP", sessionAffinity: "None", ...spec };
      break;
  }
  return object;
}
function metadataCauses(type, object) {
  const causes = [];
  const { name } = object.metadata;
  const pattern = type.kind === "Namespace" ? LABEL : SUBDOMAIN;
  if (!name) causes.push(requiredValue("metadata.name"));
  else if (!pattern.test(name) || name.length > (type.kind === "Namespace" ? 63 : 253)) {
    causes.push(
      invalidValue(
        "metadata.name",
        name,
        "a lowercase RFC 1123 name must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
      )
    );
  }
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    const [prefix, labelName] = key.includes("/") ? key.split("/", 2) : [void 0, key];
    if (!labelName || !LABEL_NAME3.test(labelName) || labelName.length > 63 || prefix !== void 0 && !SUBDOMAIN.test(prefix)) {
      causes.push(
        invalidValue(
          "metadata.labels",
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )
      );
    }
    if (typeof value !== "string" || !LABEL_VALUE.test(value) || value.length > 63) {
      causes.push(
        invalidValue(
          "metadata.labels",
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )
      );
    }
  }
  return causes;
}
function containerCauses(podSpec, path) {
  const containers = containersOf(podSpec);
  if (containers.length === 0) return [requiredValue(`${path}.containers`)];
  return containers.flatMap((container, index) => [
    ...container.name ? [] : [requiredValue(`${path}.containers[${index}].name`)],
    ...container.image ? [] : [requiredValue(`${path}.containers[${index}].image`)]
  ]);
}
function replicasCauses(replicas, field = "spec.replicas") {
  if (replicas === void 0) return [];
  if (!Number.isInteger(replicas) || replicas < 0) {
    return [invalidValue(field, replicas, "must be greater than or equal to 0")];
  }
  return [];
}
function workloadCauses(object) {
  const causes = replicasCauses(object.spec?.replicas);
  const selector = object.spec?.selector;
  const template = templateOf(object);
  if (!selector) causes.push(requiredValue("spec.selector"));
  else if (!matchesLabels2(labelSelectorRequirements(selector), template.metadata?.labels)) {
    causes.push(
      invalidValue(
        "spec.template.metadata.labels",
        template.metadata?.labels ?? {},
        "`selector` does not match template `labels`"
      )
    );
  }
  return [...causes, ...containerCauses(template.spec, "spec.template.spec")];
}
function validate(type, object, previous) {
  const causes = metadataCauses(type, object);
  if (WORKLOADS.has(object.kind)) causes.push(...workloadCauses(object));
  if (object.kind === "Pod") causes.push(...containerCauses(object.spec, "spec"));
  if (object.kind === "PodDisruptionBudget" && object.spec?.minAvailable !== void 0 && object.spec?.maxUnavailable !== void 0) {
    causes.push(invalidValue("spec", object.spec, "minAvailable and maxUnavailable cannot be both set"));
  }
  if (previous && WORKLOADS.has(object.kind) && canonicalJson(previous.spec?.selector ?? null) !== canonicalJson(object.spec?.selector ?? null)) {
    causes.push(invalidValue("spec.selector", object.spec?.selector, "field is immutable"));
  }
  if (causes.length > 0) throw invalid(type, object.metadata.name, causes);
}

// src/sandbox/kube/strategic-merge.ts
var MERGE_KEYS = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  addresses: "type",
  resourceClaims: "name"
};
var MERGED_PRIMITIVE_LISTS = /* @__PURE__ */ new Set(["finalizers"]);
var SET_ELEMENT_ORDER = "$setElementOrder/";
var DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function mergeKeyFor(field, elements) {
  if (field === "ports")
    return elements.some((e) => isObject(e) && "containerPort" in e) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}
function withoutDirectives(value) {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isObject(value)) return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if (!key.startsWith("$")) out[key] = withoutDirectives(child);
  }
  return out;
}
function strategicMerge(original, patch2) {
  if (!isObject(patch2)) return withoutDirectives(patch2);
  const directive = patch2.$patch;
  if (directive === "replace") return withoutDirectives(patch2);
  if (directive === "delete") return void 0;
  if (directive !== void 0)
    throw badRequest(`strategic merge patch: unknown $patch directive ${JSON.stringify(directive)}`);
  const result = isObject(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch2)) {
    if (key.startsWith("$")) continue;
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, key);
    else if (isObject(value)) {
      const merged = strategicMerge(result[key], value);
      if (merged === void 0) delete result[key];
      else result[key] = merged;
    } else result[key] = value;
  }
  applyListDirectives(result, patch2);
  const retain = patch2.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}
function mergeList(original, patchList, field) {
  const base = Array.isArray(original) ? original : [];
  if (patchList.some((e) => isObject(e) && e.$patch === "replace")) {
    return patchList.filter((e) => !(isObject(e) && e.$patch === "replace")).map(withoutDirectives);
  }
  if (MERGED_PRIMITIVE_LISTS.has(field)) return [.../* @__PURE__ */ new Set([...base, ...patchList])];
  const mergeKey = mergeKeyFor(field, [...base, ...patchList]);
  if (!mergeKey || !patchList.every(isObject)) return patchList.map(withoutDirectives);
  const result = [...base];
  for (const element of patchList) {
    const key = element[mergeKey];
    if (key === void 0)
      throw badRequest(`strategic merge patch: an element of ${field} has no merge key ${mergeKey}`);
    const index = result.findIndex((e) => isObject(e) && e[mergeKey] === key);
    if (element.$patch === "delete") {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index], element);
    else result.push(withoutDirectives(element));
  }
  return result;
}
function applyListDirectives(result, patch2) {
  for (const [key, value] of Object.entries(patch2)) {
    if (!Array.isArray(value)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const list2 = result[field];
      if (Array.isArray(list2)) result[field] = list2.filter((item) => !value.includes(item));
    } else if (key.startsWith(SET_ELEMENT_ORDER)) {
      const field = key.slice(SET_ELEMENT_ORDER.length);
      const list2 = result[field];
      if (Array.isArray(list2)) result[field] = reorder(list2, value, mergeKeyFor(field, list2));
    }
  }
}
function reorder(list2, order, mergeKey) {
  const identity = (e) => mergeKey && isObject(e) ? e[mergeKey] : e;
  const wanted = order.map(identity);
  const rank = (e) => {
    const at = wanted.indexOf(identity(e));
    return at < 0 ? wanted.length : at;
  };
  return list2.map((element, index) => ({ element, index })).sort((a, b) => rank(a.element) - rank(b.element) || a.index - b.index).map(({ element }) => element);
}

// src/sandbox/kube/patch.ts
var PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json"
];
function isObject2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function mergePatch(target, patch2) {
  if (!isObject2(patch2)) return structuredClone(patch2);
  const result = isObject2(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch2)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
function patchFailure(op, why) {
  return new KubeError(
    422,
    "Invalid",
    `json patch ${op.op} operation at ${JSON.stringify(op.path)} failed: ${why}`
  );
}
function parsePointer(pointer, op) {
  if (pointer === "") return [];
  if (!pointer.startsWith("/"))
    throw patchFailure(op, `path ${JSON.stringify(pointer)} does not start with "/"`);
  return pointer.slice(1).split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function arrayIndex(container, token, op, allowEnd) {
  if (token === "-" && allowEnd) return container.length;
  const index = Number(token);
  if (!/^(0|[1-9]\d*)$/.test(token) || index > container.length || !allowEnd && index === container.length) {
    throw patchFailure(
      op,
      `array index ${JSON.stringify(token)} is out of range (length ${container.length})`
    );
  }
  return index;
}
function parentOf(doc, tokens, op) {
  let node2 = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node2)) node2 = node2[arrayIndex(node2, token, op, false)];
    else if (isObject2(node2) && token in node2) node2 = node2[token];
    else throw patchFailure(op, `path segment ${JSON.stringify(token)} does not exist`);
  }
  return { parent: node2, last: tokens[tokens.length - 1] };
}
function getAt(doc, pointer, op) {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) return doc;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, op, false)];
  if (isObject2(parent) && last in parent) return parent[last];
  throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
}
function removeAt(doc, pointer, op) {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) throw patchFailure(op, "cannot remove the whole document");
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, op, false), 1)[0];
  if (isObject2(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
}
function setAt(doc, pointer, value, op, mustExist) {
  const tokens = parsePointer(pointer, op);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, op, !mustExist);
    parent.splice(index, mustExist ? 1 : 0, value);
  } else if (isObject2(parent)) {
    if (mustExist && !(last in parent)) throw patchFailure(op, `${JSON.stringify(pointer)} does not exist`);
    parent[last] = value;
  } else throw patchFailure(op, `the parent of ${JSON.stringify(pointer)} is not an object or array`);
  return doc;
}
function jsonPatch(target, operations) {
  if (!Array.isArray(operations)) throw badRequest("json patch: the body must be an array of operations");
  let doc = structuredClone(target);
  for (const raw of operations) {
    const op = raw;
    if (!isObject2(raw) || typeof op.op !== "string" || typeof op.path !== "string") {
      throw badRequest(`json patch: every operation needs "op" and "path" (got ${JSON.stringify(raw)})`);
    }
    switch (op.op) {
      case "add":
        doc = setAt(doc, op.path, structuredClone(op.value), op, false);
        break;
      case "replace":
        doc = setAt(doc, op.path, structuredClone(op.value), op, true);
        break;
      case "remove":
        removeAt(doc, op.path, op);
        break;
      case "move":
      case "copy": {
        if (typeof op.from !== "string") throw badRequest(`json patch: ${op.op} at ${op.path} needs "from"`);
        const value = op.op === "move" ? removeAt(doc, op.from, op) : structuredClone(getAt(doc, op.from, op));
        doc = setAt(doc, op.path, value, op, false);
        break;
      }
      case "test":
        if (canonicalJson(getAt(doc, op.path, op)) !== canonicalJson(op.value)) {
          throw patchFailure(op, `value is not ${JSON.stringify(op.value)}`);
        }
        break;
      default:
        throw badRequest(`json patch: unknown op ${JSON.stringify(op.op)} at ${op.path}`);
    }
  }
  return doc;
}
function applyPatch(contentType, original, body) {
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (!PATCH_TYPES.includes(mediaType)) throw unsupportedMediaType(contentType, PATCH_TYPES);
  let patch2;
  try {
    patch2 = JSON.parse(body);
  } catch (error) {
    throw badRequest(`the patch body is not valid JSON: ${error.message}`);
  }
  if (mediaType === "application/json-patch+json") return jsonPatch(original, patch2);
  if (!isObject2(patch2)) throw badRequest(`a ${mediaType} body must be a JSON object`);
  if (mediaType === "application/merge-patch+json") return mergePatch(original, patch2);
  return strategicMerge(structuredClone(original), patch2);
}

// src/sandbox/kube/printers.ts
var NONE = "<none>";
function age(object, now) {
  return ageSince(object.metadata.creationTimestamp, now);
}
function num2(value) {
  return typeof value === "number" ? value : 0;
}
function images(object) {
  const containers = containersOf(object.spec?.template?.spec);
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(",")];
}
function selectorText(object) {
  return formatLabelSelector(object.spec?.selector) || NONE;
}
var pod = {
  columns: [
    ["Name"],
    ["Ready"],
    ["Status"],
    ["Restarts"],
    ["Age"],
    ["IP", "string", 1],
    ["Node", "string", 1],
    ["Nominated Node", "string", 1],
    ["Readiness Gates", "string", 1]
  ],
  cells(object, now) {
    const { reason, ready, restarts, lastRestart } = podStatusText(object);
    const restartText = restarts !== 0 && lastRestart ? `${restarts} (${ageSince(lastRestart, now)} ago)` : String(restarts);
    const total = containersOf(object.spec).length;
    return [
      object.metadata.name,
      `${ready}/${total}`,
      reason,
      restartText,
      age(object, now),
      String(object.status?.podIP ?? NONE),
      String(object.spec?.nodeName ?? NONE),
      String(object.status?.nominatedNodeName ?? NONE),
      NONE
    ];
  }
};
function nodeRoles(node2) {
  const roles = Object.keys(node2.metadata.labels ?? {}).filter((label) => label.startsWith("node-role.kubernetes.io/")).map((label) => label.slice("node-role.kubernetes.io/".length));
  const legacy = node2.metadata.labels?.["kubernetes.io/role"];
  if (legacy) roles.push(legacy);
  return roles.join(",") || NONE;
}
function nodeAddress(node2, type) {
  const addresses = node2.status?.addresses ?? [];
  return addresses.find((address2) => address2.type === type)?.address ?? NONE;
}
var node = {
  columns: [
    ["Name"],
    ["Status"],
    ["Roles"],
    ["Age"],
    ["Version"],
    ["Internal-IP", "string", 1],
    ["External-IP", "string", 1],
    ["OS-Image", "string", 1],
    ["Kernel-Version", "string", 1],
    ["Container-Runtime", "string", 1]
  ],
  cells(object, now) {
    const ready = conditionStatus(object, "Ready");
    const status = [ready === void 0 ? "Unknown" : ready === "True" ? "Ready" : "NotReady"];
    if (object.spec?.unschedulable) status.push("SchedulingDisabled");
    const info = object.status?.nodeInfo ?? {};
    return [
      object.metadata.name,
      status.join(","),
      nodeRoles(object),
      age(object, now),
      info.kubeletVersion ?? "",
      nodeAddress(object, "InternalIP"),
      nodeAddress(object, "ExternalIP"),
      info.osImage ?? "<unknown>",
      info.kernelVersion ?? "<unknown>",
      info.containerRuntimeVersion ?? "<unknown>"
    ];
  }
};
var deployment = {
  columns: [
    ["Name"],
    ["Ready"],
    ["Up-to-date", "integer"],
    ["Available", "integer"],
    ["Age"],
    ["Containers", "string", 1],
    ["Images", "string", 1],
    ["Selector", "string", 1]
  ],
  cells(object, now) {
    const status = object.status ?? {};
    const desired = num2(object.spec?.replicas ?? 1);
    return [
      object.metadata.name,
      `${num2(status.readyReplicas)}/${desired}`,
      num2(status.updatedReplicas),
      num2(status.availableReplicas),
      age(object, now),
      ...images(object),
      selectorText(object)
    ];
  }
};
var replicaSet = {
  columns: [
    ["Name"],
    ["Desired", "integer"],
    ["Current", "integer"],
    ["Ready", "integer"],
    ["Age"],
    ["Containers", "string", 1],
    ["Images", "string", 1],
    ["Selector", "string", 1]
  ],
  cells(object, now) {
    const status = object.status ?? {};
    return [
      object.metadata.name,
      num2(object.spec?.replicas ?? 1),
      num2(status.replicas),
      num2(status.readyReplicas),
      age(object, now),
      ...images(object),
      selectorText(object)
    ];
  }
};
var statefulSet = {
  columns: [["Name"], ["Ready"], ["Age"], ["Containers", "string", 1], ["Images", "string", 1]],
  cells(object, now) {
    return [
      object.metadata.name,
      `${num2(object.status?.readyReplicas)}/${num2(object.spec?.replicas ?? 1)}`,
      age(object, now),
      ...images(object)
    ];
  }
};
var daemonSet = {
  columns: [
    ["Name"],
    ["Desired", "integer"],
    ["Current", "integer"],
    ["Ready", "integer"],
    ["Up-to-date", "integer"],
    ["Available", "integer"],
    ["Node Selector"],
    ["Age"],
    ["Containers", "string", 1],
    ["Images", "string", 1],
    ["Selector", "string", 1]
  ],
  cells(object, now) {
    const status = object.status ?? {};
    const nodeSelector = object.spec?.template?.spec?.nodeSelector;
    const nodeSelectorText = Object.entries(nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || NONE;
    return [
      object.metadata.name,
      num2(status.desiredNumberScheduled),
      num2(status.currentNumberScheduled),
      num2(status.numberReady),
      num2(status.updatedNumberScheduled),
      num2(status.numberAvailable),
      nodeSelectorText,
      age(object, now),
      ...images(object),
      selectorText(object)
    ];
  }
};
var service = {
  columns: [
    ["Name"],
    ["Type"],
    ["Cluster-IP"],
    ["External-IP"],
    ["Port(s)"],
    ["Age"],
    ["Selector", "string", 1]
  ],
  cells(object, now) {
    const spec = object.spec ?? {};
    const type = String(spec.type ?? "ClusterIP");
    const ingress = object.status?.loadBalancer?.ingress ?? [];
    const external = [
      ...spec.externalIPs ?? [],
      ...ingress.map((i) => i.ip ?? i.hostname ?? "")
    ];
    const externalText = external.length ? external.join(",") : type === "LoadBalancer" ? "<pending>" : NONE;
    const ports = (spec.ports ?? []).map(
      (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`
    );
    const selector = Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
    return [
      object.metadata.name,
      type,
      String(spec.clusterIP ?? NONE),
      externalText,
      ports.join(",") || NONE,
      age(object, now),
      selector || NONE
    ];
  }
};
var endpoints = {
  columns: [["Name"], ["Endpoints"], ["Age"]],
  cells(object, now) {
    const subsets = object.subsets ?? [];
    const all = subsets.flatMap(
      (s) => (s.addresses ?? []).flatMap(
        (a) => s.ports?.length ? s.ports.map((p) => `${a.ip}:${p.port}`) : [a.ip]
      )
    );
    const shown = all.length > 3 ? `${all.slice(0, 3).join(",")} + ${all.length - 3} more...` : all.join(",");
    return [object.metadata.name, shown || NONE, age(object, now)];
  }
};
var event = {
  columns: [
    ["Last Seen"],
    ["Type"],
    ["Reason"],
    ["Object"],
    ["Subobject", "string", 1],
    ["Source", "string", 1],
    ["Message"],
    ["First Seen", "string", 1],
    ["Count", "integer", 1],
    ["Name", "string", 1]
  ],
  cells(object, now) {
    const involved = object.involvedObject ?? {};
    const source = object.source ?? {};
    const first = ageSince(object.firstTimestamp ?? object.eventTime, now);
    const last = object.lastTimestamp ? ageSince(object.lastTimestamp, now) : first;
    const kind = String(involved.kind ?? "").toLowerCase();
    return [
      last,
      String(object.type ?? ""),
      String(object.reason ?? ""),
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? "",
      [source.component ?? object.reportingComponent, source.host].filter(Boolean).join(", "),
      String(object.message ?? "").trim(),
      first,
      num2(object.count) || 1,
      object.metadata.name
    ];
  }
};
function simple(columns, cells) {
  return {
    columns: [["Name"], ...columns, ["Age"]],
    cells: (object, now) => [object.metadata.name, ...cells(object), age(object, now)]
  };
}
function intOrNA(value) {
  return value === void 0 ? "N/A" : String(value);
}
var PRINTERS = {
  Pod: pod,
  Node: node,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Service: service,
  Endpoints: endpoints,
  Event: event,
  Namespace: simple([["Status"]], (o) => [String(o.status?.phase ?? "Active")]),
  ConfigMap: simple([["Data", "integer"]], (o) => [
    Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length
  ]),
  Secret: simple([["Type"], ["Data", "integer"]], (o) => [
    String(o.type ?? "Opaque"),
    Object.keys(o.data ?? {}).length
  ]),
  PodDisruptionBudget: simple(
    [["Min Available"], ["Max Unavailable"], ["Allowed Disruptions", "integer"]],
    (o) => [
      intOrNA(o.spec?.minAvailable),
      intOrNA(o.spec?.maxUnavailable),
      num2(o.status?.disruptionsAllowed)
    ]
  )
};
var DEFAULT_PRINTER = simple([], () => []);
function printerColumns(kind) {
  return (PRINTERS[kind] ?? DEFAULT_PRINTER).columns.map(([name, type = "string", priority = 0]) => ({
    name,
    type,
    format: name === "Name" && priority === 0 ? "name" : "",
    description: `${name} of the ${kind}`,
    priority
  }));
}
function printerCells(object, now) {
  return (PRINTERS[object.kind] ?? DEFAULT_PRINTER).cells(object, now);
}

// src/sandbox/kube/table.ts
function tableRequest(accept, params) {
  for (const mediaRange of (accept ?? "").split(",")) {
    const [type, ...rawParams] = mediaRange.split(";").map((part) => part.trim());
    if (type !== "application/json") continue;
    const mediaParams = Object.fromEntries(
      rawParams.map((p) => p.split("=").map((s) => s.trim()))
    );
    if (mediaParams.as === "Table" && mediaParams.g === "meta.k8s.io" && ["v1", "v1beta1"].includes(mediaParams.v ?? "")) {
      return { version: mediaParams.v, includeObject: params.get("includeObject") ?? "Metadata" };
    }
  }
  return void 0;
}
function rowObject(object, includeObject) {
  if (includeObject === "None") return void 0;
  if (includeObject === "Object") return object;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata };
}
function toTable(kind, objects, request, now, listMeta, withColumns = true) {
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${request.version}`,
    metadata: listMeta,
    ...withColumns ? { columnDefinitions: printerColumns(kind) } : {},
    rows: objects.map((object) => {
      const included = rowObject(object, request.includeObject);
      return { cells: printerCells(object, now), ...included ? { object: included } : {} };
    })
  };
}

// src/sandbox/kube/handlers.ts
function hasStatusSubresource(type) {
  return type.subresources.some((sub) => sub.name === "status");
}
function existing(cluster, target) {
  const object = cluster.store.get(target.type, target.namespace, target.name);
  if (!object) throw notFound2(target.type, target.name);
  return object;
}
function present(cluster, req, type, object) {
  const table = tableRequest(req.accept, req.params);
  return table ? toTable(type.kind, [object], table, cluster.now(), { resourceVersion: object.metadata.resourceVersion }) : object;
}
function list(cluster, req, target) {
  const page = listPage(
    cluster.store,
    target.type,
    target.namespace,
    parseListQuery(req.params, target.type)
  );
  const metadata = {
    resourceVersion: page.resourceVersion,
    ...page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}
  };
  const table = tableRequest(req.accept, req.params);
  if (table)
    return { code: 200, body: toTable(target.type.kind, page.items, table, cluster.now(), metadata) };
  return {
    code: 200,
    body: {
      kind: `${target.type.kind}List`,
      apiVersion: apiVersionOf(target.type),
      metadata,
      // List items carry no kind/apiVersion, as the real API serves typed lists.
      items: page.items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest)
    }
  };
}
function get(cluster, req, target) {
  return { code: 200, body: present(cluster, req, target.type, existing(cluster, target)) };
}
function checkTypeMeta(type, object) {
  const apiVersion = apiVersionOf(type);
  if (object.apiVersion !== void 0 && object.apiVersion !== apiVersion) {
    throw badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`
    );
  }
  if (object.kind !== void 0 && object.kind !== type.kind) {
    throw badRequest(`the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`);
  }
}
function checkNamespace(target, metadata) {
  if (target.type.namespaced && metadata.namespace !== void 0 && metadata.namespace !== target.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
}
async function create(cluster, req, target) {
  const body = await jsonBody2(req);
  checkTypeMeta(target.type, body);
  const metadata = { ...body.metadata };
  checkNamespace(target, metadata);
  if (!metadata.name && metadata.generateName)
    metadata.name = `${metadata.generateName}${cluster.ids.suffix()}`;
  const { resourceVersion: _rv, generation: _generation, ...rest } = metadata;
  const object = withCreateDefaults({
    ...body,
    apiVersion: apiVersionOf(target.type),
    kind: target.type.kind,
    metadata: {
      ...rest,
      name: metadata.name ?? "",
      ...target.type.namespaced ? { namespace: target.namespace } : {},
      uid: cluster.ids.uid(),
      creationTimestamp: cluster.nowIso()
    }
  });
  validate(target.type, object);
  if (cluster.store.get(target.type, target.namespace, object.metadata.name))
    throw alreadyExists(target.type, object.metadata.name);
  if (target.type.namespaced && !cluster.get("Namespace", void 0, target.namespace)) {
    throw notFound2(resourceByKind("Namespace"), target.namespace);
  }
  if (isDryRun(req)) return { code: 201, body: object };
  if (object.kind === "Pod") cluster.simulatedPods.add(object.metadata.uid);
  const created = cluster.store.create(target.type, object);
  cluster.reconcile();
  return { code: 201, body: created };
}
function commit(cluster, req, target, current, proposed) {
  const { metadata } = proposed;
  if (metadata?.name !== current.metadata.name) {
    throw badRequest(
      `the name of the object (${metadata?.name}) does not match the name on the URL (${current.metadata.name})`
    );
  }
  checkNamespace(target, metadata);
  if (metadata.resourceVersion && metadata.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(target.type, current.metadata.name);
  }
  let next;
  if (target.subresource === "status") next = { ...current, status: proposed.status };
  else if (hasStatusSubresource(target.type)) next = { ...proposed, status: current.status };
  else next = { ...proposed };
  if (next.status === void 0) delete next.status;
  next.apiVersion = current.apiVersion;
  next.kind = current.kind;
  next.metadata = {
    ...next.metadata,
    uid: current.metadata.uid,
    creationTimestamp: current.metadata.creationTimestamp,
    resourceVersion: current.metadata.resourceVersion,
    ...current.metadata.namespace ? { namespace: current.metadata.namespace } : {}
  };
  if (current.metadata.generation !== void 0) next.metadata.generation = current.metadata.generation;
  validate(target.type, next, current);
  if (isDryRun(req)) return { code: 200, body: present(cluster, req, target.type, next) };
  const updated = cluster.store.update(target.type, next);
  cluster.reconcile();
  return { code: 200, body: present(cluster, req, target.type, updated) };
}
async function update(cluster, req, target) {
  const current = existing(cluster, target);
  const body = await jsonBody2(req);
  checkTypeMeta(target.type, body);
  return commit(cluster, req, target, current, body);
}
async function patch(cluster, req, target) {
  const current = existing(cluster, target);
  const patched = applyPatch(req.contentType, current, await req.body());
  if (typeof patched !== "object" || patched === null || Array.isArray(patched)) {
    throw new KubeError(422, "Invalid", `the patched ${target.type.kind} is not an object`);
  }
  return commit(cluster, req, target, current, patched);
}
async function deleteOptions(req) {
  const text = await req.body();
  let options = {};
  try {
    if (text.trim()) options = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the DeleteOptions body is not valid JSON: ${error.message}`);
  }
  const fromQuery = req.params.get("propagationPolicy");
  if (fromQuery) options.propagationPolicy = fromQuery;
  if (options.propagationPolicy && !["Background", "Foreground", "Orphan"].includes(options.propagationPolicy)) {
    throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(options.propagationPolicy)}`);
  }
  return options;
}
async function remove(cluster, req, target) {
  const current = existing(cluster, target);
  const options = await deleteOptions(req);
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== current.metadata.uid || resourceVersion && resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(target.type, current.metadata.name);
  }
  const details = {
    name: current.metadata.name,
    ...target.type.group ? { group: target.type.group } : {},
    kind: target.type.plural,
    uid: current.metadata.uid
  };
  const isPod = target.type.kind === "Pod";
  if (isDryRun(req, options.dryRun))
    return { code: 200, body: isPod ? current : successStatus(200, details) };
  const deleted = isPod ? killPod(cluster, current) : cluster.delete(target.type, target.namespace, current.metadata.name, options.propagationPolicy);
  cluster.reconcile();
  return { code: 200, body: isPod ? deleted : successStatus(200, details) };
}

// src/sandbox/kube/eviction.ts
function refusal(cluster, pod2) {
  if (["Succeeded", "Failed", "Pending"].includes(podPhase(pod2))) return void 0;
  const budgets = budgetsFor(cluster, pod2);
  if (budgets.length > 1) {
    return new KubeError(
      500,
      "InternalError",
      "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
    );
  }
  const budget = budgets[0];
  if (!budget) return void 0;
  const blocked = isPodReady(pod2) ? budget.disruptionsAllowed <= 0 : budget.currentHealthy < budget.desiredHealthy;
  if (!blocked) return void 0;
  return new KubeError(
    429,
    "TooManyRequests",
    "Cannot evict pod as it would violate the pod's disruption budget.",
    {
      causes: [
        {
          reason: "DisruptionBudget",
          message: `The disruption budget ${budget.pdb.metadata.name} needs ${budget.desiredHealthy} healthy pods and has ${budget.currentHealthy} currently`
        }
      ]
    }
  );
}
async function evict(cluster, req, target) {
  const pod2 = existing(cluster, target);
  const eviction = await jsonBody2(req);
  const name = eviction.metadata?.name;
  if (name !== void 0 && name !== pod2.metadata.name) {
    throw badRequest(`name in URL does not match name in Eviction object (${name} != ${pod2.metadata.name})`);
  }
  const refused = refusal(cluster, pod2);
  if (refused) throw refused;
  const dryRun = isDryRun(req, eviction.deleteOptions?.dryRun);
  if (!dryRun) {
    killPod(cluster, pod2, {
      reason: "Evicted",
      message: "Evicted by the Eviction API",
      component: "kube-apiserver"
    });
    cluster.reconcile();
  }
  return { code: 201, body: successStatus(201) };
}

// src/sandbox/kube/logs.ts
import { once } from "node:events";
var CHUNK_BYTES = 64 * 1024;
function invalidOption(message) {
  return new KubeError(422, "Invalid", message);
}
function rfc3339Nano(time) {
  return time.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits) => digits ? `.${digits}Z` : "Z");
}
function chooseContainer(pod2, requested) {
  const main = containersOf(pod2.spec).map((c) => c.name);
  const all = [...main, ...containersOf({ containers: pod2.spec?.initContainers }).map((c) => c.name)];
  if (!requested) {
    if (main.length === 1) return main[0];
    throw badRequest(
      `a container name must be specified for pod ${pod2.metadata.name}, choose one of: [${main.join(" ")}]`
    );
  }
  if (!all.includes(requested))
    throw badRequest(`container ${requested} is not valid for pod ${pod2.metadata.name}`);
  return requested;
}
function checkContainerRan(pod2, container, previous) {
  const statuses = [
    ...pod2.status?.containerStatuses ?? [],
    ...pod2.status?.initContainerStatuses ?? []
  ];
  const status = statuses.find((candidate) => candidate.name === container);
  const restarted = (status?.restartCount ?? 0) > 0 || status?.lastState?.terminated !== void 0;
  if (previous) {
    if (!restarted)
      throw badRequest(
        `previous terminated container "${container}" in pod "${pod2.metadata.name}" not found`
      );
    return;
  }
  const ran = status?.state?.running !== void 0 || status?.state?.terminated !== void 0 || restarted;
  if (!ran) {
    const reason = status?.state?.waiting?.reason ?? "ContainerCreating";
    throw badRequest(`container "${container}" in pod "${pod2.metadata.name}" is waiting to start: ${reason}`);
  }
}
function integerOption(params, name, min) {
  const raw = params.get(name);
  if (raw === null || raw === "") return void 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw invalidOption(`${name}: Invalid value: ${JSON.stringify(raw)}: must be an integer >= ${min}`);
  return value;
}
function sinceOf(params, now) {
  const sinceSeconds = integerOption(params, "sinceSeconds", 1);
  const sinceTime = params.get("sinceTime");
  if (sinceSeconds !== void 0 && sinceTime)
    throw invalidOption("at most one of `sinceTime` or `sinceSeconds` may be specified");
  if (sinceSeconds !== void 0) return new Date(now.getTime() - sinceSeconds * 1e3);
  if (!sinceTime) return void 0;
  const parsed = new Date(sinceTime);
  if (Number.isNaN(parsed.getTime()))
    throw badRequest(`sinceTime: ${JSON.stringify(sinceTime)} is not an RFC 3339 time`);
  return parsed;
}
function lastItems(items, count) {
  if (count === 0) return [];
  const ring = new Array(count);
  let seen = 0;
  for (const item of items) ring[seen++ % count] = item;
  if (seen <= count) return ring.slice(0, seen);
  const start = seen % count;
  return [...ring.slice(start), ...ring.slice(0, start)];
}
async function stream(res, lines, timestamps2, limitBytes) {
  let budget = limitBytes ?? Number.POSITIVE_INFINITY;
  let chunk = "";
  const flush = async () => {
    if (chunk && !res.write(chunk)) await once(res, "drain");
    chunk = "";
  };
  for (const line of lines) {
    if (res.destroyed || budget <= 0) break;
    let text = `${timestamps2 ? `${rfc3339Nano(line.time)} ` : ""}${line.text}
`;
    const bytes = Buffer.byteLength(text);
    if (bytes > budget) text = Buffer.from(text).subarray(0, budget).toString("utf8");
    budget -= Math.min(bytes, budget);
    chunk += text;
    if (chunk.length >= CHUNK_BYTES) await flush();
  }
  await flush();
  res.end();
}
async function serveLog(cluster, req, target) {
  const pod2 = existing(cluster, target);
  const { params } = req;
  const container = chooseContainer(pod2, params.get("container"));
  const previous = params.get("previous") === "true";
  checkContainerRan(pod2, container, previous);
  const now = cluster.now();
  const since = sinceOf(params, now);
  const tail = integerOption(params, "tailLines", 0);
  const limitBytes = integerOption(params, "limitBytes", 1);
  const query = { container, previous, ...since ? { since } : {}, until: now };
  const lines = cluster.world.podLogs(pod2, query);
  req.res.writeHead(200, { "Content-Type": "text/plain" });
  try {
    await stream(
      req.res,
      tail === void 0 ? lines : lastItems(lines, tail),
      params.get("timestamps") === "true",
      limitBytes
    );
  } catch (error) {
    req.res.destroy(error);
  }
}

// src/sandbox/kube/openapi.ts
import { createHash as createHash2 } from "node:crypto";
function indexKey(group, version) {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}
function groupVersionDocument(served, group, version) {
  const paths = {};
  for (const type of served.filter((r) => r.group === group && r.version === version)) {
    const path = `/${indexKey(group, version)}/${type.namespaced ? "namespaces/{namespace}/" : ""}${type.plural}/{name}`;
    paths[path] = {
      patch: {
        description: `partially update the specified ${type.kind}`,
        operationId: `patch${type.kind}`,
        parameters: [
          { name: "dryRun", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "fieldManager", in: "query", schema: { type: "string", uniqueItems: true } },
          { name: "fieldValidation", in: "query", schema: { type: "string", uniqueItems: true } }
        ],
        responses: { "200": { description: "OK" } },
        "x-kubernetes-action": "patch",
        "x-kubernetes-group-version-kind": { group, version, kind: type.kind }
      }
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.4" },
    paths,
    components: { schemas: {} }
  };
}
function hashOf(document) {
  return createHash2("sha256").update(JSON.stringify(document)).digest("hex").toUpperCase().slice(0, 64);
}
function openApiV3(served, path) {
  if (path === "/openapi/v3") {
    const paths = {};
    for (const { group: group2, version: version2 } of servedGroupVersions(served)) {
      const key = indexKey(group2, version2);
      paths[key] = {
        serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(groupVersionDocument(served, group2, version2))}`
      };
    }
    return { paths };
  }
  const match = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return void 0;
  const [group, version] = match[1] ? ["", match[1]] : [match[2], match[3]];
  const known = servedGroupVersions(served).some(
    (gv) => groupVersion(gv.group, gv.version) === groupVersion(group, version)
  );
  return known ? groupVersionDocument(served, group, version) : void 0;
}

// src/sandbox/kube/scale.ts
var SCALE_TYPE = {
  group: "autoscaling",
  version: "v1",
  plural: "scale",
  singular: "scale",
  kind: "Scale",
  namespaced: true,
  shortNames: [],
  categories: [],
  subresources: []
};
function toScale(workload) {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = workload.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: replicasOf(workload) },
    status: {
      replicas: Number(workload.status?.replicas ?? 0),
      selector: formatLabelSelector(workload.spec?.selector)
    }
  };
}
function getScale(cluster, target) {
  return { code: 200, body: toScale(existing(cluster, target)) };
}
function setReplicas(cluster, req, target, workload, scale2) {
  const { metadata, spec } = scale2 ?? {};
  if (metadata?.name !== void 0 && metadata.name !== workload.metadata.name) {
    throw badRequest(
      `the name of the object (${metadata.name}) does not match the name on the URL (${workload.metadata.name})`
    );
  }
  if (metadata?.resourceVersion && metadata.resourceVersion !== workload.metadata.resourceVersion) {
    throw conflict(target.type, workload.metadata.name);
  }
  const replicas = spec?.replicas ?? 0;
  const causes = replicasCauses(replicas);
  if (causes.length > 0) throw invalid(SCALE_TYPE, workload.metadata.name, causes);
  const scaled = { ...workload, spec: { ...workload.spec, replicas } };
  if (isDryRun(req)) return { code: 200, body: toScale(scaled) };
  const stored = cluster.store.update(target.type, scaled);
  cluster.reconcile();
  return { code: 200, body: toScale(stored) };
}
async function putScale(cluster, req, target) {
  const workload = existing(cluster, target);
  return setReplicas(cluster, req, target, workload, await jsonBody2(req));
}
async function patchScale(cluster, req, target) {
  const workload = existing(cluster, target);
  return setReplicas(
    cluster,
    req,
    target,
    workload,
    applyPatch(req.contentType, toScale(workload), await req.body())
  );
}

// src/sandbox/kube/watch.ts
var DEFAULT_TIMEOUT_SECONDS = 300;
function isWatch(req) {
  const watch = req.params.get("watch");
  return watch === "true" || watch === "1";
}
function integerParam(req, name) {
  const raw = req.params.get(name);
  if (raw === null || raw === "") return void 0;
  if (!/^\d+$/.test(raw))
    throw badRequest(`${name}: invalid value ${JSON.stringify(raw)}: expected a non-negative integer`);
  return Number(raw);
}
function serveWatch(cluster, req, target, open) {
  const query = parseListQuery(req.params, target.type);
  const table = tableRequest(req.accept, req.params);
  const matches2 = (object) => !!object && (target.namespace === void 0 || object.metadata.namespace === target.namespace) && matchesQuery(query, object);
  const from = integerParam(req, "resourceVersion");
  const replay = from ? cluster.store.changesSince(from) : [];
  if (replay === void 0)
    throw gone(`too old resource version: ${from} (${cluster.store.resourceVersion})`);
  const { res } = req;
  res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  let firstTable = true;
  const send = (type, object) => {
    const body = table ? toTable(
      target.type.kind,
      [object],
      table,
      cluster.now(),
      { resourceVersion: object.metadata.resourceVersion },
      firstTable
    ) : object;
    firstTable = false;
    res.write(`${JSON.stringify({ type, object: body })}
`);
  };
  const onChange = (change) => {
    if (change.resource !== target.type) return;
    const now = matches2(change.object);
    const before = change.type === "MODIFIED" ? matches2(change.previous) : now;
    if (now && before) send(change.type, change.object);
    else if (now) send("ADDED", change.object);
    else if (before) send("DELETED", change.object);
  };
  if (!from) {
    for (const object of cluster.store.list(target.type, target.namespace))
      if (matches2(object)) send("ADDED", object);
  }
  for (const change of replay) onChange(change);
  if (req.params.get("sendInitialEvents") === "true") {
    send("BOOKMARK", {
      apiVersion: apiVersionOf(target.type),
      kind: target.type.kind,
      metadata: {
        name: "",
        uid: "",
        creationTimestamp: "",
        resourceVersion: cluster.store.resourceVersion,
        annotations: { "k8s.io/initial-events-end": "true" }
      }
    });
  }
  const unsubscribe = cluster.store.subscribe(onChange);
  const timeoutSeconds = integerParam(req, "timeoutSeconds") ?? DEFAULT_TIMEOUT_SECONDS;
  const end = () => {
    clearTimeout(timer);
    unsubscribe();
    open.delete(end);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(end, timeoutSeconds * 1e3);
  open.add(end);
  res.on("close", end);
}

// src/sandbox/kube/router.ts
var HEALTH_PATHS = /* @__PURE__ */ new Set(["/healthz", "/livez", "/readyz"]);
function notFoundPath() {
  return new KubeError(404, "NotFound", "the server could not find the requested resource", {});
}
function authenticate(header, opts) {
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const presented = Buffer.from(token);
  const user = opts.users.find((candidate) => {
    const expected = Buffer.from(candidate.token);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }) ?? opts.serviceAccounts.authenticate(token);
  if (!user) throw new KubeError(401, "Unauthorized", "Unauthorized");
  return user;
}
function parseResourcePath(served, path) {
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  let group;
  let version;
  let rest;
  if (segments[0] === "api" && segments[1] === "v1") [group, version, rest] = ["", "v1", segments.slice(2)];
  else if (segments[0] === "apis" && segments.length >= 4)
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  else return void 0;
  const watchPrefix = rest[0] === "watch";
  if (watchPrefix) rest = rest.slice(1);
  let namespace;
  if (rest[0] === "namespaces" && rest.length >= 3 && resourceByPath(served, group, version, rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = plural ? resourceByPath(served, group, version, plural) : void 0;
  if (!type || extra.length > 0 || type.namespaced && namespace === void 0 && name !== void 0)
    return void 0;
  if (subresource && !type.subresources.some((sub) => sub.name === subresource)) return void 0;
  if (watchPrefix && name !== void 0) return void 0;
  return { type, namespace, name, subresource, watchPrefix };
}
function discovery(served, path, serverAddress) {
  if (path === "/version") return SERVER_VERSION;
  if (path === "/api") return apiVersions(serverAddress);
  if (path === "/apis") return apiGroupList(served);
  if (path === "/api/v1") return apiResourceList(served, "", "v1");
  if (path.startsWith("/openapi/v3")) return openApiV3(served, path);
  const groupVersion2 = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!groupVersion2) return void 0;
  return groupVersion2[2] ? apiResourceList(served, groupVersion2[1], groupVersion2[2]) : apiGroup(served, groupVersion2[1]);
}
async function routeResource(cluster, req, target, watches) {
  const { name, subresource } = target;
  const what = `${target.type.plural}${subresource ? `/${subresource}` : ""}`;
  switch (req.method) {
    case "GET":
      if (name === void 0) {
        if (target.watchPrefix || isWatch(req)) return serveWatch(cluster, req, target, watches);
        return list(cluster, req, target);
      }
      if (subresource === void 0 || subresource === "status") return get(cluster, req, target);
      if (subresource === "scale") return getScale(cluster, target);
      if (subresource === "log") return serveLog(cluster, req, target);
      break;
    case "POST":
      if (name === void 0 && (!target.type.namespaced || target.namespace !== void 0))
        return create(cluster, req, target);
      if (subresource === "eviction") return evict(cluster, req, target);
      break;
    case "PUT":
      if (name !== void 0 && (subresource === void 0 || subresource === "status"))
        return update(cluster, req, target);
      if (subresource === "scale") return putScale(cluster, req, target);
      break;
    case "PATCH":
      if (name !== void 0 && (subresource === void 0 || subresource === "status"))
        return patch(cluster, req, target);
      if (subresource === "scale") return patchScale(cluster, req, target);
      break;
    case "DELETE":
      if (name !== void 0 && subresource === void 0) return remove(cluster, req, target);
      break;
  }
  throw methodNotAllowed(req.method, what);
}
async function route(cluster, req, user, opts) {
  const path = req.url.pathname.replace(/\/+$/, "") || "/";
  const served = cluster.servedResources();
  const document = discovery(served, path, opts.serverAddress);
  if (document !== void 0) {
    if (req.method !== "GET") throw methodNotAllowed(req.method, path);
    return { code: 200, body: document };
  }
  if (path === ACCESS_REVIEW_PATH) {
    if (req.method !== "POST") throw methodNotAllowed(req.method, "selfsubjectaccessreviews");
    return accessReview(req, user);
  }
  const target = parseResourcePath(served, path);
  if (!target) throw notFoundPath();
  authorize(user, requestVerb(req.method, target, target.watchPrefix || isWatch(req)), target);
  return await routeResource(cluster, req, target, opts.watches) ?? void 0;
}
function createRouter(cluster, opts) {
  return async (raw, res) => {
    const req = apiRequest(raw, res);
    try {
      if (HEALTH_PATHS.has(req.url.pathname)) {
        res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
        return;
      }
      const user = authenticate(raw.headers.authorization, opts);
      const reply = await route(cluster, req, user, opts);
      if (reply) sendJson2(res, reply.code, reply.body);
    } catch (error) {
      const failure = error instanceof KubeError ? error : new KubeError(
        500,
        "InternalError",
        `Internal error occurred: ${error.message ?? String(error)}`
      );
      if (res.headersSent) res.destroy();
      else sendJson2(res, failure.code, failure.status());
    }
  };
}

// src/sandbox/kube/service-accounts.ts
import { createHmac, randomBytes, timingSafeEqual as timingSafeEqual2 } from "node:crypto";

// src/sandbox/kube/rbac-bindings.ts
function serviceAccountUser(sa) {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}
var stringList = (value) => Array.isArray(value) && value.every((item) => typeof item === "string") ? value : void 0;
function rulesOf(role, namespace) {
  const rules = Array.isArray(role?.rules) ? role.rules : [];
  return rules.flatMap((rule2) => {
    const verbs = stringList(rule2.verbs);
    const apiGroups = stringList(rule2.apiGroups);
    const resources = stringList(rule2.resources);
    const resourceNames = rule2.resourceNames === void 0 ? [] : stringList(rule2.resourceNames);
    if (!verbs?.length || !apiGroups?.length || !resources?.length || !resourceNames) return [];
    return [
      {
        verbs,
        apiGroups,
        resources,
        ...resourceNames.length ? { resourceNames } : {},
        ...namespace !== void 0 ? { namespace } : {}
      }
    ];
  });
}
function names(binding, sa) {
  const groups = ["system:serviceaccounts", `system:serviceaccounts:${sa.namespace}`, "system:authenticated"];
  const subjects = Array.isArray(binding.subjects) ? binding.subjects : [];
  return subjects.some(
    (subject) => subject.kind === "ServiceAccount" && subject.name === sa.name && subject.namespace === sa.namespace || subject.kind === "User" && subject.name === serviceAccountUser(sa) || subject.kind === "Group" && groups.includes(String(subject.name))
  );
}
function roleRef(binding) {
  const ref = binding.roleRef;
  if (ref?.apiGroup !== "rbac.authorization.k8s.io" || typeof ref.name !== "string") return void 0;
  return { kind: String(ref.kind), name: ref.name };
}
function rulesBoundTo(cluster, sa) {
  const clusterWide = cluster.list("ClusterRoleBinding").flatMap((binding) => {
    const ref = roleRef(binding);
    if (!names(binding, sa) || ref?.kind !== "ClusterRole") return [];
    return rulesOf(cluster.get("ClusterRole", void 0, ref.name), void 0);
  });
  const namespaced = cluster.list("RoleBinding").flatMap((binding) => {
    const ref = roleRef(binding);
    const namespace = binding.metadata.namespace;
    if (!names(binding, sa) || !ref || namespace === void 0) return [];
    if (ref.kind === "Role") return rulesOf(cluster.get("Role", namespace, ref.name), namespace);
    if (ref.kind === "ClusterRole")
      return rulesOf(cluster.get("ClusterRole", void 0, ref.name), namespace);
    return [];
  });
  return [...clusterWide, ...namespaced];
}

// src/sandbox/kube/service-accounts.ts
var PREFIX = "simsa";
var ServiceAccountTokens = class {
  key = randomBytes(32);
  cluster;
  constructor(cluster) {
    this.cluster = cluster;
  }
  /** A token for the stored ServiceAccount `namespace/name`; throws when there is none. */
  issue(namespace, name) {
    const sa = this.cluster.get("ServiceAccount", namespace, name);
    if (!sa) {
      throw new Error(
        `no ServiceAccount "${name}" in namespace "${namespace}" to issue a token for (apply it first)`
      );
    }
    const claims = Buffer.from(JSON.stringify([namespace, name, sa.metadata.uid])).toString("base64url");
    return `${PREFIX}.${claims}.${this.sign(claims)}`;
  }
  /** The user a presented token authenticates as, or undefined when it is not a valid, live token. */
  authenticate(token) {
    const [prefix, claims, signature, ...rest] = token.split(".");
    if (prefix !== PREFIX || !claims || !signature || rest.length > 0) return void 0;
    const expected = Buffer.from(this.sign(claims));
    const presented = Buffer.from(signature);
    if (presented.length !== expected.length || !timingSafeEqual2(presented, expected)) return void 0;
    const [namespace, name, uid] = JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
    if (!namespace || !name || this.cluster.get("ServiceAccount", namespace, name)?.metadata.uid !== uid)
      return void 0;
    const sa = { namespace, name };
    return { name: serviceAccountUser(sa), token, rules: rulesBoundTo(this.cluster, sa) };
  }
  sign(claims) {
    return createHmac("sha256", this.key).update(claims).digest("base64url");
  }
};

// src/sandbox/kube/tls.ts
import { execFileSync } from "node:child_process";
import { readFileSync as readFileSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join2 } from "node:path";
function openssl(args, cwd) {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const err = error;
    if (err.code === "ENOENT") {
      throw new Error(
        "the Kubernetes simulator needs the openssl CLI to make its TLS certificates: apt-get install -y openssl"
      );
    }
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() ?? err.message}`);
  }
}
function makeServerPki(dir) {
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "30",
      "-subj",
      "/CN=opswarden-sandbox-ca",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign"
    ],
    dir
  );
  writeFileSync3(
    join2(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n"
  );
  openssl(
    ["req", "-new", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=kube-apiserver"],
    dir
  );
  openssl(
    [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.crt",
      "-days",
      "30",
      "-extfile",
      "server.ext"
    ],
    dir
  );
  const read = (name) => readFileSync2(join2(dir, name), "utf8");
  return {
    caPath: join2(dir, "ca.crt"),
    ca: read("ca.crt"),
    key: read("server.key"),
    cert: read("server.crt")
  };
}

// src/sandbox/kube/simulator.ts
async function startKubeSimulator(world, opts = {}) {
  const host = opts.host ?? "127.0.0.1";
  if (host !== "127.0.0.1")
    throw new Error(`the Kubernetes simulator listens on loopback only (host 127.0.0.1), not ${host}`);
  const ownDir = opts.dir === void 0;
  const dir = opts.dir ?? mkdtempSync(join3(tmpdir(), "opswarden-kube-"));
  const pki = makeServerPki(dir);
  const token = opts.token ?? randomBytes2(24).toString("hex");
  const { cluster, store } = simulateCluster(world, { rolloutStepMs: opts.rolloutStepMs ?? 0 });
  const watches = /* @__PURE__ */ new Set();
  const server = createServer3({ key: pki.key, cert: pki.cert });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address();
  const users = [{ name: SANDBOX_USER, token, rules: ALL_ACCESS }, ...opts.users ?? []];
  const serviceAccounts = new ServiceAccountTokens(cluster);
  server.on(
    "request",
    createRouter(cluster, { users, serviceAccounts, serverAddress: `${host}:${port}`, watches })
  );
  const url = `https://${host}:${port}`;
  const kubeconfigPath = join3(dir, "kubeconfig");
  const kubeconfigOf = (user, path) => writeKubeconfig({
    path,
    clusterName: world.clusterName,
    server: url,
    caPath: pki.caPath,
    token: user.token,
    userName: user.name
  });
  kubeconfigOf(users[0], kubeconfigPath);
  return {
    url,
    token,
    caPath: pki.caPath,
    kubeconfigPath,
    kubeconfigFor(userName) {
      const user = opts.users?.find((candidate) => candidate.name === userName);
      if (!user) {
        const known = (opts.users ?? []).map((u) => u.name).join(", ") || "none";
        throw new Error(`the simulator has no user "${userName}" (extra users: ${known})`);
      }
      const path = join3(dir, `kubeconfig-${userName}`);
      kubeconfigOf(user, path);
      return path;
    },
    serviceAccountToken: (namespace, name) => serviceAccounts.issue(namespace, name),
    store,
    async close() {
      cluster.close();
      for (const end of [...watches]) end();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    }
  };
}

// src/sandbox/prometheus/simulator.ts
import { createServer as createServer4 } from "node:http";

// src/sandbox/promql/format.ts
function formatValue(value) {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Object.is(value, -0)) return "-0";
  const text = String(value);
  if (!text.includes("e")) return text;
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, lead, fraction = "", power] = exponent;
  const digits = lead + fraction;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
function seconds(ms) {
  return ms / 1e3;
}

// src/sandbox/promql/labels.ts
var METRIC_NAME = "__name__";
var keys = /* @__PURE__ */ new WeakMap();
function labelsKey(labels) {
  let key = keys.get(labels);
  if (key === void 0) {
    key = "";
    for (const name of Object.keys(labels).sort()) key += `${name}\xFF${labels[name]}\xFF`;
    keys.set(labels, key);
  }
  return key;
}
function compareLabels(a, b) {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  for (let i = 0; i < an.length && i < bn.length; i++) {
    if (an[i] !== bn[i]) return an[i] < bn[i] ? -1 : 1;
    const av = a[an[i]];
    const bv = b[bn[i]];
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return an.length - bn.length;
}
function labelsOf(entries) {
  const out = {};
  for (const [name, value] of entries) if (value !== "") out[name] = value;
  return Object.freeze(out);
}
function withoutName(labels) {
  return METRIC_NAME in labels ? withoutLabels(labels, [METRIC_NAME]) : labels;
}
function withoutLabels(labels, names2) {
  return labelsOf(Object.entries(labels).filter(([name]) => !names2.includes(name)));
}
function labelsText(labels) {
  const pairs2 = Object.keys(labels).sort().map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs2.join(", ")}}`;
}

// src/sandbox/promql/quantile.ts
function quantile(q, values2) {
  const n = values2.length;
  if (n === 0) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  values2.sort();
  let nans = 0;
  while (nans < n && Number.isNaN(values2[n - 1 - nans])) nans++;
  if (nans > 0) {
    values2.copyWithin(nans, 0, n - nans);
    values2.fill(Number.NaN, 0, nans);
  }
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values2[lower] * (1 - weight) + values2[upper] * weight;
}
function bucketQuantile(q, unsorted) {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...unsorted].sort((a, b2) => a.upperBound - b2.upperBound);
  if (sorted[sorted.length - 1]?.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  const buckets = coalesce(sorted);
  let max = Number.NEGATIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else if (bucket.count < max) bucket.count = max;
  }
  if (buckets.length < 2) return Number.NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upperBound;
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}
function coalesce(sorted) {
  const out = [];
  for (const bucket of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else out.push({ ...bucket });
  }
  return out;
}

// src/sandbox/promql/values.ts
function emptySeries(labels, steps) {
  return { labels, values: new Float64Array(steps), present: new Uint8Array(steps) };
}
function hasAny(series) {
  return series.present.includes(1);
}
function duplicateLabelsetError() {
  return executionError("vector cannot contain metrics with the same labelset");
}
function distinctSeries(series) {
  const indexByKey = /* @__PURE__ */ new Map();
  const copied = /* @__PURE__ */ new Set();
  const out = [];
  for (const one of series) {
    if (!hasAny(one)) continue;
    const key = labelsKey(one.labels);
    const index = indexByKey.get(key);
    if (index === void 0) {
      indexByKey.set(key, out.length);
      out.push(one);
      continue;
    }
    if (!copied.has(index)) {
      out[index] = copyOf(out[index]);
      copied.add(index);
    }
    const merged = out[index];
    for (let i = 0; i < one.present.length; i++) {
      if (!one.present[i]) continue;
      if (merged.present[i]) throw duplicateLabelsetError();
      merged.present[i] = 1;
      merged.values[i] = one.values[i];
    }
  }
  return out;
}
function copyOf(series) {
  return { labels: series.labels, values: series.values.slice(), present: series.present.slice() };
}
function uniqueSeries(series) {
  const out = series.filter(hasAny);
  const seen = /* @__PURE__ */ new Set();
  for (const one of out) {
    const key = labelsKey(one.labels);
    if (seen.has(key)) throw duplicateLabelsetError();
    seen.add(key);
  }
  return out;
}

// src/sandbox/promql/aggregate.ts
var LABEL_NAME4 = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function evaluateAggregate(expr, ctx) {
  const input = evaluateVector(expr.expr, ctx);
  const steps = ctx.times.length;
  switch (expr.op) {
    case "topk":
    case "bottomk":
      return vector(selectK(expr, input, evaluateScalar(expr.param, ctx), steps));
    case "quantile":
      return vector(aggregateQuantile(expr, input, evaluateScalar(expr.param, ctx), steps));
    case "count_values":
      return vector(countValues(expr, input, steps));
    default:
      return vector(accumulate(expr, input, steps));
  }
}
function vector(series) {
  return { type: "vector", series: series.filter((one) => one.present.includes(1)) };
}
function groupLabels(labels, expr) {
  return labelsOf(
    Object.entries(labels).filter(
      ([name]) => expr.without ? name !== METRIC_NAME && !expr.grouping.includes(name) : expr.grouping.includes(name)
    )
  );
}
function groupsOf(input, expr) {
  const index = /* @__PURE__ */ new Map();
  const labels = [];
  const groupOf = Int32Array.from(input, (one) => {
    const group = groupLabels(one.labels, expr);
    const key = labelsKey(group);
    let id = index.get(key);
    if (id === void 0) {
      id = labels.length;
      index.set(key, id);
      labels.push(group);
    }
    return id;
  });
  return { groupOf, labels };
}
function accumulate(expr, input, steps) {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = labels.map((group) => emptySeries(group, steps));
  const counts = labels.map(() => new Float64Array(steps));
  const means = labels.map(() => new Float64Array(steps));
  input.forEach((one, s) => {
    const g = groupOf[s];
    const result = out[g];
    const count = counts[g];
    const mean = means[g];
    for (let i = 0; i < steps; i++) {
      if (!one.present[i]) continue;
      const v = one.values[i];
      if (!result.present[i]) {
        result.present[i] = 1;
        count[i] = 1;
        mean[i] = v;
        result.values[i] = expr.op === "stddev" || expr.op === "stdvar" ? 0 : expr.op === "group" ? 1 : v;
        continue;
      }
      const n = ++count[i];
      switch (expr.op) {
        case "sum":
          result.values[i] = result.values[i] + v;
          break;
        case "avg":
          mean[i] = nextMean(mean[i], v, n);
          break;
        case "max":
          if (result.values[i] < v || Number.isNaN(result.values[i])) result.values[i] = v;
          break;
        case "min":
          if (result.values[i] > v || Number.isNaN(result.values[i])) result.values[i] = v;
          break;
        case "stddev":
        case "stdvar": {
          const delta = v - mean[i];
          mean[i] = mean[i] + delta / n;
          result.values[i] = result.values[i] + delta * (v - mean[i]);
          break;
        }
      }
    }
  });
  out.forEach((result, g) => {
    for (let i = 0; i < steps; i++) {
      if (!result.present[i]) continue;
      const n = counts[g][i];
      if (expr.op === "avg") result.values[i] = means[g][i];
      else if (expr.op === "count") result.values[i] = n;
      else if (expr.op === "stdvar") result.values[i] = result.values[i] / n;
      else if (expr.op === "stddev") result.values[i] = Math.sqrt(result.values[i] / n);
    }
  });
  return out;
}
function nextMean(mean, v, n) {
  if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
    if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) return mean;
    if (Number.isFinite(v)) return mean;
  }
  return mean + v / n - mean / n;
}
function membersAt(input, groupOf, groups, i) {
  const members = Array.from({ length: groups }, () => []);
  input.forEach((one, s) => {
    if (one.present[i]) members[groupOf[s]].push(s);
  });
  return members;
}
function selectK(expr, input, param, steps) {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = input.map((one) => emptySeries(one.labels, steps));
  const top = expr.op === "topk";
  for (let i = 0; i < steps; i++) {
    const k = param[i];
    if (Number.isNaN(k) || Math.abs(k) >= 2 ** 63)
      throw executionError(`Scalar value ${formatValue(k)} overflows int64`);
    const limit = Math.trunc(k);
    if (limit < 1) continue;
    const value = (s) => input[s].values[i];
    const less = (a, b) => Number.isNaN(value(a)) ? true : top ? value(a) < value(b) : value(a) > value(b);
    for (const members of membersAt(input, groupOf, labels.length, i)) {
      const heap = [];
      for (const s of members) {
        const root = heap.length > 0 ? value(heap[0]) : Number.NaN;
        if (heap.length >= limit && !(Number.isNaN(root) || (top ? root < value(s) : root > value(s))))
          continue;
        if (heap.length >= limit) {
          if (limit === 1) {
            heap[0] = s;
            continue;
          }
          pop(heap, less);
        }
        heap.push(s);
        up(heap, heap.length - 1, less);
      }
      for (const s of heap) {
        out[s].present[i] = 1;
        out[s].values[i] = value(s);
      }
    }
  }
  return out;
}
function up(heap, from, less) {
  let j = from;
  for (; ; ) {
    const parent = Math.trunc((j - 1) / 2);
    if (parent === j || !less(heap[j], heap[parent])) break;
    [heap[parent], heap[j]] = [heap[j], heap[parent]];
    j = parent;
  }
}
function down(heap, from, size, less) {
  let i = from;
  for (; ; ) {
    const left = 2 * i + 1;
    if (left >= size) break;
    let j = left;
    if (left + 1 < size && less(heap[left + 1], heap[left])) j = left + 1;
    if (!less(heap[j], heap[i])) break;
    [heap[i], heap[j]] = [heap[j], heap[i]];
    i = j;
  }
}
function pop(heap, less) {
  const last = heap.length - 1;
  [heap[0], heap[last]] = [heap[last], heap[0]];
  down(heap, 0, last, less);
  heap.pop();
}
function aggregateQuantile(expr, input, param, steps) {
  const { groupOf, labels } = groupsOf(input, expr);
  const out = labels.map((group) => emptySeries(group, steps));
  for (let i = 0; i < steps; i++) {
    membersAt(input, groupOf, labels.length, i).forEach((members, g) => {
      if (members.length === 0) return;
      out[g].present[i] = 1;
      out[g].values[i] = quantile(
        param[i],
        Float64Array.from(members, (s) => input[s].values[i])
      );
    });
  }
  return out;
}
function countValues(expr, input, steps) {
  const literal = expr.param && unwrapParens(expr.param);
  const param = literal?.kind === "string" ? literal.value : "";
  if (!LABEL_NAME4.test(param)) throw executionError(`invalid label name ${JSON.stringify(param)}`);
  const grouping = expr.without ? expr : { ...expr, grouping: [...expr.grouping, param] };
  const groups = /* @__PURE__ */ new Map();
  input.forEach((one) => {
    const byValue = /* @__PURE__ */ new Map();
    for (let i = 0; i < steps; i++) {
      if (!one.present[i]) continue;
      const value = formatValue(one.values[i]);
      let group = byValue.get(value);
      if (!group) {
        const labels = groupLabels({ ...one.labels, [param]: value }, grouping);
        const key = labelsKey(labels);
        group = groups.get(key) ?? emptySeries(labels, steps);
        groups.set(key, group);
        byValue.set(value, group);
      }
      group.present[i] = 1;
      group.values[i] += 1;
    }
  });
  return [...groups.values()];
}

// src/sandbox/promql/binary.ts
var DROPS_NAME = /* @__PURE__ */ new Set(["+", "-", "*", "/", "%", "^"]);
function pow(x, y) {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}
function apply(op, l, r) {
  switch (op) {
    case "+":
      return [l + r, true];
    case "-":
      return [l - r, true];
    case "*":
      return [l * r, true];
    case "/":
      return [l / r, true];
    case "%":
      return [l % r, true];
    case "^":
      return [pow(l, r), true];
    case "atan2":
      return [Math.atan2(l, r), true];
    case "==":
      return [l, l === r];
    case "!=":
      return [l, l !== r];
    case ">":
      return [l, l > r];
    case "<":
      return [l, l < r];
    case ">=":
      return [l, l >= r];
    case "<=":
      return [l, l <= r];
    default:
      throw new Error(`${op} is not an arithmetic or comparison operator`);
  }
}
function evaluateBinary(expr, lhs, rhs, steps) {
  if (lhs.type === "scalar" && rhs.type === "scalar") {
    const values2 = new Float64Array(steps);
    for (let i = 0; i < steps; i++) {
      const [value, keep] = apply(expr.op, lhs.values[i], rhs.values[i]);
      values2[i] = COMPARISON_OPS.has(expr.op) ? Number(keep) : value;
    }
    return { type: "scalar", values: values2 };
  }
  if (lhs.type === "vector" && rhs.type === "scalar")
    return vectorScalar(expr, lhs.series, rhs.values, false);
  if (lhs.type === "scalar" && rhs.type === "vector") return vectorScalar(expr, rhs.series, lhs.values, true);
  if (lhs.type !== "vector" || rhs.type !== "vector" || !expr.matching) {
    throw new Error(`operator ${expr.op} between ${lhs.type} and ${rhs.type}`);
  }
  const series = SET_OPS.has(expr.op) ? setOperation(expr.op, lhs.series, rhs.series, expr.matching) : vectorVector(expr, lhs.series, rhs.series, expr.matching);
  return { type: "vector", series: distinctSeries(series) };
}
function vectorScalar(expr, vector3, scalar, scalarLeft) {
  const comparison = COMPARISON_OPS.has(expr.op);
  const dropName = DROPS_NAME.has(expr.op) || expr.returnBool;
  const out = vector3.map((one) => {
    const result = emptySeries(dropName ? withoutName(one.labels) : one.labels, scalar.length);
    for (let i = 0; i < scalar.length; i++) {
      if (!one.present[i]) continue;
      const v = one.values[i];
      const s = scalar[i];
      let [value, keep] = scalarLeft ? apply(expr.op, s, v) : apply(expr.op, v, s);
      if (comparison) value = v;
      if (expr.returnBool) {
        value = Number(keep);
        keep = true;
      }
      if (!keep) continue;
      result.present[i] = 1;
      result.values[i] = value;
    }
    return result;
  });
  return { type: "vector", series: distinctSeries(out) };
}
function matchedLabels(labels, matching) {
  return labelsOf(
    Object.entries(labels).filter(
      ([name]) => matching.on ? matching.labels.includes(name) : name !== METRIC_NAME && !matching.labels.includes(name)
    )
  );
}
function signatureIds(sides, matching) {
  const ids = /* @__PURE__ */ new Map();
  const perSide = sides.map(
    (side) => Int32Array.from(side, (one) => {
      const sig = labelsKey(matchedLabels(one.labels, matching));
      let id = ids.get(sig);
      if (id === void 0) {
        id = ids.size;
        ids.set(sig, id);
      }
      return id;
    })
  );
  return { ids: perSide, count: ids.size };
}
function resultLabels(many, one, expr, matching) {
  let entries = Object.entries(many);
  if (DROPS_NAME.has(expr.op) || expr.returnBool) entries = entries.filter(([name]) => name !== METRIC_NAME);
  if (matching.card === "one-to-one") {
    entries = entries.filter(([name]) => matching.labels.includes(name) === matching.on);
  }
  const out = new Map(entries);
  for (const name of matching.include) {
    const value = one[name];
    if (value) out.set(name, value);
    else out.delete(name);
  }
  return labelsOf(out);
}
function vectorVector(expr, lhs, rhs, matching) {
  const swapped = matching.card === "one-to-many";
  const many = swapped ? rhs : lhs;
  const one = swapped ? lhs : rhs;
  const { ids, count: signatures } = signatureIds([many, one], matching);
  const [manySig, oneSig] = ids;
  const steps = lhs[0]?.values.length ?? rhs[0]?.values.length ?? 0;
  const oneAt = new Int32Array(signatures);
  const oneStamp = new Int32Array(signatures).fill(-1);
  const matchedStamp = new Int32Array(signatures).fill(-1);
  const outputs = /* @__PURE__ */ new Map();
  const pairs2 = /* @__PURE__ */ new Map();
  for (let i = 0; i < steps; i++) {
    if (!many.some((series) => series.present[i]) || !one.some((series) => series.present[i])) continue;
    for (let r = 0; r < one.length; r++) {
      if (!one[r].present[i]) continue;
      const sig = oneSig[r];
      if (oneStamp[sig] === i) throw duplicateMatchError(one[r], one[oneAt[sig]], matching, swapped);
      oneStamp[sig] = i;
      oneAt[sig] = r;
    }
    for (let l = 0; l < many.length; l++) {
      const manySeries = many[l];
      const sig = manySig[l];
      if (!manySeries.present[i] || oneStamp[sig] !== i) continue;
      const r = oneAt[sig];
      const mv = manySeries.values[i];
      const ov = one[r].values[i];
      let [value, keep] = swapped ? apply(expr.op, ov, mv) : apply(expr.op, mv, ov);
      if (expr.returnBool) {
        value = Number(keep);
        keep = true;
      }
      if (!keep) continue;
      if (matching.card === "one-to-one") {
        if (matchedStamp[sig] === i) {
          throw executionError(
            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
          );
        }
        matchedStamp[sig] = i;
      }
      const output = outputFor(l * one.length + r);
      if (output.series.present[i]) {
        if (matching.card !== "one-to-one" && output.sig === sig) {
          throw executionError(
            "multiple matches for matching labels: grouping labels must ensure unique matches"
          );
        }
        throw duplicateLabelsetError();
      }
      output.series.present[i] = 1;
      output.series.values[i] = value;
    }
  }
  return [...outputs.values()].map((output) => output.series);
  function outputFor(pair) {
    let output = pairs2.get(pair);
    if (output) return output;
    const l = Math.floor(pair / one.length);
    const labels = resultLabels(many[l].labels, one[pair % one.length].labels, expr, matching);
    const key = labelsKey(labels);
    output = outputs.get(key);
    if (!output) {
      output = { series: emptySeries(labels, steps), sig: manySig[l] };
      outputs.set(key, output);
    }
    pairs2.set(pair, output);
    return output;
  }
}
function duplicateMatchError(a, b, matching, swapped) {
  return executionError(
    `found duplicate series for the match group ${labelsText(matchedLabels(a.labels, matching))} on the ${swapped ? "left" : "right"} hand-side of the operation: [${labelsText(a.labels)}, ${labelsText(b.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`
  );
}
function setOperation(op, lhs, rhs, matching) {
  const { ids, count: signatures } = signatureIds([lhs, rhs], matching);
  const [lhsSig, rhsSig] = ids;
  const steps = lhs[0]?.values.length ?? rhs[0]?.values.length ?? 0;
  const lhsOut = lhs.map((one) => emptySeries(one.labels, steps));
  const rhsOut = op === "or" ? rhs.map((one) => emptySeries(one.labels, steps)) : [];
  const seenStamp = new Int32Array(signatures).fill(-1);
  const keep = (from, to, i) => {
    to.present[i] = 1;
    to.values[i] = from.values[i];
  };
  for (let i = 0; i < steps; i++) {
    const [decider, deciderSig] = op === "or" ? [lhs, lhsSig] : [rhs, rhsSig];
    for (let j = 0; j < decider.length; j++) if (decider[j].present[i]) seenStamp[deciderSig[j]] = i;
    const wantMatch = op === "and";
    for (let j = 0; j < lhs.length; j++) {
      const one = lhs[j];
      if (one.present[i] && (op === "or" || seenStamp[lhsSig[j]] === i === wantMatch))
        keep(one, lhsOut[j], i);
    }
    for (let j = 0; j < rhsOut.length; j++) {
      const one = rhs[j];
      if (one.present[i] && seenStamp[rhsSig[j]] !== i) keep(one, rhsOut[j], i);
    }
  }
  return [...lhsOut, ...rhsOut];
}

// src/sandbox/promql/range-functions.ts
function extrapolatedRate(w, isCounter, isRate) {
  const { ts, vs, from, to } = w;
  if (to - from < 2) return void 0;
  const first = vs[from];
  let result = vs[to - 1] - first;
  if (isCounter) {
    let previous = first;
    for (let j = from + 1; j < to; j++) {
      const current = vs[j];
      if (current < previous) result += previous;
      previous = current;
    }
  }
  let durationToStart = (ts[from] - w.start) / 1e3;
  const durationToEnd = (w.end - ts[to - 1]) / 1e3;
  const sampledInterval = (ts[to - 1] - ts[from]) / 1e3;
  const averageInterval = sampledInterval / (to - from - 1);
  if (isCounter && result > 0 && first >= 0) {
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= w.rangeMs / 1e3;
  return result * factor;
}
function instantValue(w, isRate) {
  const { ts, vs, to } = w;
  if (to - w.from < 2) return void 0;
  const last = vs[to - 1];
  const previous = vs[to - 2];
  const result = isRate && last < previous ? last : last - previous;
  const interval = ts[to - 1] - ts[to - 2];
  if (interval === 0) return void 0;
  return isRate ? result / (interval / 1e3) : result;
}
function kahanAdd(inc, sum, c) {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}
function linearRegression(w, interceptTime) {
  const { ts, vs, from, to } = w;
  let n = 0;
  let sumX = 0;
  let cX = 0;
  let sumY = 0;
  let cY = 0;
  let sumXY = 0;
  let cXY = 0;
  let sumX2 = 0;
  let cX2 = 0;
  const initY = vs[from];
  let constY = true;
  for (let j = from; j < to; j++) {
    const y = vs[j];
    if (constY && j > from && y !== initY) constY = false;
    n += 1;
    const x = (ts[j] - interceptTime) / 1e3;
    [sumX, cX] = kahanAdd(x, sumX, cX);
    [sumY, cY] = kahanAdd(y, sumY, cY);
    [sumXY, cXY] = kahanAdd(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanAdd(x * x, sumX2, cX2);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [Number.NaN, Number.NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - sumX * sumY / n;
  const varX = sumX2 - sumX * sumX / n;
  const slope = covXY / varX;
  return [slope, sumY / n - slope * sumX / n];
}
function values(w) {
  const out = new Float64Array(w.to - w.from);
  for (let j = w.from; j < w.to; j++) out[j - w.from] = w.vs[j];
  return out;
}
function varianceOverTime(w) {
  let count = 0;
  let mean = 0;
  let aux = 0;
  for (let j = w.from; j < w.to; j++) {
    const v = w.vs[j];
    count++;
    const delta = v - mean;
    mean += delta / count;
    aux += delta * (v - mean);
  }
  return aux / count;
}
var RANGE_FUNCTIONS = {
  rate: (w) => extrapolatedRate(w, true, true),
  increase: (w) => extrapolatedRate(w, true, false),
  delta: (w) => extrapolatedRate(w, false, false),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  deriv: (w) => w.to - w.from < 2 ? void 0 : linearRegression(w, w.ts[w.from])[0],
  predict_linear: (w) => {
    if (w.to - w.from < 2) return void 0;
    const [slope, intercept] = linearRegression(w, w.evalTime);
    return slope * w.params[0] + intercept;
  },
  changes: (w) => {
    let changes = 0;
    for (let j = w.from + 1; j < w.to; j++) {
      const current = w.vs[j];
      const previous = w.vs[j - 1];
      if (current !== previous && !(Number.isNaN(current) && Number.isNaN(previous))) changes++;
    }
    return changes;
  },
  resets: (w) => {
    let resets = 0;
    for (let j = w.from + 1; j < w.to; j++) if (w.vs[j] < w.vs[j - 1]) resets++;
    return resets;
  },
  avg_over_time: (w) => {
    let mean = 0;
    let count = 0;
    for (let j = w.from; j < w.to; j++) {
      const v = w.vs[j];
      count++;
      if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
        if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
        if (Number.isFinite(v)) continue;
      }
      mean += v / count - mean / count;
    }
    return mean;
  },
  sum_over_time: (w) => {
    let sum = 0;
    for (let j = w.from; j < w.to; j++) sum += w.vs[j];
    return sum;
  },
  count_over_time: (w) => w.to - w.from,
  min_over_time: (w) => {
    let min = w.vs[w.from];
    for (let j = w.from; j < w.to; j++) if (w.vs[j] < min || Number.isNaN(min)) min = w.vs[j];
    return min;
  },
  max_over_time: (w) => {
    let max = w.vs[w.from];
    for (let j = w.from; j < w.to; j++) if (w.vs[j] > max || Number.isNaN(max)) max = w.vs[j];
    return max;
  },
  last_over_time: (w) => w.vs[w.to - 1],
  present_over_time: () => 1,
  stdvar_over_time: varianceOverTime,
  stddev_over_time: (w) => Math.sqrt(varianceOverTime(w)),
  quantile_over_time: (w) => quantile(w.params[0], values(w))
};

// src/sandbox/promql/calls.ts
var LABEL_NAME5 = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var MATH = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sgn: (v) => v > 0 ? 1 : v < 0 ? -1 : v,
  deg: (v) => v * 180 / Math.PI,
  rad: (v) => v * Math.PI / 180,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh
};
var DATE = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1,
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear()
};
function evaluateCall(call, ctx) {
  const { name } = call.func;
  const args = call.args;
  const steps = ctx.times.length;
  const rangeFunction = RANGE_FUNCTIONS[name];
  if (rangeFunction) return overRange(call, ctx, rangeFunction);
  if (name === "absent_over_time") return absentOverTime(args[0], ctx);
  const math = MATH[name];
  if (math) return vector2(mapSamples(evaluateVector(args[0], ctx), math));
  const date = DATE[name];
  if (date) {
    const input = args[0] ? evaluateVector(args[0], ctx) : [timeVector(ctx)];
    return vector2(mapSamples(input, (v) => Number.isFinite(v) ? date(new Date(Math.trunc(v) * 1e3)) : v));
  }
  switch (name) {
    case "time":
      return { type: "scalar", values: ctx.times.map((t) => t / 1e3) };
    case "pi":
      return { type: "scalar", values: new Float64Array(steps).fill(Math.PI) };
    case "vector":
      return vector2([
        { labels: {}, values: evaluateScalar(args[0], ctx), present: new Uint8Array(steps).fill(1) }
      ]);
    case "scalar":
      return { type: "scalar", values: toScalar(evaluateVector(args[0], ctx), steps) };
    case "clamp": {
      const [min, max] = [evaluateScalar(args[1], ctx), evaluateScalar(args[2], ctx)];
      const input = evaluateVector(args[0], ctx).map((one) => ({
        ...one,
        present: one.present.map((present2, i) => max[i] < min[i] ? 0 : present2)
      }));
      return vector2(mapSamples(input, (v, i) => goMax(min[i], goMin(max[i], v))));
    }
    case "clamp_min": {
      const min = evaluateScalar(args[1], ctx);
      return vector2(mapSamples(evaluateVector(args[0], ctx), (v, i) => goMax(min[i], v)));
    }
    case "clamp_max": {
      const max = evaluateScalar(args[1], ctx);
      return vector2(mapSamples(evaluateVector(args[0], ctx), (v, i) => goMin(max[i], v)));
    }
    case "round": {
      const toNearest = args[1] ? evaluateScalar(args[1], ctx) : new Float64Array(steps).fill(1);
      return vector2(
        mapSamples(evaluateVector(args[0], ctx), (v, i) => {
          const inverse = 1 / toNearest[i];
          return Math.floor(v * inverse + 0.5) / inverse;
        })
      );
    }
    case "timestamp":
      return vector2(timestamps(args[0], ctx));
    case "absent":
      return absent(args[0], evaluateVector(args[0], ctx), steps);
    case "sort":
    case "sort_desc":
      return { type: "vector", series: sortByValue(evaluateVector(args[0], ctx), name === "sort_desc") };
    case "histogram_quantile":
      return vector2(histogramQuantile(evaluateScalar(args[0], ctx), evaluateVector(args[1], ctx), steps));
    case "label_replace":
      return vector2(relabel(evaluateVector(args[0], ctx), labelReplacer(args.slice(1).map(stringArg))));
    case "label_join":
      return vector2(relabel(evaluateVector(args[0], ctx), labelJoiner(args.slice(1).map(stringArg))));
    default:
      throw new Error(`function ${name} has no implementation`);
  }
}
function vector2(series) {
  return { type: "vector", series: distinctSeries(series) };
}
function stringArg(expr) {
  const literal = unwrapParens(expr);
  if (literal.kind !== "string") throw new Error("expected a string literal argument");
  return literal.value;
}
function mapSamples(input, fn) {
  return input.map((one) => {
    const values2 = new Float64Array(one.values.length);
    for (let i = 0; i < values2.length; i++) if (one.present[i]) values2[i] = fn(one.values[i], i);
    return { labels: withoutName(one.labels), values: values2, present: one.present };
  });
}
function goMax(a, b) {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b);
}
function goMin(a, b) {
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b);
}
function timeVector(ctx) {
  return {
    labels: {},
    values: ctx.times.map((t) => t / 1e3),
    present: new Uint8Array(ctx.times.length).fill(1)
  };
}
function toScalar(input, steps) {
  const values2 = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const present2 = input.filter((one) => one.present[i]);
    values2[i] = present2.length === 1 ? present2[0].values[i] : Number.NaN;
  }
  return values2;
}
function timestamps(arg, ctx) {
  const inner = unwrapParens(arg);
  if (inner.kind === "vectorSelector") {
    return selectInstant(inner, ctx, true).map((one) => ({ ...one, labels: withoutName(one.labels) }));
  }
  return mapSamples(evaluateVector(arg, ctx), (_, i) => ctx.times[i] / 1e3);
}
function absentLabels(arg) {
  const inner = unwrapParens(arg);
  const selector = inner.kind === "vectorSelector" ? inner : inner.kind === "matrixSelector" ? inner.selector : void 0;
  if (!selector) return {};
  const labels = /* @__PURE__ */ new Map();
  const ambiguous = /* @__PURE__ */ new Set();
  for (const matcher of selector.matchers) {
    if (matcher.name === METRIC_NAME) continue;
    if (matcher.type === "=" && !labels.has(matcher.name)) labels.set(matcher.name, matcher.value);
    else ambiguous.add(matcher.name);
  }
  for (const name of ambiguous) labels.delete(name);
  return labelsOf(labels);
}
function absent(arg, input, steps) {
  const result = emptySeries(absentLabels(arg), steps);
  for (let i = 0; i < steps; i++) {
    if (input.some((one) => one.present[i])) continue;
    result.present[i] = 1;
    result.values[i] = 1;
  }
  return vector2([result]);
}
function forEachWindow(input, ctx, visit) {
  const { ends, rangeMs } = input;
  input.series.forEach((one, s) => {
    const ts = one.timestamps;
    let from = 0;
    let to = 0;
    for (let i = 0; i < ends.length; i++) {
      if ((i & 63) === 0) checkDeadline(ctx);
      const end = ends[i];
      while (to < ts.length && ts[to] <= end) to++;
      while (from < to && ts[from] < end - rangeMs) from++;
      if (from < to) visit(s, i, from, to);
    }
  });
}
function overRange(call, ctx, fn) {
  const matrixIndex = call.args.findIndex(isRange);
  const input = rangeInput(call.args[matrixIndex], ctx);
  const params = call.args.filter((_, i) => i !== matrixIndex).map((arg) => evaluateScalar(arg, ctx));
  const steps = ctx.times.length;
  const keepName = call.func.name === "last_over_time";
  const out = input.series.map((one) => emptySeries(keepName ? one.labels : withoutName(one.labels), steps));
  const window = {
    ts: [],
    vs: [],
    from: 0,
    to: 0,
    start: 0,
    end: 0,
    rangeMs: input.rangeMs,
    evalTime: 0,
    params: params.map(() => 0)
  };
  forEachWindow(input, ctx, (s, i, from, to) => {
    const one = input.series[s];
    window.ts = one.timestamps;
    window.vs = one.values;
    window.from = from;
    window.to = to;
    window.end = input.ends[i];
    window.start = window.end - input.rangeMs;
    window.evalTime = ctx.times[input.stepInvariant ? 0 : i];
    for (let p = 0; p < params.length; p++) window.params[p] = params[p][i];
    const value = fn(window);
    if (value === void 0) return;
    out[s].present[i] = 1;
    out[s].values[i] = value;
  });
  return { type: "vector", series: uniqueSeries(out) };
}
function isRange(arg) {
  const inner = unwrapParens(arg);
  return inner.kind === "matrixSelector" || inner.kind === "subquery";
}
function absentOverTime(arg, ctx) {
  const steps = ctx.times.length;
  const seen = new Uint8Array(steps);
  forEachWindow(rangeInput(arg, ctx), ctx, (_, i) => {
    seen[i] = 1;
  });
  const result = emptySeries(absentLabels(arg), steps);
  for (let i = 0; i < steps; i++) {
    if (seen[i]) continue;
    result.present[i] = 1;
    result.values[i] = 1;
  }
  return vector2([result]);
}
function sortByValue(input, descending) {
  if (input[0]?.values.length !== 1) return input;
  return [...input].sort((a, b) => {
    const [x, y] = [a.values[0], b.values[0]];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return descending ? y - x : x - y;
  });
}
function parseBound(text) {
  if (text === void 0) return void 0;
  if (/^[+]?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return void 0;
  return Number(text);
}
function histogramQuantile(q, input, steps) {
  const groups = /* @__PURE__ */ new Map();
  for (const one of input) {
    const bound = parseBound(one.labels.le);
    if (bound === void 0) continue;
    const key = labelsKey(withoutLabels(one.labels, ["le"]));
    let group = groups.get(key);
    if (!group) {
      group = { series: emptySeries(withoutLabels(one.labels, ["le", METRIC_NAME]), steps), members: [] };
      groups.set(key, group);
    }
    group.members.push({ bound, series: one });
  }
  for (const { series, members } of groups.values()) {
    for (let i = 0; i < steps; i++) {
      const buckets = [];
      for (const member of members) {
        if (member.series.present[i])
          buckets.push({ upperBound: member.bound, count: member.series.values[i] });
      }
      if (buckets.length === 0) continue;
      series.present[i] = 1;
      series.values[i] = bucketQuantile(q[i], buckets);
    }
  }
  return [...groups.values()].map((group) => group.series);
}
function relabel(input, relabeled) {
  return input.map((one) => ({ ...one, labels: relabeled(one.labels) }));
}
function labelReplacer([dst, replacement, src, pattern]) {
  let regex;
  try {
    regex = promRegex(pattern);
  } catch {
    throw executionError(`invalid regular expression in label_replace(): ${pattern}`);
  }
  if (!LABEL_NAME5.test(dst))
    throw executionError(`invalid destination label name in label_replace(): ${dst}`);
  return (labels) => {
    const match = regex.matchWhole(labels[src] ?? "");
    if (!match) return labels;
    const value = expandTemplate(replacement, match);
    return labelsOf([...Object.entries(labels).filter(([name]) => name !== dst), [dst, value]]);
  };
}
function expandTemplate(template, match) {
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (whole, braced, bare) => {
    if (whole === "$$") return "$";
    const name = braced ?? bare;
    const group = /^\d+$/.test(name) ? match[Number(name)] : match.groups[name];
    return group ?? "";
  });
}
function labelJoiner([dst, separator, ...sources]) {
  for (const source of sources) {
    if (!LABEL_NAME5.test(source))
      throw executionError(`invalid source label name in label_join(): ${source}`);
  }
  if (!LABEL_NAME5.test(dst)) throw executionError(`invalid destination label name in label_join(): ${dst}`);
  return (labels) => {
    const value = sources.map((source) => labels[source] ?? "").join(separator);
    return labelsOf([...Object.entries(labels).filter(([name]) => name !== dst), [dst, value]]);
  };
}

// src/sandbox/promql/evaluate.ts
function checkDeadline(ctx) {
  if (performance.now() > ctx.deadline) throw timedOut();
}
function evaluate(expr, ctx) {
  const steps = ctx.times.length;
  switch (expr.kind) {
    case "number":
      return { type: "scalar", values: new Float64Array(steps).fill(expr.value) };
    case "string":
      return { type: "string", value: expr.value };
    case "paren":
      return evaluate(expr.expr, ctx);
    case "vectorSelector":
      return { type: "vector", series: selectInstant(expr, ctx, false) };
    case "unary":
      return negate(expr.op, evaluate(expr.expr, ctx));
    case "binary":
      return evaluateBinary(expr, evaluate(expr.lhs, ctx), evaluate(expr.rhs, ctx), steps);
    case "call":
      return evaluateCall(expr, ctx);
    case "aggregate":
      return evaluateAggregate(expr, ctx);
    case "matrixSelector":
    case "subquery":
      throw new Error(`a range vector cannot be evaluated as ${expr.kind} here`);
  }
}
function evaluateVector(expr, ctx) {
  const value = evaluate(expr, ctx);
  if (value.type !== "vector") throw new Error(`expected an instant vector, got ${value.type}`);
  return value.series;
}
function evaluateScalar(expr, ctx) {
  const value = evaluate(expr, ctx);
  if (value.type !== "scalar") throw new Error(`expected a scalar, got ${value.type}`);
  return value.values;
}
function negate(op, value) {
  if (op === "+" || value.type === "string") return value;
  if (value.type === "scalar") return { type: "scalar", values: value.values.map((v) => -v) };
  return {
    type: "vector",
    series: distinctSeries(
      value.series.map((one) => ({
        labels: withoutName(one.labels),
        values: one.values.map((v) => -v),
        present: one.present
      }))
    )
  };
}
function modifiedTimes(at, offsetMs, ctx) {
  if (!at) return ctx.times.map((t) => t - offsetMs);
  const fixed = at.kind === "time" ? at.ms : at.kind === "start" ? ctx.queryStart : ctx.queryEnd;
  return new Float64Array(ctx.times.length).fill(fixed - offsetMs);
}
function selectSorted(ctx, matchers, mint, maxt) {
  return ctx.storage.select(matchers, mint, maxt).sort((a, b) => compareLabels(a.labels, b.labels));
}
function selectInstant(selector, ctx, sampleTimes) {
  const ends = modifiedTimes(selector.at, selector.offsetMs, ctx);
  const steps = ends.length;
  if (steps === 0) return [];
  const found = selectSorted(ctx, selector.matchers, ends[0] - ctx.lookbackMs, ends[steps - 1]);
  const out = [];
  for (const stored of found) {
    const series = emptySeries(stored.labels, steps);
    const { timestamps: timestamps2, values: values2 } = stored;
    let last = -1;
    for (let i = 0; i < steps; i++) {
      const end = ends[i];
      while (last + 1 < timestamps2.length && timestamps2[last + 1] <= end) last++;
      if (last < 0 || timestamps2[last] < end - ctx.lookbackMs) continue;
      series.present[i] = 1;
      series.values[i] = sampleTimes ? timestamps2[last] / 1e3 : values2[last];
    }
    out.push(series);
  }
  return out;
}
function rangeInput(expr, ctx) {
  const inner = unwrapParens(expr);
  if (inner.kind === "matrixSelector") return selectRange(inner, ctx);
  if (inner.kind === "subquery") return evaluateSubquery(inner, ctx);
  throw new Error(`expected a range vector, got ${inner.kind}`);
}
function selectRange(matrix, ctx) {
  const { selector, rangeMs } = matrix;
  const ends = modifiedTimes(selector.at, selector.offsetMs, ctx);
  const steps = ends.length;
  const series = steps === 0 ? [] : selectSorted(ctx, selector.matchers, ends[0] - rangeMs, ends[steps - 1]);
  return { series, rangeMs, ends, stepInvariant: selector.at !== void 0 };
}
function evaluateSubquery(subquery, ctx) {
  const ends = modifiedTimes(subquery.at, subquery.offsetMs, ctx);
  const stepMs = subquery.stepMs ?? ctx.subqueryStepMs;
  const innerTimes = [];
  for (const end of ends) {
    const last = innerTimes[innerTimes.length - 1] ?? Number.NEGATIVE_INFINITY;
    let t = Math.ceil((end - subquery.rangeMs) / stepMs) * stepMs;
    if (t <= last) t = last + stepMs;
    for (; t <= end; t += stepMs) {
      innerTimes.push(t);
      if (innerTimes.length % 65536 === 0) checkDeadline(ctx);
    }
  }
  const times = Float64Array.from(innerTimes);
  const value = evaluateVector(subquery.expr, { ...ctx, times });
  const series = value.map((one) => {
    const timestamps2 = [];
    const values2 = [];
    for (let j = 0; j < times.length; j++) {
      if (!one.present[j]) continue;
      timestamps2.push(times[j]);
      values2.push(one.values[j]);
    }
    return { labels: one.labels, timestamps: timestamps2, values: values2 };
  });
  return { series, rangeMs: subquery.rangeMs, ends, stepInvariant: subquery.at !== void 0 };
}

// src/sandbox/promql/engine.ts
var MAX_POINTS = 11e3;
function createPromqlEngine(storage, opts = {}) {
  const lookbackMs = opts.lookbackDeltaMs ?? 5 * 6e4;
  const subqueryStepMs = opts.subqueryStepMs ?? 6e4;
  const context = (times, start, end, limits) => ({
    storage,
    lookbackMs,
    subqueryStepMs,
    times: Float64Array.from(times),
    queryStart: start,
    queryEnd: end,
    deadline: performance.now() + (limits.timeoutMs ?? Number.POSITIVE_INFINITY)
  });
  return {
    instant(text, timeMs, limits = {}) {
      const expr = parseExpr(text);
      const ctx = context([timeMs], timeMs, timeMs, limits);
      const t = seconds(timeMs);
      const type = typeOf(expr);
      if (type === "matrix") return { resultType: "matrix", result: rawSamples(expr, ctx) };
      const value = evaluate(expr, ctx);
      if (value.type === "string") return { resultType: "string", result: [t, value.value] };
      if (value.type === "scalar")
        return { resultType: "scalar", result: [t, formatValue(value.values[0])] };
      return {
        resultType: "vector",
        result: value.series.map((one) => ({
          metric: metric(one.labels),
          value: [t, formatValue(one.values[0])]
        }))
      };
    },
    range(text, startMs, endMs, stepMs, limits = {}) {
      if (endMs < startMs) throw new PromqlError("bad_data", "end timestamp must not be before start time");
      if (!(stepMs > 0)) {
        throw new PromqlError(
          "bad_data",
          "zero or negative query resolution step widths are not accepted. Try a positive integer"
        );
      }
      if ((endMs - startMs) / stepMs > MAX_POINTS) {
        throw new PromqlError(
          "bad_data",
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
        );
      }
      const expr = parseExpr(text);
      const type = typeOf(expr);
      if (type !== "scalar" && type !== "vector") {
        const name = type === "matrix" ? "range vector" : type;
        throw new PromqlError(
          "bad_data",
          `invalid expression type "${name}" for range query, must be Scalar or instant Vector`
        );
      }
      const times = [];
      for (let t = startMs; t <= endMs; t += stepMs) times.push(t);
      const value = evaluate(expr, context(times, startMs, endMs, limits));
      const series = value.type === "scalar" ? [{ labels: {}, values: value.values, present: new Uint8Array(times.length).fill(1) }] : value.type === "vector" ? [...value.series].sort((a, b) => compareLabels(a.labels, b.labels)) : [];
      return {
        resultType: "matrix",
        result: series.map((one) => ({ metric: metric(one.labels), values: pairs(one, times) }))
      };
    }
  };
}
function pairs(series, times) {
  const out = [];
  for (let i = 0; i < times.length; i++) {
    if (series.present[i]) out.push([seconds(times[i]), formatValue(series.values[i])]);
  }
  return out;
}
function rawSamples(expr, ctx) {
  const input = rangeInput(unwrapParens(expr), ctx);
  const end = input.ends[0];
  return input.series.map((one) => {
    const values2 = [];
    for (let j = 0; j < one.timestamps.length; j++) {
      const t = one.timestamps[j];
      if (t >= end - input.rangeMs && t <= end) values2.push([seconds(t), formatValue(one.values[j])]);
    }
    return { metric: metric(one.labels), values: values2 };
  }).filter((one) => one.values.length > 0);
}
function metric(labels) {
  const out = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name];
  return out;
}

// src/sandbox/prometheus/alert-series.ts
function withAlertSeries(storage, scenario, clock, timeline) {
  const intervalMs = scenario.spec.step;
  const alerts = scenario.spec.alerts.map((alert) => ({
    spec: alert,
    labels: Object.freeze({
      ...alert.labels,
      __name__: "ALERTS",
      alertname: alert.name,
      alertstate: "firing"
    })
  }));
  return {
    select(matchers, mint, maxt) {
      const last = Math.min(maxt, clock.now().getTime());
      const active = alerts.filter((alert) => labelsMatch(matchers, alert.labels)).flatMap(
        (alert) => evaluations(alert.labels, firingEpisodes(alert.spec, timeline), intervalMs, mint, last) ?? []
      );
      const selected = storage.select(matchers, mint, maxt);
      return active.length ? [...selected, ...active] : selected;
    }
  };
}
function evaluations(labels, episodes, intervalMs, mint, maxt) {
  const timestamps2 = [];
  for (const [from, until] of episodes) {
    const first = from + Math.max(0, Math.ceil((mint - from) / intervalMs)) * intervalMs;
    for (let t = first; t <= maxt && t < until; t += intervalMs) timestamps2.push(t);
  }
  if (timestamps2.length === 0) return void 0;
  return { labels, timestamps: timestamps2, values: new Float64Array(timestamps2.length).fill(1) };
}

// src/sandbox/prometheus/api-error.ts
var STATUS2 = { bad_data: 400, execution: 422, timeout: 503, internal: 500 };
var PrometheusApiError = class extends Error {
  name = "PrometheusApiError";
  errorType;
  constructor(errorType, message) {
    super(message);
    this.errorType = errorType;
  }
  get status() {
    return STATUS2[this.errorType];
  }
};
function badData(message) {
  return new PrometheusApiError("bad_data", message);
}
function invalidParam(name, message) {
  return badData(`invalid parameter ${JSON.stringify(name)}: ${message}`);
}
function fromPromqlError(err, param) {
  if (!(err instanceof PromqlError)) throw err;
  if (err.errorType !== "bad_data") return new PrometheusApiError(err.errorType, err.message);
  return param ? invalidParam(param, err.message) : badData(err.message);
}

// src/sandbox/prometheus/metadata.ts
function seriesMetadata(streams) {
  const byMetric = /* @__PURE__ */ new Map();
  for (const stream2 of streams) {
    const name = stream2.type === "counter" ? stream2.name : stream2.family;
    const entries = byMetric.get(name) ?? /* @__PURE__ */ new Map();
    entries.set(`${stream2.type}
${stream2.help}`, { type: stream2.type, help: stream2.help, unit: "" });
    byMetric.set(name, entries);
  }
  return Object.fromEntries([...byMetric].map(([name, entries]) => [name, [...entries.values()]]));
}
function metadataResponse(metadata, form) {
  const limitText = form.get("limit") ?? "";
  if (limitText !== "" && !/^[+-]?\d+$/.test(limitText)) throw badData("limit must be a number");
  const limit = limitText === "" ? -1 : Number(limitText);
  const metric2 = form.get("metric") ?? "";
  const names2 = metric2 ? Object.hasOwn(metadata, metric2) ? [metric2] : [] : Object.keys(metadata);
  const shown = limit >= 0 ? names2.slice(0, limit) : names2;
  return Object.fromEntries(shown.map((name) => [name, metadata[name]]));
}

// src/sandbox/prometheus/params.ts
var MIN_TIME = Number.MIN_SAFE_INTEGER;
var MAX_TIME = Number.MAX_SAFE_INTEGER;
var FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
var DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
var DURATION_UNITS_MS = [31536e6, 6048e5, 864e5, 36e5, 6e4, 1e3, 1];
async function readForm(req, url) {
  const form = new URLSearchParams();
  const contentType = req.headers["content-type"] ?? "";
  if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString())) form.append(key, value);
  }
  for (const [key, value] of url.searchParams) form.append(key, value);
  return form;
}
function parseTime2(text) {
  if (FLOAT.test(text)) return Math.round(Number(text) * 1e3);
  const fields = RFC3339.exec(text);
  if (!fields || !validFields(fields.slice(1).map(Number))) return void 0;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? void 0 : ms;
}
function validFields([year, month, day, hour, minute, second, zoneHour, zoneMinute]) {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60 && !(zoneHour >= 24) && !(zoneMinute >= 60);
}
function requiredTime(form, name) {
  const text = form.get(name) ?? "";
  const ms = parseTime2(text);
  if (ms === void 0) throw invalidParam(name, `cannot parse ${JSON.stringify(text)} to a valid timestamp`);
  return ms;
}
function optionalTime(form, name, fallback) {
  const text = form.get(name) ?? "";
  if (text === "") return fallback;
  const ms = parseTime2(text);
  if (ms === void 0) {
    throw invalidParam(
      name,
      `Invalid time value for '${name}': cannot parse ${JSON.stringify(text)} to a valid timestamp`
    );
  }
  return ms;
}
function requiredDuration(form, name) {
  const text = form.get(name) ?? "";
  if (FLOAT.test(text)) return Number(text) * 1e3;
  const parts = text === "" ? void 0 : DURATION.exec(text)?.slice(1);
  if (!parts) throw invalidParam(name, `cannot parse ${JSON.stringify(text)} to a valid duration`);
  return parts.reduce((total, part, i) => total + Number(part ?? 0) * DURATION_UNITS_MS[i], 0);
}
function optionalTimeout(form) {
  return form.get("timeout") ? requiredDuration(form, "timeout") : void 0;
}

// src/sandbox/prometheus/queries.ts
var MAX_POINTS2 = 11e3;
var DEFAULT_TIMEOUT_MS = 12e4;
function instantQuery(engine, form, nowMs) {
  const time = optionalTime(form, "time", nowMs);
  const timeoutMs = optionalTimeout(form);
  return evaluate2((limits) => engine.instant(form.get("query") ?? "", time, limits), timeoutMs, "query");
}
function rangeQuery(engine, form) {
  const start = requiredTime(form, "start");
  const end = requiredTime(form, "end");
  if (end < start) throw invalidParam("end", "end timestamp must not be before start time");
  const stepNs = Math.trunc(requiredDuration(form, "step") * 1e6);
  if (stepNs <= 0) {
    throw invalidParam(
      "step",
      "zero or negative query resolution step widths are not accepted. Try a positive integer"
    );
  }
  if (Math.floor((end - start) * 1e6 / stepNs) > MAX_POINTS2) {
    throw badData(
      "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
    );
  }
  const timeoutMs = optionalTimeout(form);
  const stepMs = Math.max(1, Math.floor(stepNs / 1e6));
  return evaluate2((limits) => engine.range(form.get("query") ?? "", start, end, stepMs, limits), timeoutMs);
}
function evaluate2(run, timeoutMs, param) {
  if (timeoutMs !== void 0 && timeoutMs <= 0)
    throw new PrometheusApiError("timeout", "query timed out in query execution");
  try {
    return run({ timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS });
  } catch (err) {
    throw fromPromqlError(err, param);
  }
}

// src/sandbox/prometheus/api-format.ts
function goTime(date) {
  return new Date(date).toISOString().replace(/\.?0+Z$/, "Z");
}
var UNITS = [
  // Years and weeks only when exact, as Prometheus prints 90d rather than 12w6d.
  ["y", 31536e6, true],
  ["w", 6048e5, true],
  ["d", 864e5, false],
  ["h", 36e5, false],
  ["m", 6e4, false],
  ["s", 1e3, false],
  ["ms", 1, false]
];
function goDuration(ms) {
  let rest = Math.floor(ms);
  if (rest === 0) return "0s";
  let text = "";
  for (const [unit, size, exact] of UNITS) {
    if (exact && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
function sortedLabels(labels) {
  return Object.fromEntries(
    Object.keys(labels).sort().map((name) => [name, labels[name]])
  );
}

// src/sandbox/prometheus/rules.ts
var RULE_QUERY = "vector(1)";
var ALERT_VALUE = "1e+00";
var EVALUATION_SECONDS = 2e-4;
function scenarioRules(scenario, clock, timeline) {
  const byName = /* @__PURE__ */ new Map();
  for (const alert of scenario.spec.alerts)
    byName.set(alert.name, [...byName.get(alert.name) ?? [], alert]);
  const firing = (specs, now) => specs.flatMap((spec) => {
    const episode = episodeAt(firingEpisodes(spec, timeline), now.getTime());
    return episode ? [apiAlert(spec, new Date(episode[0]))] : [];
  });
  const group = (now, rules) => ({
    name: scenario.name,
    file: `/etc/prometheus/rules/${scenario.name}.yaml`,
    rules,
    interval: scenario.spec.step / 1e3,
    limit: 0,
    evaluationTime: EVALUATION_SECONDS * rules.length,
    lastEvaluation: goTime(now)
  });
  return {
    alerts: () => ({ alerts: firing(scenario.spec.alerts, clock.now()) }),
    rules(form) {
      const type = (form.get("type") ?? "").toLowerCase();
      if (type !== "" && type !== "alert" && type !== "record") {
        throw invalidParam("type", `not supported value ${JSON.stringify(type)}`);
      }
      const now = clock.now();
      const rules = type === "record" ? [] : [...byName].map(([name, specs]) => rule(name, specs, firing(specs, now), now));
      return { groups: byName.size ? [group(now, rules)] : [] };
    }
  };
}
function rule(name, specs, alerts, now) {
  return {
    state: alerts.length ? "firing" : "inactive",
    name,
    query: RULE_QUERY,
    duration: 0,
    keepFiringFor: 0,
    labels: shared(specs.map((a) => a.labels)),
    annotations: shared(specs.map((a) => a.annotations)),
    alerts,
    health: "ok",
    evaluationTime: EVALUATION_SECONDS,
    lastEvaluation: goTime(now),
    type: "alerting"
  };
}
function apiAlert(spec, activeAt) {
  return {
    labels: sortedLabels({ alertname: spec.name, ...spec.labels }),
    annotations: sortedLabels(spec.annotations),
    state: "firing",
    activeAt: goTime(activeAt),
    value: ALERT_VALUE
  };
}
function shared(sets) {
  const [first = {}, ...rest] = sets;
  return sortedLabels(
    Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((set) => set[k] === v)))
  );
}

// src/sandbox/promql/selector.ts
function parseSeriesSelector(text) {
  return parseSelectorMatchers(text);
}

// src/sandbox/prometheus/series-api.ts
var LABEL_NAME6 = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var EVERY_SERIES = [{ name: "__name__", type: "=~", value: ".+" }];
var EMPTY_MATCH = "match[] must contain at least one non-empty matcher";
function seriesResponse({ storage, form }) {
  if (form.getAll("match[]").length === 0) throw badData("no match[] parameter provided");
  const { start, end } = timeRange(form);
  const sets = matcherSets(form, "match[]");
  return selectLabels(storage, sets, start, end).sort(compareLabels).map(sortedLabels);
}
function labelNamesResponse(lookup) {
  const names2 = /* @__PURE__ */ new Set();
  for (const labels of lookedUp(lookup)) for (const name of Object.keys(labels)) names2.add(name);
  return [...names2].sort();
}
function labelValuesResponse(lookup, name) {
  if (!LABEL_NAME6.test(name)) throw badData(`invalid label name: ${JSON.stringify(name)}`);
  const values2 = /* @__PURE__ */ new Set();
  for (const labels of lookedUp(lookup)) {
    const value = labels[name];
    if (value !== void 0) values2.add(value);
  }
  return [...values2].sort();
}
function lookedUp({ storage, form }) {
  const { start, end } = timeRange(form);
  const sets = matcherSets(form);
  return selectLabels(storage, sets.length ? sets : [EVERY_SERIES], start, end);
}
function timeRange(form) {
  return { start: optionalTime(form, "start", MIN_TIME), end: optionalTime(form, "end", MAX_TIME) };
}
function matcherSets(form, param) {
  let sets;
  try {
    sets = form.getAll("match[]").map(parseSeriesSelector);
  } catch (err) {
    throw fromPromqlError(err, param);
  }
  if (sets.some((set) => set.every((m) => matcherAccepts(m, "")))) {
    throw param ? invalidParam(param, EMPTY_MATCH) : badData(EMPTY_MATCH);
  }
  return sets;
}
function selectLabels(storage, sets, start, end) {
  const byKey = /* @__PURE__ */ new Map();
  for (const set of sets) {
    for (const series of storage.select(set, start, end)) byKey.set(labelsKey(series.labels), series.labels);
  }
  return [...byKey.values()];
}

// src/sandbox/prometheus/targets.ts
var LOOKBACK_MS = 5 * 6e4;
var DEFAULT_PORT = 8080;
var SCRAPE_TIMEOUT_MS = 1e4;
var SCRAPE_SECONDS = 4e-3;
var UP = [{ name: "__name__", type: "=", value: "up" }];
function scenarioTargets(scenario, clock, storage) {
  const addresses = podAddresses(scenario);
  const intervalMs = scenario.spec.step;
  return (form) => {
    const state = (form.get("state") ?? "").trim().toLowerCase();
    const showActive = state === "" || state === "any" || state === "active";
    const now = clock.now().getTime();
    const upSeries = showActive ? storage.select(UP, now - LOOKBACK_MS, now).toSorted((a, b) => compareLabels(a.labels, b.labels)) : [];
    return {
      activeTargets: upSeries.map((series) => activeTarget(series, addresses, intervalMs)),
      droppedTargets: []
    };
  };
}
function activeTarget(series, addresses, intervalMs) {
  const last = series.values.length - 1;
  const { __name__: _name, ...labels } = series.labels;
  const pool = labels.service ?? "sandbox";
  const address2 = labels.pod && addresses.get(`${labels.namespace}/${labels.pod}`) || `${labels.pod ?? pool}:${DEFAULT_PORT}`;
  const url = `http://${address2}/metrics`;
  const up2 = series.values[last] === 1;
  return {
    discoveredLabels: {
      __address__: address2,
      __metrics_path__: "/metrics",
      __scheme__: "http",
      ...labels.namespace ? { __meta_kubernetes_namespace: labels.namespace } : {},
      ...labels.pod ? { __meta_kubernetes_pod_name: labels.pod } : {},
      job: pool
    },
    labels: sortedLabels(labels),
    scrapePool: pool,
    scrapeUrl: url,
    globalUrl: url,
    lastError: up2 ? "" : `Get "${url}": dial tcp ${address2}: connect: connection refused`,
    lastScrape: goTime(series.timestamps[last]),
    lastScrapeDuration: SCRAPE_SECONDS,
    health: up2 ? "up" : "down",
    scrapeInterval: goDuration(intervalMs),
    scrapeTimeout: goDuration(Math.min(SCRAPE_TIMEOUT_MS, intervalMs))
  };
}
function podAddresses(scenario) {
  const { spec } = scenario;
  const addresses = /* @__PURE__ */ new Map();
  for (const workload of planWorkloads(spec, planNodes(spec), spec.now)) {
    const port = workload.spec.containers[0]?.ports[0] ?? DEFAULT_PORT;
    for (const pod2 of workload.pods) {
      if (pod2.ip) addresses.set(`${workload.spec.namespace}/${pod2.name}`, `${pod2.ip}:${port}`);
    }
  }
  return addresses;
}

// src/sandbox/prometheus/simulator.ts
var SANDBOX_VERSION = "2.42.0-opswarden-sandbox";
var LABEL_VALUES = /^\/api\/v1\/label\/([^/]+)\/values$/;
var HEALTH_METHODS = "GET, HEAD, OPTIONS";
var READ = ["GET"];
var READ_OR_POST = ["GET", "POST"];
async function startPrometheusSimulator(scenario, clock, opts) {
  const timeline = opts.timeline ?? incidentTimeline(void 0);
  const storage = withAlertSeries(opts.storage, scenario, clock, timeline);
  const engine = createPromqlEngine(storage);
  const rules = scenarioRules(scenario, clock, timeline);
  const targets = scenarioTargets(scenario, clock, storage);
  let metadata;
  const readMetadata = () => {
    metadata ??= seriesMetadata(opts.streams?.() ?? generateSeries(scenario));
    return metadata;
  };
  const api = {
    "/api/v1/query": {
      methods: READ_OR_POST,
      handle: (form) => instantQuery(engine, form, clock.now().getTime())
    },
    "/api/v1/query_range": { methods: READ_OR_POST, handle: (form) => rangeQuery(engine, form) },
    "/api/v1/series": { methods: READ_OR_POST, handle: (form) => seriesResponse({ storage, form }) },
    "/api/v1/labels": { methods: READ_OR_POST, handle: (form) => labelNamesResponse({ storage, form }) },
    "/api/v1/metadata": { methods: READ, handle: (form) => metadataResponse(readMetadata(), form) },
    "/api/v1/alerts": { methods: READ, handle: () => rules.alerts() },
    "/api/v1/rules": { methods: READ, handle: (form) => rules.rules(form) },
    "/api/v1/targets": { methods: READ, handle: targets },
    "/api/v1/status/buildinfo": {
      methods: READ,
      handle: () => ({
        version: SANDBOX_VERSION,
        revision: "",
        branch: "",
        buildUser: "",
        buildDate: "",
        goVersion: ""
      })
    }
  };
  const labelValues = {
    methods: READ,
    handle: (form, name) => labelValuesResponse({ storage, form }, name)
  };
  const health = {
    "/-/healthy": "Prometheus Server is Healthy.\n",
    "/-/ready": "Prometheus Server is Ready.\n"
  };
  const server = createServer4(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const labelName = LABEL_VALUES.exec(url.pathname)?.[1];
    if (labelName !== void 0) return serveApi(req, res, url, labelValues, safeDecode(labelName));
    const route2 = Object.hasOwn(api, url.pathname) ? api[url.pathname] : void 0;
    if (route2) return serveApi(req, res, url, route2, "");
    const text = health[url.pathname];
    if (text === void 0) return sendHttpError(res, 404, "404 page not found");
    if (method === "OPTIONS") return sendEmpty(res, 200, { allow: HEALTH_METHODS });
    if (method === "HEAD") return sendEmpty(res, 200);
    if (method !== "GET") return sendHttpError(res, 405, "Method Not Allowed", { allow: HEALTH_METHODS });
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(text);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => err ? reject(err) : resolve());
    })
  };
}
async function serveApi(req, res, url, route2, param) {
  const method = req.method ?? "GET";
  if (method === "OPTIONS") return sendEmpty(res, 204);
  if (!route2.methods.includes(method)) {
    const allow = [...route2.methods, "OPTIONS"].sort().join(", ");
    return sendHttpError(res, 405, "Method Not Allowed", { allow });
  }
  try {
    const data = route2.handle(await readForm(req, url), param);
    sendJson3(res, 200, { status: "success", data });
  } catch (err) {
    const apiError = err instanceof PrometheusApiError ? err : new PrometheusApiError("internal", err.message);
    sendJson3(res, apiError.status, {
      status: "error",
      errorType: apiError.errorType,
      error: apiError.message
    });
  }
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function sendJson3(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
function sendHttpError(res, status, message, headers = {}) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
    ...headers
  });
  res.end(`${message}
`);
}
function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, headers);
  res.end();
}

// src/sandbox/reactions/fixes.ts
function sameTarget(ref, change) {
  if (ref === void 0) return true;
  const wanted = parseRef(ref);
  const { target } = change;
  return wanted.kind === target.kind && wanted.name === target.name && (wanted.namespace ?? void 0) === target.namespace;
}
function setsData(wanted, change) {
  if (!wanted) return true;
  const data = change.args.data;
  if (!data || typeof data !== "object") return false;
  return Object.entries(wanted).every(([key, value]) => {
    const set = data[key];
    return set !== void 0 && set !== null && (value === "*" || set === value);
  });
}
function reactionTo(resolution, change, at) {
  const matches2 = (r) => r.tool === change.tool && sameTarget(r.target, change);
  if (resolution.fixes.some((fix) => matches2(fix) && setsData(fix.data, change))) {
    return { from: at, until: Number.POSITIVE_INFINITY };
  }
  const transient = resolution.transient.find(matches2);
  return transient ? { from: at, until: at + transient.lasts } : void 0;
}

// src/sandbox/reactions/heal-pods.ts
function crashedAt(status) {
  const finished = status.state.terminated?.finishedAt ?? status.lastState?.terminated?.finishedAt;
  const down2 = status.state.terminated !== void 0 || status.state.waiting?.reason === "CrashLoopBackOff";
  return down2 && finished ? Date.parse(finished) : void 0;
}
function healed(status, now) {
  const lastState = status.state.terminated ? { terminated: status.state.terminated } : status.lastState;
  return {
    ...status,
    ready: true,
    started: true,
    state: { running: { startedAt: now } },
    lastState: lastState ?? {}
  };
}
function healCrashedPods(store, incidentStart, now) {
  const nowIso = now.toISOString().replace(/\.\d+Z$/, "Z");
  let count = 0;
  for (const pod2 of store.list("Pod")) {
    if (pod2.status?.phase !== "Running") continue;
    const statuses = pod2.status.containerStatuses ?? [];
    const crashed = (s) => (crashedAt(s) ?? Number.NEGATIVE_INFINITY) >= incidentStart;
    if (!statuses.some(crashed)) continue;
    const containerStatuses = statuses.map((s) => crashed(s) ? healed(s, nowIso) : s);
    const ready = containerStatuses.every((s) => s.ready);
    store.update(withStatus(pod2, containerStatuses, ready, nowIso));
    count++;
  }
  return count;
}
function withStatus(pod2, containerStatuses, ready, now) {
  const conditions = pod2.status?.conditions ?? [];
  const readiness = /* @__PURE__ */ new Set(["Ready", "ContainersReady"]);
  return {
    ...pod2,
    status: {
      ...pod2.status,
      containerStatuses,
      conditions: conditions.map(
        (c) => readiness.has(c.type) && ready && c.status !== "True" ? { type: c.type, status: "True", lastProbeTime: null, lastTransitionTime: now } : c
      )
    }
  };
}

// src/sandbox/run/clock.ts
function sandboxClock(scenarioNow, mode, opts = {}) {
  if (mode === "frozen") return { now: () => new Date(scenarioNow) };
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`speed must be a positive number, got ${speed}`);
  const wall = opts.wallClock ?? Date.now;
  const started = wall();
  const origin = scenarioNow.getTime();
  return { now: () => new Date(origin + (wall() - started) * speed) };
}

// src/sandbox/promql/memory-storage.ts
function memoryStorage(series) {
  const all = series.map((one) => ({
    labels: Object.freeze({ ...one.labels }),
    timestamps: Float64Array.from(one.timestamps),
    values: Float64Array.from(one.values)
  }));
  const index = invertedIndex(all);
  return {
    select(matchers, mint, maxt) {
      const selected = [];
      for (const id of candidateIds(index, all.length, matchers)) {
        const one = all[id];
        if (!labelsMatch(matchers, one.labels)) continue;
        const from = lowerBound(one.timestamps, mint);
        const to = lowerBound(one.timestamps, maxt + 1);
        if (from >= to) continue;
        selected.push({
          labels: one.labels,
          timestamps: one.timestamps.subarray(from, to),
          values: one.values.subarray(from, to)
        });
      }
      return selected;
    }
  };
}
function invertedIndex(all) {
  const index = /* @__PURE__ */ new Map();
  all.forEach((one, id) => {
    for (const [name, value] of Object.entries(one.labels)) {
      let values2 = index.get(name);
      if (!values2) {
        values2 = /* @__PURE__ */ new Map();
        index.set(name, values2);
      }
      const postings = values2.get(value);
      if (postings) postings.push(id);
      else values2.set(value, [id]);
    }
  });
  return index;
}
function candidateIds(index, count, matchers) {
  let candidates;
  for (const matcher of matchers) {
    if (matcherAccepts(matcher, "")) continue;
    const postings = acceptedPostings(index, matcher);
    candidates = candidates ? intersect(candidates, postings) : postings;
    if (candidates.length === 0) return candidates;
  }
  return candidates ?? Array.from({ length: count }, (_, id) => id);
}
function acceptedPostings(index, matcher) {
  const values2 = index.get(matcher.name);
  if (!values2) return [];
  if (matcher.type === "=") return values2.get(matcher.value) ?? [];
  const lists = [];
  for (const [value, postings] of values2) if (matcherAccepts(matcher, value)) lists.push(postings);
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => a - b);
}
function intersect(a, b) {
  const both = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      both.push(a[i]);
      i++;
      j++;
    }
  }
  return both;
}
function lowerBound(timestamps2, t) {
  let lo = 0;
  let hi = timestamps2.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (timestamps2[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// src/sandbox/prometheus/storage.ts
var INITIAL_CAPACITY = 1024;
function streamsStorage(streams) {
  return memoryStorage(streams.map(storedSeries));
}
function storedSeries(stream2) {
  let timestamps2 = new Float64Array(INITIAL_CAPACITY);
  let values2 = new Float64Array(INITIAL_CAPACITY);
  let count = 0;
  for (const { t, v } of stream2.samples) {
    if (count === timestamps2.length) {
      timestamps2 = grown(timestamps2);
      values2 = grown(values2);
    }
    timestamps2[count] = t;
    values2[count++] = Number.isInteger(v) ? v : Math.round(v * 1e3) / 1e3;
  }
  return {
    labels: { ...stream2.labels, __name__: stream2.name },
    timestamps: timestamps2.subarray(0, count),
    values: values2.subarray(0, count)
  };
}
function grown(array) {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}

// src/sandbox/run/metric-store.ts
var DEFAULT_AHEAD_MS = 10 * 6e4;
function scenarioMetricStore(scenario, clock, timeline, opts = {}) {
  const specNow = scenario.spec.now.getTime();
  let generated;
  timeline.onChange(() => {
    generated = void 0;
  });
  const current = () => {
    const now = clock.now().getTime();
    if (!generated || generated.until < now) {
      const until = now > specNow ? now + (opts.aheadMs ?? DEFAULT_AHEAD_MS) : specNow;
      const streams = generateSeries(scenario, { until: new Date(until), timeline });
      generated = { until, streams, storage: streamsStorage(streams) };
    }
    return generated;
  };
  return {
    select: (matchers, mint, maxt) => current().storage.select(matchers, mint, Math.min(maxt, clock.now().getTime())),
    streams: () => current().streams
  };
}

// src/sandbox/run/start.ts
async function startSandbox(scenario, opts) {
  const clock = sandboxClock(
    scenario.spec.now,
    opts.clock,
    opts.speed === void 0 ? {} : { speed: opts.speed }
  );
  const timeline = incidentTimeline(scenario.resolution);
  const dir = opts.dir ?? mkdtempSync2(join4(tmpdir2(), "opswarden-sandbox-"));
  const kubeDir = join4(dir, "kube");
  mkdirSync(kubeDir, { recursive: true });
  const closers = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {
    });
  };
  try {
    const kube = await startKubeSimulator(renderKubeWorld(scenario, clock, timeline), {
      dir: join4(dir, "kube")
    });
    closers.push(kube.close);
    const storage = scenarioMetricStore(scenario, clock, timeline);
    const prometheus = await startPrometheusSimulator(scenario, clock, {
      storage,
      streams: storage.streams,
      timeline
    });
    closers.push(prometheus.close);
    const alertmanager = await startAlertmanagerSimulator(scenario, clock, {
      timeline,
      ...opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}
    });
    closers.push(alertmanager.close);
    const cloudwatch = await startCloudWatchLogsSimulator(scenario, clock, {
      region: SANDBOX_REGION,
      timeline
    });
    closers.push(cloudwatch.close);
    const urls = {
      kubernetes: kube.url,
      prometheus: prometheus.url,
      alertmanager: alertmanager.url,
      cloudwatch: cloudwatch.url
    };
    const {
      path: configPath,
      config,
      approverKeyPath
    } = writeSandboxConfig(
      dir,
      scenario,
      { kubeconfigPath: kube.kubeconfigPath, ...urls },
      {
        ...opts.apiKey ? { apiKey: opts.apiKey } : {},
        ...opts.alertWriterKey ? { alertWriterKey: opts.alertWriterKey } : {},
        ...opts.approverToken ? { approverToken: opts.approverToken } : {},
        ...opts.port !== void 0 ? { port: opts.port } : {}
      }
    );
    const resolution = scenario.resolution;
    return {
      scenario,
      clock,
      timeline,
      urls,
      dir,
      kubeconfigPath: kube.kubeconfigPath,
      configPath,
      config,
      approverKeyPath,
      react(change) {
        if (!resolution) return void 0;
        const at = change.at.getTime();
        const window = reactionTo(resolution, change, at);
        if (!window) return void 0;
        timeline.suppress(window.from, window.until);
        const fix = window.until === Number.POSITIVE_INFINITY;
        const healedPods = fix ? healCrashedPods(kube.store, timeline.incidentStart, change.at) : 0;
        return {
          tool: change.tool,
          kind: fix ? "fix" : "transient",
          at: change.at,
          ...fix ? {} : { until: new Date(window.until) },
          healedPods
        };
      },
      alertMessages: () => alertmanager.messages(),
      async notifyAlerts(webhookUrl, bearerToken) {
        const messages = await alertmanager.notify(webhookUrl, bearerToken);
        return messages.reduce((n, m) => n + m.alerts.length, 0);
      },
      close: closeAll
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

export {
  SANDBOX_APPROVER,
  SANDBOX_AGENT,
  SANDBOX_ALERTMANAGER,
  startSandbox
};
