// PromQL literal text to values, as Prometheus 2.42's lexer and parser read it: numbers
// (decimal, hex, octal with a leading 0, Inf, NaN), durations (`1h30m`, units in order) and
// strings in double quotes, single quotes (both with Go escapes) or backticks (raw).
// Malformed text throws a SyntaxError with the message Prometheus gives; the parser adds
// the position.

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

export function isDurationText(text: string): boolean {
  return text !== '' && DURATION.test(text) && /\D/.test(text);
}

/** A Prometheus duration (`5m`, `1h30m`, `0`) in milliseconds. */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!text || !match) throw new SyntaxError(`not a valid duration string: ${JSON.stringify(text)}`);
  return UNIT_MS.reduce((total, unit, i) => total + Number(match[i + 1] ?? 0) * unit, 0);
}

/** A number literal; the text may carry a sign, possibly separated by spaces (`- 2`). */
export function parseNumber(text: string): number {
  const signed = /^([+-])\s*(.*)$/s.exec(text);
  if (signed) {
    const magnitude = parseNumber(signed[2]!);
    return signed[1] === '-' ? -magnitude : magnitude;
  }
  if (/^inf$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  // Go's ParseInt with base 0 reads a leading 0 as octal.
  if (/^0[0-7]+$/.test(text)) return Number.parseInt(text, 8);
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (isDurationText(text)) throw new SyntaxError(`unexpected duration ${JSON.stringify(text)}`);
  throw new SyntaxError(`bad number or duration syntax: ${JSON.stringify(text)}`);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** The value of a quoted string literal, its quotes included in `text`. */
export function unquote(text: string): string {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote || !`"'\``.includes(quote ?? '')) {
    throw new SyntaxError(`unterminated quoted string ${text}`);
  }
  const body = text.slice(1, -1);
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escaped = body[++i] ?? '';
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const [digits, base] =
      escaped === 'x'
        ? [2, 16]
        : escaped === 'u'
          ? [4, 16]
          : escaped === 'U'
            ? [8, 16]
            : /[0-7]/.test(escaped)
              ? [3, 8]
              : [0, 0];
    const code = base === 8 ? body.slice(i, i + 3) : body.slice(i + 1, i + 1 + digits);
    const valid = base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
    if (!digits || code.length !== digits || !valid.test(code)) {
      throw new SyntaxError(`unknown escape sequence ${JSON.stringify(`\\${escaped}`)}`);
    }
    out += String.fromCodePoint(Number.parseInt(code, base));
    i += base === 8 ? 2 : digits;
  }
  return out;
}
