// Which tool shows which view, as tools/list tells an MCP Apps host: `_meta.ui.resourceUri`
// on the tools a view renders (and the flat `ui/resourceUri` older hosts read, as the Apps
// SDK's registerAppTool writes both). Every tool that changes something is marked
// `visibility: ["model"]`: a host must then refuse it to a view, so a view only reads. The
// gate and the audit log still judge every call a view does make (through its host, as the
// host's principal), and no tool approves anything.

import { RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import type { ListedTool } from '../registry.ts';
import { VIEWS, type ViewName } from './views.ts';

export const TOOL_VIEWS: Readonly<Record<string, ViewName>> = {
  prom_query_range: 'prom-range-chart',
  incident_get: 'incident',
  incident_correlate: 'incident',
  approval_status: 'approval',
};

export type AppsListedTool = Omit<ListedTool, '_meta'> & { _meta?: Record<string, unknown> };

/** The tools as an Apps host sees them (new objects: the registry's list is left as it is). */
export function withAppsMeta(tools: readonly ListedTool[]): AppsListedTool[] {
  return tools.map((tool) => {
    const view = TOOL_VIEWS[tool.name];
    if (view) {
      const resourceUri = VIEWS[view].uri;
      return { ...tool, _meta: { ...tool._meta, ui: { resourceUri }, [RESOURCE_URI_META_KEY]: resourceUri } };
    }
    if (!tool.annotations.readOnlyHint)
      return { ...tool, _meta: { ...tool._meta, ui: { visibility: ['model'] } } };
    return tool;
  });
}
