// A real MCP Client wired to an opswarden server through the SDK's in-memory transport:
// every call goes through the dispatcher, policy, approvals and audit (DESIGN §8).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import pino from 'pino';
import { type App, createApp } from '../../src/app.ts';
import { connectServer } from '../../src/server/mcp.ts';
import type { Clock } from '../../src/tool.ts';
import type { Principal } from '../../src/types.ts';
import { FakeFleet, fixtureTools } from '../fixtures/fleet.ts';
import { agent, makeWorld, type World } from './world.ts';

export type ElicitAnswerFn = (message: string) => {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, unknown>;
};

export interface Harness {
  world: World;
  app: App;
  fleet: FakeFleet;
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text: string }[];
}

export async function startHarness(
  opts: {
    policy?: string;
    principal?: Principal;
    elicit?: ElicitAnswerFn;
    readOnly?: boolean;
    world?: World;
    clock?: Clock;
  } = {},
): Promise<Harness> {
  const world = opts.world ?? makeWorld(opts.policy ? { policy: opts.policy } : {});
  if (opts.readOnly) world.config.server.readOnly = true;
  const fleet = new FakeFleet();
  const app = createApp({
    config: world.config,
    extraTools: fixtureTools,
    backends: { fleet },
    logger: pino({ level: 'silent' }),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectServer(app, serverSide, opts.principal ?? agent);
  const client = new Client(
    { name: 'gate-test-client', version: '1.0.0' },
    { capabilities: opts.elicit ? { elicitation: { form: {} } } : {} },
  );
  const elicit = opts.elicit;
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => elicit(req.params.message));
  }
  await client.connect(clientSide);
  return {
    world,
    app,
    fleet,
    client,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallResult,
    async close() {
      await client.close();
      await app.close();
      world.cleanup();
    },
  };
}
