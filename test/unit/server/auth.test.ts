// Bearer auth of the HTTP transport against a real JWKS endpoint on loopback: what a client
// gets back for good, bad and missing tokens, and what the server refuses to start with.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/server/auth/api-keys.ts';
import {
  type AuthConfig,
  authConfigSchema,
  authStartupCheck,
  createAuthenticator,
  forbidden,
} from '../../../src/server/auth.ts';

const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'opswarden';
const RESOURCE = 'https://opswarden.test/mcp';
const METADATA = 'resource_metadata="https://opswarden.test/.well-known/oauth-protected-resource"';
const CI_KEY = 'ci-bot-key-0123456789abcdef';
const PAGER_KEY = 'pager-service-key-fedcba9876543210';

let jwks: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const issuerPair = await generateKeyPair('RS256');
  signingKey = issuerPair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(issuerPair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  }).listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => {
  jwks.close();
});

function config(overrides: Record<string, unknown> = {}): AuthConfig {
  return authConfigSchema.parse({
    apiKeys: [
      { id: 'ci-bot', type: 'agent', roles: ['reader'], sha256: hashApiKey(CI_KEY) },
      { id: 'pager', type: 'service', roles: ['notifier'], key: PAGER_KEY },
    ],
    jwt: {
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      typeClaim: 'principal_type',
      roleMap: { 'okta-sre': 'sre-oncall' },
    },
    ...overrides,
  });
}

interface TokenOptions {
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  expiresAt?: number | string;
  key?: CryptoKey;
}

async function token(opts: TokenOptions = {}): Promise<string> {
  return new SignJWT({ sub: 'alice', principal_type: 'human', roles: ['okta-sre', 'viewer'], ...opts.claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresAt ?? '5m')
    .sign(opts.key ?? signingKey);
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('JWT bearer tokens', () => {
  it('turn a valid token into a principal with roles mapped through roleMap', async () => {
    const result = await createAuthenticator(config()).authenticate(bearer(await token()), RESOURCE);
    expect(result).toEqual({
      ok: true,
      principal: {
        id: 'alice',
        type: 'human',
        roles: ['sre-oncall', 'viewer'],
        transport: 'http',
        credential: `jwt:${ISSUER}`,
      },
    });
  });

  it('read the principal type from typeClaim, a single role from a string, nested role claims by path', async () => {
    const auth = createAuthenticator(config());
    const agent = await auth.authenticate(
      bearer(await token({ claims: { sub: 'bot-7', principal_type: 'agent', roles: 'okta-sre' } })),
      RESOURCE,
    );
    expect(agent).toMatchObject({
      ok: true,
      principal: { id: 'bot-7', type: 'agent', roles: ['sre-oncall'] },
    });

    const keycloak = createAuthenticator(
      config({ jwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'realm_access.roles' } }),
    );
    const nested = await keycloak.authenticate(
      bearer(await token({ claims: { realm_access: { roles: ['approver'] } } })),
      RESOURCE,
    );
    // No typeClaim configured: nothing says human, so the token is an agent (fail closed).
    expect(nested).toMatchObject({ ok: true, principal: { type: 'agent', roles: ['approver'] } });
  });

  it('treat a token whose type claim is missing as an agent, never a human', async () => {
    const result = await createAuthenticator(config()).authenticate(
      bearer(await token({ claims: { principal_type: undefined } })),
      RESOURCE,
    );
    expect(result).toMatchObject({ ok: true, principal: { id: 'alice', type: 'agent' } });
  });

  it.each<[string, () => TokenOptions, string]>([
    ['wrong issuer', () => ({ issuer: 'https://evil.test/' }), `token issuer is not ${ISSUER}`],
    ['wrong audience', () => ({ audience: 'someone-else' }), `token audience does not include ${AUDIENCE}`],
    ['expired', () => ({ expiresAt: Math.floor(Date.now() / 1000) - 600 }), 'token expired'],
    ['signed by another key', () => ({ key: strangerKey }), 'token signature does not verify'],
    [
      'with a bad principal type',
      () => ({ claims: { principal_type: 'robot' } }),
      'must be human, agent or service',
    ],
  ])('refuse a token %s with 401 invalid_token pointing at the metadata', async (_, opts, why) => {
    const signed = await token(opts());
    const result = await createAuthenticator(config()).authenticate(bearer(signed), RESOURCE);
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      error: 'invalid_token',
      description: expect.stringContaining(why),
      wwwAuthenticate: expect.stringMatching(/^Bearer error="invalid_token", error_description="[^"]+", /),
    });
    expect(result).toHaveProperty('wwwAuthenticate', expect.stringContaining(METADATA));
    expect(JSON.stringify(result)).not.toContain(signed);
  });

  it('answer 503 when the issuer keys cannot be fetched, and use the fetch it was given', async () => {
    const fetched: string[] = [];
    const failingFetch = (async (url: string) => {
      fetched.push(url);
      return new Response('down', { status: 502 });
    }) as unknown as typeof fetch;
    const auth = createAuthenticator(config(), { fetch: failingFetch });
    const result = await auth.authenticate(bearer(await token()), RESOURCE);
    expect(fetched).toEqual([jwksUrl]);
    expect(result).toMatchObject({
      ok: false,
      status: 503,
      description: expect.stringContaining(`cannot fetch the issuer's keys from ${jwksUrl}`),
    });
  });
});

describe('API keys and missing tokens', () => {
  it('accept a key configured by sha256 and one configured in plain', async () => {
    const auth = createAuthenticator(config());
    expect(await auth.authenticate(bearer(CI_KEY), RESOURCE)).toEqual({
      ok: true,
      principal: {
        id: 'ci-bot',
        type: 'agent',
        roles: ['reader'],
        transport: 'http',
        credential: `api-key:${hashApiKey(CI_KEY).slice(0, 16)}`,
      },
    });
    expect(await auth.authenticate({ authorization: `bearer ${PAGER_KEY}` }, RESOURCE)).toMatchObject({
      ok: true,
      principal: { id: 'pager', type: 'service', roles: ['notifier'] },
    });
  });

  it('refuse an unknown key with 401 invalid_token', async () => {
    const keysOnly = createAuthenticator(config({ jwt: undefined }));
    expect(await keysOnly.authenticate(bearer('not-a-configured-key'), RESOURCE)).toMatchObject({
      ok: false,
      status: 401,
      error: 'invalid_token',
      description: 'token is not a known API key',
    });
    const both = createAuthenticator(config());
    expect(await both.authenticate(bearer('not-a-configured-key'), RESOURCE)).toMatchObject({
      status: 401,
      description: 'token is neither a known API key nor a JWT',
    });
  });

  it.each([
    ['no Authorization header', {}],
    ['a Basic credential', { authorization: 'Basic YWxpY2U6c2VjcmV0' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answer %s with 401 and a bare RFC 9728 challenge', async (_, headers) => {
    const result = await createAuthenticator(config()).authenticate(headers, RESOURCE);
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      error: 'unauthorized',
      wwwAuthenticate: `Bearer ${METADATA}`,
    });
  });

  it('let auth.resource override the URL the request came in on', async () => {
    const auth = createAuthenticator(config({ resource: 'https://public.example/mcp' }));
    expect(await auth.authenticate({}, 'http://10.0.0.5:8787/mcp')).toMatchObject({
      wwwAuthenticate:
        'Bearer resource_metadata="https://public.example/.well-known/oauth-protected-resource"',
    });
    expect(auth.protectedResourceMetadata('http://10.0.0.5:8787/mcp')).toMatchObject({
      resource: 'https://public.example/mcp',
    });
  });

  it('treat every request as the anonymous agent when nothing is configured', async () => {
    const auth = createAuthenticator(undefined);
    expect(auth.enabled).toBe(false);
    expect(await auth.authenticate({}, RESOURCE)).toEqual({
      ok: true,
      principal: { id: 'anonymous', type: 'agent', roles: [], transport: 'http' },
    });
  });
});

describe('metadata and refusals', () => {
  it('publish RFC 9728 metadata naming the JWT issuer as authorization server by default', () => {
    expect(createAuthenticator(config()).protectedResourceMetadata(RESOURCE)).toEqual({
      resource: RESOURCE,
      authorization_servers: [ISSUER],
      bearer_methods_supported: ['header'],
      resource_name: 'opswarden',
    });
    const custom = createAuthenticator(config({ authorizationServers: ['https://login.example/'] }));
    expect(custom.protectedResourceMetadata(RESOURCE)).toMatchObject({
      authorization_servers: ['https://login.example/'],
    });
    const keysOnly = createAuthenticator(config({ jwt: undefined }));
    expect(keysOnly.protectedResourceMetadata(RESOURCE)).not.toHaveProperty('authorization_servers');
  });

  it('build a 403 insufficient_scope refusal for role checks', () => {
    expect(forbidden(RESOURCE, 'approving needs role "sre-oncall"')).toEqual({
      ok: false,
      status: 403,
      error: 'insufficient_scope',
      description: 'approving needs role "sre-oncall"',
      wwwAuthenticate: `Bearer error="insufficient_scope", error_description="approving needs role 'sre-oncall'", ${METADATA}`,
    });
  });
});

describe('auth config', () => {
  it('keeps only the hash of a plain key', () => {
    const parsed = config();
    expect(JSON.stringify(parsed)).not.toContain(PAGER_KEY);
    expect(parsed.apiKeys[1]).toEqual({
      id: 'pager',
      type: 'service',
      roles: ['notifier'],
      sha256: hashApiKey(PAGER_KEY),
    });
  });

  it.each([
    [
      'neither sha256 nor key',
      { apiKeys: [{ id: 'a', type: 'agent' }] },
      ['apiKeys', 0],
      'exactly one of sha256 or key',
    ],
    [
      'the same key twice',
      {
        apiKeys: [
          { id: 'a', type: 'agent', key: CI_KEY },
          { id: 'b', type: 'human', sha256: hashApiKey(CI_KEY) },
        ],
      },
      ['apiKeys', 1],
      'same key as apiKeys[0] (a)',
    ],
    [
      'a JWKS over plain http to a remote host',
      { jwt: { jwksUrl: 'http://issuer.test/jwks.json', issuer: ISSUER, audience: AUDIENCE } },
      ['jwt', 'jwksUrl'],
      'https',
    ],
    ['an unknown key', { apiKey: [] }, [], 'apiKey'],
  ])('refuses %s, naming where', (_, raw, path, message) => {
    const result = authConfigSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(JSON.stringify(issue)).toContain(message);
  });
});

describe('authStartupCheck', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost'])(
    'allows %s without auth, with a warning',
    (host) => {
      expect(authStartupCheck(host, createAuthenticator(undefined))).toEqual({
        ok: true,
        warning: expect.stringMatching(/without authentication.*auth\.apiKeys or auth\.jwt/),
      });
    },
  );

  it.each(['0.0.0.0', '::', '10.0.0.5'])('refuses %s without auth, saying what to configure', (host) => {
    const check = authStartupCheck(host, createAuthenticator(undefined));
    expect(check).toEqual({ ok: false, error: expect.stringContaining('configure auth.apiKeys') });
  });

  it('allows any address once auth is configured', () => {
    expect(authStartupCheck('0.0.0.0', createAuthenticator(config()))).toEqual({ ok: true });
  });
});
