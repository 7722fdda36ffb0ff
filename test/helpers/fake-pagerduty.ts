// A PagerDuty stand-in for tests, over HTTPS on 127.0.0.1 with a certificate from a
// throwaway CA (src/sandbox/kube/tls.ts), so the client under test verifies it as it would
// PagerDuty's. It serves what PagerDuty documents:
//   - Events API v2, POST /v2/enqueue: the event is validated (routing_key of 32
//     characters, event_action trigger|acknowledge|resolve, dedup_key up to 255 characters
//     and required to acknowledge or resolve, payload.summary (up to 1024), source and
//     severity (critical|error|warning|info) required to trigger, a body up to 512 KB) and
//     answered 202 { status: "success", message: "Event processed", dedup_key } or 400
//     { status: "invalid event", message, errors }. Alerts keep PagerDuty's state per
//     dedup_key: a trigger opens an alert or adds to the open one; acknowledge and resolve
//     apply to the open alert triggered with the same routing key and are dropped otherwise.
//   - REST API, GET /oncalls: needs `Authorization: Token token=<token>` (401) and the v2
//     Accept header (406); answers { oncalls, limit, offset, more } for the
//     escalation_policy_ids[] asked, from the entries a test sets, users in full with
//     include[]=users and as references without.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeServerPki } from '../../src/sandbox/kube/tls.ts';

export interface FakeAlert {
  dedupKey: string;
  routingKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** The opening trigger's payload and links. */
  payload: Record<string, unknown>;
  links: unknown[];
  /** Every action applied to this alert, in order. */
  actions: string[];
}

export interface ReceivedEvent {
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary keys of the posted JSON
  body: any;
  /** The answer's status: 202, 400, or what failNext set. */
  status: number;
  /** The raw bytes' length. */
  bytes: number;
}

export interface OnCallEntry {
  policy: string;
  level: number;
  user: { id: string; name: string; email: string };
}

export interface OnCallRequest {
  query: URLSearchParams;
  authorization?: string;
  accept?: string;
  status: number;
}

type Path = '/v2/enqueue' | '/oncalls';

export interface FakePagerDuty {
  /** host:port, for `eventsServer` and `apiServer`. */
  server: string;
  /** The CA that signed the server's certificate, for `caFile`. */
  caPath: string;
  events: ReceivedEvent[];
  /** Every alert ever opened, oldest first (a resolved dedup_key triggered again opens another). */
  alerts: FakeAlert[];
  /** The latest alert of a dedup_key. */
  alert(dedupKey: string): FakeAlert | undefined;
  oncallRequests: OnCallRequest[];
  /**
   * Who is on call from now on (replaces the previous entries); `ignoreLimit` answers them
   * all at once, as a misbehaving proxy might.
   */
  setOnCall(entries: OnCallEntry[], opts?: { ignoreLimit?: boolean }): void;
  /** The token the REST API accepts from now on (a revoked one is answered 401). */
  setApiToken(token: string): void;
  /** The next `count` requests to `path` are answered `status` (and not processed). */
  failNext(path: Path, count: number, status: number): void;
  close(): Promise<void>;
}

const ROUTING_KEY_LENGTH = 32;
const DEDUP_KEY_MAX = 255;
const SUMMARY_MAX = 1024;
const BODY_MAX = 512 * 1024;
const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const ACCEPT = 'application/vnd.pagerduty+json;version=2';

export async function startFakePagerDuty(opts: { apiToken: string }): Promise<FakePagerDuty> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-pagerduty-'));
  const pki = makeServerPki(dir);
  const events: ReceivedEvent[] = [];
  const alerts: FakeAlert[] = [];
  const oncallRequests: OnCallRequest[] = [];
  const failures = new Map<Path, { count: number; status: number }>();
  let onCall: OnCallEntry[] = [];
  let ignoreLimit = false;
  let apiToken = opts.apiToken;

  const openAlert = (dedupKey: string) =>
    alerts.findLast((a) => a.dedupKey === dedupKey && a.status !== 'resolved');

  function enqueue(raw: Buffer): { status: number; body: unknown } {
    const body = parsed(raw);
    const errors = raw.length > BODY_MAX ? ['Payload is larger than 512 KB'] : eventErrors(body);
    const event = body as {
      routing_key: string;
      event_action: string;
      dedup_key?: string;
      payload?: Record<string, unknown>;
      links?: unknown[];
    };
    events.push({ body, status: errors.length ? 400 : 202, bytes: raw.length });
    if (errors.length) {
      return { status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } };
    }
    const dedupKey = event.dedup_key ?? randomUUID();
    const open = openAlert(dedupKey);
    if (event.event_action === 'trigger') {
      if (open && open.routingKey === event.routing_key) open.actions.push('trigger');
      else {
        alerts.push({
          dedupKey,
          routingKey: event.routing_key,
          status: 'triggered',
          payload: event.payload ?? {},
          links: event.links ?? [],
          actions: ['trigger'],
        });
      }
    } else if (open && open.routingKey === event.routing_key) {
      open.status = event.event_action === 'acknowledge' ? 'acknowledged' : 'resolved';
      open.actions.push(event.event_action);
    }
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  }

  function oncalls(req: IncomingMessage, query: URLSearchParams): { status: number; body: unknown } {
    const authorization = req.headers.authorization;
    const accept = req.headers.accept;
    const answer = (status: number, body: unknown) => {
      oncallRequests.push({
        query,
        ...(authorization ? { authorization } : {}),
        ...(accept ? { accept } : {}),
        status,
      });
      return { status, body };
    };
    if (authorization !== `Token token=${apiToken}`) {
      return answer(401, { error: { message: 'Authentication required', code: 2006 } });
    }
    if (accept !== ACCEPT) {
      return answer(406, { error: { message: `Not Acceptable: send Accept: ${ACCEPT}`, code: 2001 } });
    }
    const policies = query.getAll('escalation_policy_ids[]');
    if (!policies.length) {
      return answer(400, {
        error: {
          message: 'Invalid Input Provided',
          code: 2001,
          errors: ['escalation_policy_ids[] is required'],
        },
      });
    }
    const users = query.getAll('include[]').includes('users');
    const earliest = query.get('earliest') === 'true';
    const seen = new Set<string>();
    const matching = onCall.filter((e) => {
      const key = `${e.policy}/${e.level}/${e.user.id}`;
      if (!policies.includes(e.policy) || (earliest && seen.has(key))) return false;
      seen.add(key);
      return true;
    });
    const limit = ignoreLimit ? matching.length : Math.min(Number(query.get('limit') ?? 25), 100);
    const offset = Number(query.get('offset') ?? 0);
    const page = matching.slice(offset, offset + limit);
    return answer(200, {
      oncalls: page.map((e) => ({
        escalation_policy: {
          id: e.policy,
          type: 'escalation_policy_reference',
          summary: `Policy ${e.policy}`,
          self: `https://api.pagerduty.com/escalation_policies/${e.policy}`,
          html_url: `https://example.pagerduty.com/escalation_policies/${e.policy}`,
        },
        escalation_level: e.level,
        schedule: null,
        user: users
          ? {
              ...e.user,
              type: 'user',
              summary: e.user.name,
              self: `https://api.pagerduty.com/users/${e.user.id}`,
            }
          : { id: e.user.id, type: 'user_reference', summary: e.user.name },
        start: null,
        end: null,
      })),
      limit,
      offset,
      more: offset + limit < matching.length,
      total: null,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://pagerduty.test');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const route = routeOf(req.method, url.pathname);
    const reply = !route
      ? { status: 404, body: { error: { message: 'Not Found', code: 2100 } } }
      : (failing(route, raw, url.searchParams) ??
        (route === '/v2/enqueue' ? enqueue(raw) : oncalls(req, url.searchParams)));
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  /** The answer of a request failNext has set to fail (recorded like the others). */
  function failing(
    route: Path,
    raw: Buffer,
    query: URLSearchParams,
  ): { status: number; body: unknown } | undefined {
    const failure = failures.get(route);
    if (!failure || failure.count <= 0) return undefined;
    failure.count--;
    if (route === '/v2/enqueue')
      events.push({ body: parsed(raw), status: failure.status, bytes: raw.length });
    else oncallRequests.push({ query, status: failure.status });
    const message = 'failing on purpose';
    return {
      status: failure.status,
      body: route === '/v2/enqueue' ? { status: 'unavailable', message } : { error: { message, code: 0 } },
    };
  }

  const server: Server = createServer({ key: pki.key, cert: pki.cert }, (req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', message: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    server: `127.0.0.1:${port}`,
    caPath: pki.caPath,
    events,
    alerts,
    alert: (dedupKey) => alerts.findLast((a) => a.dedupKey === dedupKey),
    oncallRequests,
    setOnCall(entries, o = {}) {
      onCall = entries;
      ignoreLimit = o.ignoreLimit ?? false;
    },
    setApiToken(token) {
      apiToken = token;
    },
    failNext(path, count, status) {
      failures.set(path, { count, status });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function routeOf(method: string | undefined, path: string): Path | undefined {
  if (method === 'POST' && path === '/v2/enqueue') return path;
  if (method === 'GET' && path === '/oncalls') return path;
  return undefined;
}

function parsed(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Why PagerDuty would refuse this event (none: it is valid). */
function eventErrors(body: unknown): string[] {
  if (!isObject(body)) return ['Event object is invalid: the body is not a JSON object'];
  const errors: string[] = [];
  const { routing_key, event_action, dedup_key, payload } = body;
  if (typeof routing_key !== 'string' || routing_key.length !== ROUTING_KEY_LENGTH) {
    errors.push(`Length of 'routing_key' is incorrect (should be ${ROUTING_KEY_LENGTH} characters)`);
  }
  if (typeof event_action !== 'string' || !ACTIONS.includes(event_action)) {
    errors.push(`'event_action' is invalid (must be one of ${ACTIONS.join(', ')})`);
  }
  if (dedup_key !== undefined && (typeof dedup_key !== 'string' || dedup_key.length > DEDUP_KEY_MAX)) {
    errors.push(`'dedup_key' must be a string of at most ${DEDUP_KEY_MAX} characters`);
  }
  if ((event_action === 'acknowledge' || event_action === 'resolve') && !dedup_key) {
    errors.push(`'dedup_key' is missing or blank (required to ${event_action})`);
  }
  if (event_action === 'trigger') {
    if (!isObject(payload)) return [...errors, `'payload' is missing or not an object`];
    const { summary, source, severity, custom_details } = payload;
    if (typeof summary !== 'string' || !summary) errors.push(`'payload.summary' is missing or blank`);
    else if (summary.length > SUMMARY_MAX)
      errors.push(`'payload.summary' is longer than ${SUMMARY_MAX} characters`);
    if (typeof source !== 'string' || !source) errors.push(`'payload.source' is missing or blank`);
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
      errors.push(`'payload.severity' must be one of ${SEVERITIES.join(', ')}`);
    }
    if (custom_details !== undefined && !isObject(custom_details)) {
      errors.push(`'payload.custom_details' must be an object`);
    }
    const links = body.links;
    if (
      links !== undefined &&
      (!Array.isArray(links) || !links.every((l) => isObject(l) && typeof l.href === 'string'))
    ) {
      errors.push(`'links' must be a list of { href, text? }`);
    }
  }
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
