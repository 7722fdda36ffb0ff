// A raw HTTPS client for the simulator's API tests: verifies the server against the
// simulator's CA (no TLS shortcuts), sends the bearer token, and reads either a whole
// response or a watch stream line by line.

import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { KubeSimulator } from '../../../../src/sandbox/kube/simulator.ts';

export interface CallOptions {
  /** A string or Buffer is sent as is (protobuf bodies are bytes); anything else as JSON. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** null: no Authorization header. */
  token?: string | null;
}

export interface Response {
  status: number;
  contentType: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  json: any;
}

function open(sim: KubeSimulator, method: string, path: string, opts: CallOptions): Promise<IncomingMessage> {
  const url = new URL(path, sim.url);
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string' || Buffer.isBuffer(opts.body)
        ? opts.body
        : JSON.stringify(opts.body);
  const token = opts.token === undefined ? sim.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(sim.caPath),
        headers: {
          ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
          ...(opts.accept ? { Accept: opts.accept } : {}),
          ...(body !== undefined
            ? {
                'Content-Type': opts.contentType ?? 'application/json',
                'Content-Length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function call(
  sim: KubeSimulator,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Response> {
  const res = await open(sim, method, path, opts);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const contentType = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode ?? 0,
    contentType,
    text,
    json: contentType.startsWith('application/json') ? JSON.parse(text) : undefined,
  };
}

/** A watch: collects JSON events as they arrive until `close()`. */
export async function watch(sim: KubeSimulator, path: string, opts: CallOptions = {}) {
  const res = await open(sim, 'GET', path, opts);
  // biome-ignore lint/suspicious/noExplicitAny: watch events carry arbitrary objects
  const events: any[] = [];
  let buffered = '';
  res.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
  });
  const ended = new Promise<void>((resolve) => res.on('end', () => resolve()));
  return {
    status: res.statusCode ?? 0,
    events,
    ended,
    /** Waits until `count` events have arrived (or fails after 5 s). */
    async waitFor(count: number) {
      for (let waited = 0; events.length < count; waited += 10) {
        if (waited > 5000)
          throw new Error(`watch ${path}: ${events.length} events after 5s, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return events;
    },
    close: () => res.destroy(),
  };
}
