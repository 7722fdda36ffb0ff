import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);
import {
  entryModuleUrl
} from "./chunk-IMRIVU32.js";

// src/mcp-clients.ts
import { fileURLToPath } from "node:url";
var CLI_PATH = fileURLToPath(entryModuleUrl("cli"));
function cliServer(args) {
  return { command: process.execPath, args: [CLI_PATH, ...args] };
}
var json = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `
${indent}`);
function mcpClientConfigLines(servers, indent = "  ") {
  const { stdio, http } = servers;
  const body = `${indent}  `;
  const remote = http ? { type: "http", ...http } : void 0;
  return [
    `${indent}Claude Desktop (claude_desktop_config.json), over stdio:`,
    `${body}${json({ mcpServers: { opswarden: stdio } }, body)}`,
    `${indent}Claude Code (.mcp.json) and Kiro (.kiro/settings/mcp.json):`,
    `${body}${json({ mcpServers: { opswarden: remote ?? stdio } }, body)}`,
    `${indent}VS Code (.vscode/mcp.json):`,
    `${body}${json({ servers: { opswarden: remote ?? { type: "stdio", ...stdio } } }, body)}`
  ];
}

export {
  CLI_PATH,
  cliServer,
  mcpClientConfigLines
};
