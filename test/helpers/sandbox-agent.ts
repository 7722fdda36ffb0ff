// The sandbox's agent connected to an app in this process: an MCP client over an in-memory
// transport, the principal the sandbox config names. Tests that drive opswarden as an
// assistant would, without HTTP, start from here.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { App } from '../../src/app.ts';
import { SANDBOX_AGENT } from '../../src/sandbox/run/config.ts';
import { connectServer } from '../../src/server/mcp.ts';

export async function connectSandboxAgent(app: App, clientName: string): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectServer(app, serverSide, {
    id: SANDBOX_AGENT,
    type: 'agent',
    roles: [],
    transport: 'in-memory',
  });
  const client = new Client({ name: clientName, version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}
