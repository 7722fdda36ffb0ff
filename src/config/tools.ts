// The `tools` key of the config: which of the catalog's tools this server serves. Names are
// checked against the catalog at start (src/toolsets.ts), where the catalog is known.

import { z } from 'zod';

const names = z.array(z.string().min(1));

export const toolsConfigSchema = z
  .strictObject({
    toolsets: names
      .optional()
      .describe(
        'Toolsets served, one per tools/<area> directory (approvals, kubernetes, deploys, alertmanager, ' +
          'prometheus, cloudwatch, runbooks, incidents); all when omitted',
      ),
    enable: names.default([]).describe('Tools served besides those of the toolsets, by name'),
    disable: names.default([]).describe('Tools never served, by name, whatever their toolset'),
  })
  .describe(
    'Which tools are listed and callable; a tool not served is refused as unknown. Read-only mode ' +
      '(server.readOnly) applies on top',
  );

export type ToolsConfig = z.output<typeof toolsConfigSchema>;
