// The `auth:` block of opswarden.yaml: which bearer tokens the HTTP transport accepts (API
// keys, stored as sha256, and JWTs from an OIDC issuer) and what it advertises as RFC 9728
// protected-resource metadata. Plain keys are hashed while parsing and never kept.

import { z } from 'zod';
import { isLoopbackHost } from '../host-origin.ts';
import { hashApiKey } from './api-keys.ts';

const role = z.string().min(1);

const apiKeySchema = z
  .strictObject({
    id: z.string().min(1).describe('Principal id the key authenticates as (recorded in the audit log)'),
    type: z.enum(['human', 'agent', 'service']).describe('Who holds the key: human | agent | service'),
    roles: z.array(role).default([]).describe('Roles the policy and approvals see'),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters (sha256 of the key)')
      .optional()
      .describe('Hex sha256 of the key (e.g. `printf %s "$KEY" | sha256sum`); set this or key'),
    key: z
      .string()
      .min(16, 'an API key needs at least 16 characters')
      .optional()
      .describe(
        'The key itself, usually an environment variable reference; hashed at load and not kept; set this or sha256',
      ),
  })
  .refine((k) => (k.sha256 === undefined) !== (k.key === undefined), 'set exactly one of sha256 or key')
  .transform(({ key, sha256, ...principal }) => ({
    ...principal,
    sha256: key === undefined ? sha256!.toLowerCase() : hashApiKey(key),
  }));

const apiKeysSchema = z
  .array(apiKeySchema)
  .default([])
  .superRefine((keys, ctx) => {
    keys.forEach((key, i) => {
      const first = keys.findIndex((other) => other.sha256 === key.sha256);
      if (first < i) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `same key as apiKeys[${first}] (${keys[first]?.id})`,
        });
      }
    });
  })
  .describe('Bearer API keys, each mapped to a principal');

const jwksUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.startsWith('https:') || isLoopbackHost(new URL(url).hostname), {
    message: 'the JWKS must be fetched over https (http is accepted on loopback only)',
  });

const jwtSchema = z
  .strictObject({
    jwksUrl: jwksUrl.describe("The issuer's JWKS, e.g. https://issuer/.well-known/jwks.json"),
    issuer: z.string().min(1).describe('Expected `iss` claim'),
    audience: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('Expected `aud` claim: the identifier of this server'),
    principalClaim: z.string().min(1).default('sub').describe('Claim holding the principal id'),
    typeClaim: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Claim holding human | agent | service; a token without it (or with no typeClaim configured) is an agent',
      ),
    rolesClaim: z
      .string()
      .min(1)
      .default('roles')
      .describe(
        'Claim holding a role or a list of roles; a dotted path (realm_access.roles) reaches nested claims',
      ),
    roleMap: z
      .record(z.string(), role)
      .default({})
      .describe('Claim value -> opswarden role; unmapped values are kept as they are'),
    clockToleranceSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(30)
      .describe('Clock skew tolerated on exp / nbf / iat'),
  })
  .describe('Accept JWT access tokens signed by an OIDC issuer');

export const authConfigSchema = z
  .strictObject({
    apiKeys: apiKeysSchema,
    jwt: jwtSchema.optional(),
    resource: z
      .url()
      .optional()
      .describe('Canonical URL of the MCP endpoint (RFC 9728 resource); default: the URL the request used'),
    authorizationServers: z
      .array(z.url())
      .optional()
      .describe(
        'Authorization servers advertised in RFC 9728 metadata; default: [jwt.issuer] when jwt is set',
      ),
  })
  .describe('Who may call the HTTP transport; stdio is not authenticated');

export type AuthConfig = z.output<typeof authConfigSchema>;
export type ApiKeyConfig = AuthConfig['apiKeys'][number];
export type JwtConfig = NonNullable<AuthConfig['jwt']>;
