// The console calls opswarden's tools the way any MCP client does, never around the gate:
// as the logged-in user, over this server's own /mcp with the user's token, one stateless
// MCP 2026-07-28 request per call (no session). So the principal's access and the policy
// decide, the audit log records the call (client "opswarden-console"), and the result is
// budgeted and redacted like any tool result. The answer comes as JSON or as an SSE
// stream; a refusal (HTTP, JSON-RPC or the tool's own error) is thrown in the server's words.

import { arr, clock, h, type Json, obj, str } from '../../../apps/views/dom.ts';
import { ApiError, authorizedFetch, messageOf } from './api.ts';
import { auditHref, link } from './view.ts';

const REVISION = '2026-07-28';
const CLIENT = { name: 'opswarden-console', version: '1' };

/** A tool's structured result and the id the audit log files its call under. */
export interface ToolReply {
  result: Json;
  callId: string | undefined;
}

let nextId = 1;

export async function callTool(name: string, args: Json): Promise<ToolReply> {
  const id = nextId++;
  const res = await authorizedFetch(
    '/mcp',
    {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-protocol-version': REVISION,
      'mcp-method': 'tools/call',
      'mcp-name': name,
    },
    JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: {
        name,
        arguments: args,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': REVISION,
          'io.modelcontextprotocol/clientInfo': CLIENT,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
  );
  const text = await res.text();
  const reply = res.headers.get('content-type')?.startsWith('text/event-stream')
    ? replyInStream(text, id)
    : parsed(text);
  if (!res.ok) throw new ApiError(res.status, `${name}: ${messageOf(reply, res)}`);
  if (reply.error) throw new Error(`${name}: ${messageOf(reply, res)}`);
  const result = obj(reply.result);
  const said = arr(result.content).map((c) => str(obj(c).text) ?? '');
  if (result.isError === true) throw new Error(said.join('\n') || `${name} failed without a message`);
  if (!result.structuredContent)
    throw new Error(`${name} answered without a structured result: ${said.join('\n').slice(0, 300)}`);
  return { result: obj(result.structuredContent), callId: str(obj(result._meta)['opswarden/callId']) };
}

/** "Asked as you: call <id>", linking to the call's audit records. */
export function auditedCall(name: string, reply: ToolReply): HTMLElement {
  return h(
    'p',
    { class: 'muted called' },
    h('code', {}, name),
    ` asked as you through the policy at ${clock(new Date().toISOString())} UTC`,
    ...(reply.callId
      ? [', audited as call ', link(auditHref({ callId: reply.callId }), h('code', {}, reply.callId))]
      : []),
  );
}

function parsed(text: string): Json {
  try {
    return obj(JSON.parse(text));
  } catch {
    return {};
  }
}

/** The JSON-RPC answer to request `id` among the events of an SSE stream (progress notifications may come first). */
function replyInStream(text: string, id: number): Json {
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    const message = data ? parsed(data) : {};
    if (message.id === id && ('result' in message || 'error' in message)) return message;
  }
  throw new Error('the MCP answer stream ended without a reply to the call');
}
