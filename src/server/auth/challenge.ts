// Refusals of the HTTP transport in the shape RFC 6750 (bearer tokens) and RFC 9728 §5.1
// (protected-resource metadata) prescribe: every WWW-Authenticate challenge points the client
// at the metadata document, from which it finds the authorization server.

export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/** `Authorization: Bearer <token>` (RFC 6750 §2.1); the token is group 1. */
export const BEARER = /^Bearer +(\S+) *$/i;

export interface AuthFailure {
  ok: false;
  /** 401 no or bad token, 403 token fine but not allowed, 503 token could not be checked. */
  status: 401 | 403 | 503;
  /** Value of the WWW-Authenticate response header. */
  wwwAuthenticate: string;
  /** OAuth error code for a JSON body (`unauthorized` when no token was sent). */
  error: string;
  description: string;
}

/** `<origin of the resource>/.well-known/oauth-protected-resource`. */
export function protectedResourceMetadataUrl(resourceUrl: string): string {
  return new URL(PROTECTED_RESOURCE_METADATA_PATH, resourceUrl).href;
}

/** No bearer credentials: per RFC 6750 §3.1 the challenge then carries no error code. */
export function missingToken(resourceUrl: string): AuthFailure {
  return {
    ok: false,
    status: 401,
    wwwAuthenticate: challenge(resourceUrl),
    error: 'unauthorized',
    description: 'missing bearer token: send Authorization: Bearer <token>',
  };
}

export function invalidToken(resourceUrl: string, description: string): AuthFailure {
  return failure(401, 'invalid_token', resourceUrl, description);
}

/** The caller is authenticated but lacks the role the endpoint needs (e.g. approvals API). */
export function forbidden(resourceUrl: string, description: string): AuthFailure {
  return failure(403, 'insufficient_scope', resourceUrl, description);
}

/** An API's 403 answer (body and challenge) for an authenticated caller who may not do this. */
export function forbiddenReply(
  resourceUrl: string,
  description: string,
): { status: 403; body: { error: string; error_description: string }; wwwAuthenticate: string } {
  const denied = forbidden(resourceUrl, description);
  return {
    status: 403,
    body: { error: denied.error, error_description: description },
    wwwAuthenticate: denied.wwwAuthenticate,
  };
}

/** The token could not be checked (issuer keys unreachable): not the client's fault, so no error code. */
export function verificationUnavailable(resourceUrl: string, description: string): AuthFailure {
  return {
    ok: false,
    status: 503,
    wwwAuthenticate: challenge(resourceUrl),
    error: 'temporarily_unavailable',
    description,
  };
}

function failure(status: 401 | 403, error: string, resourceUrl: string, description: string): AuthFailure {
  return {
    ok: false,
    status,
    wwwAuthenticate: challenge(resourceUrl, `error="${error}", error_description=${quoted(description)}`),
    error,
    description,
  };
}

function challenge(resourceUrl: string, errorParams?: string): string {
  const metadata = `resource_metadata=${quoted(protectedResourceMetadataUrl(resourceUrl))}`;
  return `Bearer ${errorParams ? `${errorParams}, ` : ''}${metadata}`;
}

/** RFC 6750 quoted values allow printable ASCII except `"` and `\`. */
function quoted(value: string): string {
  return `"${value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, (c) => (c === '"' ? "'" : ' '))}"`;
}
