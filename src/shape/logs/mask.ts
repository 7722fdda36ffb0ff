// Turns a log line into its template (DESIGN §6): what changes from one occurrence to the
// next (timestamps, uuids, addresses, durations, numbers, hex, ids, thread names) becomes a
// placeholder, so 50,000 request lines collapse into a few templates with counts.
// A variable token is masked whole, or split only where every kept part is plainly a name:
// the redactor runs on the output afterwards, and a half-masked token could hide a secret
// from its patterns (every credential pattern it knows needs 16 or more characters).

const HEX_DIGIT = '[0-9A-Fa-f]';
// 2024-03-14T10:00:00.123Z, 2024/03/14 10:00:00 (nginx), 14/Mar/2024:10:00:00 +0000
// (access logs), 10:00:00.123; factored on the leading two digits, which is faster.
const TIMESTAMP = String.raw`\d{2}(?:\d{2}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?|:\d{2}:\d{2}(?:[.,]\d+)?)`;
const UUID = `${HEX_DIGIT}{8}-${HEX_DIGIT}{4}-${HEX_DIGIT}{4}-${HEX_DIGIT}{4}-${HEX_DIGIT}{12}`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)`;
const IPV6_BODY =
  `(?:${HEX_DIGIT}{1,4}:){7}${HEX_DIGIT}{1,4}` +
  `|(?:${HEX_DIGIT}{1,4}:){0,6}${HEX_DIGIT}{0,4}::(?:${HEX_DIGIT}{1,4}:){0,6}${HEX_DIGIT}{0,4}`;
// Bracketed (with an optional port) or bare: two colons within the first groups (a quick
// rejection of ordinary words), a hex digit, and no word around it.
const IPV6 = String.raw`\[(?:${IPV6_BODY})\](?::\d{1,5})?|(?<!:)(?=${HEX_DIGIT}{0,4}:${HEX_DIGIT}{0,4}:)(?=[:0-9A-Fa-f]*[0-9A-Fa-f])(?:${IPV6_BODY})(?![\w:.])`;
// A thread or tag field: `[nio-8080-exec-3]`, `[ kafka-consumer-1]`. Left alone, one
// message would split into as many templates as there are threads.
const BRACKETED = String.raw`\[ *(?=[\w.~+-]*\d)[\w.~+-]*\]`; // the lookahead keeps it linear
const DURATION = String.raw`(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+(?!\w)`;
// An email address, or a run of name characters with a digit in it ending on a letter or
// digit; one alternative, so a token is scanned once for both.
const EMAIL_OR_TOKEN = String.raw`[\w.~+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\d(?:[\w.~+-]*[A-Za-z0-9])?)`;

/**
 * One pass per line: each alternative starts where a token starts, never inside one; runs
 * of spaces collapse to one. No capture groups (they cost a third of the time): `replace`
 * tells the kinds apart by shape.
 */
const VARIABLE = new RegExp(
  String.raw`(?<![\w.~+-])(?:${TIMESTAMP}|${UUID}(?!\w)|${IPV4}|${IPV6}|${BRACKETED}|${DURATION}|${EMAIL_OR_TOKEN})|\s{2,}`,
  'g',
);
const TIMESTAMP_EXACT = new RegExp(`^(?:${TIMESTAMP})$`);
const UUID_EXACT = new RegExp(`^${UUID}$`);
const IPV4_EXACT = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DURATION_EXACT = new RegExp(`^${DURATION}$`);
const NUMBER = /^[-+]?\d+(?:\.\d+)*$/;
const UUID_INSIDE = new RegExp(UUID, 'g');
const HEX = /^(?:0[xX][0-9A-Fa-f]+|[0-9A-Fa-f]{6,})$/;
const COUNTER = /^([A-Za-z]{1,8})\d{2,}$/; // user42, E0425 (klog), worker07
const WITH_UNIT = /^\d+([A-Za-z%]{1,3})$/; // 64Mi, 5xx, 2nd
const LETTER = /[A-Za-z]/;
const PLACEHOLDER = /^<\w+>$/;
const NAME = /^(?:[a-z][a-z0-9]*|[A-Z][a-z]+)?$/; // checkout, ec2, Order: kept beside masked parts
const CREDENTIAL_MIN_CHARS = 16;

/** The template of a line (or of a stack frame, for telling traces apart). */
export function templateOf(text: string): string {
  return text.replace(VARIABLE, replace);
}

/** The replacement for one match, told apart by shape in the order VARIABLE tries them. */
function replace(match: string): string {
  if (isDigits(match)) return '<num>'; // most matches: the fast path
  const first = match.charCodeAt(0);
  if (match.trim() === '') return ' ';
  if (match.includes('@')) return '<email>';
  if (match.includes(':')) return first === 91 /* [ */ || !TIMESTAMP_EXACT.test(match) ? '<ip>' : '<ts>';
  if (first === 91) {
    const inner = match.slice(1, -1).trim();
    const masked = replace(inner);
    return masked === inner ? match : PLACEHOLDER.test(masked) ? `[${masked}]` : '[<id>]';
  }
  if (match.length === 36 && UUID_EXACT.test(match)) return '<uuid>';
  if (IPV4_EXACT.test(match)) return '<ip>';
  if (DURATION_EXACT.test(match)) return '<dur>';
  return maskToken(match);
}

/** A token with a digit in it: `0x1f` `http-nio-8080-exec-3` `api-7d9f8b6c5-x2k4q` `sk_live_…`. */
function maskToken(token: string): string {
  if (NUMBER.test(token)) return '<num>';
  const text = token.length >= 36 ? token.replace(UUID_INSIDE, '\u0001') : token;
  const long = token.length >= CREDENTIAL_MIN_CHARS;
  let masked = false;
  let risky = false;
  let out = '';
  let start = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i);
    // Parts end at . _ ~ + - or the end; the separators are kept as they are.
    if (i < text.length && code !== 46 && code !== 95 && code !== 126 && code !== 43 && code !== 45) continue;
    const part = text.slice(start, i);
    parts++;
    const replaced = part === '\u0001' ? '<uuid>' : maskPart(part);
    if (replaced !== undefined) masked = true;
    else if (long && !NAME.test(part)) risky = true;
    out += (replaced ?? part) + (i < text.length ? text[i] : '');
    start = i + 1;
  }
  if (!masked) return token;
  // A long token keeps only name-like parts beside its masks (`http-nio-<num>-exec-<num>`);
  // `<num>-Secret`: a value starting with a placeholder is skipped by the redactor.
  if (risky || (parts > 1 && out.startsWith('<') && LETTER.test(out.replace(/<\w+>/g, '')))) return '<id>';
  return out;
}

/** The placeholder for one separator-free part, or undefined when it stays as it is. */
function maskPart(part: string): string | undefined {
  let digits = 0;
  let transitions = 0;
  let previousIsDigit: boolean | undefined;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    const isDigit = code >= 48 && code <= 57;
    if (isDigit) digits++;
    if (previousIsDigit !== undefined && isDigit !== previousIsDigit) transitions++;
    previousIsDigit = isDigit;
  }
  if (digits === 0) return undefined;
  if (digits === part.length) return '<num>';
  if (HEX.test(part)) return '<hex>';
  const counter = COUNTER.exec(part);
  if (counter) return `${counter[1]}<num>`;
  const unit = WITH_UNIT.exec(part);
  if (unit) return `<num>${unit[1]}`;
  if (transitions >= 4 || (part.length >= 12 && digits >= 3)) return '<id>';
  return undefined;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
