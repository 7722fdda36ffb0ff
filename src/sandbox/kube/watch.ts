// Watches (`?watch=true` or the legacy `/watch/` prefix): one JSON event per line,
// `{"type":"ADDED|MODIFIED|DELETED","object":{...}}`. From a resourceVersion the stream
// replays the changes after it (410 Expired once history no longer reaches back); without
// one it starts with ADDED for every current object. An object that starts or stops
// matching the selectors arrives as ADDED or DELETED, as the API server's watch cache does.
// Streams end after `timeoutSeconds` (default 5 minutes) and when the simulator closes;
// clients such as kubectl's rollout status simply watch again.

import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { badRequest, gone } from './errors.ts';
import type { Target } from './handlers.ts';
import type { ApiRequest } from './http.ts';
import { type ListQuery, matchesQuery, parseListQuery } from './list.ts';
import { apiVersionOf, qualifiedName } from './resources.ts';
import type { Change, ChangeType } from './store.ts';
import { tableRequest, toTable } from './table.ts';

const DEFAULT_TIMEOUT_SECONDS = 300;

export function isWatch(req: ApiRequest): boolean {
  const watch = req.params.get('watch');
  return watch === 'true' || watch === '1';
}

/** A non-negative integer query parameter; undefined when absent or empty. */
function integerParam(req: ApiRequest, name: string): number | undefined {
  const raw = req.params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw))
    throw badRequest(`${name}: invalid value ${JSON.stringify(raw)}: expected a non-negative integer`);
  return Number(raw);
}

/** Open watch streams, so closing the simulator can end them. */
export type WatchRegistry = Set<() => void>;

export function serveWatch(cluster: Cluster, req: ApiRequest, target: Target, open: WatchRegistry): void {
  const query: ListQuery = parseListQuery(req.params, target.type);
  const table = tableRequest(req.accept, req.params);
  const matches = (object: KubeObject | undefined) =>
    !!object &&
    (target.namespace === undefined || object.metadata.namespace === target.namespace) &&
    matchesQuery(query, object);
  const from = integerParam(req, 'resourceVersion');
  const replay = from ? cluster.store.changesSince(from) : [];
  if (replay === undefined)
    throw gone(`too old resource version: ${from} (${cluster.store.resourceVersion})`);

  const { res } = req;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  // Headers go out now, not with the first event: clients wait for them before watching.
  res.flushHeaders();
  let firstTable = true;
  const send = (type: ChangeType | 'BOOKMARK', object: KubeObject) => {
    const body = table
      ? toTable(
          target.type,
          [object],
          table,
          cluster.now(),
          { resourceVersion: object.metadata.resourceVersion },
          firstTable,
        )
      : object;
    firstTable = false;
    res.write(`${JSON.stringify({ type, object: body })}\n`);
  };
  const onChange = (change: Change) => {
    if (qualifiedName(change.resource) !== qualifiedName(target.type)) return;
    const now = matches(change.object);
    const before = change.type === 'MODIFIED' ? matches(change.previous) : now;
    if (now && before) send(change.type, change.object);
    else if (now) send('ADDED', change.object);
    else if (before) send('DELETED', change.object);
  };

  if (!from) {
    for (const object of cluster.store.list(target.type, target.namespace))
      if (matches(object)) send('ADDED', object);
  }
  for (const change of replay) onChange(change);
  if (req.params.get('sendInitialEvents') === 'true') {
    send('BOOKMARK', {
      apiVersion: apiVersionOf(target.type),
      kind: target.type.kind,
      metadata: {
        name: '',
        uid: '',
        creationTimestamp: '',
        resourceVersion: cluster.store.resourceVersion,
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
  }

  const unsubscribe = cluster.store.subscribe(onChange);
  const timeoutSeconds = integerParam(req, 'timeoutSeconds') ?? DEFAULT_TIMEOUT_SECONDS;
  const end = () => {
    clearTimeout(timer);
    unsubscribe();
    open.delete(end);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(end, timeoutSeconds * 1000);
  open.add(end);
  res.on('close', end);
}
