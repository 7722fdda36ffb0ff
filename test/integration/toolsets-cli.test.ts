// Toolsets from the command line, as an MCP client starts the server: `serve --toolsets
// prometheus` over stdio lists the Prometheus tools and nothing else, and refuses a call to
// any other tool by name; `sandbox` takes the same flags; a misspelt flag or config key
// stops the start (exit 2) naming the flag or key and the likely intended name.

import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { toolsets } from '../../tools/index.ts';
import { CLI, runCli } from '../helpers/spawn.ts';
import { makeWorld, type World } from '../helpers/world.ts';

let world: World | undefined;
let client: Client | undefined;
/** What the last server started wrote on stderr (logs, the sandbox's banner). */
let stderr = '';

afterEach(async () => {
  await client?.close();
  world?.cleanup();
  client = undefined;
  world = undefined;
});

async function connect(args: string[]): Promise<Client> {
  stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...args],
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'toolsets-test', version: '1.0.0' });
  await client.connect(transport).catch((err: unknown) => {
    throw new Error(`${String(err)}: ${stderr}`);
  });
  return client;
}

const namesOf = (area: string) => toolsets[area]!.map((t) => t.name);

describe('opswarden serve --toolsets', () => {
  it('over stdio lists only the chosen toolsets and refuses other tools by name', async () => {
    world = makeWorld();
    const mcp = await connect(['serve', '--config', world.configPath, '--toolsets', 'prometheus']);
    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(namesOf('prometheus').sort());
    const refused = await mcp
      .callTool({ name: 'k8s_pod_delete', arguments: { namespace: 'shop', name: 'x', reason: 'try it' } })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(McpError);
    expect((refused as McpError).message).toContain(
      'unknown tool: k8s_pod_delete (this server does not serve it: tools.toolsets)',
    );
  });

  it('adds and removes single tools, with read-only mode on top', async () => {
    world = makeWorld({ extra: { tools: { toolsets: ['kubernetes'], disable: ['k8s_nodes_list'] } } });
    const mcp = await connect([
      'serve',
      '--config',
      world.configPath,
      '--enable-tools',
      'prom_query,am_silence_create',
      '--read-only',
    ]);
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    const kubernetesReads = toolsets.kubernetes!.filter((t) => t.kind === 'read').map((t) => t.name);
    expect(names.sort()).toEqual(
      [...kubernetesReads.filter((n) => n !== 'k8s_nodes_list'), 'prom_query'].sort(),
    );
  });

  it('stops the start naming a misspelt flag value, or config key, and the likely name', () => {
    world = makeWorld({ extra: { tools: { toolsets: ['kubernetes', 'promethus'] } } });
    const flag = runCli([
      'serve',
      '--config',
      world.configPath,
      '--toolsets',
      'k8s',
      '--disable-tools',
      'k8s_pod_delet',
    ]);
    expect(flag.code, flag.stderr).toBe(2);
    expect(flag.stderr).toContain(
      '--disable-tools: unknown tool "k8s_pod_delet" (did you mean "k8s_pod_delete"?)',
    );
    expect(flag.stderr).toContain('--toolsets: unknown toolset "k8s" (known: approvals, kubernetes,');
    const key = runCli(['config', 'check', '--config', world.configPath]);
    expect(key.code, key.stderr).toBe(2);
    expect(key.stderr).toContain(
      'tools.toolsets[1]: unknown toolset "promethus" (did you mean "prometheus"?)',
    );
    expect(runCli(['serve', '--help']).stdout).toContain('--toolsets <a,b>');
  });
});

describe('opswarden sandbox --toolsets', () => {
  it('serves the chosen toolsets on the simulated world', async () => {
    world = makeWorld(); // its temp dir holds the sandbox's files, removed after the test
    const mcp = await connect([
      'sandbox',
      '--dir',
      join(world.dir, 'sandbox'),
      '--clock',
      'frozen',
      '--toolsets',
      'kubernetes,incidents',
      '--disable-tools',
      'k8s_pod_delete,k8s_node_drain',
    ]);
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    const expected = [...namesOf('kubernetes'), ...namesOf('incidents')].filter(
      (n) => n !== 'k8s_pod_delete' && n !== 'k8s_node_drain',
    );
    expect(names.sort()).toEqual(expected.sort());
    const pods = await mcp.callTool({ name: 'k8s_pods_list', arguments: { namespace: 'data' } });
    expect(pods.isError, JSON.stringify(pods.content)).toBeFalsy();
    // The client config the banner prints starts the same tools.
    expect(stderr).toMatch(/"--toolsets",\s*"kubernetes,incidents"/);
    expect(stderr).toMatch(/"--disable-tools",\s*"k8s_pod_delete,k8s_node_drain"/);
  });
});
