// A command in a container through client-node's Exec (pods/exec over a WebSocket, the
// remotecommand v5/v4 channel protocols). What the command writes is kept as the last
// `keepBytes` of each stream plus a count of all it wrote, so an endless or huge output
// never grows past that in memory. The exit code comes from the status channel; a
// non-zero one is a result. The socket is opened here rather than by client-node's
// WebSocketHandler (not exported, and it would report a refused upgrade as "Unexpected
// server response: 400"): a refusal's Status message (pod not found, container not
// running, RBAC) is read from the response. Past the timeout the socket is closed and what
// came so far is returned as timed out.

import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { type ExecStream, KubeError, type PodExecQuery, type PodExecResult } from './types.ts';

/** The remotecommand versions whose status channel carries the exit code, newest first. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
/** Bytes of a refused upgrade's body read for its Status. */
const MAX_ERROR_BODY = 64 * 1024;

/** Keeps the last `keep` bytes written, and counts them all. */
class TailSink extends Writable {
  #chunks: Buffer[] = [];
  #held = 0;
  readonly #keep: number;
  bytes = 0;
  constructor(keep: number) {
    super();
    this.#keep = keep;
    this.on('error', () => {}); // a write after the status ended it: nothing to keep
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.#chunks.push(chunk);
    this.#held += chunk.length;
    while (this.#chunks.length > 1 && this.#held - this.#chunks[0]!.length >= this.#keep)
      this.#held -= this.#chunks.shift()!.length;
    done();
  }
  stream(): ExecStream {
    const all = Buffer.concat(this.#chunks);
    return { tail: all.subarray(Math.max(0, all.length - this.#keep)), bytes: this.bytes };
  }
}

export async function execInPod(kc: KubeConfig, q: PodExecQuery, what: string): Promise<PodExecResult> {
  const stdout = new TailSink(q.keepBytes);
  const stderr = new TailSink(q.keepBytes);
  let status: V1Status | undefined;
  const timeout = AbortSignal.timeout(q.timeoutMs);
  const stop = q.signal ? AbortSignal.any([q.signal, timeout]) : timeout;
  const connecting = new Exec(kc, connector(kc, what)).exec(
    q.namespace,
    q.pod,
    q.container,
    q.command,
    stdout,
    stderr,
    null,
    false,
    (s) => {
      status = s;
    },
  );
  let socket: WebSocket;
  try {
    socket = await untilStopped(connecting, stop);
  } catch (error) {
    connecting.then((late) => late.terminate()).catch(() => {});
    if (timeout.aborted) return { stdout: stdout.stream(), stderr: stderr.stream(), timedOut: true };
    throw error instanceof KubeError ? error : new KubeError(`${what}: ${(error as Error).message}`);
  }
  await untilStopped(closed(socket), stop).catch(() => socket.terminate());
  if (q.signal?.aborted) throw q.signal.reason;
  const result = { stdout: stdout.stream(), stderr: stderr.stream() };
  if (timeout.aborted && !status) return { ...result, timedOut: true };
  return { ...result, exitCode: exitCode(status, what), timedOut: false };
}

/** The exit code a status reports: 0 on Success, the ExitCode cause otherwise. */
function exitCode(status: V1Status | undefined, what: string): number {
  if (!status) throw new KubeError(`${what}: the connection closed before the command's exit status came`);
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  if (cause && Number.isInteger(code)) return code;
  throw new KubeError(`${what}: ${status.message ?? status.reason ?? 'failed'}`, status.code);
}

type Connector = NonNullable<ConstructorParameters<typeof Exec>[1]>;

/** Opens the socket as client-node would (its TLS and credentials), reading a refusal's Status. */
function connector(kc: KubeConfig, what: string): Connector {
  return {
    async connect(path, _text, binary) {
      const server = kc.getCurrentCluster()?.server;
      if (!server) throw new KubeError(`${what}: the kubeconfig context names no cluster server`);
      const opts: WebSocket.ClientOptions = {};
      await kc.applyToHTTPSOptions(opts);
      const ws = new WebSocket(`${server.replace(/^http/, 'ws')}${path}`, PROTOCOLS, opts);
      return new Promise<WebSocket>((resolve, reject) => {
        ws.on('error', (error) => reject(new KubeError(`${what}: ${error.message}`)));
        ws.on('unexpected-response', (_req, res: IncomingMessage) => {
          void readBody(res).then((text) => {
            const message = (safeJson(text) as { message?: string } | undefined)?.message ?? text.trim();
            const reason = message || 'no reason given';
            reject(new KubeError(`${what}: failed (HTTP ${res.statusCode}): ${reason}`, res.statusCode));
            ws.terminate();
          });
        });
        ws.on('open', () => resolve(ws));
        ws.on('message', (data: Buffer) => {
          if (data.length && binary && !binary(data[0]!, data.subarray(1))) ws.close();
        });
      });
    },
  } as Connector;
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= MAX_ERROR_BODY) break;
    }
  } catch {
    // what came is enough to report
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY).toString('utf8');
}

function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

function untilStopped<T>(work: Promise<T>, stop: AbortSignal): Promise<T> {
  if (stop.aborted) return Promise.reject(stop.reason);
  return new Promise<T>((resolve, reject) => {
    const onStop = () => reject(stop.reason);
    stop.addEventListener('abort', onStop, { once: true });
    work.then(resolve, reject).finally(() => stop.removeEventListener('abort', onStop));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
