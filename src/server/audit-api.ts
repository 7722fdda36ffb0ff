// Audit search over HTTP, for the console's audit view and approval trails:
// `GET /v1/audit?type=&principal=&tool=&effect=&callId=&approvalId=&since=&until=&limit=&verify=1`
// answers `{ records (newest first), more, types, verify? }`. Humans only: the log holds every
// caller's arguments and reasons (redacted), which one agent has no business reading of another.
// `approvalId` follows one ticket: the records of the call that asked for it (its decision,
// the request, the grant or rejection) and of every re-call that tried to spend it
// (approval.used, then action.executed or action.failed). `verify=1` adds the chain's verdict,
// the check `opswarden audit verify` makes; it rehashes the whole log, so it runs only when
// asked, and a verdict is reused while the head has not moved, for at most VERIFY_REUSE_MS.

import type { App } from '../app.ts';
import {
  AUDIT_EVENT_TYPES,
  type AuditEventType,
  type AuditQuery,
  type AuditRecord,
  type VerifyResult,
  verifyAudit,
} from '../audit/log.ts';
import { EFFECTS } from '../audit/record.ts';
import { parseSince } from '../duration.ts';
import type { Effect, Principal } from '../types.ts';
import { forbiddenReply } from './auth.ts';

export const AUDIT_PATH = '/v1/audit';

/** What an API module decides; the HTTP server sends it (through its redacting sendJson). */
export interface ApiReply {
  status: number;
  body: unknown;
  wwwAuthenticate?: string;
}

const MAX_AUDIT_LIMIT = 500;
const DEFAULT_AUDIT_LIMIT = 100;
/** Longest value of a text parameter (ids, names): anything longer is not one. */
const MAX_PARAM_LENGTH = 200;
const VERIFY_REUSE_MS = 30_000;

const TEXT_PARAMS = ['principal', 'tool', 'callId', 'approvalId'] as const;
const KNOWN_PARAMS = [...TEXT_PARAMS, 'type', 'effect', 'since', 'until', 'limit', 'verify'];

/** A parameter the API refuses (400), with a message naming it. */
class BadRequest extends Error {
  override name = 'BadRequest';
}

type AuditVerdict = VerifyResult & { checkedAt: string };

const verdicts = new WeakMap<App, { headSeq: number; atMs: number; verdict: AuditVerdict }>();

export function auditApi(
  app: App,
  principal: Principal,
  req: { method: string; query: URLSearchParams },
  resourceUrl: string,
): ApiReply {
  if (req.method !== 'GET') {
    return {
      status: 405,
      body: { error: 'method_not_allowed', message: `${req.method} ${AUDIT_PATH}: use GET` },
    };
  }
  if (principal.type !== 'human') {
    const message = `${principal.id} is ${principal.type === 'agent' ? 'an' : 'a'} ${principal.type}; the audit log is readable by humans only (it holds every caller's arguments and reasons)`;
    return forbiddenReply(resourceUrl, message);
  }
  try {
    const { filter, limit, approvalId, verify } = searchOf(req.query, app.clock.now());
    const found = approvalId ? approvalTrail(app, approvalId, filter, limit) : newest(app, filter, limit);
    if (!found)
      return { status: 404, body: { error: 'not_found', message: `no approval with id ${approvalId}` } };
    return {
      status: 200,
      body: {
        records: found.slice(0, limit),
        more: found.length > limit,
        types: AUDIT_EVENT_TYPES,
        ...(verify ? { verify: verdict(app) } : {}),
      },
    };
  } catch (err) {
    if (err instanceof BadRequest)
      return { status: 400, body: { error: 'bad_request', message: err.message } };
    throw err;
  }
}

/** Up to limit + 1 matches, newest first (the extra one tells there are more). */
function newest(app: App, filter: AuditQuery, limit: number): AuditRecord[] {
  return app.audit.query({ ...filter, limit: limit + 1 }).reverse();
}

/** The ticket's records matching `filter`, newest first; undefined when there is no such ticket. */
function approvalTrail(
  app: App,
  approvalId: string,
  filter: AuditQuery,
  limit: number,
): AuditRecord[] | undefined {
  const ticket = app.approvals.get(approvalId);
  if (!ticket) return undefined;
  // Spends (and refused spends) carry the re-call's callId; the ticket's own records carry the asking call's.
  const spends = app.audit
    .query({ type: 'approval.used', tool: ticket.tool, since: new Date(ticket.createdAt) })
    .filter((r) => r.data.approvalId === ticket.id);
  const callIds = new Set([ticket.callId, ...spends.flatMap((r) => (r.callId ? [r.callId] : []))]);
  const wanted = [...callIds].filter((callId) => filter.callId === undefined || filter.callId === callId);
  const bySeq = new Map<number, AuditRecord>();
  for (const callId of wanted)
    for (const record of app.audit.query({ ...filter, callId, limit: limit + 1 }))
      bySeq.set(record.seq, record);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

function verdict(app: App): AuditVerdict {
  const headSeq = app.audit.headSeq();
  const cached = verdicts.get(app);
  if (cached && cached.headSeq === headSeq && Date.now() - cached.atMs < VERIFY_REUSE_MS)
    return cached.verdict;
  // A team store's mirrors are one per replica: its chain is checked alone (as `audit verify` does).
  const mirror = app.config.store.url ? {} : { jsonlPath: app.config.audit.jsonl };
  const fresh = { ...verifyAudit(app.db, mirror), checkedAt: new Date().toISOString() };
  verdicts.set(app, { headSeq, atMs: Date.now(), verdict: fresh });
  return fresh;
}

function searchOf(
  query: URLSearchParams,
  now: Date,
): { filter: AuditQuery; limit: number; approvalId?: string; verify: boolean } {
  for (const name of query.keys()) {
    if (!KNOWN_PARAMS.includes(name))
      throw new BadRequest(`unknown parameter "${name.slice(0, 40)}"; known: ${KNOWN_PARAMS.join(', ')}`);
  }
  const filter: AuditQuery = {};
  const text = Object.fromEntries(TEXT_PARAMS.map((name) => [name, textParam(query, name)]));
  if (text.principal) filter.principal = text.principal;
  if (text.tool) filter.tool = text.tool;
  if (text.callId) filter.callId = text.callId;
  const type = query.get('type');
  if (type) {
    if (!(AUDIT_EVENT_TYPES as readonly string[]).includes(type))
      throw new BadRequest(
        `type: expected one of ${AUDIT_EVENT_TYPES.join(', ')}, got "${type.slice(0, 40)}"`,
      );
    filter.type = type as AuditEventType;
  }
  const effect = query.get('effect');
  if (effect) {
    if (!EFFECTS.includes(effect as Effect))
      throw new BadRequest(`effect: expected one of ${EFFECTS.join(', ')}, got "${effect.slice(0, 40)}"`);
    filter.effect = effect as Effect;
  }
  const since = timeParam(query, 'since', now);
  if (since) filter.since = since;
  const until = timeParam(query, 'until', now);
  if (until) filter.until = until;
  const limitText = query.get('limit');
  const limit = limitText ? Number(limitText) : DEFAULT_AUDIT_LIMIT;
  if (!(/^\d+$/.test(limitText ?? '1') && limit >= 1 && limit <= MAX_AUDIT_LIMIT))
    throw new BadRequest(
      `limit: expected an integer from 1 to ${MAX_AUDIT_LIMIT}, got "${limitText?.slice(0, 40)}"`,
    );
  const verify = query.get('verify');
  if (verify !== null && verify !== '0' && verify !== '1')
    throw new BadRequest(`verify: expected 1 (check the chain) or 0, got "${verify.slice(0, 40)}"`);
  return {
    filter,
    limit,
    ...(text.approvalId ? { approvalId: text.approvalId } : {}),
    verify: verify === '1',
  };
}

function textParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name) ?? undefined;
  if (value !== undefined && value.length > MAX_PARAM_LENGTH)
    throw new BadRequest(`${name}: at most ${MAX_PARAM_LENGTH} characters, got ${value.length}`);
  return value || undefined;
}

function timeParam(query: URLSearchParams, name: 'since' | 'until', now: Date): Date | undefined {
  const value = query.get(name);
  if (!value) return undefined;
  try {
    return parseSince(value, now);
  } catch (err) {
    throw new BadRequest(`${name}: ${(err as Error).message.slice(0, 300)}`);
  }
}
