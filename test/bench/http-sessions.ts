// The two kinds of load-generator session for the HTTP benchmark, each one MCP session
// calling the bench tool: the SDK's Client over Streamable HTTP (what agents use), and raw
// fetch POSTs of JSON-RPC (initialize handshake, then tools/call), which costs the load
// generator far less CPU, to tell a slow server from a slow client.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { BENCH_TOOL } from './bench-app.ts';

export interface BenchSession {
  /** One tools/call of the bench tool; throws unless it succeeded. */
  call(): Promise<void>;
  close(): Promise<void>;
}

export type SessionKind = 'mcp-client' | 'raw-fetch';

const CALL = { name: BENCH_TOOL, arguments: { namespace: 'shop', name: 'checkout' } };
const CLIENT_INFO = { name: 'opswarden-bench', version: '1.0.0' };

export function openSession(kind: SessionKind, mcpUrl: string): Promise<BenchSession> {
  return kind === 'mcp-client' ? openClientSession(mcpUrl) : openFetchSession(mcpUrl);
}

async function openClientSession(mcpUrl: string): Promise<BenchSession> {
  const client = new Client(CLIENT_INFO);
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl)));
  return {
    async call() {
      const result = await client.callTool(CALL);
      if (result.isError) throw new Error(`${BENCH_TOOL} failed: ${JSON.stringify(result.content)}`);
    },
    close: () => client.close(),
  };
}

interface JsonRpcResponse {
  id?: number;
  result?: { isError?: boolean; content?: unknown; protocolVersion?: string };
  error?: { message: string };
}

async function openFetchSession(mcpUrl: string): Promise<BenchSession> {
  let nextId = 0;
  const headers: Record<string, string> = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
  };
  const post = (body: Record<string, unknown>) =>
    fetch(mcpUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...body }) });
  const request = async (method: string, params: Record<string, unknown>): Promise<JsonRpcResponse> => {
    const id = nextId++;
    const res = await post({ id, method, params });
    const reply = responseWithId(await res.text(), res.headers.get('content-type'), id);
    if (!res.ok || !reply || reply.error)
      throw new Error(`${method}: HTTP ${res.status} ${reply?.error?.message ?? 'no JSON-RPC response'}`);
    if (method === 'initialize') headers['mcp-session-id'] = res.headers.get('mcp-session-id') ?? '';
    return reply;
  };

  const init = await request('initialize', {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: CLIENT_INFO,
  });
  headers['mcp-protocol-version'] = init.result?.protocolVersion ?? LATEST_PROTOCOL_VERSION;
  const initialized = await post({ method: 'notifications/initialized' });
  await initialized.arrayBuffer();
  if (initialized.status !== 202) throw new Error(`notifications/initialized: HTTP ${initialized.status}`);

  return {
    async call() {
      const reply = await request('tools/call', CALL);
      if (reply.result?.isError)
        throw new Error(`${BENCH_TOOL} failed: ${JSON.stringify(reply.result.content)}`);
    },
    async close() {
      const res = await fetch(mcpUrl, { method: 'DELETE', headers });
      await res.arrayBuffer();
    },
  };
}

/** The JSON-RPC response with `id` from a JSON body or from the data lines of an SSE body. */
function responseWithId(body: string, contentType: string | null, id: number): JsonRpcResponse | undefined {
  const payloads = contentType?.includes('text/event-stream')
    ? body
        .split('\n')
        .filter((line) => line.startsWith('data:') && line.length > 'data:'.length)
        .map((line) => line.slice('data:'.length).trim())
    : [body];
  for (const payload of payloads) {
    if (!payload) continue;
    const message = JSON.parse(payload) as JsonRpcResponse | JsonRpcResponse[];
    const found = (Array.isArray(message) ? message : [message]).find((m) => m.id === id);
    if (found) return found;
  }
  return undefined;
}
