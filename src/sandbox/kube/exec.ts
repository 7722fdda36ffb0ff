// `pods/<name>/exec` over WebSocket, as kubectl (1.30+) and client-node's Exec speak it: the
// Kubernetes remotecommand subprotocols v5.channel.k8s.io and v4.channel.k8s.io, each
// binary message prefixed by its channel (1 stdout, 2 stderr, 3 the metav1.Status that
// ends the command, its exit code in details.causes as ExitCode). The checks run before the
// upgrade, so a refusal is an HTTP Status kubectl prints (404 pod, 400 container or phase).
// SPDY is not served: kubectl falls back to it only when the WebSocket upgrade failed, and a
// request that asks for SPDY alone is told to use WebSockets. The command runs in a
// simulated container (container-commands.ts), its output written with backpressure.

import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket, WebSocketServer } from 'ws';
import type { KubeObject } from '../world.ts';
import type { Cluster } from './cluster.ts';
import { type CommandRun, runCommand } from './container-commands.ts';
import { containerView, dataReader } from './container-view.ts';
import { badRequest, type KubeError } from './errors.ts';
import { existing, type Target } from './handlers.ts';
import { chooseContainer } from './logs.ts';
import { containersOf, podPhase } from './objects.ts';

/** Newest first: the one a client offers first among these is chosen. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;

const server = new WebSocketServer({
  noServer: true,
  maxPayload: 1024 * 1024,
  handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

const flag = (params: URLSearchParams, name: string) => ['true', '1'].includes(params.get(name) ?? '');

/** Checks the request as the API server and kubelet do, then upgrades it and runs the command. */
export function serveExec(
  cluster: Cluster,
  raw: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: Target,
): void {
  const params = new URL(raw.url ?? '/', 'https://localhost').searchParams;
  const pod = existing(cluster, target);
  const command = params.getAll('command');
  if (!command.length) throw badRequest('you must specify at least one command for the container');
  const streams = {
    stdout: flag(params, 'stdout'),
    stderr: flag(params, 'stderr'),
    tty: flag(params, 'tty'),
  };
  if (!streams.stdout && !streams.stderr && !flag(params, 'stdin'))
    throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const phase = podPhase(pod);
  if (phase === 'Succeeded' || phase === 'Failed')
    throw badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = chooseContainer(pod, params.get('container') || null);
  checkRunning(pod, container);
  checkProtocol(raw);
  const spec = [...containersOf(pod.spec), ...containersOf({ containers: pod.spec?.initContainers })].find(
    (c) => c.name === container,
  )!;
  const namespace = pod.metadata.namespace ?? '';
  const view = containerView(
    pod,
    spec,
    dataReader((...ref) => cluster.get(...ref), namespace),
  );
  const run = runCommand(command, view, cluster.now());
  server.handleUpgrade(raw, socket, head, (ws) => {
    void answer(ws, run, command, streams).catch(() => ws.terminate());
  });
}

/** The kubelet's refusal of a container that is not running (waiting, or terminated). */
function checkRunning(pod: KubeObject, container: string): void {
  const statuses = [
    ...((pod.status?.containerStatuses ?? []) as ContainerState[]),
    ...((pod.status?.initContainerStatuses ?? []) as ContainerState[]),
  ];
  const state = statuses.find((s) => s.name === container)?.state;
  if (state?.running) return;
  const why = state?.waiting?.reason ?? state?.terminated?.reason ?? 'not started';
  throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is not running: ${why}`);
}

interface ContainerState {
  name: string;
  state?: { running?: object; waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function checkProtocol(raw: IncomingMessage): void {
  const upgrade = raw.headers.upgrade?.toLowerCase() ?? '';
  if (upgrade !== 'websocket')
    throw badRequest(
      `the simulator serves exec over WebSockets only (${PROTOCOLS.join(', ')}), not ${upgrade || 'a plain request'}: SPDY is not supported; use kubectl 1.30 or later (WebSockets by default)`,
    );
  const offered = (raw.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!PROTOCOLS.some((p) => offered.includes(p)))
    throw badRequest(
      `exec takes the WebSocket subprotocol ${PROTOCOLS.join(' or ')}; the client offered: ${offered.filter(Boolean).join(', ') || 'none'}`,
    );
}

async function answer(
  ws: WebSocket,
  run: CommandRun,
  command: string[],
  streams: { stdout: boolean; stderr: boolean; tty: boolean },
): Promise<void> {
  const gone = new AbortController();
  ws.once('close', () => gone.abort());
  // Stdin, resize and v5's close signal: the simulated commands read no input.
  ws.on('message', () => {});
  if (run.sleepMs) await sleep(run.sleepMs, undefined, { signal: gone.signal }).catch(() => {});
  if (streams.stdout)
    for (const chunk of run.stdout) {
      if (gone.signal.aborted) return;
      await send(ws, STDOUT, chunk);
    }
  // A TTY has one output stream.
  if (run.stderr && (streams.stderr || streams.tty))
    await send(ws, streams.tty ? STDOUT : STDERR, run.stderr);
  await send(ws, STATUS, JSON.stringify(exitStatus(run.exitCode, command)));
  ws.close(1000);
}

/** One channel's message, resolved once the socket took it (backpressure). */
function send(ws: WebSocket, channel: number, text: string): Promise<void> {
  if (ws.readyState !== WebSocket.OPEN) return Promise.resolve();
  const data = Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
  return new Promise((resolve, reject) => ws.send(data, (error) => (error ? reject(error) : resolve())));
}

/** The metav1.Status the kubelet ends an exec with. */
function exitStatus(code: number, command: string[]): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** Answers an upgrade request that is refused with the API server's Status, over the raw socket. */
export function refuseUpgrade(socket: Duplex, error: KubeError): void {
  const body = JSON.stringify(error.status());
  const reason = STATUS_CODES[error.code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${error.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
