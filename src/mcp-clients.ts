// How each MCP client is told to start or reach opswarden: the JSON to paste into Claude
// Desktop, Claude Code, Kiro and VS Code. Printed by `opswarden sandbox` (its banner) and
// `opswarden init`, so the shapes are written once. Claude Desktop's config file only
// starts local servers, so it always gets the stdio form.

import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { HEAP_FLAGS } from './heap-sizing.ts';
import { entryModuleUrl } from './package-paths.ts';

/** This CLI's entry file: what an MCP client runs with node to start opswarden. */
export const CLI_PATH = fileURLToPath(entryModuleUrl('cli'));

/**
 * How this process was started: by npx (the package sits in npm's exec cache, which npm
 * may clear, so a config must ask npx again), as an installed package's command, or from
 * a checkout (`node src/cli.ts`).
 */
function launchedAs(): 'npx' | 'package' | 'checkout' {
  if (/[\\/]_npx[\\/]/.test(CLI_PATH)) return 'npx';
  return CLI_PATH.endsWith('.js') ? 'package' : 'checkout';
}

export interface StdioServer {
  command: string;
  args: string[];
}

export interface HttpServer {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Starting this CLI with `args` (e.g. serve --config <file>) from an MCP client: through
 * npx when npx ran it, else this Node with the package's heap sizing (a client's PATH may
 * have no node, or another one).
 */
export function cliServer(args: string[]): StdioServer {
  switch (launchedAs()) {
    case 'npx':
      return { command: 'npx', args: ['-y', `${pkg.name}@${pkg.version}`, ...args] };
    case 'package':
      return { command: process.execPath, args: [...HEAP_FLAGS, CLI_PATH, ...args] };
    case 'checkout':
      return { command: process.execPath, args: [CLI_PATH, ...args] };
  }
}

/** The command line a person types to run this CLI again, e.g. for `approvals approve`. */
export function cliCommandLine(): string {
  switch (launchedAs()) {
    case 'npx':
      return `npx -y ${pkg.name}@${pkg.version}`;
    case 'package':
      return CLI_PATH; // the opswarden command itself, run through its shebang
    case 'checkout':
      return `${process.execPath} ${CLI_PATH}`;
  }
}

const json = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

/**
 * The config of each client, `indent`-ed for a terminal: every client starts `stdio`,
 * except that Claude Code, Kiro and VS Code connect to `http` when given.
 */
export function mcpClientConfigLines(
  servers: { stdio: StdioServer; http?: HttpServer },
  indent = '  ',
): string[] {
  const { stdio, http } = servers;
  const body = `${indent}  `;
  const remote = http ? { type: 'http', ...http } : undefined;
  return [
    `${indent}Claude Desktop (claude_desktop_config.json), over stdio:`,
    `${body}${json({ mcpServers: { opswarden: stdio } }, body)}`,
    `${indent}Claude Code (.mcp.json) and Kiro (.kiro/settings/mcp.json):`,
    `${body}${json({ mcpServers: { opswarden: remote ?? stdio } }, body)}`,
    `${indent}VS Code (.vscode/mcp.json):`,
    `${body}${json({ servers: { opswarden: remote ?? { type: 'stdio', ...stdio } } }, body)}`,
  ];
}
