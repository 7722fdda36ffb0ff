// The real Alertmanager backend: plain fetch against API v2, with basic or bearer auth and
// a per-request timeout. Every failure names the operation and carries Alertmanager's
// own message (it answers errors as a JSON string or plain text).

import { parseMatchers } from './matchers.ts';
import {
  type Alert,
  type AlertGroup,
  type AlertmanagerBackend,
  AlertmanagerError,
  type AlertmanagerStatus,
  type AlertQuery,
  type NewSilence,
  type Silence,
} from './types.ts';

export interface AlertmanagerOptions {
  /** Base URL, e.g. http://alertmanager:9093 (API v2 is under /api/v2). */
  url: string;
  basicAuth?: { username: string; password: string };
  bearerToken?: string;
  timeoutMs: number;
}

export function createAlertmanagerBackend(opts: AlertmanagerOptions): AlertmanagerBackend {
  const base = `${opts.url.replace(/\/+$/, '')}/api/v2`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.bearerToken) headers.authorization = `Bearer ${opts.bearerToken}`;
  else if (opts.basicAuth) {
    const { username, password } = opts.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async function request<T>(operation: string, method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const cause =
        (err as Error).name === 'TimeoutError' ? `timed out after ${opts.timeoutMs} ms` : causeOf(err);
      throw new AlertmanagerError(`Alertmanager ${operation} failed: ${opts.url} unreachable: ${cause}`);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new AlertmanagerError(
        `Alertmanager ${operation} failed (HTTP ${res.status}): ${errorMessage(text) || res.statusText}`,
        res.status,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    alerts: async (query = {}) => request<Alert[]>('list alerts', 'GET', `/alerts${queryString(query)}`),
    alertGroups: async (query = {}) =>
      request<AlertGroup[]>('list alert groups', 'GET', `/alerts/groups${queryString(query)}`),
    silences: () => request<Silence[]>('list silences', 'GET', '/silences'),
    getSilence: (id) => request<Silence>(`get silence ${id}`, 'GET', `/silence/${encodeURIComponent(id)}`),
    async createSilence(s: NewSilence) {
      const created = await request<{ silenceID: string }>('create silence', 'POST', '/silences', {
        matchers: s.matchers,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        createdBy: s.createdBy,
        comment: s.comment,
      });
      return created.silenceID;
    },
    async expireSilence(id) {
      await request<unknown>(`expire silence ${id}`, 'DELETE', `/silence/${encodeURIComponent(id)}`);
    },
    status: () => request<AlertmanagerStatus>('status', 'GET', '/status'),
  };
}

/** `?filter=...&active=true...`; matchers are checked here so a typo never reaches the server. */
function queryString(q: AlertQuery): string {
  const params = new URLSearchParams();
  parseMatchers(q.filter ?? []);
  for (const f of q.filter ?? []) params.append('filter', f);
  for (const key of ['active', 'silenced', 'inhibited', 'unprocessed'] as const) {
    if (q[key] !== undefined) params.set(key, String(q[key]));
  }
  if (q.receiver) params.set('receiver', q.receiver);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Alertmanager answers errors as a JSON string, a JSON object with `message`, or text. */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object' && 'message' in parsed) return String(parsed.message);
  } catch {
    // not JSON: the text is the message
  }
  return text.trim();
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
