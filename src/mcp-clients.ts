// How each MCP client is told to start or reach opswarden: the JSON to paste into Claude
// Desktop, Claude Code, Kiro and VS Code. Printed by `opswarden sandbox` (its banner) and
// `opswarden init`, so the shapes are written once. Claude Desktop's config file only
// starts local servers, so it always gets the stdio form.

import { fileURLToPath } from 'node:url';
import { entryModuleUrl } from './package-paths.ts';

/** This CLI's entry file: what an MCP client runs with node to start opswarden. */
export const CLI_PATH = fileURLToPath(entryModuleUrl('cli'));

export interface StdioServer {
  command: string;
  args: string[];
}

export interface HttpServer {
  url: string;
  headers?: Record<string, string>;
}

/** Starting this CLI with `args` (e.g. serve --config <file>) from an MCP client. */
export function cliServer(args: string[]): StdioServer {
  return { command: process.execPath, args: [CLI_PATH, ...args] };
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
