// Whether a client is an MCP Apps host: it declares the extension
// (`extensions["io.modelcontextprotocol/ui"]`) with the Apps MIME type in its capabilities.
// Only such clients see the views (resources/list) and the tools' `_meta.ui`, so other
// clients' catalogs stay as they were. The capabilities come from the request's envelope at
// 2026-07-28 and from initialize before; src/server/mcp.ts picks the right source.

import { getUiCapability, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import type { ClientCapabilities } from '@modelcontextprotocol/server';

export function declaresApps(capabilities: ClientCapabilities | undefined): boolean {
  const ui = getUiCapability(capabilities);
  return Array.isArray(ui?.mimeTypes) && ui.mimeTypes.includes(RESOURCE_MIME_TYPE);
}
