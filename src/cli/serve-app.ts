// Serving an app over stdio or Streamable HTTP until SIGINT/SIGTERM, shared by
// `opswarden serve` and `opswarden sandbox` so both behave the same to a client.

import type { App } from '../app.ts';
import { ConfigError } from '../config/load.ts';
import { mcpAccessDenial } from '../dispatch/access.ts';
import { startHttpServer } from '../server/http.ts';
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

export async function serveApp(app: App, transport: Transport): Promise<Serving> {
  const ref = app.policy.current().ref;
  if (transport.http) {
    const http = await startHttpServer(app, transport);
    app.logger.info({ url: `${http.url}/mcp`, policy: ref }, 'opswarden serving MCP over HTTP');
    return { mcpUrl: `${http.url}/mcp`, close: http.close };
  }
  // Over stdio the configured principal is the only caller: one with no tool is a misconfiguration.
  const noTools = mcpAccessDenial({ ...app.config.principal, transport: 'stdio' }, app.config.access);
  if (noTools) throw new ConfigError(`principal: ${noTools}`);
  const stdio = await serveStdio(app);
  app.logger.info({ policy: ref, tools: app.registry.list().length }, 'opswarden serving MCP over stdio');
  process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
  return { close: stdio.close };
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
}

/** Parses --port: a whole number from 0 to 65535 (0 picks a free port). */
export function parsePort(text: string | undefined, fallback: number): number {
  const port = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  }
  return port;
}
