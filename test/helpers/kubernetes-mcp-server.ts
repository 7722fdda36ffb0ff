// kubernetes-mcp-server (the npm package of github.com/containers/kubernetes-mcp-server),
// a real peer MCP server built on client-go, spawned over stdio against a kubeconfig and
// driven by a real MCP client. The npm package is a Node launcher for a Go binary shipped
// in a per-platform optional dependency; the launcher prints to stdout when signalled, which
// would corrupt the stdio stream, so the Go binary is spawned directly. Its log goes to
// stderr (`--log-file stderr`), kept for failure messages.

import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const PLATFORMS: Record<string, string> = {
  'linux-x64': 'linux-amd64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-amd64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'windows-amd64',
  'win32-arm64': 'windows-arm64',
};

/** The Go binary of the installed kubernetes-mcp-server, for this platform. */
export function kubernetesMcpServerBinary(): string {
  const platform = PLATFORMS[`${process.platform}-${process.arch}`];
  if (!platform)
    throw new Error(`kubernetes-mcp-server ships no binary for ${process.platform}/${process.arch}`);
  const pkg = `kubernetes-mcp-server-${platform}`;
  const suffix = process.platform === 'win32' ? '.exe' : '';
  try {
    return createRequire(import.meta.url).resolve(`${pkg}/bin/${pkg}${suffix}`);
  } catch {
    throw new Error(
      `the kubernetes-mcp-server binary (optional dependency ${pkg}) is not installed: run \`npm ci\` (devDependency kubernetes-mcp-server)`,
    );
  }
}

export interface PeerToolResult {
  isError: boolean;
  /** The text content, joined. */
  text: string;
}

export interface KubernetesMcpServer {
  client: Client;
  /** The names of the tools the peer lists. */
  tools: string[];
  /** Calls a tool; a tool error is returned (isError), not thrown. */
  call(name: string, args?: Record<string, unknown>): Promise<PeerToolResult>;
  /** What the peer logged so far. */
  log(): string;
  close(): Promise<void>;
}

export interface KubernetesMcpServerOptions {
  /** `--read-only` (default off: the peer's write tools are listed). */
  readOnly?: boolean;
  /** `--toolsets` (default: the peer's own default, core and config). */
  toolsets?: string[];
  /** `--log-level` 0-9 (default 2: one line per API request the peer makes). */
  logLevel?: number;
}

export async function startKubernetesMcpServer(
  kubeconfigPath: string,
  opts: KubernetesMcpServerOptions = {},
): Promise<KubernetesMcpServer> {
  const args = [
    '--kubeconfig',
    kubeconfigPath,
    '--cluster-provider',
    'kubeconfig',
    '--log-file',
    'stderr',
    '--log-level',
    String(opts.logLevel ?? 2),
    ...(opts.readOnly ? ['--read-only'] : []),
    ...(opts.toolsets ? ['--toolsets', opts.toolsets.join(',')] : []),
  ];
  const transport = new StdioClientTransport({
    command: kubernetesMcpServerBinary(),
    args,
    // No KUBECONFIG from the caller's environment: only the simulator's kubeconfig counts.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const client = new Client({ name: 'opswarden-peer-test', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(`kubernetes-mcp-server did not start: ${(error as Error).message}\n${log}`);
  }
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  return {
    client,
    tools,
    async call(name, toolArgs = {}) {
      const res = (await client.callTool({ name, arguments: toolArgs })) as {
        isError?: boolean;
        content: { type: string; text?: string }[];
      };
      return {
        isError: res.isError === true,
        text: res.content.map((part) => part.text ?? '').join('\n'),
      };
    },
    log: () => log,
    close: () => client.close(),
  };
}
