// The patterns that find secrets in free text (log lines, error messages, annotations,
// YAML/JSON/INI/properties dumps, connection strings, headers), most specific first. Where
// the text has structure the patterns read it: `key=value` and `key: value` are masked when
// the key's words name a secret (./names.ts), `name: X … value: Y` pairs (Kubernetes env in
// YAML or JSON text) when X does, and so are XML elements and CLI flags. A value that is a
// placeholder (${VAR}, <password>, {{ .Values.x }}, a file path, a mask) stays.

import { looksRandom, type SecretName, secretName } from './names.ts';
import { ANY_TOKEN, tokenKind } from './tokens.ts';

export const mark = (kind: string) => `[REDACTED:${kind}]`;

export interface TextPattern {
  /** A quick test that must pass for the regex to have a chance (most log lines skip most patterns). */
  hint?: (text: string) => boolean;
  regex: RegExp;
  /** The replacement for one match; `inner` redacts a part of the match that is kept. */
  mask: (m: Match, inner: (s: string) => string) => string;
}

export interface Match {
  text: string;
  groups: string[];
  offset: number;
  input: string;
}

/** Case-insensitive letters without the `i` flag, which would blur $VAR (a placeholder) and $uperS3cret. */
const ci = (word: string) =>
  [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');

// A quote, JSON-escaped to any depth (", \\\" in a JSON string inside a JSON log line).
const QUOTE = String.raw`(?:\\*["'])`;
// Where a bare value ends.
const TERM = String.raw`(?=$|[\s"',;&\\)}\]<])`;
// A path of lowercase-ish segments (/etc/ssl/private/tls.key, ~/.pgpass): base64 secrets
// that start with / have mixed-case segments.
const PATH = String.raw`(?:~|\.{1,2})?(?:/[A-Z]?[a-z0-9._@+-]*){2,}|/[a-z]+`;
// Not secrets: masks, <…>, ${…}, $VAR, $(…), %VAR%, {{ … }}, literals, paths, and the gate's
// own credential references (a principal's api-key:<sha256 prefix>, jwt:<issuer>).
const PLACEHOLDER = String.raw`(?:\[REDACTED[^\]\n]*\]|\*{3,}|<[^<>\s"']{0,40}>|\$\{\{[^}\n]{0,80}\}\}|\$\{[^}\s"']{0,80}\}|\$(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*)|\$\([^)\n"']{0,80}\)|%[A-Za-z_]\w*%|\{\{[^}\n]{0,80}\}\}|(?:null|none|nil|true|false|undefined|None|Null|NULL|TRUE|FALSE)|api-key:[0-9a-f]{16}|jwt:https?:\/\/[^\s"',;&\\]+|${PATH})${TERM}`;
// A value that opens a structure: its own keys are looked at one by one.
const NESTED = String.raw`\{\s*(?:["'\\]|[\w.-]+\s*:|\}|$)|\[\s*(?:["'\\{[\]\d]|$)`;
/** Before a value: fails on placeholders, structures, empty quotes and masked header values. */
const VALUE_GUARD = String.raw`(?!${QUOTE}?${PLACEHOLDER}|${NESTED}|${QUOTE}${QUOTE}|[A-Za-z][\w-]*[ \t]+\[REDACTED)`;
/** A value: JSON-escaped quoted (any depth), quoted, braced (ODBC Pwd={…;…}), or bare. */
const VALUE = String.raw`(\\+"(?:[^"\\]|\\+[^"\\])*\\+"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\{[^{}\n]*\}|[^\s"',;&\\]+)`;
const PLACEHOLDER_EXACT = new RegExp(`^(?:${PLACEHOLDER}|)$`);

/** Whether a whole value is a placeholder, a mask or empty, not a secret. */
function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_EXACT.test(value);
}

/** The mask for `value` under `name`, or undefined when the name does not say secret or the value is none. */
export function maskForName(name: string, value: string): string | undefined {
  const secret = secretName(name);
  return secret && isSecretValue(secret, value) ? secret.kind : undefined;
}

function isSecretValue(secret: SecretName, value: string): boolean {
  const bare = unquote(value);
  if (isPlaceholder(bare)) return false;
  return secret.strength === 'strong' || looksRandom(bare);
}

const PEM_NAME = '(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?';

// Separators of key and value: = : => := (not :: of a qualified name), spaces around.
const SEPARATOR = String.raw`(${QUOTE}?[ \t]*(?:=>|:=|:(?!:)|=)[ \t]*)`;
// A key holding one of these stems may name a secret (./names.ts decides).
const KEY_STEMS = [
  'pass',
  'pw',
  'secret',
  'token',
  'key',
  'cred',
  'auth',
  'cookie',
  'sess',
  'sid',
  'sig',
  'dsn',
  'salt',
  'bearer',
  'otp',
  'pat',
]
  .map(ci)
  .join('|');
// The gate's own credential references (api-key:<sha256 prefix>) name a key, they are not one.
const KEY = String.raw`(?<![\w.]|[\w.]-)(?!api-key:[0-9a-f]{16}\b)(?=[\w.-]*?(?:${KEY_STEMS}))([A-Za-z_][\w.-]*)`;

export const TEXT_PATTERNS: readonly TextPattern[] = [
  {
    // A PEM private key, one block even across lines or JSON-escaped \n; a cut-off block is
    // masked to the end of the text (or of its JSON string). PuTTY keys likewise.
    hint: (text) => text.includes('-----BEGIN ') || text.includes('PuTTY-User-Key-File-'),
    regex: new RegExp(
      String.raw`-----BEGIN ${PEM_NAME}-----[^"]*?(?:-----END ${PEM_NAME}-----|(?=\\*")|$)|PuTTY-User-Key-File-\d+:[^"]*?(?:Private-MAC:[ \t]*[0-9a-f]+|(?=\\*")|$)`,
      'g',
    ),
    mask: () => mark('private_key'),
  },
  {
    // Every prefixed token shape (./tokens.ts), looked for only inside runs long enough to
    // hold one: one alternation over a whole log line costs more than the rest together.
    regex: /[^\s"'`<>()[\]{},;|\\]{16,}/g,
    mask: ({ text }) =>
      text.replace(ANY_TOKEN, (...groups: unknown[]) => mark(tokenKind(groups.slice(1, -2)))),
  },
  {
    hint: (text) => text.includes('eyJ'),
    regex: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    mask: () => mark('jwt'),
  },
  {
    // Cookie and Set-Cookie headers: every cookie of the line.
    hint: (text) => text.includes('ookie'),
    regex: /\b((?:[Ss]et-)?[Cc]ookie:[ \t]*)(?!\[REDACTED)([^\r\n"\\]+)/g,
    mask: ({ groups: [prefix] }) => `${prefix}${mark('session')}`,
  },
  {
    hint: (text) => /authorization/i.test(text),
    // Authorization: <scheme> <credentials>, any scheme (Basic, Bearer, SSWS, Splunk, ApiKey…).
    regex: new RegExp(
      String.raw`\b((?:${ci('proxy-')})?${ci('authorization')}\\?["']?\s*[:=]\s*\\?["']?)([A-Za-z][\w-]*[ \t]+(?=[^\s"',;\\])|)(?!\[REDACTED|\*\*\*)(?=[^\s"',;\\]*[\d=+/_.-]|[^\s"',;\\]{12})[^\s"',;\\]+`,
      'g',
    ),
    mask: ({ groups: [prefix, scheme] }) => `${prefix}${scheme}${mark('authorization')}`,
  },
  {
    // Long and with a digit, so prose ("Bearer authentication failed") is left alone.
    hint: (text) => text.includes('earer'),
    regex: /\b([Bb]earer\s+)(?!\[REDACTED)(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{16,}=*/g,
    mask: ({ groups: [prefix] }) => `${prefix}${mark('bearer')}`,
  },
  {
    // scheme://user:password@host (the user may be empty: redis://:pw@cache).
    hint: (text) => text.includes('://'),
    regex: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)(?!\[REDACTED|\*\*\*@)[^\s/?#]+@/gi,
    mask: ({ groups: [prefix] }) => `${prefix}***@`,
  },
  {
    // scheme://TOKEN@host: a token as the user (Sentry DSN, https://<token>@github.com).
    hint: (text) => text.includes('://'),
    regex: /\b([a-z][a-z0-9+.-]*:\/\/)(?=[^\s:/?#@]*\d)(?=[^\s:/?#@]*[A-Za-z])[^\s:/?#@[\]]{16,}@/gi,
    mask: ({ groups: [prefix] }) => `${prefix}${mark('token')}@`,
  },
  {
    // Go's MySQL DSN user:password@tcp(host:3306)/db and Oracle's user/password@host.
    hint: (text) => text.includes('@'),
    regex:
      /\b([\w.-]+:)(?!\[REDACTED)[^\s@:/]+@(?=(?:tcp|udp|unix)\()|\b(jdbc:oracle:[a-z]+:@?[\w.$-]+\/)(?!\[REDACTED)[^\s@/]+@/g,
    mask: ({ groups: [user, oracle] }) => `${user ?? oracle}${mark('password')}@`,
  },
  {
    // name: DB_PASSWORD … value: hunter2 (env entries in YAML or JSON text, .NET <add key= value=>).
    hint: (text) => /value/i.test(text),
    regex: new RegExp(
      String.raw`((?<![\w.-])${QUOTE}?(?:name|Name|NAME|key|Key)${QUOTE}?[ \t]*[:=][ \t]*${QUOTE}?)([A-Za-z_][\w.-]*)(${QUOTE}?[ \t]*(?:,|\r?\n|\\+n|[ \t])(?:\s|\\+n)*(?:-[ \t]*)?${QUOTE}?(?:value|Value|VALUE)${QUOTE}?[ \t]*[:=][ \t]*)${VALUE_GUARD}${VALUE}`,
      'g',
    ),
    mask: ({ groups: [before, name, between, value] }, inner) => {
      const kind = maskForName(name!, value!);
      return `${before}${name}${between}${kind ? quoted(value!, mark(kind)) : inner(value!)}`;
    },
  },
  {
    // <password>hunter2</password>
    hint: (text) => text.includes('</'),
    regex: new RegExp(String.raw`<([A-Za-z_][\w:.-]*)>${VALUE_GUARD}([^<\n]{1,200})</\1>`, 'g'),
    mask: ({ groups: [tag, value] }, inner) => {
      const kind = maskForName(tag!, value!);
      return `<${tag}>${kind ? mark(kind) : inner(value!)}</${tag}>`;
    },
  },
  {
    // password=…  "apiKey": "…"  DB_PASSWORD=…  AccountKey=…;  --db-password=…  X-Api-Key: …
    regex: new RegExp(`${KEY}${SEPARATOR}${VALUE_GUARD}${VALUE}`, 'g'),
    mask: ({ groups: [key, separator, value], input, offset }, inner) => {
      const kind = maskForName(key!, value!);
      const keep = !kind || isProse(input, offset, separator!, value!);
      return `${key}${separator}${keep ? inner(value!) : quoted(value!, mark(kind))}`;
    },
  },
  {
    // curl -u user:password, --user=user:password
    hint: (text) => text.includes('-u'),
    regex: /(?<![\w-])(-u|--user)([ \t]+|=)([^\s:"']+:)(?!\[REDACTED)([^\s"']+)/g,
    mask: ({ groups: [flag, space, user] }) => `${flag}${space}${user}${mark('password')}`,
  },
  {
    // --password hunter2 (a flag and its value apart).
    hint: (text) => text.includes('-'),
    regex: new RegExp(String.raw`(?<![\w-])(--?[A-Za-z][\w-]*)([ \t]+)(?!-)${VALUE_GUARD}${VALUE}`, 'g'),
    mask: ({ groups: [flag, space, value] }, inner) => {
      const kind = maskForName(flag!.replace(/^-+/, ''), value!);
      return `${flag}${space}${kind ? quoted(value!, mark(kind)) : inner(value!)}`;
    },
  },
];

/**
 * "invalid token: expired signature" is a sentence, not a key: a plain word after `key:`
 * stays when the key follows other words on its line. YAML (`password: changeme` at the
 * start of a line), `key=value`, quoted and credential-like values are always masked.
 */
function isProse(input: string, offset: number, separator: string, value: string): boolean {
  if (separator.includes('=') || !/^[A-Za-z][a-z]{0,14}$/.test(value)) return false;
  const before = input.slice(Math.max(0, offset - 100), offset);
  return /[A-Za-z0-9]\s+$/.test(before);
}

/** A value in quotes: ", ', or a quote JSON-escaped to any depth. */
const QUOTED = /^(\\*["'])([\s\S]*)\1$/;

/** A value without its quotes. */
function unquote(value: string): string {
  return QUOTED.exec(value)?.[2] ?? value;
}

/** Keeps the value's quoting around the mask. */
function quoted(value: string, masked: string): string {
  const quote = QUOTED.exec(value)?.[1];
  return quote ? `${quote}${masked}${quote}` : masked;
}
