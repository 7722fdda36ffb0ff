// JWT access tokens from an OIDC issuer: signature against the issuer's JWKS (fetched and
// cached by jose), then iss, aud and exp; the principal comes from configured claims. Failures
// are described in our own words: jose messages are not shown to clients.

import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Principal, PrincipalType } from '../../types.ts';
import type { JwtConfig } from './config.ts';

export type JwtVerification =
  | { ok: true; principal: Principal }
  /** `invalid`: the token is bad (401); `unavailable`: the issuer's keys could not be fetched (503). */
  | { ok: false; reason: 'invalid' | 'unavailable'; description: string };

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['human', 'agent', 'service'];

export function createJwtVerifier(
  cfg: JwtConfig,
  fetchImpl?: typeof fetch,
): (token: string) => Promise<JwtVerification> {
  const keys = createRemoteJWKSet(new URL(cfg.jwksUrl), fetchImpl ? { [customFetch]: fetchImpl } : {});
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: cfg.issuer,
        audience: cfg.audience,
        requiredClaims: ['exp'],
        clockTolerance: cfg.clockToleranceSeconds,
      }));
    } catch (err) {
      return describeFailure(err, cfg);
    }
    return principalFromClaims(payload, cfg);
  };
}

function principalFromClaims(payload: JWTPayload, cfg: JwtConfig): JwtVerification {
  const id = claimAt(payload, cfg.principalClaim);
  if (typeof id !== 'string' || id === '') {
    return invalid(`token has no string claim ${cfg.principalClaim} (auth.jwt.principalClaim)`);
  }
  // Fail closed: a token is an agent unless the configured claim says otherwise.
  let type: PrincipalType = 'agent';
  const claimed = cfg.typeClaim === undefined ? undefined : claimAt(payload, cfg.typeClaim);
  if (claimed !== undefined) {
    if (!PRINCIPAL_TYPES.includes(claimed as PrincipalType)) {
      return invalid(`token claim ${cfg.typeClaim} (auth.jwt.typeClaim) must be human, agent or service`);
    }
    type = claimed as PrincipalType;
  }
  const claimedRoles = claimAt(payload, cfg.rolesClaim) ?? [];
  const roleValues = typeof claimedRoles === 'string' ? [claimedRoles] : claimedRoles;
  if (!Array.isArray(roleValues) || !roleValues.every((r) => typeof r === 'string')) {
    return invalid(
      `token claim ${cfg.rolesClaim} (auth.jwt.rolesClaim) must be a string or a list of strings`,
    );
  }
  const roles = [...new Set(roleValues.map((r) => cfg.roleMap[r] ?? r))];
  return { ok: true, principal: { id, type, roles, transport: 'http', credential: `jwt:${cfg.issuer}` } };
}

/** The claim by its exact name, else (for names with dots) by walking nested objects. */
function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function describeFailure(err: unknown, cfg: JwtConfig): JwtVerification {
  if (err instanceof errors.JWTExpired) return invalid('token expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return invalid(`token issuer is not ${cfg.issuer}`);
    if (err.claim === 'aud')
      return invalid(`token audience does not include ${[cfg.audience].flat().join(' or ')}`);
    if (err.claim === 'nbf') return invalid('token is not valid yet (nbf)');
    return invalid(`token claim ${err.claim} is ${err.reason === 'missing' ? 'missing' : 'invalid'}`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return invalid('token signature does not verify');
  if (err instanceof errors.JWKSNoMatchingKey)
    return invalid("no key in the issuer's JWKS matches the token");
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) {
    return invalid('token signing algorithm is not supported');
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
    return invalid('token is not a valid JWT');
  // Everything else happens while fetching the JWKS: network error, timeout, non-200, bad JSON.
  return {
    ok: false,
    reason: 'unavailable',
    description: `cannot fetch the issuer's keys from ${cfg.jwksUrl}: ${errorText(err)}`,
  };
}

/** `fetch failed` says little; its cause (ECONNREFUSED, a TLS error, ...) says what to fix. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

function invalid(description: string): JwtVerification {
  return { ok: false, reason: 'invalid', description };
}
