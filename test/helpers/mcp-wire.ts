// MCP 2026-07-28 requests written out as a client sends them (the envelope in `_meta`, the
// routing headers beside it), for tests that assert the wire itself: the extensions' fields,
// and what a hostile client can put in a request that a well-behaved SDK client never would.

export const REVISION = '2026-07-28';
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

export type Json = Record<string, unknown>;

/** The capabilities of a client that takes tasks, for a request's `_meta`. */
export const TAKES_TASKS: Json = {
  'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS_EXTENSION]: {} } },
};

/** A 2026-07-28 request: its body and headers. */
export function modern(
  id: number,
  method: string,
  params: Json,
  opts: { name?: string; meta?: Json; clientName?: string } = {},
) {
  return {
    body: {
      jsonrpc: '2.0',
      id,
      method,
      params: {
        ...params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': REVISION,
          'io.modelcontextprotocol/clientInfo': { name: opts.clientName ?? 'raw-2026', version: '1' },
          'io.modelcontextprotocol/clientCapabilities': {},
          ...opts.meta,
        },
      },
    },
    headers: {
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': REVISION,
      'mcp-method': method,
      ...(opts.name ? { 'mcp-name': opts.name } : {}),
    },
  };
}

export const callTool = (
  id: number,
  name: string,
  args: Json,
  opts: { meta?: Json; clientName?: string } = {},
) => modern(id, 'tools/call', { name, arguments: args }, { name, ...opts });

/** A tasks/* request: Mcp-Name carries the task id, as the extension asks. */
export const taskRequest = (id: number, method: string, taskId: string, params: Json = {}) =>
  modern(id, method, { taskId, ...params }, { name: taskId });

/** The JSON-RPC message of an answer, whether it came as JSON or as one SSE event. */
export function message(reply: { body: unknown }): Json {
  if (typeof reply.body !== 'string') return reply.body as Json;
  const data = /^data: (.*)$/m.exec(reply.body)?.[1];
  return JSON.parse(data ?? reply.body) as Json;
}
