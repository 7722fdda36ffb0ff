// Does a name say its value is a secret? One answer for every place a name sits beside a
// value: an object key ({ DB_PASSWORD: … }), a Kubernetes env entry ({ name, value }), a
// ConfigMap key, an HTTP header, a connection-string key (AccountKey=), a CLI flag, an XML
// tag. The name is split into words (camelCase, snake_case, kebab, dots), so SECRET_KEY_BASE,
// encryption_key, SharedAccessKey and x-api-key are read as the words they are, and a last
// word that describes rather than holds the secret (secretName, token_count, password_file,
// nextToken) keeps the value readable.

export interface SecretName {
  /** The mask's label: password, token, api_key, private_key, credential, session, secret. */
  kind: string;
  /**
   * strong: any value but a placeholder is a secret. weak: the name only hints (STRIPE_KEY,
   * token_bucket_capacity), so the value must also look like a credential (see looksRandom).
   */
  strength: 'strong' | 'weak';
}

/** Words that hold a secret by themselves, with the kind of mask they get. */
const SECRET_WORDS: Record<string, string> = {
  password: 'password',
  passwords: 'password',
  passwd: 'password',
  passphrase: 'password',
  passcode: 'password',
  pwd: 'password',
  pass: 'password',
  pw: 'password',
  secret: 'secret',
  token: 'token',
  pat: 'token',
  bearer: 'token',
  otp: 'token',
  apikey: 'api_key',
  privatekey: 'private_key',
  credential: 'credential',
  credentials: 'credential',
  creds: 'credential',
  cookie: 'session',
  cookies: 'session',
  sessionid: 'session',
  jsessionid: 'session',
  phpsessid: 'session',
  sessid: 'session',
  sid: 'session',
  sig: 'secret',
  dsn: 'secret',
  auth: 'authorization',
  authorization: 'authorization',
  salt: 'secret',
};

/** Compound words that end in a secret word: PGPASSWORD, clientsecret, csrftoken, xapikey. */
const SECRET_SUFFIXES: [string, string][] = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['secret', 'secret'],
  ['token', 'token'],
  ['apikey', 'api_key'],
  ['privatekey', 'private_key'],
  ['accesskey', 'secret'],
  ['secretkey', 'secret'],
  ['sessionid', 'session'],
];

/** `<qualifier> key` is a secret key: api_key, SharedAccessKey, encryption_key, signing-key. */
const KEY_QUALIFIERS: Record<string, string> = {
  api: 'api_key',
  access: 'secret',
  secret: 'secret',
  private: 'private_key',
  account: 'secret',
  shared: 'secret',
  encryption: 'secret',
  enc: 'secret',
  encrypt: 'secret',
  signing: 'secret',
  sign: 'secret',
  master: 'secret',
  license: 'secret',
  licence: 'secret',
  client: 'secret',
  app: 'secret',
  application: 'secret',
  hmac: 'secret',
  storage: 'secret',
  subscription: 'secret',
  service: 'secret',
  session: 'session',
  consumer: 'secret',
  routing: 'secret',
  integration: 'secret',
  webhook: 'secret',
  admin: 'secret',
  root: 'secret',
  deploy: 'secret',
  write: 'secret',
  ingest: 'secret',
  crypto: 'secret',
  cipher: 'secret',
  aes: 'secret',
  jwt: 'secret',
  ssh: 'private_key',
  gpg: 'private_key',
  pgp: 'private_key',
  recovery: 'secret',
  sas: 'secret',
};

/** `<qualifier> key` that names something else: a database key, a cache key, a public key. */
const PLAIN_KEY_QUALIFIERS = new Set([
  'public',
  'pub',
  'primary',
  'foreign',
  'partition',
  'sort',
  'cache',
  'idempotency',
  'object',
  'map',
  'label',
  'hash',
  'range',
  'group',
  'dedup',
  'dedupe',
  'lookup',
  'shard',
  'translation',
  'i18n',
  'row',
  's3',
  'config',
  'ref',
  'cursor',
  'sharding',
  'composite',
  'unique',
  'index',
  'registry',
]);

/** A last word that describes the secret instead of holding it: secretName, password_file. */
const DESCRIBING_WORDS = new Set([
  'name',
  'names',
  'file',
  'files',
  'path',
  'dir',
  'ref',
  'refs',
  'id',
  'ids',
  'count',
  'length',
  'len',
  'size',
  'ttl',
  'type',
  'kind',
  'expiry',
  'expires',
  'expiration',
  'at',
  'url',
  'uri',
  'endpoint',
  'header',
  'field',
  'prefix',
  'suffix',
  'policy',
  'version',
  'format',
  'algorithm',
  'alg',
  'mode',
  'enabled',
  'required',
  'hint',
  'label',
  'selector',
  'timeout',
  'rotation',
  'age',
  'limit',
  'source',
  'provider',
  'store',
  'location',
  'env',
  'var',
  'template',
  'fingerprint',
  'digest',
  'checksum',
  'usage',
  'scope',
  'scopes',
  'issuer',
  'audience',
  'lifetime',
  'duration',
  'interval',
  'seconds',
  'status',
  'error',
  'errors',
  'valid',
  'invalid',
  'reset',
  'strength',
  'complexity',
  'secrets',
  'tokens',
  'affinity',
  'reference',
  'mount',
  'volume',
]);

/** Words after a secret word that still name the secret itself: SECRET_KEY_BASE, DB_PASSWORD_PROD. */
const SAME_SECRET_SUFFIXES = new Set([
  'base',
  'value',
  'prod',
  'production',
  'dev',
  'staging',
  'live',
  'test',
  'old',
  'new',
  'current',
  'previous',
  'next',
  'b64',
  'base64',
  'hex',
  'raw',
  'enc',
  'encoded',
  'encrypted',
  'plain',
  'plaintext',
  'str',
  'string',
  'text',
  'data',
  'key',
  'v1',
  'v2',
]);

/** First words of a pagination cursor, which agents need to page: nextToken, page_token. */
const CURSOR_WORDS = new Set(['next', 'page', 'continue', 'continuation', 'sync', 'pagination', 'resume']);

/** Words of a name: `SharedAccessKey` → shared access key, `x-api-key` → x api key. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether `name` says its value is a secret, and how sure that is; undefined when it does not. */
export function secretName(name: string): SecretName | undefined {
  if (name.length > 100) return undefined;
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined) return undefined;
  if (CURSOR_WORDS.has(words[0]!) && words.length > 1) return undefined;
  const secretId = last === 'id' && (words.at(-2) === 'secret' || words.at(-2) === 'session');
  if (DESCRIBING_WORDS.has(last) && !secretId) return undefined;
  // The secret word nearest the end decides; words after it must still name that secret.
  for (let i = words.length - 1; i >= 0; i--) {
    const kind = wordKind(words, i);
    if (!kind) continue;
    const trailing = words.slice(i + 1);
    const sameSecret =
      (secretId && trailing.length === 1) ||
      trailing.every((w) => SAME_SECRET_SUFFIXES.has(w) || /^\d+$/.test(w));
    return { kind: kind.kind, strength: sameSecret ? kind.strength : 'weak' };
  }
  return undefined;
}

function wordKind(words: string[], i: number): SecretName | undefined {
  const word = words[i]!;
  if (word === 'session') {
    // A session cookie (_myapp_session) or its id; sessionAffinity is not one.
    return i === words.length - 1 || words[i + 1] === 'id'
      ? { kind: 'session', strength: 'strong' }
      : undefined;
  }
  if (word === 'key' || word === 'keys') {
    const qualifier = words[i - 1];
    if (qualifier !== undefined && PLAIN_KEY_QUALIFIERS.has(qualifier)) return undefined;
    const kind = qualifier === undefined ? undefined : KEY_QUALIFIERS[qualifier];
    return kind ? { kind, strength: 'strong' } : { kind: 'secret', strength: 'weak' };
  }
  const kind = SECRET_WORDS[word];
  if (kind) return { kind, strength: 'strong' };
  for (const [suffix, suffixKind] of SECRET_SUFFIXES) {
    if (word.endsWith(suffix)) return { kind: suffixKind, strength: 'strong' };
  }
  return undefined;
}

/**
 * A credential-looking value for a weak name: 16+ characters of a token alphabet, with
 * letters and digits (or, over 20, case changing inside words as base64 does), no spaces.
 * `ClientIP`, `100`, `DB_HOST`, `Deployment/orders/order-sync` are not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9+/=_.~-]+$/.test(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /\d/.test(value);
  const caseChanges = value.match(/[a-z][A-Z]/g)?.length ?? 0;
  return (letters && digits) || (value.length >= 20 && caseChanges >= 2);
}
