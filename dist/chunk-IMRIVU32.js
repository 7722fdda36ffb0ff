import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  parsePublicKey
} from "./chunk-HI7OID35.js";
import {
  environmentsSchema
} from "./chunk-H7HVJGAA.js";
import {
  yamlPath
} from "./chunk-C45OCBOW.js";
import {
  parseDuration
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import {
  yaml
} from "./chunk-QXZT5HPF.js";

// src/config/error.ts
var ConfigError = class extends Error {
  name = "ConfigError";
};

// src/dispatch/access.ts
var TOOL_KINDS = ["read", "mutate"];
var ACCESS_RULE = "access.tools";
var INGEST_ONLY_ROLES = {
  "alert-writer": [],
  "change-writer": []
};
var toolKinds = external_exports.array(external_exports.enum(TOOL_KINDS));
var accessConfigSchema = external_exports.strictObject({
  tools: external_exports.record(external_exports.string().min(1), toolKinds).transform((byRole) => ({ ...INGEST_ONLY_ROLES, ...byRole })).default({ ...INGEST_ONLY_ROLES }).describe(
    "Role -> tool kinds (read, mutate) its holders may use; [] means no MCP at all. alert-writer and change-writer are [] unless listed here; roles not listed get defaultTools"
  ),
  defaultTools: toolKinds.default(["read", "mutate"]).describe("Tool kinds of a role not listed in tools, and of a principal with no roles")
}).describe(
  "Which principals may use MCP tools at all, by role (checked before the policy); a principal's tool kinds are the union over its roles"
);
function toolKindsOf(principal, access) {
  if (principal.roles.length === 0) return new Set(access.defaultTools);
  const kindsOf = (role2) => Object.hasOwn(access.tools, role2) ? access.tools[role2] ?? [] : access.defaultTools;
  return new Set(principal.roles.flatMap(kindsOf));
}
function toolAccessDenial(principal, kind, access) {
  const kinds = toolKindsOf(principal, access);
  if (kinds.has(kind)) return void 0;
  const allowed = kinds.size ? `${[...kinds].join(" and ")} tools only` : "no tools";
  return `access denied: ${who(principal)} may use ${allowed}, not ${kind} tools (config ${ACCESS_RULE}, access.defaultTools)`;
}
function mcpAccessDenial(principal, access) {
  if (toolKindsOf(principal, access).size > 0) return void 0;
  return `access denied: ${who(principal)} may use no MCP tools (config ${ACCESS_RULE}, access.defaultTools)`;
}
function who(principal) {
  return `principal "${principal.id}" (roles [${principal.roles.join(", ")}])`;
}

// src/package-paths.ts
import { fileURLToPath } from "node:url";
var CODE_DIR = new URL("./", import.meta.url);
var CODE_EXTENSION = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
function packagePath(fromRoot) {
  return fileURLToPath(new URL(`../${fromRoot}`, CODE_DIR));
}
function entryModuleUrl(name) {
  return new URL(`${name}${CODE_EXTENSION}`, CODE_DIR);
}

// src/server/host-origin.ts
import { BlockList, isIPv6 } from "node:net";
import { networkInterfaces } from "node:os";
var loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet("127.0.0.0", 8, "ipv4");
loopbackAddresses.addAddress("::1", "ipv6");
var LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
var WILDCARD_ADDRESSES = /* @__PURE__ */ new Set(["0.0.0.0", "::", "[::]"]);
function isLoopbackHost(host) {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost") return true;
  return isIPv6(bare) ? loopbackAddresses.check(bare, "ipv6") : loopbackAddresses.check(bare, "ipv4");
}
var HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;
function createRequestGuard(opts) {
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new RangeError(
      `createRequestGuard: port must be the port the server listens on (1-65535), got ${opts.port}`
    );
  }
  const allowedHosts = defaultHosts(opts.host, opts.port, opts.interfaceAddresses ?? interfaceAddresses());
  for (const entry of opts.allowedHosts ?? []) allowedHosts.add(hostForm(entry));
  const allowedOrigins = new Set((opts.allowedOrigins ?? []).map(originOfConfigEntry));
  return (headers) => {
    const host = headers.host?.trim().toLowerCase();
    if (!host) return refuse("Missing Host header");
    if (!HOST_HEADER.test(host) || !allowedHosts.has(host)) {
      return refuse(
        `Host ${quote(host)} is not allowed; add it to server.http.allowedHosts if clients use it`
      );
    }
    if (headers.origin === void 0) return { ok: true };
    const origin = parseHttpOrigin(headers.origin);
    if (origin && (allowedOrigins.has(origin.origin) || allowedHosts.has(origin.host))) return { ok: true };
    return refuse(
      `Origin ${quote(headers.origin)} is not allowed; add it to server.http.allowedOrigins if it is trusted`
    );
  };
}
function defaultHosts(bindHost, port, interfaces) {
  const names2 = /* @__PURE__ */ new Set();
  const bind = hostForm(bindHost);
  const wildcard = WILDCARD_ADDRESSES.has(bind);
  if (wildcard || isLoopbackHost(bindHost)) for (const name of LOOPBACK_NAMES) names2.add(name);
  if (wildcard) for (const address of interfaces) names2.add(hostForm(address));
  else names2.add(bind);
  const allowed = /* @__PURE__ */ new Set();
  for (const name of names2) {
    allowed.add(name);
    allowed.add(`${name}:${port}`);
  }
  return allowed;
}
function interfaceAddresses() {
  return Object.values(networkInterfaces()).flatMap(
    (infos) => (infos ?? []).filter((info) => !info.scopeid).map((info) => info.address)
  );
}
function hostForm(host) {
  const lower = host.trim().toLowerCase();
  return isIPv6(lower) ? `[${lower}]` : lower;
}
function parseHttpOrigin(value) {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return void 0;
    return { origin: url.origin, host: url.host };
  } catch {
    return void 0;
  }
}
function originOfConfigEntry(entry) {
  const parsed = parseHttpOrigin(entry);
  if (!parsed) {
    throw new Error(`allowedOrigins entry ${quote(entry)} is not an http(s) origin like https://app.example`);
  }
  return parsed.origin;
}
function quote(value) {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}\u2026` : value);
}
function refuse(message) {
  return {
    ok: false,
    status: 403,
    message,
    body: { jsonrpc: "2.0", error: { code: -32e3, message }, id: null }
  };
}

// src/server/auth/challenge.ts
var PROTECTED_RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";
var BEARER = /^Bearer +(\S+) *$/i;
function protectedResourceMetadataUrl(resourceUrl) {
  return new URL(PROTECTED_RESOURCE_METADATA_PATH, resourceUrl).href;
}
function missingToken(resourceUrl) {
  return {
    ok: false,
    status: 401,
    wwwAuthenticate: challenge(resourceUrl),
    error: "unauthorized",
    description: "missing bearer token: send Authorization: Bearer <token>"
  };
}
function invalidToken(resourceUrl, description) {
  return failure(401, "invalid_token", resourceUrl, description);
}
function forbidden(resourceUrl, description) {
  return failure(403, "insufficient_scope", resourceUrl, description);
}
function verificationUnavailable(resourceUrl, description) {
  return {
    ok: false,
    status: 503,
    wwwAuthenticate: challenge(resourceUrl),
    error: "temporarily_unavailable",
    description
  };
}
function failure(status, error, resourceUrl, description) {
  return {
    ok: false,
    status,
    wwwAuthenticate: challenge(resourceUrl, `error="${error}", error_description=${quoted(description)}`),
    error,
    description
  };
}
function challenge(resourceUrl, errorParams) {
  const metadata = `resource_metadata=${quoted(protectedResourceMetadataUrl(resourceUrl))}`;
  return `Bearer ${errorParams ? `${errorParams}, ` : ""}${metadata}`;
}
function quoted(value) {
  return `"${value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, (c) => c === '"' ? "'" : " ")}"`;
}

// src/server/auth/api-keys.ts
import { createHash, timingSafeEqual } from "node:crypto";
function hashApiKey(key) {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
function createApiKeyMatcher(keys) {
  const stored = keys.map((key) => ({ key, digest: Buffer.from(key.sha256, "hex") }));
  return (token) => {
    const presented = createHash("sha256").update(token, "utf8").digest();
    let match;
    for (const { key, digest } of stored) {
      if (timingSafeEqual(digest, presented)) match ??= key;
    }
    return match;
  };
}

// src/server/metrics-token.ts
var metricsTokenSchema = external_exports.string().min(16, "a metrics token needs at least 16 characters").transform((token) => ({ sha256: hashApiKey(token) })).describe(
  "Bearer token a scrape of /metrics must send, usually an environment variable reference; hashed at load and not kept. Unset: /metrics answers any caller that passes the Host/Origin guard"
);
function createMetricsAccess(token) {
  if (!token) return () => ({ ok: true });
  const matches = createApiKeyMatcher([token]);
  return (authorization) => {
    const presented = authorization?.match(BEARER)?.[1];
    if (presented === void 0) {
      return refuse2(
        "unauthorized",
        "/metrics needs a bearer token (server.http.metricsToken): send Authorization: Bearer <token>"
      );
    }
    if (matches(presented)) return { ok: true };
    return refuse2("invalid_token", "the bearer token is not the metrics token (server.http.metricsToken)");
  };
}
function refuse2(error, description) {
  const code = error === "invalid_token" ? ', error="invalid_token"' : "";
  return {
    ok: false,
    status: 401,
    wwwAuthenticate: `Bearer realm="opswarden-metrics"${code}`,
    body: { error, error_description: description }
  };
}

// src/audit/signing/config.ts
var duration = external_exports.string().superRefine((text, ctx) => {
  try {
    parseDuration(text);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: err.message });
  }
});
var fileSink = external_exports.object({
  type: external_exports.literal("file").describe("Append each checkpoint as one JSON line to a file"),
  path: external_exports.string().min(1).describe("The file; keep it on another disk, host or account than the store (not its directory)")
}).strict();
var webhookSink = external_exports.object({
  type: external_exports.literal("webhook").describe("POST each checkpoint as JSON to a URL"),
  url: external_exports.url({ protocol: /^https?$/ }).describe("Where to POST"),
  bearerToken: external_exports.string().min(1).optional().describe("Sent as `Authorization: Bearer <token>`; an environment variable reference"),
  timeout: duration.default("10s").describe("How long one delivery may take before it is retried")
}).strict();
var syslogSink = external_exports.object({
  type: external_exports.literal("syslog").describe("Send each checkpoint as an RFC 5424 syslog message"),
  host: external_exports.string().min(1).describe("Syslog server host"),
  port: external_exports.number().int().min(1).max(65535).default(514).describe("Syslog server port"),
  protocol: external_exports.enum(["udp", "tcp"]).default("udp").describe("udp: one datagram per message; tcp: octet-counted frames (RFC 6587)"),
  facility: external_exports.number().int().min(0).max(23).default(13).describe("Syslog facility number (default 13, log audit)")
}).strict();
var checkpointSinkSchema = external_exports.discriminatedUnion("type", [fileSink, webhookSink, syslogSink]);
var checkpointsConfigSchema = external_exports.object({
  keyFile: external_exports.string().min(1).describe(
    "Ed25519 private key from `opswarden audit keygen` (mode 600), outside the store and mirror directories"
  ),
  every: external_exports.number().int().min(1).default(100).describe("Sign the chain head every this many records"),
  interval: duration.default("60s").describe("\u2026and at least this often while records arrive (also at start and on shutdown)"),
  sinks: external_exports.array(checkpointSinkSchema).min(1, "at least one sink: checkpoints kept only in the store can be deleted with it").describe("Where each checkpoint is shipped besides the store: file, webhook, syslog")
}).strict().describe(
  "Signed checkpoints of the audit chain head, so a rewritten or truncated log is caught by `audit verify --public-key`"
);

// src/incidents/catalog.ts
var WORKLOAD = /^(Deployment|StatefulSet|DaemonSet)\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
var promql = external_exports.string().trim().min(1);
var serviceQueriesSchema = external_exports.object({
  errorRatio: promql.optional().describe("PromQL for the fraction of requests that fail (0..1)"),
  latencyP99: promql.optional().describe("PromQL for the p99 latency in seconds"),
  traffic: promql.optional().describe("PromQL for requests per second"),
  saturation: promql.optional().describe("PromQL for the busiest resource, as a fraction of its limit (0..1)")
}).strict();
var catalogServiceSchema = external_exports.object({
  name: external_exports.string().min(1).describe("The service name, as metrics label it (`service`)"),
  namespace: external_exports.string().min(1).optional().describe("Kubernetes namespace; the workload's when absent"),
  workload: external_exports.string().regex(WORKLOAD, "expected Kind/namespace/name with Kind Deployment, StatefulSet or DaemonSet").optional().describe("The workload that backs it, e.g. Deployment/shop/checkout"),
  dependsOn: external_exports.array(external_exports.string().min(1)).default([]).describe("Services it calls"),
  kind: external_exports.literal("external").optional().describe("A service outside the cluster (a database, a provider)"),
  queries: serviceQueriesSchema.optional()
}).strict();
var serviceCatalogSchema = external_exports.array(catalogServiceSchema).superRefine((services, ctx) => {
  const names2 = /* @__PURE__ */ new Map();
  services.forEach((service, index) => {
    const earlier = names2.get(service.name);
    if (earlier !== void 0)
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `duplicate service "${service.name}" (also at [${earlier}])`
      });
    else names2.set(service.name, index);
  });
  services.forEach((service, index) => {
    service.dependsOn.forEach((dependency, at) => {
      if (!names2.has(dependency))
        ctx.addIssue({
          code: "custom",
          path: [index, "dependsOn", at],
          message: `unknown service "${dependency}": list it in the catalog (kind: external if it is outside the cluster)`
        });
    });
  });
});
function workloadOf(service) {
  if (!service.workload) return void 0;
  const [kind, namespace, name] = service.workload.split("/");
  return { kind, namespace, name };
}
function namespaceOf(service) {
  return service.namespace ?? workloadOf(service)?.namespace;
}
function catalogFromScenario(scenario) {
  return serviceCatalogSchema.parse(
    scenario.spec.services.map((service) => ({
      name: service.name,
      ...service.namespace ? { namespace: service.namespace } : {},
      ...service.workload ? { workload: service.workload } : {},
      dependsOn: service.dependsOn,
      ...service.kind ? { kind: service.kind } : {}
    }))
  );
}
var RATE_WINDOW = "2m";
function queriesFor(service) {
  const namespace = namespaceOf(service);
  const app = labelSelector({ service: service.name, ...namespace ? { namespace } : {} });
  const failing = labelSelector({
    service: service.name,
    ...namespace ? { namespace } : {},
    code: { regex: "5.." }
  });
  const given = service.queries ?? {};
  const pods = podSelector(service);
  return {
    errorRatio: given.errorRatio ?? `sum(rate(http_requests_total${failing}[${RATE_WINDOW}])) / sum(rate(http_requests_total${app}[${RATE_WINDOW}]))`,
    latencyP99: given.latencyP99 ?? `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket${app}[${RATE_WINDOW}])))`,
    traffic: given.traffic ?? `sum(rate(http_requests_total${app}[${RATE_WINDOW}]))`,
    ...given.saturation ? { saturation: given.saturation } : {},
    ...pods ? {
      cpuByPod: `sum by (pod, container) (rate(container_cpu_usage_seconds_total${pods}[${RATE_WINDOW}]))`,
      memoryByPod: `max by (pod, container) (container_memory_working_set_bytes${pods} / (container_spec_memory_limit_bytes${pods} > 0))`,
      restartsByPod: `sum by (pod) (kube_pod_container_status_restarts_total${pods})`
    } : {}
  };
}
function podSelector(service) {
  const workload = workloadOf(service);
  if (!workload) return void 0;
  const name = workload.name.replace(/\./g, "\\.");
  const pod = workload.kind === "Deployment" ? `${name}-[a-z0-9]{5,10}-[a-z0-9]{5}` : workload.kind === "StatefulSet" ? `${name}-[0-9]+` : `${name}-[a-z0-9]{5}`;
  return labelSelector({ namespace: workload.namespace, pod: { regex: pod }, container: { not: "" } });
}
function labelSelector(labels) {
  const parts = Object.entries(labels).map(
    ([name, m]) => typeof m === "string" ? `${name}=${JSON.stringify(m)}` : "regex" in m ? `${name}=~${JSON.stringify(m.regex)}` : `${name}!=${JSON.stringify(m.not)}`
  );
  return `{${parts.join(",")}}`;
}

// src/server/auth/config.ts
var role = external_exports.string().min(1);
var apiKeySchema = external_exports.strictObject({
  id: external_exports.string().min(1).describe("Principal id the key authenticates as (recorded in the audit log)"),
  type: external_exports.enum(["human", "agent", "service"]).describe("Who holds the key: human | agent | service"),
  roles: external_exports.array(role).default([]).describe("Roles the policy and approvals see"),
  sha256: external_exports.string().regex(/^[0-9a-fA-F]{64}$/, "expected 64 hex characters (sha256 of the key)").optional().describe('Hex sha256 of the key (e.g. `printf %s "$KEY" | sha256sum`); set this or key'),
  key: external_exports.string().min(16, "an API key needs at least 16 characters").optional().describe(
    "The key itself, usually an environment variable reference; hashed at load and not kept; set this or sha256"
  )
}).refine((k) => k.sha256 === void 0 !== (k.key === void 0), "set exactly one of sha256 or key").transform(({ key, sha256, ...principal }) => ({
  ...principal,
  sha256: key === void 0 ? sha256.toLowerCase() : hashApiKey(key)
}));
var apiKeysSchema = external_exports.array(apiKeySchema).default([]).superRefine((keys, ctx) => {
  keys.forEach((key, i) => {
    const first = keys.findIndex((other) => other.sha256 === key.sha256);
    if (first < i) {
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: `same key as apiKeys[${first}] (${keys[first]?.id})`
      });
    }
  });
}).describe("Bearer API keys, each mapped to a principal");
var jwksUrl = external_exports.url({ protocol: /^https?$/ }).refine((url) => url.startsWith("https:") || isLoopbackHost(new URL(url).hostname), {
  message: "the JWKS must be fetched over https (http is accepted on loopback only)"
});
var jwtSchema = external_exports.strictObject({
  jwksUrl: jwksUrl.describe("The issuer's JWKS, e.g. https://issuer/.well-known/jwks.json"),
  issuer: external_exports.string().min(1).describe("Expected `iss` claim"),
  audience: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]).describe("Expected `aud` claim: the identifier of this server"),
  principalClaim: external_exports.string().min(1).default("sub").describe("Claim holding the principal id"),
  typeClaim: external_exports.string().min(1).optional().describe(
    "Claim holding human | agent | service; a token without it (or with no typeClaim configured) is an agent"
  ),
  rolesClaim: external_exports.string().min(1).default("roles").describe(
    "Claim holding a role or a list of roles; a dotted path (realm_access.roles) reaches nested claims"
  ),
  roleMap: external_exports.record(external_exports.string(), role).default({}).describe("Claim value -> opswarden role; unmapped values are kept as they are"),
  clockToleranceSeconds: external_exports.number().int().min(0).max(300).default(30).describe("Clock skew tolerated on exp / nbf / iat")
}).describe("Accept JWT access tokens signed by an OIDC issuer");
var authConfigSchema = external_exports.strictObject({
  apiKeys: apiKeysSchema,
  jwt: jwtSchema.optional(),
  resource: external_exports.url().optional().describe("Canonical URL of the MCP endpoint (RFC 9728 resource); default: the URL the request used"),
  authorizationServers: external_exports.array(external_exports.url()).optional().describe(
    "Authorization servers advertised in RFC 9728 metadata; default: [jwt.issuer] when jwt is set"
  )
}).describe("Who may call the HTTP transport; stdio is not authenticated");

// src/shape/budget.ts
var DEFAULT_MAX_BYTES = 16384;
var MAX_LISTED_OMISSIONS = 20;
var MAX_ROUNDS = 64;
var PHASES = [
  { minItems: 1, minChars: 256 },
  { minItems: 0, minChars: 16 }
];
function jsonBytes(value) {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}
function applyBudget(value, maxBytes) {
  const originalBytes = jsonBytes(value);
  if (originalBytes <= maxBytes) return { value };
  const root = { value: JSON.parse(JSON.stringify(value)) };
  const cuts = /* @__PURE__ */ new Map();
  let phase = 0;
  let truncation = describe(root.value, cuts, originalBytes, maxBytes);
  for (let round = 0; round < MAX_ROUNDS && phase < PHASES.length; round++) {
    const total = truncation.keptBytes + metadataBytes(truncation);
    if (total <= maxBytes) break;
    const floor = PHASES[phase];
    const candidates = collect(root, cuts, floor);
    const level = waterLevel(
      candidates.map((c) => c.bytes).sort((a, b) => b - a),
      total - maxBytes
    );
    let progressed = false;
    for (const candidate of candidates) {
      if (candidate.bytes > level && shrink(candidate, level, cuts, floor)) progressed = true;
    }
    if (!progressed) phase++;
    truncation = describe(root.value, cuts, originalBytes, maxBytes);
  }
  return { value: root.value, truncated: truncation };
}
function metadataBytes(truncation) {
  return jsonBytes(truncation) + ',"truncated":'.length;
}
function waterLevel(sizesDescending, excess) {
  let sum = 0;
  for (let i = 0; i < sizesDescending.length; i++) {
    sum += sizesDescending[i];
    const next = sizesDescending[i + 1] ?? 0;
    if (sum - (i + 1) * next >= excess) return Math.max(0, Math.floor((sum - excess) / (i + 1)));
  }
  return 0;
}
function collect(root, cuts, floor) {
  const candidates = [];
  const visit = (parent, key, path) => {
    const node = parent[key];
    if (typeof node === "string") {
      const bytes = jsonBytes(node);
      const kept = cuts.get(path)?.kept ?? node.length;
      if (kept > floor.minChars) candidates.push({ parent, key, path, bytes });
      return bytes;
    }
    if (Array.isArray(node)) {
      let bytes = 1 + Math.max(1, node.length);
      node.forEach((_, i) => {
        bytes += visit(node, i, `${path}[${i}]`);
      });
      if (node.length > floor.minItems) candidates.push({ parent, key, path, bytes });
      return bytes;
    }
    if (node !== null && typeof node === "object") {
      const keys = Object.keys(node);
      let bytes = 1 + Math.max(1, keys.length);
      for (const childKey of keys) {
        bytes += jsonBytes(childKey) + 1 + visit(node, childKey, childPath(path, childKey));
      }
      return bytes;
    }
    return jsonBytes(node);
  };
  visit(root, "value", "$");
  return candidates;
}
function shrink(candidate, targetBytes, cuts, floor) {
  const holder = candidate.parent;
  const node = holder[candidate.key];
  if (Array.isArray(node)) {
    let used = 2;
    let keep2 = 0;
    for (; keep2 < node.length; keep2++) {
      used += jsonBytes(node[keep2]) + (keep2 ? 1 : 0);
      if (used > targetBytes) break;
    }
    keep2 = Math.min(Math.max(keep2, floor.minItems), node.length - 1);
    if (!cuts.has(candidate.path)) cuts.set(candidate.path, { original: node.length });
    node.length = keep2;
    return true;
  }
  const cut = cuts.get(candidate.path);
  const original = typeof cut?.original === "string" ? cut.original : node;
  const kept = cut?.kept ?? original.length;
  const bytesPerChar = candidate.bytes / Math.max(1, node.length);
  const markerChars = `\u2026[${original.length} chars omitted]\u2026`.length;
  const keep = Math.max(floor.minChars, Math.floor((targetBytes - 2) / bytesPerChar) - markerChars);
  if (keep >= kept) return false;
  holder[candidate.key] = elide(original, keep);
  cuts.set(candidate.path, { original, kept: keep });
  return true;
}
function elide(text, keep) {
  let headEnd = Math.ceil(keep * 2 / 3);
  let tailStart = text.length - (keep - headEnd);
  if (isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd--;
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const omitted = tailStart - headEnd;
  return `${text.slice(0, headEnd)}\u2026[${omitted} chars omitted]\u2026${text.slice(tailStart)}`;
}
function isHighSurrogate(code) {
  return code >= 55296 && code <= 56319;
}
function isLowSurrogate(code) {
  return code >= 56320 && code <= 57343;
}
function describe(value, cuts, originalBytes, maxBytes) {
  const omitted = [];
  const visit = (node, path) => {
    const cut = cuts.get(path);
    if (cut && typeof node === "string" && typeof cut.original === "string") {
      omitted.push({ path, chars: cut.original.length - cut.kept });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}[${i}]`);
      });
      if (cut && typeof cut.original === "number") omitted.push({ path, items: cut.original - node.length });
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) visit(child, childPath(path, key));
    }
  };
  visit(value, "$");
  const listed = omitted.slice(0, MAX_LISTED_OMISSIONS);
  const unlisted = omitted.length - listed.length;
  return {
    originalBytes,
    keptBytes: jsonBytes(value),
    omitted: listed,
    hint: `Output was ${originalBytes} bytes, over the ${maxBytes}-byte budget: long lists keep their first items and long strings their head and tail${unlisted > 0 ? ` (${unlisted} more cuts not listed)` : ""}. To see the rest, narrow the query (shorter time range, a selector, a lower limit), page with the tool's cursor if it has one, or raise maxBytes.`
  };
}
function childPath(path, key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

// src/config/limits.ts
var duration2 = external_exports.string().regex(/^\d+(ms|s|m|h|d)$/, "a duration like 90s, 15m, 1h or 7d");
var count = (min) => external_exports.number().int().min(min);
var DEFAULT_LIMITS = {
  toolTimeout: "60s",
  maxBodyBytes: 1024 * 1024,
  maxAlertsBodyBytes: 8 * 1024 * 1024,
  sessionsPerPrincipal: 16,
  sessionsTotal: 256,
  concurrentCallsPerPrincipal: 16,
  sseReplayBytes: 256 * 1024,
  shutdownGrace: "5s"
};
var limitsConfigSchema = external_exports.object({
  toolTimeout: duration2.default(DEFAULT_LIMITS.toolTimeout).describe("A tool call (handler and shaping) is stopped and audited as failed after this long"),
  maxBodyBytes: count(1024).default(DEFAULT_LIMITS.maxBodyBytes).describe("Largest request body on /mcp, /v1/approvals and /v1/changes; larger gets 413"),
  maxAlertsBodyBytes: count(1024).default(DEFAULT_LIMITS.maxAlertsBodyBytes).describe(
    "Largest body on /v1/alerts and /v1/alerts/alertmanager (a storm is one big webhook); larger gets 413"
  ),
  sessionsPerPrincipal: count(1).default(DEFAULT_LIMITS.sessionsPerPrincipal).describe(
    "MCP sessions one principal may hold; at the limit its least recently used idle session is closed, and when none is idle a new one gets 429"
  ),
  sessionsTotal: count(1).default(DEFAULT_LIMITS.sessionsTotal).describe("MCP sessions the server holds for everyone together, with the same rule"),
  concurrentCallsPerPrincipal: count(1).default(DEFAULT_LIMITS.concurrentCallsPerPrincipal).describe(
    "MCP requests (tool calls and others) one principal may have in flight over HTTP; more get 429"
  ),
  sseReplayBytes: count(16 * 1024).default(DEFAULT_LIMITS.sseReplayBytes).describe(
    "Bytes of recent SSE messages a session keeps so a dropped stream can resume; oldest go first"
  ),
  shutdownGrace: duration2.default(DEFAULT_LIMITS.shutdownGrace).describe("On SIGTERM/SIGINT, time to close connections and the store before the process exits anyway")
}).strict().default(DEFAULT_LIMITS);

// src/config/tools.ts
var names = external_exports.array(external_exports.string().min(1));
var toolsConfigSchema = external_exports.strictObject({
  toolsets: names.optional().describe(
    "Toolsets served, one per tools/<area> directory (approvals, kubernetes, deploys, alertmanager, prometheus, cloudwatch, runbooks, incidents); all when omitted"
  ),
  enable: names.default([]).describe("Tools served besides those of the toolsets, by name"),
  disable: names.default([]).describe("Tools never served, by name, whatever their toolset")
}).describe(
  "Which tools are listed and callable; a tool not served is refused as unknown. Read-only mode (server.readOnly) applies on top"
);

// src/config/schema.ts
var BUILTIN_POLICY = packagePath("policies/default.yaml");
var BUILTIN_RUNBOOKS = packagePath("runbooks");
var duration3 = external_exports.string().regex(/^\d+(ms|s|m|h|d)$/, "a duration like 90s, 15m, 1h or 7d");
var httpAuthFields = {
  basicAuth: external_exports.object({
    username: external_exports.string().min(1).describe("Basic auth user"),
    password: external_exports.string().min(1).describe("Basic auth password, from an environment variable reference")
  }).strict().optional().describe("HTTP basic auth"),
  bearerToken: external_exports.string().min(1).optional().describe("Bearer token, from an environment variable reference")
};
var oneAuth = (c) => !(c.basicAuth && c.bearerToken);
var principalSchema = external_exports.object({
  id: external_exports.string().min(1).describe("Principal id recorded in the audit log"),
  type: external_exports.enum(["human", "agent", "service"]).describe("Who is behind the client"),
  roles: external_exports.array(external_exports.string()).default([]).describe("Roles the policy and approvals see"),
  publicKey: external_exports.string().superRefine((text, ctx) => {
    try {
      parsePublicKey(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err.message });
    }
  }).optional().describe(
    "Ed25519 public key (the line `opswarden approvals keygen` prints): lets this approver decide with `approvals approve --key`"
  )
}).strict();
var configSchema = external_exports.object({
  server: external_exports.object({
    name: external_exports.string().default("opswarden").describe("Server name reported to MCP clients"),
    readOnly: external_exports.boolean().default(false).describe("List and serve read tools only"),
    http: external_exports.object({
      host: external_exports.string().default("127.0.0.1").describe("Bind address for --http"),
      port: external_exports.number().int().min(0).max(65535).default(8787).describe("Port for --http"),
      stateless: external_exports.boolean().default(false).describe("No MCP sessions: each POST stands alone"),
      allowedHosts: external_exports.array(external_exports.string()).default([]).describe("Host headers accepted besides loopback"),
      allowedOrigins: external_exports.array(external_exports.string()).default([]).describe("Browser origins accepted"),
      publicUrl: external_exports.string().url().optional().describe("External URL of /mcp, for auth metadata"),
      metricsToken: metricsTokenSchema.optional()
    }).strict().default({
      host: "127.0.0.1",
      port: 8787,
      stateless: false,
      allowedHosts: [],
      allowedOrigins: []
    })
  }).strict().default({
    name: "opswarden",
    readOnly: false,
    http: { host: "127.0.0.1", port: 8787, stateless: false, allowedHosts: [], allowedOrigins: [] }
  }),
  principal: principalSchema.default({ id: "local-user", type: "human", roles: [] }).describe("Who is calling over stdio (HTTP callers authenticate)"),
  principals: external_exports.array(principalSchema).default([]).describe(
    "Approvers who decide from the CLI on the store (`opswarden approvals approve <id> --key <file>`), each with a publicKey"
  ),
  auth: authConfigSchema.optional(),
  access: accessConfigSchema.prefault({}),
  tools: toolsConfigSchema.prefault({}),
  policy: external_exports.object({
    bundle: external_exports.string().default(BUILTIN_POLICY).describe("Policy bundle file (default: the built-in one)"),
    watch: external_exports.boolean().default(true).describe("Reload the bundle when the file changes"),
    changeFreeze: external_exports.array(
      external_exports.object({
        start: external_exports.iso.datetime({ offset: true }).describe("RFC 3339 start"),
        end: external_exports.iso.datetime({ offset: true }).describe("RFC 3339 end"),
        reason: external_exports.string().optional()
      }).strict()
    ).default([]).describe("Windows in which context.changeFreeze is true")
  }).strict().default({ bundle: BUILTIN_POLICY, watch: true, changeFreeze: [] }),
  services: serviceCatalogSchema.default([]).describe(
    "The service catalog: workloads, dependencies and golden-signal queries (incidents, correlation)"
  ),
  incidents: external_exports.object({
    groupWindow: duration3.default("15m").describe("Alerts this close in time on connected services join the same incident"),
    autoResolveAfter: duration3.default("10m").describe("An incident resolves once all its alerts have been resolved this long")
  }).strict().default({ groupWindow: "15m", autoResolveAfter: "10m" }),
  runbooks: external_exports.object({
    dir: external_exports.string().default(BUILTIN_RUNBOOKS).describe("Directory of runbooks (<name>.yaml, tests beside them); default: the built-in ones")
  }).strict().default({ dir: BUILTIN_RUNBOOKS }),
  environments: environmentsSchema.describe(
    "How a target's environment is found: mappings, the namespace label, aliases; unknown is production"
  ),
  kubernetes: external_exports.object({
    kubeconfig: external_exports.string().optional().describe("kubeconfig file (default $KUBECONFIG, then ~/.kube/config)"),
    inCluster: external_exports.boolean().default(false).describe("Use the pod's service account instead of a kubeconfig"),
    clusters: external_exports.record(external_exports.string(), external_exports.object({ context: external_exports.string().min(1) }).strict()).optional().describe("cluster name -> kubeconfig context (default: every context, by name)"),
    defaultCluster: external_exports.string().optional().describe("Cluster used when a call names none"),
    impersonate: external_exports.boolean().default(false).describe(
      "HTTP callers act as their principal id (Impersonate-User), so cluster RBAC applies to them"
    )
  }).strict().optional().describe('Kubernetes access; the Kubernetes tools report "not configured" without it'),
  alertmanager: external_exports.object({
    url: external_exports.url().describe("Alertmanager base URL, e.g. http://alertmanager:9093 (API v2)"),
    ...httpAuthFields,
    timeout: duration3.default("30s").describe("Timeout of one API request")
  }).strict().refine(oneAuth, "set basicAuth or bearerToken, not both").optional().describe('Alertmanager access; the am_* tools report "not configured" without it'),
  prometheus: external_exports.object({
    url: external_exports.url().describe("Prometheus (or compatible API) base URL, e.g. http://prometheus:9090"),
    ...httpAuthFields,
    tls: external_exports.object({
      caFile: external_exports.string().optional().describe("PEM file of the CA that signed the server certificate"),
      insecureSkipVerify: external_exports.boolean().default(false).describe("Do not verify the server certificate")
    }).strict().optional(),
    limits: external_exports.object({
      maxRange: duration3.default("7d").describe("Longest range one query may span"),
      maxSeries: external_exports.number().int().min(1).default(500).describe("Most series one query may return"),
      maxPoints: external_exports.number().int().min(100).default(11e3).describe("Most points per series of a range query"),
      timeout: duration3.default("30s").describe("Timeout of one API request")
    }).strict().default({ maxRange: "7d", maxSeries: 500, maxPoints: 11e3, timeout: "30s" })
  }).strict().refine(oneAuth, "set basicAuth or bearerToken, not both").optional().describe('Prometheus access; the prom_* tools report "not configured" without it'),
  cloudwatch: external_exports.object({
    region: external_exports.string().min(1).describe("AWS region of the log groups, e.g. eu-west-1"),
    endpoint: external_exports.url().optional().describe("Endpoint override (a VPC endpoint, or the sandbox CloudWatch Logs endpoint)"),
    profile: external_exports.string().optional().describe("Shared-config profile (default: the default credential chain)"),
    limits: external_exports.object({
      maxRange: duration3.default("24h").describe("Longest time range one query may cover"),
      maxLogGroups: external_exports.number().int().min(1).max(50).default(10).describe("Log groups one query may read"),
      pollInterval: duration3.default("1s").describe("How often a Logs Insights query is polled")
    }).strict().default({ maxRange: "24h", maxLogGroups: 10, pollInterval: "1s" })
  }).strict().optional().describe('CloudWatch Logs access; the CloudWatch tools report "not configured" without it'),
  store: external_exports.object({ path: external_exports.string().default(".opswarden/opswarden.db").describe("SQLite file") }).strict().default({ path: ".opswarden/opswarden.db" }),
  audit: external_exports.object({
    jsonl: external_exports.string().default(".opswarden/audit.jsonl").describe("JSON-lines mirror of the audit log"),
    checkpoints: checkpointsConfigSchema.optional()
  }).strict().default({ jsonl: ".opswarden/audit.jsonl" }),
  approvals: external_exports.object({
    elicitationTimeout: duration3.default("5m").describe("How long to wait for an in-client answer"),
    signingSecret: external_exports.string().min(32, "at least 32 characters (e.g. `openssl rand -base64 32`)").optional().describe(
      "Secret that seals decisions made through this server, from an environment variable reference; set the same one on every replica (and to keep granted approvals across a restart). Default: random per process"
    )
  }).strict().default({ elicitationTimeout: "5m" }),
  output: external_exports.object({
    maxBytes: external_exports.number().int().min(1024).default(DEFAULT_MAX_BYTES).describe("Byte budget of one tool result")
  }).strict().default({ maxBytes: DEFAULT_MAX_BYTES }),
  limits: limitsConfigSchema,
  logging: external_exports.object({
    level: external_exports.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info")
  }).strict().default({ level: "info" })
}).strict();

// src/config/load.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve as resolve2 } from "node:path";

// src/config/env-overrides.ts
import { join, resolve } from "node:path";

// src/config/variables.ts
var REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
function expandVariables(text, env, where) {
  return text.replace(REFERENCE, (_, name) => {
    const value = env[name];
    if (value === void 0) throw new ConfigError(`${where}: environment variable ${name} is not set`);
    return value;
  });
}

// src/config/env-overrides.ts
var pathIn = (file) => (text) => file ? join(resolve(text), file) : resolve(text);
var ENV_OVERRIDES = [
  { env: "OPSWARDEN_KUBECONFIG", sets: [{ key: ["kubernetes", "kubeconfig"], value: pathIn() }] },
  { env: "OPSWARDEN_PROMETHEUS_URL", sets: [{ key: ["prometheus", "url"] }] },
  { env: "OPSWARDEN_ALERTMANAGER_URL", sets: [{ key: ["alertmanager", "url"] }] },
  { env: "OPSWARDEN_CLOUDWATCH_REGION", sets: [{ key: ["cloudwatch", "region"] }] },
  {
    // An installed server has no project directory: the store and audit mirror need a home.
    env: "OPSWARDEN_STATE_DIR",
    sets: [
      { key: ["store", "path"], value: pathIn("opswarden.db") },
      { key: ["audit", "jsonl"], value: pathIn("audit.jsonl") }
    ]
  }
];
function applyEnvOverrides(raw, env) {
  const applied = [];
  let result = raw;
  for (const override of ENV_OVERRIDES) {
    const given = env[override.env]?.trim();
    if (!given) continue;
    const text = expandVariables(given, env, `$${override.env}`);
    for (const { key, value } of override.sets) {
      result = setAt(result, key, value ? value(text) : text);
      applied.push({ env: override.env, key });
    }
  }
  return { raw: result, applied };
}
function setAt(target, key, value) {
  const [head, ...rest] = key;
  const absent = target === void 0 || target === null;
  if (!absent && !isPlainObject(target)) return target;
  const object = isPlainObject(target) ? target : {};
  return { ...object, [head]: rest.length ? setAt(object[head], rest, value) : value };
}
function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// src/config/load.ts
function resolveConfigPath(flag, env = process.env) {
  if (flag) return resolve2(flag);
  if (env.OPSWARDEN_CONFIG) return resolve2(env.OPSWARDEN_CONFIG);
  const local = resolve2("opswarden.yaml");
  return existsSync(local) ? local : void 0;
}
function loadConfig(path, env = process.env, options = {}) {
  const source = path ?? "<defaults>";
  const raw = path ? readConfigFile(path) : {};
  const { raw: overridden, applied } = applyEnvOverrides(
    expandEnv(raw, [], env, source),
    options.envOverrides === false ? {} : env
  );
  const config = validateConfig(overridden, source, path ? dirname(path) : process.cwd(), applied);
  return { config, path, fromEnv: applied };
}
function readConfigFile(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${err.message}`);
  }
  try {
    return yaml.load(text) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: invalid YAML: ${err.message}`);
  }
}
function parseConfig(raw, source, env, baseDir) {
  return validateConfig(expandEnv(raw, [], env, source), source, baseDir, []);
}
function validateConfig(expanded, source, baseDir, fromEnv) {
  const result = configSchema.safeParse(expanded);
  if (!result.success) throw new ConfigError(formatIssues(source, result.error.issues, fromEnv));
  const config = result.data;
  const at = (p) => isAbsolute(p) || p === ":memory:" ? p : resolve2(baseDir, p);
  config.policy.bundle = at(config.policy.bundle);
  config.store.path = at(config.store.path);
  config.audit.jsonl = at(config.audit.jsonl);
  const checkpoints = config.audit.checkpoints;
  if (checkpoints) {
    checkpoints.keyFile = at(checkpoints.keyFile);
    for (const sink of checkpoints.sinks) if (sink.type === "file") sink.path = at(sink.path);
  }
  config.runbooks.dir = at(config.runbooks.dir);
  if (config.kubernetes?.kubeconfig) config.kubernetes.kubeconfig = at(config.kubernetes.kubeconfig);
  return config;
}
function expandEnv(value, path, env, source) {
  if (typeof value === "string") return expandVariables(value, env, `${source}: ${yamlPath(path)}`);
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], env, source));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], env, source)])
    );
  }
  return value;
}
function formatIssues(source, issues, fromEnv = []) {
  const place = (path) => {
    const override = fromEnv.find(({ key }) => key.every((part, i) => path[i] === part));
    return `${yamlPath(path)}${override ? ` (from $${override.env})` : ""}`;
  };
  const lines = issues.flatMap(
    (issue) => issue.code === "unrecognized_keys" ? issue.keys.map((key) => `${place([...issue.path, key])}: unknown key (not part of the config format)`) : [`${place(issue.path)}: ${issue.message}`]
  );
  return `invalid config ${source}:
  ${lines.join("\n  ")}`;
}
var SECRET_KEY = /(key|token|secret|password|sha256)$/i;
function maskSecrets(value, key = "") {
  if (typeof value === "string" && SECRET_KEY.test(key)) return "***";
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}

export {
  jsonBytes,
  applyBudget,
  workloadOf,
  namespaceOf,
  catalogFromScenario,
  queriesFor,
  ConfigError,
  ACCESS_RULE,
  toolKindsOf,
  toolAccessDenial,
  mcpAccessDenial,
  packagePath,
  entryModuleUrl,
  isLoopbackHost,
  createRequestGuard,
  hashApiKey,
  createApiKeyMatcher,
  BEARER,
  missingToken,
  invalidToken,
  forbidden,
  verificationUnavailable,
  createMetricsAccess,
  BUILTIN_RUNBOOKS,
  resolveConfigPath,
  loadConfig,
  parseConfig,
  maskSecrets
};
