// A test MCP Apps host around headless Chromium: the host page (./host-page.ts, AppBridge)
// on one loopback origin, the sandbox proxy (./sandbox-proxy.ts) on another, as the spec
// wants of a web host, and behind the page the host's one MCP connection to opswarden: a
// client of the v2 SDK that declares the Apps extension, authenticated with one principal's
// bearer token. The page forwards its own requests and its views' through POST /rpc; each
// is recorded, with who asked for it. Both browser scripts are bundled with esbuild when
// the host starts.

import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { EXTENSION_ID, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import { build } from 'esbuild';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { REPO } from '../world.ts';
import type { RenderOptions } from './host-page.ts';

type Json = Record<string, unknown>;

/** Where the tests keep their screenshots (gitignored). */
export const SCREENSHOTS = join(REPO, 'test-artifacts', 'apps');

export interface Forwarded {
  from: 'host' | 'view';
  method: string;
  params: Json;
  /** What opswarden answered (undefined while in flight, or when it failed: see error). */
  result?: Json;
  error?: string;
}

export interface RenderedView {
  page: Page;
  /** The view's own frame (inside the sandbox proxy's). */
  frame: Frame;
  /** Console lines of every frame of the page. */
  console: string[];
}

export interface AppsHost {
  /** The host's MCP client (as its principal), for checks outside the page. */
  client: Client;
  /** Every request the page sent opswarden, in order. */
  forwarded: Forwarded[];
  /** A new tab of the host page calls `tool` with `args` and shows the result in the tool's view. */
  render(tool: string, args: Json, opts?: RenderOptions): Promise<RenderedView>;
  /** A full-page PNG under test-artifacts/apps/; returns its path. */
  screenshot(view: RenderedView, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface AppsHostOptions {
  browser: Browser;
  /** opswarden's base URL (http://127.0.0.1:port). */
  mcpUrl: string;
  token: string;
  /** MCP revision of the host's connection: 2026-07-28 (per-request envelope) or the 2025 handshake. */
  era?: 'modern' | 'legacy';
}

/** The capability an MCP Apps host declares (the spec's extension settings). */
export const APPS_CAPABILITIES = { extensions: { [EXTENSION_ID]: { mimeTypes: [RESOURCE_MIME_TYPE] } } };

async function bundle(file: string): Promise<string> {
  const out = await build({
    entryPoints: [join(REPO, 'test/helpers/apps-host', file)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
}

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

export async function startAppsHost(opts: AppsHostOptions): Promise<AppsHost> {
  const [hostJs, sandboxJs] = await Promise.all([bundle('host-page.ts'), bundle('sandbox-proxy.ts')]);
  const client = new Client(
    { name: 'opswarden-test-host', version: '1.0.0' },
    {
      capabilities: APPS_CAPABILITIES,
      ...((opts.era ?? 'modern') === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${opts.mcpUrl}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${opts.token}` } },
    }),
  );
  const forwarded: Forwarded[] = [];

  async function forward(method: string, params: Json): Promise<unknown> {
    switch (method) {
      case 'tools/list':
        return client.listTools();
      case 'tools/call':
        return client.callTool(params as { name: string; arguments?: Json });
      case 'resources/read':
        return client.readResource(params as { uri: string });
      default:
        throw new Error(`the test host forwards no ${method}`);
    }
  }

  let sandboxUrl = '';
  const host = await listen((req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      return html(
        res,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>opswarden MCP Apps test host</title>
<style>body{margin:16px;font:13px system-ui,sans-serif;background:#eef0f3}iframe{display:block;border:1px solid #c9ced6;border-radius:8px;background:#fff;width:760px;height:200px}</style></head>
<body data-sandbox="${sandboxUrl}/sandbox.html"><div id="slot"></div><script>${hostJs}</script></body></html>`,
      );
    }
    if (req.method === 'POST' && req.url === '/rpc') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { method, params, from } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Forwarded;
        const entry: Forwarded = { method, params: params ?? {}, from };
        forwarded.push(entry);
        const reply = (body: Json) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        forward(method, entry.params).then(
          (result) => {
            entry.result = result as Json;
            reply({ result });
          },
          (err: Error) => {
            entry.error = err.message;
            reply({ error: err.message });
          },
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  const sandbox = await listen((req, res) => {
    if (req.method === 'GET' && req.url === '/sandbox.html') {
      return html(
        res,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>html,body{margin:0}iframe{display:block;border:0;width:100%;height:100vh}</style></head>
<body data-host="${host.url}"><script>${sandboxJs}</script></body></html>`,
      );
    }
    res.writeHead(404).end();
  });
  sandboxUrl = sandbox.url;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pages: Page[] = [];

  return {
    client,
    forwarded,
    async render(tool, args, renderOpts = {}) {
      const page = await opts.browser.newPage();
      pages.push(page);
      const lines: string[] = [];
      page.on('console', (m) => lines.push(m.text()));
      page.on('pageerror', (e) => lines.push(`pageerror: ${(e as Error).message}`));
      await page.setViewport({ width: 800, height: 900 });
      await page.goto(`${host.url}/`);
      await page.evaluate((t, a, o) => window.appsHost.render(t, a, o), tool, args, renderOpts);
      const frame = await viewFrame(page, sandbox.url);
      return { page, frame, console: lines };
    },
    async screenshot(view, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await view.page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await Promise.all(pages.map((p) => p.close().catch(() => {})));
      await client.close().catch(() => {});
      // Chromium may keep its sockets to the two servers open: close them rather than wait.
      await Promise.all(
        [host.server, sandbox.server].map((s) => {
          const closed = new Promise((r) => s.close(r));
          s.closeAllConnections();
          return closed;
        }),
      );
    },
  };
}

/** The srcdoc frame the sandbox proxy made, once it is there. */
async function viewFrame(page: Page, sandboxOrigin: string): Promise<Frame> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.parentFrame()?.url().startsWith(sandboxOrigin));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the view frame did not appear');
}
