// Runbook runs over HTTP, for the console's runbooks view:
// `GET /v1/runbooks/executions?status=&limit=` lists runs newest first and
// `GET /v1/runbooks/executions/<id>` reads one, each as runbook_status shows it (steps with
// their outcome and evidence, the approval a step waits for, how the run ended). Humans see
// every run; anyone else only the runs they started, as with approvals a requester sees
// their own tickets: another's run is "not found", so its id cannot be probed.

import type { App } from '../app.ts';
import { EXECUTION_OUTCOMES, type ExecutionFilter } from '../runbooks/service.ts';
import type { Principal } from '../types.ts';
import type { ApiReply } from './audit-api.ts';

export const RUNBOOK_RUNS_PATH = '/v1/runbooks/executions';

const RUN_STATUSES: readonly string[] = ['running', 'finished', ...EXECUTION_OUTCOMES];
const MAX_RUNS_LIMIT = 200;
const DEFAULT_RUNS_LIMIT = 50;
const KNOWN_PARAMS = ['status', 'limit'];

export function isRunbookRunsPath(path: string): boolean {
  return path === RUNBOOK_RUNS_PATH || path.startsWith(`${RUNBOOK_RUNS_PATH}/`);
}

export function runbookRunsApi(
  app: App,
  principal: Principal,
  req: { method: string; path: string; query: URLSearchParams },
  _resourceUrl: string,
): ApiReply {
  if (req.method !== 'GET')
    return {
      status: 405,
      body: { error: 'method_not_allowed', message: `${req.method} ${req.path}: use GET` },
    };
  const requester = principal.type === 'human' ? undefined : principal.id;
  const id = req.path.slice(RUNBOOK_RUNS_PATH.length + 1);
  if (id) {
    // Execution ids are rbx_ and base64url letters: nothing to decode, no slash.
    const run = /^[\w-]+$/.test(id) ? app.runbooks.status(id) : undefined;
    return run && (requester === undefined || run.requester === requester)
      ? { status: 200, body: run }
      : {
          status: 404,
          body: { error: 'not_found', message: `no runbook execution with id ${id.slice(0, 80)}` },
        };
  }
  const filter = filterOf(req.query);
  if (typeof filter === 'string') return { status: 400, body: { error: 'bad_request', message: filter } };
  return {
    status: 200,
    body: { executions: app.runbooks.executions({ ...filter, ...(requester ? { requester } : {}) }) },
  };
}

/** The list's filter, or why the query is refused. */
function filterOf(query: URLSearchParams): ExecutionFilter | string {
  const unknown = [...query.keys()].find((name) => !KNOWN_PARAMS.includes(name));
  if (unknown !== undefined)
    return `unknown parameter "${unknown.slice(0, 40)}"; known: ${KNOWN_PARAMS.join(', ')}`;
  const status = query.get('status') || undefined;
  if (status !== undefined && !RUN_STATUSES.includes(status))
    return `status: expected one of ${RUN_STATUSES.join(', ')}, got "${status.slice(0, 40)}"`;
  const limitText = query.get('limit') || undefined;
  const limit = limitText === undefined ? DEFAULT_RUNS_LIMIT : Number(limitText);
  if (!(/^\d+$/.test(limitText ?? '1') && limit >= 1 && limit <= MAX_RUNS_LIMIT))
    return `limit: expected an integer from 1 to ${MAX_RUNS_LIMIT}, got "${limitText?.slice(0, 40)}"`;
  return { limit, ...(status ? { status: status as ExecutionFilter['status'] } : {}) };
}
