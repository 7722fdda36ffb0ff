// `opswarden sandbox --http` started as a user starts it (a child process on a free port),
// its banner read for the MCP URL and bearer token, and an MCP client connected with them.

import { type ChildProcess, spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';
import { CLI } from './spawn.ts';
import { REPO } from './world.ts';

type Structured = Record<string, unknown>;

/** A tool call that must succeed: its structured content (the test fails naming the tool and its error). */
export async function callOk(client: Client, name: string, args: Structured): Promise<Structured> {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as { text?: string }[])[0]?.text ?? '';
  expect(res.isError, `${name} failed: ${text}`).toBeFalsy();
  return res.structuredContent as Structured;
}

export interface SandboxCli {
  child: ChildProcess;
  banner: string;
  url: string;
  token: string;
  /** Everything the sandbox logged to stderr so far. */
  stderr(): string;
  connect(name: string): Promise<Client>;
}

/**
 * Starts the sandbox with `args` after `sandbox` (plus --http --port 0), with `env` added to
 * this process's environment; resolves once the banner is out.
 */
export async function startSandboxCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SandboxCli> {
  const child = spawn(process.execPath, [CLI, 'sandbox', ...args, '--http', '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Ctrl-C stops the sandbox')) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
  });
  const url = /opswarden MCP\s+(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(banner)?.[1];
  const token = /Authorization: Bearer (\S+)/.exec(banner)?.[1];
  expect(url, banner).toBeDefined();
  expect(token, banner).toBeDefined();
  return {
    child,
    banner,
    url: url!,
    token: token!,
    stderr: () => stderr,
    async connect(name) {
      const client = new Client({ name, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url!), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      return client;
    },
  };
}
