import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/store/sqlite.ts
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
var BUSY_TIMEOUT_MS = 5e3;
function openDatabase(path) {
  let db;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
  } catch (error) {
    throw new Error(`cannot open database ${path}: ${error.message}`, { cause: error });
  }
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}
var prepared = /* @__PURE__ */ new WeakMap();
function transactionStatements(db) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { begin: db.prepare("BEGIN IMMEDIATE"), commit: db.prepare("COMMIT") };
    prepared.set(db, statements);
  }
  return statements;
}
function inImmediateTransaction(db, fn) {
  if (db.isTransaction)
    throw new Error("a transaction is already open on this connection; writes cannot nest");
  const { begin, commit } = transactionStatements(db);
  begin.run();
  try {
    const result = fn();
    commit.run();
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
function migrate(db, name, statements) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  inImmediateTransaction(db, () => {
    if (db.prepare("SELECT 1 FROM schema_migrations WHERE name = ?").get(name)) return;
    statements.forEach((sql, index) => {
      try {
        db.exec(sql);
      } catch (error) {
        throw new Error(`migration "${name}" statement ${index + 1} failed: ${error.message}`, {
          cause: error
        });
      }
    });
    db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(
      name,
      (/* @__PURE__ */ new Date()).toISOString()
    );
  });
}

// src/shape/redact/names.ts
var SECRET_WORDS = {
  password: "password",
  passwords: "password",
  passwd: "password",
  passphrase: "password",
  passcode: "password",
  pwd: "password",
  pass: "password",
  pw: "password",
  secret: "secret",
  token: "token",
  pat: "token",
  bearer: "token",
  otp: "token",
  apikey: "api_key",
  privatekey: "private_key",
  credential: "credential",
  credentials: "credential",
  creds: "credential",
  cookie: "session",
  cookies: "session",
  sessionid: "session",
  jsessionid: "session",
  phpsessid: "session",
  sessid: "session",
  sid: "session",
  sig: "secret",
  dsn: "secret",
  auth: "authorization",
  authorization: "authorization",
  salt: "secret"
};
var SECRET_SUFFIXES = [
  ["password", "password"],
  ["passwd", "password"],
  ["secret", "secret"],
  ["token", "token"],
  ["apikey", "api_key"],
  ["privatekey", "private_key"],
  ["accesskey", "secret"],
  ["secretkey", "secret"],
  ["sessionid", "session"]
];
var KEY_QUALIFIERS = {
  api: "api_key",
  access: "secret",
  secret: "secret",
  private: "private_key",
  account: "secret",
  shared: "secret",
  encryption: "secret",
  enc: "secret",
  encrypt: "secret",
  signing: "secret",
  sign: "secret",
  master: "secret",
  license: "secret",
  licence: "secret",
  client: "secret",
  app: "secret",
  application: "secret",
  hmac: "secret",
  storage: "secret",
  subscription: "secret",
  service: "secret",
  session: "session",
  consumer: "secret",
  routing: "secret",
  integration: "secret",
  webhook: "secret",
  admin: "secret",
  root: "secret",
  deploy: "secret",
  write: "secret",
  ingest: "secret",
  crypto: "secret",
  cipher: "secret",
  aes: "secret",
  jwt: "secret",
  ssh: "private_key",
  gpg: "private_key",
  pgp: "private_key",
  recovery: "secret",
  sas: "secret"
};
var PLAIN_KEY_QUALIFIERS = /* @__PURE__ */ new Set([
  "public",
  "pub",
  "primary",
  "foreign",
  "partition",
  "sort",
  "cache",
  "idempotency",
  "object",
  "map",
  "label",
  "hash",
  "range",
  "group",
  "dedup",
  "dedupe",
  "lookup",
  "shard",
  "translation",
  "i18n",
  "row",
  "s3",
  "config",
  "ref",
  "cursor",
  "sharding",
  "composite",
  "unique",
  "index",
  "registry"
]);
var DESCRIBING_WORDS = /* @__PURE__ */ new Set([
  "name",
  "names",
  "file",
  "files",
  "path",
  "dir",
  "ref",
  "refs",
  "id",
  "ids",
  "count",
  "length",
  "len",
  "size",
  "ttl",
  "type",
  "kind",
  "expiry",
  "expires",
  "expiration",
  "at",
  "url",
  "uri",
  "endpoint",
  "header",
  "field",
  "prefix",
  "suffix",
  "policy",
  "version",
  "format",
  "algorithm",
  "alg",
  "mode",
  "enabled",
  "required",
  "hint",
  "label",
  "selector",
  "timeout",
  "rotation",
  "age",
  "limit",
  "source",
  "provider",
  "store",
  "location",
  "env",
  "var",
  "template",
  "fingerprint",
  "digest",
  "checksum",
  "usage",
  "scope",
  "scopes",
  "issuer",
  "audience",
  "lifetime",
  "duration",
  "interval",
  "seconds",
  "status",
  "error",
  "errors",
  "valid",
  "invalid",
  "reset",
  "strength",
  "complexity",
  "secrets",
  "tokens",
  "affinity",
  "reference",
  "mount",
  "volume"
]);
var SAME_SECRET_SUFFIXES = /* @__PURE__ */ new Set([
  "base",
  "value",
  "prod",
  "production",
  "dev",
  "staging",
  "live",
  "test",
  "old",
  "new",
  "current",
  "previous",
  "next",
  "b64",
  "base64",
  "hex",
  "raw",
  "enc",
  "encoded",
  "encrypted",
  "plain",
  "plaintext",
  "str",
  "string",
  "text",
  "data",
  "key",
  "v1",
  "v2"
]);
var CURSOR_WORDS = /* @__PURE__ */ new Set(["next", "page", "continue", "continuation", "sync", "pagination", "resume"]);
function nameWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
function secretName(name) {
  if (name.length > 100) return void 0;
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === void 0) return void 0;
  if (CURSOR_WORDS.has(words[0]) && words.length > 1) return void 0;
  const secretId = last === "id" && (words.at(-2) === "secret" || words.at(-2) === "session");
  if (DESCRIBING_WORDS.has(last) && !secretId) return void 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const kind = wordKind(words, i);
    if (!kind) continue;
    const trailing = words.slice(i + 1);
    const sameSecret = secretId && trailing.length === 1 || trailing.every((w) => SAME_SECRET_SUFFIXES.has(w) || /^\d+$/.test(w));
    return { kind: kind.kind, strength: sameSecret ? kind.strength : "weak" };
  }
  return void 0;
}
function wordKind(words, i) {
  const word = words[i];
  if (word === "session") {
    return i === words.length - 1 || words[i + 1] === "id" ? { kind: "session", strength: "strong" } : void 0;
  }
  if (word === "key" || word === "keys") {
    const qualifier = words[i - 1];
    if (qualifier !== void 0 && PLAIN_KEY_QUALIFIERS.has(qualifier)) return void 0;
    const kind2 = qualifier === void 0 ? void 0 : KEY_QUALIFIERS[qualifier];
    return kind2 ? { kind: kind2, strength: "strong" } : { kind: "secret", strength: "weak" };
  }
  const kind = SECRET_WORDS[word];
  if (kind) return { kind, strength: "strong" };
  for (const [suffix, suffixKind] of SECRET_SUFFIXES) {
    if (word.endsWith(suffix)) return { kind: suffixKind, strength: "strong" };
  }
  return void 0;
}
function looksRandom(value) {
  if (value.length < 16 || !/^[A-Za-z0-9+/=_.~-]+$/.test(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /\d/.test(value);
  return letters && digits || value.length >= 20 && /[a-z]/.test(value) && /[A-Z]/.test(value);
}

// src/shape/redact/tokens.ts
var token = (kind, source) => ({ kind, regex: new RegExp(source, "g") });
var TOKEN_PATTERNS = [
  // Cloud providers
  token(
    "aws_access_key_id",
    String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b`
  ),
  token("gcp_api_key", String.raw`\bAIza[0-9A-Za-z_-]{35}(?![\w-])`),
  token("gcp_oauth_token", String.raw`\bya29\.[0-9A-Za-z_-]{20,}`),
  token("gcp_refresh_token", String.raw`\b1//0[0-9A-Za-z_-]{40,}`),
  token("gcp_client_secret", String.raw`\bGOCSPX-[0-9A-Za-z_-]{28}`),
  token(
    "azure_client_secret",
    String.raw`(?<![\w~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])`
  ),
  token("digitalocean_token", String.raw`\bdo[opr]_v1_[a-f0-9]{64}\b`),
  token("alibaba_access_key_id", String.raw`\bLTAI[A-Za-z0-9]{20}\b`),
  token("ibm_or_yandex_key", String.raw`\bAQVN[A-Za-z0-9_-]{35,38}\b`),
  token("heroku_api_key", String.raw`\bHRKU-[A-Za-z0-9_-]{58,64}`),
  token("fly_token", String.raw`\bfm\d[a-z]?_[A-Za-z0-9+/=,_-]{40,}`),
  token("cloudflare_origin_key", String.raw`\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}`),
  token("databricks_token", String.raw`\bdapi[a-f0-9]{32}(?:-\d)?\b`),
  token("terraform_token", String.raw`\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`),
  token("pulumi_token", String.raw`\bpul-[a-f0-9]{40}\b`),
  token("doppler_token", String.raw`\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b`),
  token("vault_token", String.raw`\bhv[sbr]\.[A-Za-z0-9_-]{24,}`),
  token("age_secret_key", String.raw`\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b`),
  token("onepassword_token", String.raw`\bops_eyJ[A-Za-z0-9+/]{100,}={0,3}`),
  // Source control and package registries
  token("github_token", String.raw`\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b`),
  token(
    "gitlab_token",
    String.raw`\b(?:gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent|oas|rtr)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})`
  ),
  token("npm_token", String.raw`\bnpm_[A-Za-z0-9]{36}\b`),
  token("pypi_token", String.raw`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`),
  token("rubygems_token", String.raw`\brubygems_[a-f0-9]{48}\b`),
  token("dockerhub_token", String.raw`\bdckr_pat_[A-Za-z0-9_-]{27,}`),
  token("artifactory_key", String.raw`\bAKCp[A-Za-z0-9]{69}\b`),
  token("clojars_token", String.raw`\bCLOJARS_[a-z0-9]{60}\b`),
  token("atlassian_token", String.raw`\bAT[AC]TT3[A-Za-z0-9_=-]{50,}`),
  token("linear_token", String.raw`\blin_(?:api|oauth)_[A-Za-z0-9]{40}\b`),
  token("postman_key", String.raw`\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b`),
  token("octopus_key", String.raw`\bAPI-[A-Z0-9]{26}\b`),
  token("harness_token", String.raw`\bpat\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{20}\b`),
  token("figma_token", String.raw`\bfigd_[A-Za-z0-9_-]{40,}`),
  token("readme_key", String.raw`\brdme_[a-z0-9]{70}\b`),
  token("prefect_key", String.raw`\bpnu_[a-z0-9]{36}\b`),
  token("nuget_key", String.raw`\boy2[a-z0-9]{43}\b`),
  // Messaging and collaboration
  token(
    "slack_token",
    String.raw`\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})`
  ),
  token(
    "slack_webhook",
    String.raw`https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+`
  ),
  token(
    "discord_webhook",
    String.raw`https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]+`
  ),
  token("teams_webhook", String.raw`https://[\w-]+\.webhook\.office\.com/webhookb2/[^\s"'<>]+`),
  token("discord_bot_token", String.raw`\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}\b`),
  token("telegram_bot_token", String.raw`(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{33}(?![\w-])`),
  token("twilio_api_key", String.raw`\bSK[0-9a-fA-F]{32}\b`),
  token("sendgrid_key", String.raw`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b`),
  token("mailgun_key", String.raw`\bkey-[0-9a-f]{32}\b`),
  token("mailchimp_key", String.raw`\b[0-9a-f]{32}-us\d{1,2}\b`),
  token("notion_token", String.raw`\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b`),
  token("airtable_token", String.raw`\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b`),
  token("typeform_token", String.raw`\btfp_[A-Za-z0-9_.=-]{59}`),
  // Payments and commerce
  token("stripe_key", String.raw`\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b`),
  token("stripe_webhook_secret", String.raw`\bwhsec_[A-Za-z0-9+/=]{24,}`),
  token("square_token", String.raw`\b(?:sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43}|EAAA[A-Za-z0-9_-]{60,})`),
  token("shopify_token", String.raw`\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b`),
  token("flutterwave_key", String.raw`\bFLWSECK(?:_TEST)?-[a-h0-9]{32}-X\b`),
  token("easypost_key", String.raw`\bEZ[AT]K[A-Za-z0-9]{54}\b`),
  token("facebook_token", String.raw`\bEAA[A-Z][A-Za-z0-9]{60,}`),
  token("twitter_bearer", String.raw`\bA{22}[A-Za-z0-9%]{80,}`),
  // Observability and data
  token("newrelic_key", String.raw`\bNR(?:AK|JS|II|AA)-[A-Za-z0-9]{19,32}\b`),
  token("sentry_token", String.raw`\bsntry[su]_[A-Za-z0-9_=+/]{40,}`),
  token("grafana_token", String.raw`\b(?:glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})`),
  token("dynatrace_token", String.raw`\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b`),
  token("supabase_token", String.raw`\bsbp_[a-f0-9]{40}\b`),
  token("planetscale_token", String.raw`\bpscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.-]{32,64}`),
  token("mapbox_secret_token", String.raw`\bsk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}`),
  // AI providers: sk-… keys carry mixed case and digits, unlike a name such as sk-learn-training-job
  token("replicate_token", String.raw`\br8_[A-Za-z0-9]{37}\b`),
  token("huggingface_token", String.raw`\b(?:hf_|api_org_)[A-Za-z]{34}\b`),
  token(
    "api_key",
    String.raw`\bsk-(?:ant-(?:api|admin|sid)\d\d-|proj-|svcacct-|admin-|None-)?(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32,}`
  ),
  // Password hashes are as good as the password for offline guessing
  token(
    "password_hash",
    String.raw`\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|\$(?:apr1|1)\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$[56]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}`
  )
];
var ANY_TOKEN = new RegExp(TOKEN_PATTERNS.map((p) => `(${p.regex.source})`).join("|"), "g");
function tokenKind(groups) {
  const index = groups.findIndex((g) => g !== void 0);
  return TOKEN_PATTERNS[index]?.kind ?? "secret";
}

// src/shape/redact/text.ts
var mark = (kind) => `[REDACTED:${kind}]`;
var ci = (word) => [...word].map((c) => /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c).join("");
var QUOTE = String.raw`(?:\\*["'])`;
var TERM = String.raw`(?=$|[\s"',;&\\)}\]<])`;
var PATH = String.raw`(?:~|\.{1,2})?(?:/[A-Z]?[a-z0-9._@+-]*){2,}|/[a-z]+`;
var PLACEHOLDER = String.raw`(?:\[REDACTED[^\]\n]*\]|\*{3,}|<[^<>\s"']{0,40}>|\$\{\{[^}\n]{0,80}\}\}|\$\{[^}\s"']{0,80}\}|\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)|\$\([^)\n"']{0,80}\)|%[A-Za-z_]\w*%|\{\{[^}\n]{0,80}\}\}|(?:null|none|nil|true|false|undefined|None|Null|NULL|TRUE|FALSE)|api-key:[0-9a-f]{16}|jwt:https?:\/\/[^\s"',;&\\]+|${PATH})${TERM}`;
var NESTED = String.raw`\{\s*(?:["'\\]|[\w.-]+\s*:|\}|$)|\[\s*(?:["'\\{[\]\d]|$)`;
var VALUE_GUARD = String.raw`(?!${QUOTE}?${PLACEHOLDER}|${NESTED}|${QUOTE}${QUOTE}|[A-Za-z][\w-]*[ \t]+\[REDACTED)`;
var VALUE = String.raw`(\\+"(?:[^"\\]|\\+[^"\\])*\\+"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\{[^{}\n]*\}|[^\s"',;&\\]+)`;
var PLACEHOLDER_EXACT = new RegExp(`^(?:${PLACEHOLDER}|)$`);
function isPlaceholder(value) {
  return PLACEHOLDER_EXACT.test(value);
}
function maskForName(name, value) {
  const secret = secretName(name);
  return secret && isSecretValue(secret, value) ? secret.kind : void 0;
}
function isSecretValue(secret, value) {
  const bare = unquote(value);
  if (isPlaceholder(bare)) return false;
  return secret.strength === "strong" || looksRandom(bare);
}
var PEM_NAME = "(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?";
var SEPARATOR = String.raw`(${QUOTE}?[ \t]*(?:=>|:=|:(?!:)|=)[ \t]*)`;
var KEY_STEMS = [
  "pass",
  "pw",
  "secret",
  "token",
  "key",
  "cred",
  "auth",
  "cookie",
  "sess",
  "sid",
  "sig",
  "dsn",
  "salt",
  "bearer",
  "otp",
  "pat"
].map(ci).join("|");
var KEY = String.raw`(?<![\w.]|[\w.]-)(?!api-key:[0-9a-f]{16}\b)(?=[\w.-]*?(?:${KEY_STEMS}))([A-Za-z_][\w.-]*)`;
var TEXT_PATTERNS = [
  {
    // A PEM private key, one block even across lines or JSON-escaped \n; a cut-off block is
    // masked to the end of the text (or of its JSON string). PuTTY keys likewise.
    hint: (text) => text.includes("-----BEGIN ") || text.includes("PuTTY-User-Key-File-"),
    regex: new RegExp(
      String.raw`-----BEGIN ${PEM_NAME}-----[^"]*?(?:-----END ${PEM_NAME}-----|(?=\\*")|$)|PuTTY-User-Key-File-\d+:[^"]*?(?:Private-MAC:[ \t]*[0-9a-f]+|(?=\\*")|$)`,
      "g"
    ),
    mask: () => mark("private_key")
  },
  {
    // Every prefixed token shape (./tokens.ts), looked for only inside runs long enough to
    // hold one: one alternation over a whole log line costs more than the rest together.
    regex: /[^\s"'`<>()[\]{},;|\\]{16,}/g,
    mask: ({ text }) => text.replace(ANY_TOKEN, (...groups) => mark(tokenKind(groups.slice(1, -2))))
  },
  {
    hint: (text) => text.includes("eyJ"),
    regex: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    mask: () => mark("jwt")
  },
  {
    // Cookie and Set-Cookie headers: every cookie of the line.
    hint: (text) => text.includes("ookie"),
    regex: /\b((?:[Ss]et-)?[Cc]ookie:[ \t]*)(?!\[REDACTED)([^\r\n"\\]+)/g,
    mask: ({ groups: [prefix] }) => `${prefix}${mark("session")}`
  },
  {
    hint: (text) => /authorization/i.test(text),
    // Authorization: <scheme> <credentials>, any scheme (Basic, Bearer, SSWS, Splunk, ApiKey…).
    regex: new RegExp(
      String.raw`\b((?:${ci("proxy-")})?${ci("authorization")}\\?["']?\s*[:=]\s*\\?["']?)([A-Za-z][\w-]*[ \t]+(?=[^\s"',;\\])|)(?!\[REDACTED|\*\*\*)(?=[^\s"',;\\]*[\d=+/_.-]|[^\s"',;\\]{12})[^\s"',;\\]+`,
      "g"
    ),
    mask: ({ groups: [prefix, scheme] }) => `${prefix}${scheme}${mark("authorization")}`
  },
  {
    // Long and with a digit, so prose ("Bearer authentication failed") is left alone.
    hint: (text) => text.includes("earer"),
    regex: /\b([Bb]earer\s+)(?!\[REDACTED)(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{16,}=*/g,
    mask: ({ groups: [prefix] }) => `${prefix}${mark("bearer")}`
  },
  {
    // scheme://user:password@host (the user may be empty: redis://:pw@cache).
    hint: (text) => text.includes("://"),
    regex: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)(?!\[REDACTED|\*\*\*@)[^\s/?#]+@/gi,
    mask: ({ groups: [prefix] }) => `${prefix}***@`
  },
  {
    // scheme://TOKEN@host: a token as the user (Sentry DSN, https://<token>@github.com).
    hint: (text) => text.includes("://"),
    regex: /\b([a-z][a-z0-9+.-]*:\/\/)(?=[^\s:/?#@]*\d)(?=[^\s:/?#@]*[A-Za-z])[^\s:/?#@[\]]{16,}@/gi,
    mask: ({ groups: [prefix] }) => `${prefix}${mark("token")}@`
  },
  {
    // Go's MySQL DSN user:password@tcp(host:3306)/db and Oracle's user/password@host.
    hint: (text) => text.includes("@"),
    regex: /\b([\w.-]+:)(?!\[REDACTED)[^\s@:/]+@(?=(?:tcp|udp|unix)\()|\b(jdbc:oracle:[a-z]+:@?[\w.$-]+\/)(?!\[REDACTED)[^\s@/]+@/g,
    mask: ({ groups: [user, oracle] }) => `${user ?? oracle}${mark("password")}@`
  },
  {
    // name: DB_PASSWORD … value: hunter2 (env entries in YAML or JSON text, .NET <add key= value=>).
    hint: (text) => /value/i.test(text),
    regex: new RegExp(
      String.raw`((?<![\w.-])${QUOTE}?(?:name|Name|NAME|key|Key)${QUOTE}?[ \t]*[:=][ \t]*${QUOTE}?)([A-Za-z_][\w.-]*)(${QUOTE}?[ \t]*(?:,|\r?\n|\\+n|[ \t])(?:\s|\\+n)*(?:-[ \t]*)?${QUOTE}?(?:value|Value|VALUE)${QUOTE}?[ \t]*[:=][ \t]*)${VALUE_GUARD}${VALUE}`,
      "g"
    ),
    mask: ({ groups: [before, name, between, value] }, inner2) => {
      const kind = maskForName(name, value);
      return `${before}${name}${between}${kind ? quoted(value, mark(kind)) : inner2(value)}`;
    }
  },
  {
    // <password>hunter2</password>
    hint: (text) => text.includes("</"),
    regex: new RegExp(String.raw`<([A-Za-z_][\w:.-]*)>${VALUE_GUARD}([^<\n]{1,200})</\1>`, "g"),
    mask: ({ groups: [tag, value] }, inner2) => {
      const kind = maskForName(tag, value);
      return `<${tag}>${kind ? mark(kind) : inner2(value)}</${tag}>`;
    }
  },
  {
    // password=…  "apiKey": "…"  DB_PASSWORD=…  AccountKey=…;  --db-password=…  X-Api-Key: …
    regex: new RegExp(`${KEY}${SEPARATOR}${VALUE_GUARD}${VALUE}`, "g"),
    mask: ({ groups: [key, separator, value], input, offset }, inner2) => {
      const kind = maskForName(key, value);
      const keep = !kind || isProse(input, offset, separator, value);
      return `${key}${separator}${keep ? inner2(value) : quoted(value, mark(kind))}`;
    }
  },
  {
    // curl -u user:password, --user=user:password
    hint: (text) => text.includes("-u"),
    regex: /(?<![\w-])(-u|--user)([ \t]+|=)([^\s:"']+:)(?!\[REDACTED)([^\s"']+)/g,
    mask: ({ groups: [flag, space, user] }) => `${flag}${space}${user}${mark("password")}`
  },
  {
    // --password hunter2 (a flag and its value apart).
    hint: (text) => text.includes("-"),
    regex: new RegExp(String.raw`(?<![\w-])(--?[A-Za-z][\w-]*)([ \t]+)(?!-)${VALUE_GUARD}${VALUE}`, "g"),
    mask: ({ groups: [flag, space, value] }, inner2) => {
      const kind = maskForName(flag.replace(/^-+/, ""), value);
      return `${flag}${space}${kind ? quoted(value, mark(kind)) : inner2(value)}`;
    }
  }
];
function isProse(input, offset, separator, value) {
  if (separator.includes("=") || !/^[A-Za-z][a-z]{0,14}$/.test(value)) return false;
  const before = input.slice(Math.max(0, offset - 100), offset);
  return /[A-Za-z0-9]\s+$/.test(before);
}
var QUOTED = /^(\\*["'])([\s\S]*)\1$/;
function unquote(value) {
  return QUOTED.exec(value)?.[2] ?? value;
}
function quoted(value, masked) {
  const quote = QUOTED.exec(value)?.[1];
  return quote ? `${quote}${masked}${quote}` : masked;
}

// src/shape/redact/split.ts
var PEM_NAME2 = "(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?";
var BLOCK_BEGIN = new RegExp(`-----BEGIN ${PEM_NAME2}-----|PuTTY-User-Key-File-\\d+:`, "g");
var BLOCK_END = new RegExp(`-----END ${PEM_NAME2}-----|Private-MAC:[ \\t]*[0-9a-f]+`);
var BLOCK_BODY = /^\s*[A-Za-z0-9+/=]*\s*$|[A-Za-z0-9+/=]{16,}|^\s*[A-Za-z][\w-]*:\s/;
var MAX_BLOCK_LINES = 400;
var NAME_LINE = /(?:^|[\s{,])\\*["']?(?:name|Name|key|Key)\\*["']?[ \t]*[:=][ \t]*\\*["']?([A-Za-z_][\w.-]*)\\*["']?[ \t]*,?[ \t]*$/;
var VALUE_LINE = /^([ \t]*(?:-[ \t]*)?\\*["']?(?:value|Value)\\*["']?[ \t]*[:=][ \t]*)(.+?)[ \t]*$/;
var SplitSecrets = class {
  #inBlock = false;
  #blockLines = 0;
  #pendingName;
  /**
   * The piece to redact instead of `piece`: masked while inside a key (with what follows
   * its end), a value line with its value masked, or undefined when nothing carries over.
   */
  next(piece) {
    const replaced = this.#continue(piece);
    const rest = replaced ?? piece;
    this.#inBlock ||= opensBlock(rest);
    const name = this.#inBlock ? void 0 : NAME_LINE.exec(rest)?.[1];
    this.#pendingName = name && secretName(name) ? name : void 0;
    return replaced;
  }
  #continue(piece) {
    const name = this.#pendingName;
    this.#pendingName = void 0;
    if (this.#inBlock) {
      const end = BLOCK_END.exec(piece);
      if (end) {
        this.#inBlock = false;
        return `${mark("private_key")}${piece.slice(end.index + end[0].length)}`;
      }
      if (++this.#blockLines <= MAX_BLOCK_LINES && BLOCK_BODY.test(piece)) return mark("private_key");
      this.#inBlock = false;
    }
    this.#blockLines = 0;
    const value = name === void 0 ? void 0 : VALUE_LINE.exec(piece);
    if (!value) return void 0;
    const kind = maskForName(name, value[2]);
    return kind ? `${value[1]}${mark(kind)}` : void 0;
  }
};
function opensBlock(text) {
  if (!text.includes("-----BEGIN ") && !text.includes("PuTTY-User-Key-File-")) return false;
  let last = -1;
  for (const m of text.matchAll(BLOCK_BEGIN)) last = m.index + m[0].length;
  return last >= 0 && !BLOCK_END.test(text.slice(last));
}

// src/shape/redact.ts
function redactString(s) {
  let text = s;
  for (const { hint, regex, mask } of TEXT_PATTERNS) {
    if (hint && !hint(text)) continue;
    text = text.replace(regex, (match, ...rest) => {
      const m = {
        text: match,
        groups: rest.slice(0, -2),
        offset: rest.at(-2),
        input: rest.at(-1)
      };
      return mask(m, inner);
    });
  }
  return { text, count: countMasks(text) };
}
function inner(s) {
  return s.length < 8 ? s : redactString(s).text;
}
var MASKS = /\[REDACTED:[a-z0-9_]+\]|:\*\*\*@/g;
function countMasks(text) {
  if (!text.includes("[REDACTED:") && !text.includes("***@")) return 0;
  return text.match(MASKS)?.length ?? 0;
}
var PAIR_VALUES = /* @__PURE__ */ new Set([
  "value",
  "Value",
  "from",
  "to",
  "before",
  "after",
  "old",
  "new",
  "oldValue",
  "newValue",
  "previous",
  "current",
  "default"
]);
var PAIR_NAMES = ["name", "Name", "key", "Key", "path", "header", "field", "variable"];
function redact(value) {
  let redactions = 0;
  const text = (s) => {
    const r = redactString(s);
    redactions += r.count;
    return r.text;
  };
  const masked = (kind) => {
    redactions++;
    return mark(kind);
  };
  const walk = (node, key) => {
    if (typeof node === "string") {
      const kind = key === void 0 ? void 0 : maskForName(key, node);
      return kind ? masked(kind) : text(node);
    }
    if (Array.isArray(node)) return walkArray(node, key);
    if (isPlainObject(node)) return walkObject(node);
    return node;
  };
  const walkObject = (node) => {
    const label = pairName(node);
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      const kind = label && PAIR_VALUES.has(k) && typeof v === "string" ? maskForName(label, v) : void 0;
      out[k] = kind ? masked(kind) : walk(v, k);
    }
    return out;
  };
  const walkArray = (items, key) => {
    const split = new SplitSecrets();
    let flagKind;
    return items.map((item) => {
      if (typeof item !== "string") {
        flagKind = void 0;
        return walk(item);
      }
      const continued = split.next(item);
      if (continued !== void 0) return text(continued);
      const kind = flagKind && !item.startsWith("-") ? maskForName(flagKind, item) : void 0;
      flagKind = /^--?[A-Za-z][\w-]*$/.test(item) ? item.replace(/^-+/, "") : void 0;
      return kind ? masked(kind) : walk(item, key);
    });
  };
  return { value: walk(value), redactions };
}
function removedSecrets(original, redacted) {
  const after = stringsOf(redacted).join("\n");
  const runs = stringsOf(original).flatMap((s) => s.match(RUN) ?? []);
  return [...new Set(runs.filter((run) => !after.includes(run)))].sort((a, b) => b.length - a.length);
}
var RUN = /[^\s"'`,;&=:@?#()<>[\]{}|\\]{8,}/g;
function maskEchoes(value, secrets) {
  if (!secrets.length) return value;
  const mask = (s) => {
    let out = s;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(mark("secret"));
    return out;
  };
  const walk = (node) => {
    if (typeof node === "string") return mask(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node instanceof Error) {
      const masked = new Error(mask(node.message));
      masked.name = node.name;
      if (node.stack) masked.stack = mask(node.stack);
      return masked;
    }
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value);
}
function stringsOf(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringsOf);
  return [];
}
function pairName(node) {
  for (const field of PAIR_NAMES) {
    const v = node[field];
    if (typeof v !== "string") continue;
    return field === "path" ? v.split(/[.[\]/]/).filter(Boolean).at(-1) : v;
  }
  return void 0;
}
function* maskSplitSecrets(lines) {
  const streams = /* @__PURE__ */ new Map();
  for (const line of lines) {
    const source = line.source ?? "";
    let split = streams.get(source);
    if (!split) {
      split = new SplitSecrets();
      streams.set(source, split);
    }
    const continued = split.next(line.text);
    yield continued === void 0 ? line : { ...line, text: continued };
  }
}
function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export {
  openDatabase,
  inImmediateTransaction,
  migrate,
  secretName,
  redactString,
  redact,
  removedSecrets,
  maskEchoes,
  maskSplitSecrets
};
