// Serving an app over stdio or Streamable HTTP until SIGINT/SIGTERM, shared by
// `opswarden serve` and `opswarden sandbox` so both behave the same to a client. A signal
// always ends the process: after it, closing gets `limits.shutdownGrace`, then the process
// exits anyway (a second signal exits at once). A failure to start is a StartupError,
// which the CLI prints as one line.

import type { App } from '../app.ts';
import { ConfigError } from '../config/load.ts';
import { mcpAccessDenial } from '../dispatch/access.ts';
import { heapSizing, unsizedHeapAdvice } from '../heap-sizing.ts';
import { serveStdio } from '../server/mcp.ts';

export interface Transport {
  http: boolean;
  host: string;
  port: number;
  stateless: boolean;
}

export interface Serving {
  /** The MCP endpoint over HTTP; absent over stdio. */
  mcpUrl?: string;
  close(): Promise<void>;
}

/** Why the server could not start (port in use, store unreadable...): one line on stderr, exit 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Runs a start-up step; any failure but a ConfigError (exit 2) becomes a StartupError. */
export async function starting<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StartupError) throw err;
    throw new StartupError((err as Error).message);
  }
}

export async function serveApp(app: App, transport: Transport): Promise<Serving> {
  const ref = app.policy.current().ref;
  if (transport.http) {
    // Loaded only here: stdio never needs the HTTP stack (auth, JWKS, sessions).
    const { startHttpServer } = await import('../server/http.ts');
    const http = await starting(() => startHttpServer(app, transport));
    const heap = heapSizing();
    app.logger.info(
      { url: `${http.url}/mcp`, policy: ref, heapLimitMiB: heap.limitMiB },
      'opswarden serving MCP over HTTP',
    );
    // A shared server is where the heap's size shows; one client over stdio stays small.
    if (!heap.sized) app.logger.warn({ heapLimitMiB: heap.limitMiB }, unsizedHeapAdvice(heap));
    return { mcpUrl: `${http.url}/mcp`, close: http.close };
  }
  // Over stdio the configured principal is the only caller: one with no tool is a misconfiguration.
  const noTools = mcpAccessDenial({ ...app.config.principal, transport: 'stdio' }, app.config.access);
  if (noTools) throw new ConfigError(`principal: ${noTools}`);
  const stdio = await starting(() => serveStdio(app));
  app.logger.info({ policy: ref, tools: app.registry.list().length }, 'opswarden serving MCP over stdio');
  process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
  return { close: stdio.close };
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Resolves on the first SIGINT or SIGTERM, for the caller to close what it runs. From then
 * on the process exits within `graceMs` whatever is still running, and at once on a second signal.
 */
export function untilStopped(graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      for (const s of STOP_SIGNALS) process.off(s, first).once(s, () => forceExit(`${signal} again`));
      setTimeout(() => forceExit(`shutdown took longer than ${graceMs} ms (limits.shutdownGrace)`), graceMs);
      resolve();
    };
    for (const s of STOP_SIGNALS) process.on(s, first);
  });
}

function forceExit(why: string): never {
  process.stderr.write(`opswarden: ${why}; exiting now\n`);
  process.exit(1);
}

/** Parses --port: a whole number from 0 to 65535 (0 picks a free port). */
export function parsePort(text: string | undefined, fallback: number): number {
  const port = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  }
  return port;
}
