// The console's only way to its data: same-origin fetches to opswarden's JSON APIs (and,
// through ./tools.ts, its MCP endpoint) with the pasted token as a bearer header. The token
// lives in sessionStorage (gone with the tab), never in a URL, a cookie or localStorage. A
// 401 ends the session: the token is dropped and the login form comes back saying why.

import { type Json, obj } from '../../../apps/views/dom.ts';

const TOKEN_KEY = 'opswarden.console.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  logIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  logOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refusal or failure of the server, with its own words. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

let sessionEnded: (why: string) => void = () => {};

/** Who shows the login again when the server refuses the token. */
export function onSessionEnded(show: (why: string) => void): void {
  sessionEnded = show;
}

/** GET (or POST `body`) `path` as the logged-in user; throws ApiError unless 2xx. */
export async function api(path: string, opts: { body?: Json } = {}): Promise<Json> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body) {
    headers['content-type'] = 'application/json';
    // The audit log records that the decision was made here.
    headers['x-opswarden-via'] = 'console';
  }
  const res = await authorizedFetch(path, headers, opts.body && JSON.stringify(opts.body));
  const body = await jsonOf(res);
  if (!res.ok) throw new ApiError(res.status, messageOf(body, res));
  return body;
}

/**
 * `path` of this server with the user's token (a POST when there is a `body`); a 401 ends
 * the session. The answer is the caller's to read.
 */
export async function authorizedFetch(
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Response> {
  const token = session.token();
  if (!token) throw endSession('You are not logged in.');
  const res = await fetch(path, {
    headers: { ...headers, authorization: `Bearer ${token}` },
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
    ...(body === undefined ? {} : { method: 'POST', body }),
  });
  if (res.status === 401)
    throw endSession(`The server refused the token (401): ${messageOf(await jsonOf(res), res)}`);
  return res;
}

function endSession(why: string): ApiError {
  session.logOut();
  sessionEnded(why);
  return new ApiError(401, why);
}

async function jsonOf(res: Response): Promise<Json> {
  return obj(await res.json().catch(() => ({})));
}

/** The server's own words in an error body: its message, or a JSON-RPC error's. */
export function messageOf(body: Json, res: Response): string {
  for (const key of ['message', 'error_description', 'error']) {
    if (typeof body[key] === 'string') return body[key];
  }
  const rpc = obj(body.error);
  if (typeof rpc.message === 'string') return rpc.message;
  return `HTTP ${res.status} ${res.statusText}`;
}
