// The test host's page (browser code): an MCP Apps host built on the SDK's AppBridge, as a
// chat client would embed a view. It learns from tools/list which view a tool has, reads
// the view's `ui://` resource, loads it through the sandbox proxy (another origin), runs the
// handshake, sends the tool's arguments and the real result of the call, and forwards what
// the view asks for (tools/call, resources/read) to opswarden through its one MCP
// connection (POST /rpc to its own server, ./server.ts). As the spec requires of a host, it
// refuses a view a tool whose visibility leaves out "app"; `enforceVisibility: false` plays
// a host that does not, to show the gate holds without it.

import {
  AppBridge,
  getToolUiResourceUri,
  PostMessageTransport,
  RESOURCE_MIME_TYPE,
} from '@modelcontextprotocol/ext-apps/app-bridge';

type Json = Record<string, unknown>;
interface ListedTool {
  name: string;
  _meta?: { ui?: { visibility?: string[] } };
}

export interface RenderOptions {
  enforceVisibility?: boolean;
}

async function rpc(method: string, params: Json, from: 'host' | 'view'): Promise<Json> {
  const res = await fetch('/rpc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, params, from }),
  });
  const body = (await res.json()) as { result?: Json; error?: string };
  if (body.error !== undefined) throw new Error(body.error);
  return body.result ?? {};
}

const refused: { tool: string; reason: string }[] = [];

async function render(toolName: string, args: Json, opts: RenderOptions = {}): Promise<void> {
  const enforce = opts.enforceVisibility ?? true;
  const { tools } = (await rpc('tools/list', {}, 'host')) as { tools: ListedTool[] };
  const byName = new Map(tools.map((t) => [t.name, t]));
  const tool = byName.get(toolName);
  const uri = tool && getToolUiResourceUri(tool);
  if (!uri) throw new Error(`${toolName} names no view in tools/list`);
  const read = (await rpc('resources/read', { uri }, 'host')) as {
    contents: { mimeType?: string; text?: string; _meta?: { ui?: Json } }[];
  };
  const content = read.contents[0];
  if (content?.mimeType !== RESOURCE_MIME_TYPE || typeof content.text !== 'string')
    throw new Error(`${uri} is not an MCP App (${content?.mimeType})`);
  const ui = content._meta?.ui ?? {};

  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  frame.title = `${toolName} view`;
  document.getElementById('slot')!.append(frame);

  const bridge = new AppBridge(
    null,
    { name: 'opswarden-test-host', version: '1' },
    { serverTools: {}, serverResources: {}, logging: {} },
    {
      hostContext: {
        theme: 'light',
        displayMode: 'inline',
        availableDisplayModes: ['inline'],
        containerDimensions: { width: 760, maxHeight: 6000 },
        locale: 'en-US',
        timeZone: 'UTC',
        platform: 'web',
      },
    },
  );
  bridge.oncalltool = async (params) => {
    const visibility = byName.get(params.name)?._meta?.ui?.visibility;
    if (enforce && Array.isArray(visibility) && !visibility.includes('app')) {
      const reason = `${params.name} is not available to views (visibility: ${visibility.join(', ')})`;
      refused.push({ tool: params.name, reason });
      throw new Error(reason);
    }
    return (await rpc('tools/call', params as Json, 'view')) as never;
  };
  bridge.onreadresource = async (params) => (await rpc('resources/read', params as Json, 'view')) as never;
  bridge.onopenlink = async () => ({ isError: true });
  bridge.onmessage = async () => ({ isError: true });
  bridge.onupdatemodelcontext = async () => ({});
  bridge.onsizechange = ({ height }) => {
    if (height) frame.style.height = `${Math.ceil(height)}px`;
  };
  const initialized = new Promise<void>((resolve) => {
    bridge.oninitialized = () => resolve();
  });
  bridge.onsandboxready = () => {
    void bridge.sendSandboxResourceReady({ html: content.text!, ...(ui.csp ? { csp: ui.csp as Json } : {}) });
  };
  // The transport listens before the proxy loads, so its ready message cannot be missed.
  await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
  frame.src = document.body.dataset.sandbox!;
  await initialized;
  await bridge.sendToolInput({ arguments: args });
  const result = await rpc('tools/call', { name: toolName, arguments: args }, 'host');
  await bridge.sendToolResult(result as never);
}

declare global {
  interface Window {
    appsHost: { render: typeof render; refused: typeof refused };
  }
}

window.appsHost = { render, refused };
