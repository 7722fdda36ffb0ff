// HTTP authentication (MCP authorization spec, RFC 6750, RFC 9728): turns the Authorization
// header into a Principal, or into the refusal a client needs to find out how to get a token.
// Entry point for the HTTP server and the config schema; the parts live in ./auth/. Tokens are
// only hashed or verified here: never logged, returned or handed on.

import type { Principal } from '../types.ts';
import { createApiKeyMatcher } from './auth/api-keys.ts';
import {
  type AuthFailure,
  BEARER,
  invalidToken,
  missingToken,
  verificationUnavailable,
} from './auth/challenge.ts';
import type { AuthConfig } from './auth/config.ts';
import { createJwtVerifier } from './auth/jwt.ts';
import { isLoopbackHost } from './host-origin.ts';

export {
  type AuthFailure,
  forbidden,
  forbiddenReply,
  PROTECTED_RESOURCE_METADATA_PATH,
  protectedResourceMetadataUrl,
} from './auth/challenge.ts';
export { type AuthConfig, authConfigSchema } from './auth/config.ts';

export type AuthResult = { ok: true; principal: Principal } | AuthFailure;

/** RFC 9728 §2 protected-resource metadata. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  bearer_methods_supported: ['header'];
  resource_name: 'opswarden';
}

export interface Authenticator {
  /** False when neither API keys nor a JWT issuer are configured. */
  enabled: boolean;
  /**
   * `resourceUrl` is the URL of the MCP endpoint as the client reached it; `auth.resource`,
   * when configured, takes its place in challenges and metadata. When auth is disabled every
   * request is the anonymous principal (see anonymousHttpPrincipal).
   */
  authenticate(headers: { authorization?: string | undefined }, resourceUrl: string): Promise<AuthResult>;
  protectedResourceMetadata(resourceUrl: string): ProtectedResourceMetadata;
}

/** An unauthenticated loopback caller may be any local process: an agent with no roles. */
export function anonymousHttpPrincipal(): Principal {
  return { id: 'anonymous', type: 'agent', roles: [], transport: 'http' };
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

export function createAuthenticator(
  cfg: AuthConfig | undefined,
  opts: { fetch?: typeof fetch } = {},
): Authenticator {
  const apiKeys = cfg?.apiKeys ?? [];
  const matchApiKey = createApiKeyMatcher(apiKeys);
  const verifyJwt = cfg?.jwt ? createJwtVerifier(cfg.jwt, opts.fetch) : undefined;
  const enabled = apiKeys.length > 0 || verifyJwt !== undefined;
  const resourceFor = (resourceUrl: string) => cfg?.resource ?? resourceUrl;
  const authorizationServers = cfg?.authorizationServers ?? (cfg?.jwt ? [cfg.jwt.issuer] : []);

  return {
    enabled,
    async authenticate(headers, resourceUrl) {
      if (!enabled) return { ok: true, principal: anonymousHttpPrincipal() };
      const resource = resourceFor(resourceUrl);
      const token = headers.authorization?.match(BEARER)?.[1];
      if (token === undefined) return missingToken(resource);
      const key = matchApiKey(token);
      if (key)
        return {
          ok: true,
          principal: {
            id: key.id,
            type: key.type,
            roles: [...key.roles],
            transport: 'http',
            credential: `api-key:${key.sha256.slice(0, 16)}`,
          },
        };
      if (!verifyJwt) return invalidToken(resource, 'token is not a known API key');
      if (apiKeys.length > 0 && !JWT_SHAPE.test(token)) {
        return invalidToken(resource, 'token is neither a known API key nor a JWT');
      }
      const verified = await verifyJwt(token);
      if (verified.ok) return verified;
      return verified.reason === 'invalid'
        ? invalidToken(resource, verified.description)
        : verificationUnavailable(resource, verified.description);
    },
    protectedResourceMetadata(resourceUrl) {
      return {
        resource: resourceFor(resourceUrl),
        ...(authorizationServers.length > 0 ? { authorization_servers: [...authorizationServers] } : {}),
        bearer_methods_supported: ['header'],
        resource_name: 'opswarden',
      };
    },
  };
}

/** Serving HTTP without auth is tolerated on loopback only: anywhere else anyone could call tools. */
export function authStartupCheck(
  host: string,
  auth: Authenticator,
): { ok: true; warning?: string } | { ok: false; error: string } {
  if (auth.enabled) return { ok: true };
  if (isLoopbackHost(host)) {
    return {
      ok: true,
      warning:
        `HTTP on ${host} runs without authentication: any local process can call tools as "anonymous"; ` +
        'configure auth.apiKeys or auth.jwt to require bearer tokens',
    };
  }
  return {
    ok: false,
    error:
      `refusing to serve HTTP on ${host} without authentication: configure auth.apiKeys (bearer API keys) ` +
      'or auth.jwt (JWTs from your identity provider), or bind server.http.host to 127.0.0.1',
  };
}
