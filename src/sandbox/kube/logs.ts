// `pods/<name>/log`: container logs from the world's lazy generator, with the kubelet's
// options (container, previous, sinceSeconds/sinceTime, tailLines, timestamps, limitBytes;
// follow ends with the log). Lines stream out with backpressure; `tailLines` keeps only the
// last N lines in a ring buffer, so a 100,000-line log never becomes one string.

import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { KubeObject, LogLine } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { badRequest, KubeError } from './errors.ts';
import { existing, type Target } from './handlers.ts';
import type { ApiRequest } from './http.ts';
import { containersOf, type Json } from './objects.ts';

const CHUNK_BYTES = 64 * 1024;

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; running?: Json; terminated?: Json };
  lastState?: { terminated?: Json };
}

function invalidOption(message: string): KubeError {
  return new KubeError(422, 'Invalid', message);
}

/** Go's RFC3339Nano: fractional seconds without trailing zeros. */
export function rfc3339Nano(time: Date): string {
  return time.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** The container a log or exec request names, or the pod's only one; the API server's 400s otherwise. */
export function chooseContainer(pod: KubeObject, requested: string | null): string {
  const main = containersOf(pod.spec).map((c) => c.name);
  const all = [...main, ...containersOf({ containers: pod.spec?.initContainers }).map((c) => c.name)];
  if (!requested) {
    if (main.length === 1) return main[0]!;
    throw badRequest(
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${main.join(' ')}]`,
    );
  }
  if (!all.includes(requested))
    throw badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
  return requested;
}

/** Refuses logs of a container that never ran (or has no previous instance), as the kubelet does. */
function checkContainerRan(pod: KubeObject, container: string, previous: boolean): void {
  const statuses = [
    ...((pod.status?.containerStatuses ?? []) as ContainerStatus[]),
    ...((pod.status?.initContainerStatuses ?? []) as ContainerStatus[]),
  ];
  const status = statuses.find((candidate) => candidate.name === container);
  const restarted = (status?.restartCount ?? 0) > 0 || status?.lastState?.terminated !== undefined;
  if (previous) {
    if (!restarted)
      throw badRequest(
        `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
      );
    return;
  }
  const ran = status?.state?.running !== undefined || status?.state?.terminated !== undefined || restarted;
  if (!ran) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
  }
}

function integerOption(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw invalidOption(`${name}: Invalid value: ${JSON.stringify(raw)}: must be an integer >= ${min}`);
  return value;
}

function sinceOf(params: URLSearchParams, now: Date): Date | undefined {
  const sinceSeconds = integerOption(params, 'sinceSeconds', 1);
  const sinceTime = params.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTime)
    throw invalidOption('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (sinceSeconds !== undefined) return new Date(now.getTime() - sinceSeconds * 1000);
  if (!sinceTime) return undefined;
  const parsed = new Date(sinceTime);
  if (Number.isNaN(parsed.getTime()))
    throw badRequest(`sinceTime: ${JSON.stringify(sinceTime)} is not an RFC 3339 time`);
  return parsed;
}

/** The last `count` items of an iterable, holding at most `count` at a time. */
export function lastItems<T>(items: Iterable<T>, count: number): T[] {
  if (count === 0) return [];
  const ring: T[] = new Array(count);
  let seen = 0;
  for (const item of items) ring[seen++ % count] = item;
  if (seen <= count) return ring.slice(0, seen);
  const start = seen % count;
  return [...ring.slice(start), ...ring.slice(0, start)];
}

async function stream(
  res: ServerResponse,
  lines: Iterable<LogLine>,
  timestamps: boolean,
  limitBytes?: number,
) {
  let budget = limitBytes ?? Number.POSITIVE_INFINITY;
  let chunk = '';
  const flush = async () => {
    if (chunk && !res.write(chunk)) await once(res, 'drain');
    chunk = '';
  };
  for (const line of lines) {
    if (res.destroyed || budget <= 0) break;
    let text = `${timestamps ? `${rfc3339Nano(line.time)} ` : ''}${line.text}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > budget) text = Buffer.from(text).subarray(0, budget).toString('utf8');
    budget -= Math.min(bytes, budget);
    chunk += text;
    if (chunk.length >= CHUNK_BYTES) await flush();
  }
  await flush();
  res.end();
}

/** Serves the log; errors before the first byte are thrown for the router to report. */
export async function serveLog(cluster: Cluster, req: ApiRequest, target: Target): Promise<void> {
  const pod = existing(cluster, target);
  const { params } = req;
  const container = chooseContainer(pod, params.get('container'));
  const previous = params.get('previous') === 'true';
  checkContainerRan(pod, container, previous);
  const now = cluster.now();
  const since = sinceOf(params, now);
  const tail = integerOption(params, 'tailLines', 0);
  const limitBytes = integerOption(params, 'limitBytes', 1);
  const query = { container, previous, ...(since ? { since } : {}), until: now };
  const lines = cluster.world.podLogs(pod, query);
  req.res.writeHead(200, { 'Content-Type': 'text/plain' });
  try {
    await stream(
      req.res,
      tail === undefined ? lines : lastItems(lines, tail),
      params.get('timestamps') === 'true',
      limitBytes,
    );
  } catch (error) {
    req.res.destroy(error as Error);
  }
}
