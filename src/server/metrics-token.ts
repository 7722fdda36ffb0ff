// /metrics maps the installation (every tool name, call counts, the on-call KPIs), so it
// can require a bearer token: `server.http.metricsToken`, which a Prometheus scrape sends
// (`authorization: { credentials: ... }`). Only its sha256 is kept, and a presented token
// is compared the way API keys are (hashed, constant time).

import { z } from 'zod';
import { createApiKeyMatcher, hashApiKey, type StoredApiKey } from './auth/api-keys.ts';
import { BEARER } from './auth/challenge.ts';

export const metricsTokenSchema = z
  .string()
  .min(16, 'a metrics token needs at least 16 characters')
  .transform((token): StoredApiKey => ({ sha256: hashApiKey(token) }))
  .describe(
    'Bearer token a scrape of /metrics must send, usually an environment variable reference; hashed at load and not kept. ' +
      'Unset: /metrics answers any caller that passes the Host/Origin guard',
  );

type Refusal = {
  ok: false;
  status: 401;
  wwwAuthenticate: string;
  body: { error: string; error_description: string };
};
export type MetricsAccess = { ok: true } | Refusal;

/** Checks a request's Authorization header against the configured token (open when none is). */
export function createMetricsAccess(
  token: StoredApiKey | undefined,
): (authorization: string | undefined) => MetricsAccess {
  if (!token) return () => ({ ok: true });
  const matches = createApiKeyMatcher([token]);
  return (authorization) => {
    const presented = authorization?.match(BEARER)?.[1];
    if (presented === undefined) {
      return refuse(
        'unauthorized',
        '/metrics needs a bearer token (server.http.metricsToken): send Authorization: Bearer <token>',
      );
    }
    if (matches(presented)) return { ok: true };
    return refuse('invalid_token', 'the bearer token is not the metrics token (server.http.metricsToken)');
  };
}

/** RFC 6750 §3.1: no error code in the challenge when no token was sent. */
function refuse(error: 'unauthorized' | 'invalid_token', description: string): Refusal {
  const code = error === 'invalid_token' ? ', error="invalid_token"' : '';
  return {
    ok: false,
    status: 401,
    wwwAuthenticate: `Bearer realm="opswarden-metrics"${code}`,
    body: { error, error_description: description },
  };
}
