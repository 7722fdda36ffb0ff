import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  AlertPayloadError,
  ChangeEventError,
  parseAlertmanagerWebhook,
  parseChangeEvents,
  parseGenericAlerts
} from "./chunk-G3YMTDM4.js";
import {
  BodyTooLargeError,
  createHttpMcpHandler,
  readJsonObject,
  respondTooLarge
} from "./chunk-GPJGAWP4.js";
import {
  APPROVAL_STATUSES,
  AlertInputError,
  ApprovalError,
  INCIDENT_STATUSES,
  MAX_CHANGE_LIMIT,
  MAX_INCIDENT_LIMIT,
  canSee,
  publicView
} from "./chunk-BWUYPZKP.js";
import {
  redact
} from "./chunk-7MTLSPUB.js";
import {
  ACCESS_RULE,
  BEARER,
  ConfigError,
  createApiKeyMatcher,
  createMetricsAccess,
  createRequestGuard,
  forbidden,
  invalidToken,
  isLoopbackHost,
  mcpAccessDenial,
  missingToken,
  verificationUnavailable
} from "./chunk-IMRIVU32.js";
import {
  describeIssues
} from "./chunk-C45OCBOW.js";
import {
  parseSince
} from "./chunk-E2EGGSXF.js";
import {
  external_exports
} from "./chunk-ERFH3KHH.js";
import {
  __export
} from "./chunk-PB6ZSKJE.js";

// src/server/http.ts
import { createServer } from "node:http";

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
var NON_ASCII = /[^\x00-\x7f]/;
function encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var errors_exports = {};
__export(errors_exports, {
  JOSEAlgNotAllowed: () => JOSEAlgNotAllowed,
  JOSEError: () => JOSEError,
  JOSENotSupported: () => JOSENotSupported,
  JWEDecryptionFailed: () => JWEDecryptionFailed,
  JWEInvalid: () => JWEInvalid,
  JWKInvalid: () => JWKInvalid,
  JWKSInvalid: () => JWKSInvalid,
  JWKSMultipleMatchingKeys: () => JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey: () => JWKSNoMatchingKey,
  JWKSTimeout: () => JWKSTimeout,
  JWSInvalid: () => JWSInvalid,
  JWSSignatureVerificationFailed: () => JWSSignatureVerificationFailed,
  JWTClaimValidationFailed: () => JWTClaimValidationFailed,
  JWTExpired: () => JWTExpired,
  JWTInvalid: () => JWTInvalid
});
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message2, options) {
    super(message2, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JWTClaimValidationFailed = class extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JWTExpired = class extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JOSEAlgNotAllowed = class extends JOSEError {
  static code = "ERR_JOSE_ALG_NOT_ALLOWED";
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};
var JWEDecryptionFailed = class extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message2 = "decryption operation failed", options) {
    super(message2, options);
  }
};
var JWEInvalid = class extends JOSEError {
  static code = "ERR_JWE_INVALID";
  code = "ERR_JWE_INVALID";
};
var JWSInvalid = class extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};
var JWKInvalid = class extends JOSEError {
  static code = "ERR_JWK_INVALID";
  code = "ERR_JWK_INVALID";
};
var JWKSInvalid = class extends JOSEError {
  static code = "ERR_JWKS_INVALID";
  code = "ERR_JWKS_INVALID";
};
var JWKSNoMatchingKey = class extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message2 = "no applicable key found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSMultipleMatchingKeys = class extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message2 = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSTimeout = class extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message2 = "request timed out", options) {
    super(message2, options);
  }
};
var JWSSignatureVerificationFailed = class extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message2 = "signature verification failed", options) {
    super(message2, options);
  }
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return false;
        parameters.add(parameter);
      }
  return true;
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message2) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message2, { cause });
  }
  if (!isObject(parsed))
    throw new ErrorClass(message2);
  return parsed;
}
var JWS_RECOGNIZED = { __proto__: null, b64: true };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return true;
}

// node_modules/jose/dist/webapi/lib/key.js
var tag = (key) => key[Symbol.toStringTag];
var jwkMatchesOp = (entry, key, usage) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage === "sign" || usage === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage === "encrypt" || usage === "decrypt" ? entry.ops?.[usage === "encrypt" ? 0 : 1] : usage;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage) {
  const { alg, secret } = entry, requiresPrivateKey = usage === "decrypt" || usage === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (isObject(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage), normalized.kty === "oct")
      return decode(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached = cache.get(cacheKey);
  if (cached?.[alg])
    return cached[alg];
  if (cached || cache.set(cacheKey, cached = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached[alg] = await jwkToKey(entry, normalized);
}
var cache;
var nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
var isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return true;
  try {
    return key instanceof CryptoKey;
  } catch {
    return false;
  }
};
var isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject";
var isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
var unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage) {
  if (usage && !key.usages.includes(usage))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage, extractable = false) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage])), checkCryptoKey(key, expected, usage), key;
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jws_algorithms.js
var sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: true, subtle, signing: subtle, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle,
    signing: saltLength ? { ...subtle, saltLength } : subtle,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle,
    signing: subtle,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle,
    signing: subtle,
    usages: sig
  };
}
var JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});
function jwsAlgorithm(alg) {
  const entry = typeof alg == "string" ? JWS[alg] : void 0;
  if (!entry)
    throw new JOSENotSupported(`alg ${alg} is not supported either by JOSE or your javascript runtime`);
  return entry;
}

// node_modules/jose/dist/webapi/lib/jws_verify.js
function prepareVerify(options) {
  return [options && validateAlgorithms("algorithms", options.algorithms), options?.crit];
}
function parseProtectedHeader(encodedProtectedHeader) {
  return encodedProtectedHeader === void 0 ? {} : parseJoseHeader(encodedProtectedHeader, JWSInvalid, "JWS Protected Header is invalid");
}
function encodeCompactUnencodedPayload(payload) {
  try {
    return encode(payload);
  } catch (cause) {
    throw new JWSInvalid("JWS Compact Serialization payload must use only ASCII characters", {
      cause
    });
  }
}
async function verifySignature(jws, shared, key, encodeUnencodedPayload, parsedProtected) {
  const { protected: encodedProtectedHeader, header, payload: inputPayload } = jws, protectedHeader = parsedProtected ?? parseProtectedHeader(encodedProtectedHeader);
  if (!isDisjoint(protectedHeader, header))
    throw new JWSInvalid("JWS Protected and JWS Unprotected Header Parameter names must be disjoint");
  const joseHeader = { ...protectedHeader, ...header }, b64 = validateB64(protectedHeader, validateCrit(JWSInvalid, JWS_RECOGNIZED, shared[1], protectedHeader, joseHeader)), { alg } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  if (shared[0] && !shared[0].has(alg))
    throw new JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if (b64) {
    if (typeof inputPayload != "string")
      throw new JWSInvalid("JWS Payload must be a string");
  } else if (typeof inputPayload != "string" && !(inputPayload instanceof Uint8Array))
    throw new JWSInvalid("JWS Payload must be a string or an Uint8Array instance");
  const signingPayload = b64 || typeof inputPayload != "string" ? inputPayload : encodeUnencodedPayload(inputPayload);
  let resolvedKey = false;
  typeof key == "function" && (key = await key(protectedHeader, jws), resolvedKey = true);
  const entry = jwsAlgorithm(alg), signingInput = concat(encodedProtectedHeader !== void 0 ? encode(encodedProtectedHeader) : new Uint8Array(), encode("."), typeof signingPayload == "string" ? shared[2] ??= encodeAsciiMember(signingPayload, "payload", JWSInvalid) : signingPayload), signature = decodeBase64url(jws.signature, "signature", JWSInvalid), verificationKey = await prepareKey(entry, key, "verify"), cryptoKey = await rawKey(verificationKey, entry.subtle, "verify");
  entry.minRsaBits && checkModulusLength(entry.alg, cryptoKey);
  let verified = false;
  try {
    verified = await crypto.subtle.verify(entry.signing, cryptoKey, signature, signingInput);
  } catch (cause) {
    throw new JWSSignatureVerificationFailed(void 0, { cause });
  }
  if (!verified)
    throw new JWSSignatureVerificationFailed();
  const result = { payload: typeof signingPayload == "string" ? decodeBase64url(signingPayload, "payload", JWSInvalid) : signingPayload };
  return encodedProtectedHeader !== void 0 && (result.protectedHeader = protectedHeader), header !== void 0 && (result.unprotectedHeader = header), resolvedKey ? [{ ...result, key: verificationKey }, b64] : [result, b64];
}
async function verifyCompact(jws, shared, key) {
  if (jws instanceof Uint8Array && (jws = decoder.decode(jws)), typeof jws != "string")
    throw new JWSInvalid("Compact JWS must be a string or Uint8Array");
  const { 0: protectedHeader, 1: payload, 2: signature, length } = jws.split(".");
  if (length !== 3)
    throw new JWSInvalid("Invalid Compact JWS");
  return verifySignature({ payload, protected: protectedHeader, signature }, shared, key, encodeCompactUnencodedPayload);
}

// node_modules/jose/dist/webapi/lib/jwt_claims_set.js
var epoch = (date) => Math.floor(date.getTime() / 1e3);
var multipliers = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600
};
var REGEX = /^(\+|\-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;
var checkFailed = "check_failed";
function invalidDuration() {
  throw new TypeError("Invalid time period format");
}
function secs(str) {
  typeof str != "string" && invalidDuration();
  const matched = REGEX.exec(str);
  (!matched || matched[4] && matched[1]) && invalidDuration();
  const value = parseFloat(matched[2]), durationSeconds = Math.round(value * multipliers[matched[3][0].toLowerCase()]);
  return Number.isFinite(durationSeconds) || invalidDuration(), matched[1] === "-" || matched[4]?.toLowerCase() === "ago" ? -durationSeconds : durationSeconds;
}
function validateInput(label, input) {
  if (!Number.isFinite(input))
    throw new TypeError(`Invalid ${label} input`);
  return input;
}
var normalizeTyp = (value) => {
  const normalized = value.toLowerCase();
  return value.includes("/") ? normalized : `application/${normalized}`;
};
var checkAudiencePresence = (audPayload, audOption) => typeof audPayload == "string" ? audOption.includes(audPayload) : Array.isArray(audPayload) ? audOption.some((aud) => audPayload.includes(aud)) : false;
function validateNumericDate(claimsSet, claim, required = false) {
  const value = claimsSet[claim];
  if (!(value === void 0 && !required)) {
    if (typeof value != "number")
      throw new JWTClaimValidationFailed(`"${claim}" claim must be a number`, claimsSet, claim, "invalid");
    return value;
  }
}
function unexpectedClaim(claimsSet, claim) {
  throw new JWTClaimValidationFailed(`unexpected "${claim}" claim value`, claimsSet, claim, checkFailed);
}
function validateClaimsSet(protectedHeader, claimsSetBytes, options = {}) {
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object");
  const { typ } = options;
  if (typ !== void 0 && (typeof protectedHeader.typ != "string" || normalizeTyp(protectedHeader.typ) !== normalizeTyp(typ)))
    throw new JWTClaimValidationFailed('unexpected "typ" JWT header value', claimsSet, "typ", checkFailed);
  const { requiredClaims = [], issuer, subject, audience, maxTokenAge } = options, presenceCheck = [...requiredClaims];
  maxTokenAge !== void 0 && presenceCheck.push("iat"), audience !== void 0 && presenceCheck.push("aud"), subject !== void 0 && presenceCheck.push("sub"), issuer !== void 0 && presenceCheck.push("iss");
  for (const claim of new Set(presenceCheck.reverse()))
    if (!Object.hasOwn(claimsSet, claim))
      throw new JWTClaimValidationFailed(`missing required "${claim}" claim`, claimsSet, claim, "missing");
  issuer !== void 0 && !(Array.isArray(issuer) ? issuer : [issuer]).includes(claimsSet.iss) && unexpectedClaim(claimsSet, "iss"), subject !== void 0 && claimsSet.sub !== subject && unexpectedClaim(claimsSet, "sub"), audience !== void 0 && !checkAudiencePresence(claimsSet.aud, typeof audience == "string" ? [audience] : audience) && unexpectedClaim(claimsSet, "aud");
  const { clockTolerance } = options;
  let tolerance = 0;
  if (typeof clockTolerance == "string")
    tolerance = secs(clockTolerance);
  else if (clockTolerance !== void 0) {
    if (typeof clockTolerance != "number")
      throw new TypeError("Invalid clockTolerance option type");
    tolerance = clockTolerance;
  }
  if (validateInput("clockTolerance option", tolerance), tolerance < 0)
    throw new TypeError("Invalid clockTolerance option input");
  const { currentDate } = options, now = validateInput("currentDate option", epoch(currentDate === void 0 ? /* @__PURE__ */ new Date() : currentDate)), iat = validateNumericDate(claimsSet, "iat", maxTokenAge !== void 0), nbf = validateNumericDate(claimsSet, "nbf");
  if (nbf !== void 0 && nbf > now + tolerance)
    throw new JWTClaimValidationFailed('"nbf" claim timestamp check failed', claimsSet, "nbf", checkFailed);
  const exp = validateNumericDate(claimsSet, "exp");
  if (exp !== void 0 && exp <= now - tolerance)
    throw new JWTExpired('"exp" claim timestamp check failed', claimsSet, "exp", checkFailed);
  if (maxTokenAge !== void 0) {
    const age = now - iat, max = validateInput("maxTokenAge option", typeof maxTokenAge == "number" ? maxTokenAge : secs(maxTokenAge));
    if (max < 0)
      throw new TypeError("Invalid maxTokenAge option input");
    if (age - tolerance > max)
      throw new JWTExpired('"iat" claim timestamp check failed (too far in the past)', claimsSet, "iat", checkFailed);
    if (age < -tolerance)
      throw new JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', claimsSet, "iat", checkFailed);
  }
  return claimsSet;
}

// node_modules/jose/dist/webapi/jwt/verify.js
async function jwtVerify(jwt, key, options) {
  const [verified, b64] = await verifyCompact(jwt, prepareVerify(options), key);
  if (!b64)
    throw new JWTInvalid("JWTs MUST NOT use unencoded payload");
  const payload = validateClaimsSet(verified.protectedHeader, verified.payload, options);
  return { ...verified, payload };
}

// node_modules/jose/dist/webapi/jwks/local.js
function isUsableJWK(jwk, entry, alg, kid) {
  const { kty, key_ops: keyOps, ext, kid: jwkKid, alg: jwkAlg, use, crv } = jwk;
  return (ext === void 0 || typeof ext == "boolean") && (keyOps === void 0 || Array.isArray(keyOps) && keyOps.every((operation, index) => typeof operation == "string" && keyOps.indexOf(operation) === index) && keyOps.includes("verify")) && entry.kty.includes(kty) && (kid === void 0 || typeof kid == "string" && kid === jwkKid) && (jwkAlg === void 0 ? kty !== "AKP" : alg === jwkAlg) && (use === void 0 || use === "sig") && (!entry.crv || crv === entry.crv);
}
async function importWithAlgCache(cache2, jwk, entry) {
  const cached = cache2.get(jwk) || cache2.set(jwk, {}).get(jwk), { alg } = entry;
  if (cached[alg] === void 0) {
    const pending = jwkToKey(entry, jwk, true).then((key) => {
      if (key.type !== "public")
        throw new JWKSInvalid("JSON Web Key Set members must be public keys");
      return cached[alg] = key, key;
    }).catch((error) => {
      throw cached[alg] === pending && delete cached[alg], error;
    });
    cached[alg] = pending;
  }
  return cached[alg];
}
function createLocalJWKSet(jwks) {
  let snapshot;
  try {
    snapshot = structuredClone(jwks);
  } catch (cause) {
    throw new JWKSInvalid("JSON Web Key Set malformed", { cause });
  }
  if (!isJwkSet(snapshot))
    throw new JWKSInvalid("JSON Web Key Set malformed");
  const metadata = snapshot.keys.map((jwk) => {
    const normalized = snapshotJwk(jwk);
    return Array.isArray(normalized.key_ops) && (normalized.key_ops = [...normalized.key_ops]), normalized;
  }), cached = /* @__PURE__ */ new WeakMap();
  return Object.defineProperty(async (protectedHeader, token) => {
    const { alg, kid } = { ...protectedHeader, ...token?.header }, entry = typeof alg == "string" ? JWS[alg] : void 0;
    if (!entry || entry.secret)
      throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    const candidates = snapshot.keys.filter((_, index) => isUsableJWK(metadata[index], entry, alg, kid)), { 0: jwk, length } = candidates;
    if (!length)
      throw new JWKSNoMatchingKey();
    if (length !== 1) {
      const error = new JWKSMultipleMatchingKeys();
      throw error[Symbol.asyncIterator] = async function* () {
        for (const jwk2 of candidates)
          try {
            yield await importWithAlgCache(cached, jwk2, entry);
          } catch {
          }
      }, error;
    }
    return importWithAlgCache(cached, jwk, entry);
  }, "jwks", {
    value: () => structuredClone(snapshot)
  });
}

// node_modules/jose/dist/webapi/jwks/remote.js
function isCloudflareWorkers() {
  return typeof WebSocketPair < "u" || typeof navigator < "u" && navigator.userAgent === "Cloudflare-Workers" || typeof EdgeRuntime < "u" && EdgeRuntime === "vercel";
}
var USER_AGENT;
(typeof navigator > "u" || !navigator.userAgent?.startsWith?.("Mozilla/5.0 ")) && (USER_AGENT = "jose/v6.2.18");
var customFetch = /* @__PURE__ */ Symbol();
async function fetchJwks(url, headers, signal, fetchImpl = fetch) {
  const response = await fetchImpl(url, {
    method: "GET",
    signal,
    redirect: "manual",
    headers
  }).catch((err) => {
    throw err.name === "TimeoutError" ? new JWKSTimeout(void 0, { cause: err }) : err;
  });
  if (response.status !== 200)
    throw new JOSEError("Expected 200 OK from the JSON Web Key Set HTTP response");
  try {
    return await response.json();
  } catch (cause) {
    throw signal.aborted ? new JWKSTimeout(void 0, { cause }) : new JOSEError("Failed to parse the JSON Web Key Set HTTP response as JSON", { cause });
  }
}
var jwksCache = /* @__PURE__ */ Symbol();
function isFreshFor(timestamp, duration) {
  return Number.isFinite(timestamp) && Date.now() < timestamp + duration;
}
function validateDuration(value, fallback, option) {
  if (Number.isNaN(value))
    throw new TypeError(`"${option}" option must not be NaN`);
  if (typeof value == "number" && value < 0)
    throw new TypeError(`"${option}" option must not be negative`);
  return typeof value == "number" ? value : fallback;
}
function createRemoteJWKSet(url, options) {
  if (!(url instanceof URL))
    throw new TypeError("url must be an instance of URL");
  const href = new URL(url.href).href, opts = options ?? {}, timeoutOption = opts.timeoutDuration;
  if (typeof timeoutOption == "number" && (!Number.isInteger(timeoutOption) || timeoutOption < 0))
    throw new TypeError('"timeoutDuration" option must be a non-negative integer');
  const timeoutDuration = typeof timeoutOption == "number" ? timeoutOption : 5e3, cooldownDuration = validateDuration(opts.cooldownDuration, 3e4, "cooldownDuration"), cacheMaxAge = validateDuration(opts.cacheMaxAge, 6e5, "cacheMaxAge"), headers = new Headers(opts.headers);
  USER_AGENT && !headers.has("User-Agent") && headers.set("User-Agent", USER_AGENT), headers.has("accept") || headers.set("accept", "application/json, application/jwk-set+json");
  const fetchImpl = opts[customFetch], cache2 = opts[jwksCache];
  let jwksTimestamp, pendingFetch, reloadSequence = 0, appliedSequence = 0, local;
  if (cache2 && typeof cache2 == "object") {
    const { uat, jwks } = cache2;
    isFreshFor(uat, cacheMaxAge) && isJwkSet(jwks) && (jwksTimestamp = uat, local = createLocalJWKSet(jwks));
  }
  const reload = async () => {
    if (pendingFetch && isCloudflareWorkers() && (pendingFetch = void 0), !pendingFetch) {
      const sequence = ++reloadSequence, current = pendingFetch = fetchJwks(href, headers, AbortSignal.timeout(timeoutDuration), fetchImpl).then((json) => {
        const next = createLocalJWKSet(json);
        if (sequence <= appliedSequence)
          return;
        local = next;
        const updatedAt = Date.now();
        cache2 && (cache2.uat = updatedAt, cache2.jwks = json), jwksTimestamp = updatedAt, appliedSequence = sequence;
      }).finally(() => {
        pendingFetch === current && (pendingFetch = void 0);
      });
    }
    await pendingFetch;
  };
  return Object.defineProperties(async (protectedHeader, token) => {
    (!local || !isFreshFor(jwksTimestamp, cacheMaxAge)) && await reload();
    try {
      return await local(protectedHeader, token);
    } catch (err) {
      if (err instanceof JWKSNoMatchingKey && !isFreshFor(jwksTimestamp, cooldownDuration))
        return await reload(), local(protectedHeader, token);
      throw err;
    }
  }, {
    coolingDown: {
      get: () => isFreshFor(jwksTimestamp, cooldownDuration),
      enumerable: true
    },
    fresh: {
      get: () => isFreshFor(jwksTimestamp, cacheMaxAge),
      enumerable: true
    },
    reload: {
      value: reload,
      enumerable: true
    },
    reloading: {
      get: () => !!pendingFetch,
      enumerable: true
    },
    jwks: {
      value: () => local?.jwks(),
      enumerable: true
    }
  });
}

// src/server/auth/jwt.ts
var PRINCIPAL_TYPES = ["human", "agent", "service"];
function createJwtVerifier(cfg, fetchImpl) {
  const keys = createRemoteJWKSet(new URL(cfg.jwksUrl), fetchImpl ? { [customFetch]: fetchImpl } : {});
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: cfg.issuer,
        audience: cfg.audience,
        requiredClaims: ["exp"],
        clockTolerance: cfg.clockToleranceSeconds
      }));
    } catch (err) {
      return describeFailure(err, cfg);
    }
    return principalFromClaims(payload, cfg);
  };
}
function principalFromClaims(payload, cfg) {
  const id = claimAt(payload, cfg.principalClaim);
  if (typeof id !== "string" || id === "") {
    return invalid2(`token has no string claim ${cfg.principalClaim} (auth.jwt.principalClaim)`);
  }
  let type = "agent";
  const claimed = cfg.typeClaim === void 0 ? void 0 : claimAt(payload, cfg.typeClaim);
  if (claimed !== void 0) {
    if (!PRINCIPAL_TYPES.includes(claimed)) {
      return invalid2(`token claim ${cfg.typeClaim} (auth.jwt.typeClaim) must be human, agent or service`);
    }
    type = claimed;
  }
  const claimedRoles = claimAt(payload, cfg.rolesClaim) ?? [];
  const roleValues = typeof claimedRoles === "string" ? [claimedRoles] : claimedRoles;
  if (!Array.isArray(roleValues) || !roleValues.every((r) => typeof r === "string")) {
    return invalid2(
      `token claim ${cfg.rolesClaim} (auth.jwt.rolesClaim) must be a string or a list of strings`
    );
  }
  const roles = [...new Set(roleValues.map((r) => cfg.roleMap[r] ?? r))];
  return { ok: true, principal: { id, type, roles, transport: "http", credential: `jwt:${cfg.issuer}` } };
}
function claimAt(payload, name) {
  if (name in payload) return payload[name];
  let value = payload;
  for (const part of name.split(".")) {
    if (typeof value !== "object" || value === null) return void 0;
    value = value[part];
  }
  return value;
}
function describeFailure(err, cfg) {
  if (err instanceof errors_exports.JWTExpired) return invalid2("token expired");
  if (err instanceof errors_exports.JWTClaimValidationFailed) {
    if (err.claim === "iss") return invalid2(`token issuer is not ${cfg.issuer}`);
    if (err.claim === "aud")
      return invalid2(`token audience does not include ${[cfg.audience].flat().join(" or ")}`);
    if (err.claim === "nbf") return invalid2("token is not valid yet (nbf)");
    return invalid2(`token claim ${err.claim} is ${err.reason === "missing" ? "missing" : "invalid"}`);
  }
  if (err instanceof errors_exports.JWSSignatureVerificationFailed) return invalid2("token signature does not verify");
  if (err instanceof errors_exports.JWKSNoMatchingKey)
    return invalid2("no key in the issuer's JWKS matches the token");
  if (err instanceof errors_exports.JOSEAlgNotAllowed || err instanceof errors_exports.JOSENotSupported) {
    return invalid2("token signing algorithm is not supported");
  }
  if (err instanceof errors_exports.JWSInvalid || err instanceof errors_exports.JWTInvalid)
    return invalid2("token is not a valid JWT");
  return {
    ok: false,
    reason: "unavailable",
    description: `cannot fetch the issuer's keys from ${cfg.jwksUrl}: ${errorText(err)}`
  };
}
function errorText(err) {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}
function invalid2(description) {
  return { ok: false, reason: "invalid", description };
}

// src/server/auth.ts
function anonymousHttpPrincipal() {
  return { id: "anonymous", type: "agent", roles: [], transport: "http" };
}
var JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;
function createAuthenticator(cfg, opts = {}) {
  const apiKeys = cfg?.apiKeys ?? [];
  const matchApiKey = createApiKeyMatcher(apiKeys);
  const verifyJwt = cfg?.jwt ? createJwtVerifier(cfg.jwt, opts.fetch) : void 0;
  const enabled = apiKeys.length > 0 || verifyJwt !== void 0;
  const resourceFor = (resourceUrl) => cfg?.resource ?? resourceUrl;
  const authorizationServers = cfg?.authorizationServers ?? (cfg?.jwt ? [cfg.jwt.issuer] : []);
  return {
    enabled,
    async authenticate(headers, resourceUrl) {
      if (!enabled) return { ok: true, principal: anonymousHttpPrincipal() };
      const resource = resourceFor(resourceUrl);
      const token = headers.authorization?.match(BEARER)?.[1];
      if (token === void 0) return missingToken(resource);
      const key = matchApiKey(token);
      if (key)
        return {
          ok: true,
          principal: {
            id: key.id,
            type: key.type,
            roles: [...key.roles],
            transport: "http",
            credential: `api-key:${key.sha256.slice(0, 16)}`
          }
        };
      if (!verifyJwt) return invalidToken(resource, "token is not a known API key");
      if (apiKeys.length > 0 && !JWT_SHAPE.test(token)) {
        return invalidToken(resource, "token is neither a known API key nor a JWT");
      }
      const verified = await verifyJwt(token);
      if (verified.ok) return verified;
      return verified.reason === "invalid" ? invalidToken(resource, verified.description) : verificationUnavailable(resource, verified.description);
    },
    protectedResourceMetadata(resourceUrl) {
      return {
        resource: resourceFor(resourceUrl),
        ...authorizationServers.length > 0 ? { authorization_servers: [...authorizationServers] } : {},
        bearer_methods_supported: ["header"],
        resource_name: "opswarden"
      };
    }
  };
}
function authStartupCheck(host, auth) {
  if (auth.enabled) return { ok: true };
  if (isLoopbackHost(host)) {
    return {
      ok: true,
      warning: `HTTP on ${host} runs without authentication: any local process can call tools as "anonymous"; configure auth.apiKeys or auth.jwt to require bearer tokens`
    };
  }
  return {
    ok: false,
    error: `refusing to serve HTTP on ${host} without authentication: configure auth.apiKeys (bearer API keys) or auth.jwt (JWTs from your identity provider), or bind server.http.host to 127.0.0.1`
  };
}

// src/server/alerts-api.ts
var ALERT_WRITER_ROLE = "alert-writer";
var ALERTS_PATH = "/v1/alerts";
var ALERTMANAGER_PATH = "/v1/alerts/alertmanager";
var INCIDENTS_PATH = "/v1/incidents";
var BadRequest = class extends Error {
  name = "BadRequest";
};
function isAlertsPath(path) {
  return path === ALERTS_PATH || path === ALERTMANAGER_PATH;
}
function isIncidentsPath(path) {
  return path === INCIDENTS_PATH || path.startsWith(`${INCIDENTS_PATH}/`);
}
async function alertsApi(app, principal, req, resourceUrl) {
  if (req.method !== "POST") return methodNotAllowed(req, "POST");
  if (!principal.roles.includes(ALERT_WRITER_ROLE)) {
    const message2 = `${principal.id} has roles [${principal.roles.join(", ")}]; posting alerts needs the ${ALERT_WRITER_ROLE} role`;
    const denied = forbidden(resourceUrl, message2);
    return {
      status: 403,
      body: { error: denied.error, error_description: message2 },
      wwwAuthenticate: denied.wwwAuthenticate
    };
  }
  try {
    const body = await req.body();
    const alerts = req.path === ALERTMANAGER_PATH ? parseAlertmanagerWebhook(body).alerts : parseGenericAlerts(body);
    const result = app.incidents.ingest(alerts, principal.id);
    return { status: 200, body: result };
  } catch (err) {
    if ([AlertPayloadError, AlertInputError, SyntaxError].some((t) => err instanceof t))
      return { status: 400, body: { error: "bad_request", message: err.message } };
    throw err;
  }
}
function incidentsApi(app, req) {
  if (req.method !== "GET") return methodNotAllowed(req, "GET");
  const id = req.path.slice(INCIDENTS_PATH.length + 1);
  if (id) {
    const incident = app.incidents.get(decodeURIComponent(id));
    if (!incident) return { status: 404, body: { error: "not_found", message: `no incident with id ${id}` } };
    return { status: 200, body: { ...incident, timeline: app.incidents.timeline(incident.id) } };
  }
  try {
    return {
      status: 200,
      body: { incidents: app.incidents.list(filterOf(req.query, app.worldClock.now())) }
    };
  } catch (err) {
    if (err instanceof BadRequest)
      return { status: 400, body: { error: "bad_request", message: err.message } };
    throw err;
  }
}
function filterOf(query, now) {
  const status = query.get("status");
  if (status !== null && !INCIDENT_STATUSES.includes(status))
    throw new BadRequest(`status: expected one of ${INCIDENT_STATUSES.join(", ")}, got "${status}"`);
  const limitText = query.get("limit");
  const limit = limitText === null ? void 0 : Number(limitText);
  if (limit !== void 0 && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_INCIDENT_LIMIT))
    throw new BadRequest(`limit: expected an integer from 1 to ${MAX_INCIDENT_LIMIT}, got "${limitText}"`);
  const sinceText = query.get("since");
  let since;
  if (sinceText !== null) {
    try {
      since = parseSince(sinceText, now);
    } catch (err) {
      throw new BadRequest(`since: ${err.message}`);
    }
  }
  const service = query.get("service");
  return {
    ...status ? { status } : {},
    ...service ? { service } : {},
    ...since ? { since } : {},
    ...limit ? { limit } : {}
  };
}
function methodNotAllowed(req, allowed) {
  return {
    status: 405,
    body: { error: "method_not_allowed", message: `${req.method} ${req.path}: use ${allowed}` }
  };
}

// src/server/changes-api.ts
var CHANGE_WRITER_ROLE = "change-writer";
var CHANGES_PATH = "/v1/changes";
var BadRequest2 = class extends Error {
  name = "BadRequest";
};
async function changesApi(app, principal, req, resourceUrl) {
  try {
    if (req.method === "GET") return { status: 200, body: listChanges(app, req.query) };
    if (req.method !== "POST") {
      return {
        status: 405,
        body: { error: "method_not_allowed", message: `${req.method} ${CHANGES_PATH}: use GET or POST` }
      };
    }
    if (!principal.roles.includes(CHANGE_WRITER_ROLE)) {
      const message2 = `${principal.id} has roles [${principal.roles.join(", ")}]; posting changes needs the ${CHANGE_WRITER_ROLE} role`;
      const denied = forbidden(resourceUrl, message2);
      return {
        status: 403,
        body: { error: denied.error, error_description: message2 },
        wwwAuthenticate: denied.wwwAuthenticate
      };
    }
    const inputs = parseChangeEvents(await req.body());
    const events = inputs.map((input) => app.changes.record(input, principal.id));
    app.logger.info({ principal: principal.id, changes: events.map((e) => e.id) }, "changes recorded");
    return { status: 201, body: { events } };
  } catch (err) {
    const badRequest = [BadRequest2, ChangeEventError, SyntaxError, RangeError].some((t) => err instanceof t);
    if (badRequest) {
      return { status: 400, body: { error: "bad_request", message: err.message } };
    }
    throw err;
  }
}
function listChanges(app, query) {
  const now = app.worldClock.now();
  const since = timeParam(query, "since", now) ?? parseSince("24h", now);
  const until = timeParam(query, "until", now);
  const limitText = query.get("limit");
  const limit = limitText === null ? void 0 : Number(limitText);
  if (limit !== void 0 && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_CHANGE_LIMIT)) {
    throw new BadRequest2(`limit: expected an integer from 1 to ${MAX_CHANGE_LIMIT}, got "${limitText}"`);
  }
  const service = query.get("service") ?? void 0;
  const namespace = query.get("namespace") ?? void 0;
  const events = app.changes.list({
    since,
    ...until ? { until } : {},
    ...service ? { service } : {},
    ...namespace ? { namespace } : {},
    ...limit ? { limit } : {}
  });
  return { since: since.toISOString(), ...until ? { until: until.toISOString() } : {}, events };
}
function timeParam(query, name, now) {
  const text = query.get(name);
  if (text === null) return void 0;
  try {
    return parseSince(text, now);
  } catch (err) {
    throw new BadRequest2(`${name}: ${err.message}`);
  }
}

// src/server/http.ts
var LISTEN_HINTS = {
  EADDRINUSE: "the port is in use; choose another --port (server.http.port) or stop what holds it",
  EACCES: "permission denied; ports below 1024 need privileges",
  EADDRNOTAVAIL: "no such address on this machine; check --host (server.http.host)"
};
async function startHttpServer(app, opts) {
  const { config, logger } = app;
  const auth = createAuthenticator(config.auth);
  const startup = authStartupCheck(opts.host, auth);
  if (!startup.ok) throw new ConfigError(startup.error);
  if (startup.warning) logger.warn(startup.warning);
  const mcp = await createHttpMcpHandler(app, { stateless: opts.stateless });
  const { maxBodyBytes, maxAlertsBodyBytes } = config.limits;
  const readJson = (req) => readJsonObject(req, maxBodyBytes, "limits.maxBodyBytes");
  const server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (err instanceof BodyTooLargeError && !res.headersSent) {
        logger.warn({ url: req.url, limit: err.limit }, err.message);
        return respondTooLarge(res, err);
      }
      logger.error({ err, url: req.url }, "http handler failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal_error", message: err.message });
      else res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once(
      "error",
      (err) => reject(
        new Error(
          `cannot listen on ${opts.host}:${opts.port}: ${LISTEN_HINTS[err.code ?? ""] ?? err.message}`
        )
      )
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = server.address().port;
  const hostForUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}`;
  const guard = createRequestGuard({
    host: opts.host,
    port,
    allowedHosts: config.server.http.allowedHosts,
    allowedOrigins: config.server.http.allowedOrigins
  });
  const resourceUrl = config.server.http.publicUrl ?? `${url}/mcp`;
  const metricsAccess = createMetricsAccess(config.server.http.metricsToken);
  async function authenticate(req, res) {
    const result = await auth.authenticate({ authorization: req.headers.authorization }, resourceUrl);
    if (result.ok) return result.principal;
    res.setHeader("WWW-Authenticate", result.wwwAuthenticate);
    sendJson(res, result.status, { error: result.error, error_description: result.description });
    return void 0;
  }
  async function route(req, res) {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const guarded = guard({ host: req.headers.host, origin: req.headers.origin });
    if (!guarded.ok) {
      logger.warn({ path, host: req.headers.host, origin: req.headers.origin }, guarded.message);
      return sendJson(res, guarded.status, guarded.body);
    }
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") {
      const ref = app.policy.current().ref;
      return sendJson(res, 200, {
        status: "ready",
        policy: `${ref.name}@${ref.version}`,
        digest: ref.digest
      });
    }
    if (path === "/metrics") {
      const access = metricsAccess(req.headers.authorization);
      if (!access.ok) {
        res.setHeader("WWW-Authenticate", access.wwwAuthenticate);
        return sendJson(res, access.status, access.body);
      }
      const { contentType, body } = await app.metrics.render();
      res.writeHead(200, { "content-type": contentType }).end(body);
      return;
    }
    if (path.startsWith("/.well-known/oauth-protected-resource")) {
      return sendJson(res, 200, auth.protectedResourceMetadata(resourceUrl));
    }
    if (path === "/mcp") {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const noTools = mcpAccessDenial(principal, config.access);
      if (noTools) {
        logger.warn({ principal: principal.id, roles: principal.roles }, noTools);
        const denied = forbidden(resourceUrl, noTools);
        res.setHeader("WWW-Authenticate", denied.wwwAuthenticate);
        return sendJson(res, 403, {
          error: denied.error,
          error_description: noTools,
          principal: principal.id,
          roles: principal.roles,
          config: ACCESS_RULE
        });
      }
      return mcp.handle(req, res, principal);
    }
    if (path === "/v1/approvals" || path.startsWith("/v1/approvals/")) {
      const principal = await authenticate(req, res);
      if (principal) await approvalsApi(req, res, path, principal);
      return;
    }
    if (path === CHANGES_PATH) {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const { searchParams: query } = new URL(req.url ?? "/", "http://x");
      const method = req.method ?? "GET";
      const reply = await changesApi(
        app,
        principal,
        { method, query, body: () => readJson(req) },
        resourceUrl
      );
      if (reply.wwwAuthenticate) res.setHeader("WWW-Authenticate", reply.wwwAuthenticate);
      return sendJson(res, reply.status, reply.body);
    }
    if (isAlertsPath(path) || isIncidentsPath(path)) {
      const principal = await authenticate(req, res);
      if (!principal) return;
      const { searchParams: query } = new URL(req.url ?? "/", "http://x");
      const request = {
        method: req.method ?? "GET",
        path,
        query,
        body: () => readJsonObject(req, maxAlertsBodyBytes, "limits.maxAlertsBodyBytes")
      };
      const reply = isAlertsPath(path) ? await alertsApi(app, principal, request, resourceUrl) : incidentsApi(app, request);
      if (reply.wwwAuthenticate) res.setHeader("WWW-Authenticate", reply.wwwAuthenticate);
      return sendJson(res, reply.status, reply.body);
    }
    sendJson(res, 404, { error: "not_found", message: `no route ${req.method} ${path}` });
  }
  async function approvalsApi(req, res, path, principal) {
    const parts = path.split("/").filter(Boolean);
    const [, , id, action] = parts;
    try {
      if (req.method === "GET" && !id) {
        const status = new URL(req.url ?? "/", "http://x").searchParams.get("status") ?? void 0;
        if (status !== void 0 && !APPROVAL_STATUSES.includes(status)) {
          return sendJson(res, 400, {
            error: "bad_request",
            message: `status must be one of ${APPROVAL_STATUSES.join(", ")}, got "${status}"`
          });
        }
        return sendJson(res, 200, {
          approvals: app.approvals.list({ visibleTo: principal, ...status ? { status } : {} }).map(publicView)
        });
      }
      if (req.method === "GET" && id && !action) {
        const approval = app.approvals.get(id);
        return approval && canSee(approval, principal) ? sendJson(res, 200, publicView(approval)) : sendJson(res, 404, { error: "not_found", message: `no approval with id ${id}` });
      }
      if (req.method === "POST" && id && (action === "approve" || action === "reject")) {
        const body = decisionBody.safeParse(await readJson(req));
        if (!body.success)
          return sendJson(res, 400, { error: "bad_request", message: describeIssues(body.error.issues) });
        const decided = app.approvals.decide(id, principal, action, body.data.comment);
        logger.info({ approvalId: id, approver: principal.id, action }, "approval decided over HTTP");
        return sendJson(res, 200, publicView(decided));
      }
      return sendJson(res, 405, {
        error: "method_not_allowed",
        message: `${req.method} ${path} is not an approvals API call`
      });
    } catch (err) {
      if (err instanceof ApprovalError) {
        if (err.code === "forbidden") {
          const denied = forbidden(resourceUrl, err.message);
          res.setHeader("WWW-Authenticate", denied.wwwAuthenticate);
          return sendJson(res, 403, { error: denied.error, error_description: err.message });
        }
        return sendJson(res, err.code === "not_found" ? 404 : 409, { error: err.code, message: err.message });
      }
      if (err instanceof SyntaxError || err instanceof RangeError) {
        return sendJson(res, 400, { error: "bad_request", message: err.message });
      }
      throw err;
    }
  }
  return {
    url,
    port,
    async close() {
      await mcp.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    }
  };
}
var decisionBody = external_exports.object({ comment: external_exports.string().optional() }).strict();
function sendJson(res, status, body) {
  const text = JSON.stringify(redact(body).value);
  res.writeHead(status, { "content-type": "application/json" }).end(text);
}

export {
  startHttpServer
};
