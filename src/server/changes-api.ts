// The change-event API: CI/CD pipelines and flag systems `POST /v1/changes` (one event or
// `{ events: [...] }`) as a principal with the `change-writer` role; any authenticated
// caller may `GET /v1/changes?service=&namespace=&since=&until=&limit=`. The HTTP server
// authenticates and does the I/O; this module decides the answer.

import type { App } from '../app.ts';
import { ChangeEventError, parseChangeEvents } from '../changes/event.ts';
import { MAX_CHANGE_LIMIT } from '../changes/store.ts';
import { parseSince } from '../duration.ts';
import type { Principal } from '../types.ts';
import { forbiddenReply } from './auth.ts';

export const CHANGE_WRITER_ROLE = 'change-writer';
export const CHANGES_PATH = '/v1/changes';

export interface ChangesRequest {
  method: string;
  query: URLSearchParams;
  /** Reads the JSON body; throws SyntaxError (not JSON) or BodyTooLargeError (the server answers 413). */
  body(): Promise<unknown>;
}

/** A query parameter or body the API refuses (400), with a message naming it. */
class BadRequest extends Error {
  override name = 'BadRequest';
}

export interface ChangesReply {
  status: number;
  body: unknown;
  wwwAuthenticate?: string;
}

export async function changesApi(
  app: App,
  principal: Principal,
  req: ChangesRequest,
  resourceUrl: string,
): Promise<ChangesReply> {
  try {
    if (req.method === 'GET') return { status: 200, body: listChanges(app, req.query) };
    if (req.method !== 'POST') {
      return {
        status: 405,
        body: { error: 'method_not_allowed', message: `${req.method} ${CHANGES_PATH}: use GET or POST` },
      };
    }
    if (!principal.roles.includes(CHANGE_WRITER_ROLE)) {
      const message = `${principal.id} has roles [${principal.roles.join(', ')}]; posting changes needs the ${CHANGE_WRITER_ROLE} role`;
      return forbiddenReply(resourceUrl, message);
    }
    const inputs = parseChangeEvents(await req.body());
    const events = inputs.map((input) => app.changes.record(input, principal.id));
    app.logger.info({ principal: principal.id, changes: events.map((e) => e.id) }, 'changes recorded');
    return { status: 201, body: { events } };
  } catch (err) {
    const badRequest = [BadRequest, ChangeEventError, SyntaxError, RangeError].some((t) => err instanceof t);
    if (badRequest) {
      return { status: 400, body: { error: 'bad_request', message: (err as Error).message } };
    }
    throw err;
  }
}

function listChanges(app: App, query: URLSearchParams) {
  const now = app.worldClock.now();
  const since = timeParam(query, 'since', now) ?? parseSince('24h', now);
  const until = timeParam(query, 'until', now);
  const limitText = query.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_CHANGE_LIMIT)) {
    throw new BadRequest(`limit: expected an integer from 1 to ${MAX_CHANGE_LIMIT}, got "${limitText}"`);
  }
  const service = query.get('service') ?? undefined;
  const namespace = query.get('namespace') ?? undefined;
  const events = app.changes.list({
    since,
    ...(until ? { until } : {}),
    ...(service ? { service } : {}),
    ...(namespace ? { namespace } : {}),
    ...(limit ? { limit } : {}),
  });
  return { since: since.toISOString(), ...(until ? { until: until.toISOString() } : {}), events };
}

function timeParam(query: URLSearchParams, name: 'since' | 'until', now: Date): Date | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  try {
    return parseSince(text, now);
  } catch (err) {
    throw new BadRequest(`${name}: ${(err as Error).message}`);
  }
}
