// Secrets never reach the agent (DESIGN §6): every string in a tool's output passes these
// patterns before it leaves the server, and the count of masks is reported so the agent
// knows something was hidden. Patterns run most-specific first; each replacement is
// `[REDACTED:<kind>]`, which no later pattern matches again, so a secret counts once.

export interface Redacted {
  text: string;
  count: number;
}

interface Pattern {
  kind: string;
  regex: RegExp;
  /**
   * Rebuilds the match with the secret masked, or returns undefined when the match is
   * not a secret after all; the default masks the whole match.
   */
  mask?: (groups: string[], input: string, offset: number) => string | undefined;
}

const mark = (kind: string) => `[REDACTED:${kind}]`;
const NOT_MASKED = '(?!\\[REDACTED|\\*\\*\\*)';
const AUTH_SCHEME = '(?:bearer|basic|token|digest|negotiate)';

// Words that end a key whose value is a secret: DB_PASSWORD=, "apiKey":, client_secret: …
const SECRET_KEY_WORD =
  'passwords?|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|credentials?';
// Tokens that are cursors, not credentials: agents need them to page (nextToken, continue_token).
const CURSOR_PREFIX = '(?<!next[_-]?|page[_-]?|continue[_-]?|continuation[_-]?|sync[_-]?|old)';
// Values that are not secrets, bare or quoted: masks already applied (***, [REDACTED…]),
// placeholders (${VAR}, <password>, {{ .Values.x }}), nested structures, file paths,
// literals, and the empty string.
const NON_SECRET = '[\\[{<$*/]|(?:null|none|true|false|undefined)\\b';
const SECRET_VALUE_GUARD = `(?!\\\\?["'](?:${NON_SECRET}|\\\\?["'])|${NON_SECRET})`;
const QUOTED_OR_BARE_VALUE = `(\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\"|"(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*'|[^\\s"',;&\\\\]+)`;

const PATTERNS: Pattern[] = [
  {
    kind: 'private_key',
    // A cut-off block (truncated log) is masked to the end of the text.
    regex:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  { kind: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g },
  {
    kind: 'authorization',
    regex: new RegExp(
      `\\b((?:proxy-)?authorization\\\\?["']?\\s*[:=]\\s*\\\\?["']?)(${AUTH_SCHEME}\\s+|(?!${AUTH_SCHEME}\\s))${NOT_MASKED}[^\\s"',;\\\\]+`,
      'gi',
    ),
    mask: ([prefix, scheme]) => `${prefix}${scheme}${mark('authorization')}`,
  },
  {
    kind: 'bearer',
    // Long and with a digit, so prose ("Bearer authentication failed") is left alone.
    regex: /\b([Bb]earer\s+)(?=[A-Za-z._~+/-]*\d)[A-Za-z0-9._~+/-]{16,}=*/g,
    mask: ([prefix]) => `${prefix}${mark('bearer')}`,
  },
  {
    kind: 'url_password',
    regex: new RegExp(`\\b([a-z][a-z0-9+.-]*://[^\\s:/?#@]+:)${NOT_MASKED}[^\\s/?#]+@`, 'gi'),
    mask: ([prefix]) => `${prefix}***@`,
  },
  { kind: 'aws_access_key_id', regex: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'github_token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'slack_token', regex: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack_webhook', regex: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { kind: 'stripe_key', regex: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'gcp_api_key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'gcp_oauth_token', regex: /\bya29\.[0-9A-Za-z_-]{20,}/g },
  { kind: 'api_key', regex: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}/g },
  {
    kind: 'secret',
    // password=…;  "apiKey": "…"  DB_PASSWORD=…  pwd=…  (connection strings, env, JSON, YAML)
    regex: new RegExp(
      `${CURSOR_PREFIX}(${SECRET_KEY_WORD})(\\\\?["']?\\s*[:=]\\s*)${SECRET_VALUE_GUARD}${QUOTED_OR_BARE_VALUE}`,
      'gi',
    ),
    mask: ([word, separator, value], input, offset) =>
      isProse(input, offset, separator!, value!)
        ? undefined
        : `${word}${separator}${quoted(value!, mark(secretKind(word!)))}`,
  },
];

/** A key naming a secret, for structured output: { password: '…' }, { apiKey: '…' }. */
const SECRET_KEY = new RegExp(`${CURSOR_PREFIX}(?:${SECRET_KEY_WORD})$`, 'i');
const SECRET_VALUE = new RegExp(`^${SECRET_VALUE_GUARD}.`, 'i');

export function redactString(s: string): Redacted {
  let text = s;
  let count = 0;
  for (const { kind, regex, mask } of PATTERNS) {
    text = text.replace(regex, (match: string, ...rest: unknown[]) => {
      // rest is (...groups, offset, input): no pattern uses named groups.
      const masked = mask
        ? mask(rest.slice(0, -2) as string[], rest.at(-1) as string, rest.at(-2) as number)
        : mark(kind);
      if (masked === undefined) return match;
      count++;
      return masked;
    });
  }
  return { text, count };
}

/** Masks secrets in every string value (not keys) of a JSON-like value; returns a copy. */
export function redact<T>(value: T): { value: T; redactions: number } {
  let redactions = 0;
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && SECRET_KEY.test(key) && SECRET_VALUE.test(node)) {
        redactions++;
        return mark(secretKind(key.match(new RegExp(`(?:${SECRET_KEY_WORD})$`, 'i'))![0]));
      }
      const { text, count } = redactString(node);
      redactions += count;
      return text;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, k);
      return out;
    }
    return node;
  };
  return { value: walk(value) as T, redactions };
}

/**
 * "invalid token: expired signature" is a sentence, not a key: a bare word after `key:`
 * stays when the key follows other words on its line. YAML (`password: changeme` at the
 * start of a line), `key=value` and quoted values are always masked.
 */
function isProse(input: string, offset: number, separator: string, value: string): boolean {
  if (separator.includes('=') || !/^[A-Za-z]+$/.test(value)) return false;
  const before = input.slice(Math.max(0, offset - 100), offset).replace(/[A-Za-z0-9_.-]*$/, '');
  return /[A-Za-z0-9]\s+$/.test(before);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function secretKind(word: string): string {
  const normalized = word.toLowerCase().replace(/[_-]/g, '');
  if (normalized.startsWith('pass') || normalized === 'pwd') return 'password';
  if (normalized === 'apikey') return 'api_key';
  if (normalized.startsWith('credential')) return 'credential';
  if (normalized === 'token') return 'token';
  if (normalized === 'privatekey') return 'private_key';
  return 'secret';
}

/** Keeps the value's quoting (", ', or JSON-escaped \") around the mask. */
function quoted(value: string, masked: string): string {
  for (const quote of ['\\"', '"', "'"]) {
    if (value.startsWith(quote) && value.endsWith(quote) && value.length >= quote.length * 2) {
      return `${quote}${masked}${quote}`;
    }
  }
  return masked;
}
