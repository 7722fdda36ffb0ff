// The command line's tool flags, shared by `serve` and `sandbox`: --toolsets,
// --enable-tools and --disable-tools, each replacing its key of the config's `tools`
// (src/toolsets.ts) and checked against the catalog so a misspelt one is named as the flag.
// Kept apart from the catalog itself, which the commands import only when they run.

import type { ToolsConfig } from '../config/tools.ts';
import type { AnyTool } from '../tool.ts';
import { CONFIG_SOURCES, selectTools, type Toolsets } from '../toolsets.ts';

/** The command line's tool flags, as given (comma-separated lists). */
export interface ToolFlags {
  toolsets?: string | undefined;
  'enable-tools'?: string | undefined;
  'disable-tools'?: string | undefined;
}

/** parseArgs options for the tool flags, shared by `serve` and `sandbox`. */
export const TOOL_FLAG_OPTIONS = {
  toolsets: { type: 'string' },
  'enable-tools': { type: 'string' },
  'disable-tools': { type: 'string' },
} as const;

export const TOOL_FLAGS_HELP = `  --toolsets <a,b>   Serve only these toolsets (kubernetes, prometheus, alertmanager,
                     cloudwatch, incidents, runbooks, deploys, approvals); replaces tools.toolsets
  --enable-tools <t,u>
                     Serve these tools too, by name; replaces tools.enable
  --disable-tools <t,u>
                     Never serve these tools; replaces tools.disable`;

/** The flags as command-line arguments again (for a command that starts the same server). */
export function toolFlagArgs(flags: ToolFlags): string[] {
  return (Object.keys(TOOL_FLAG_OPTIONS) as (keyof ToolFlags)[]).flatMap((flag) => {
    const value = flags[flag];
    return value === undefined ? [] : [`--${flag}`, value];
  });
}

/**
 * The config's `tools` with the flags given on the command line in place of its keys,
 * checked against the catalog so a misspelt flag is named as the flag.
 */
export function withToolFlags(
  tools: ToolsConfig,
  flags: ToolFlags,
  toolsets: Toolsets,
  extra: readonly AnyTool[] = [],
): ToolsConfig {
  const list = (text: string) =>
    text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  const merged: ToolsConfig = {
    ...tools,
    ...(flags.toolsets !== undefined ? { toolsets: list(flags.toolsets) } : {}),
    ...(flags['enable-tools'] !== undefined ? { enable: list(flags['enable-tools']) } : {}),
    ...(flags['disable-tools'] !== undefined ? { disable: list(flags['disable-tools']) } : {}),
  };
  selectTools(toolsets, extra, merged, {
    toolsets: flags.toolsets !== undefined ? '--toolsets' : CONFIG_SOURCES.toolsets,
    enable: flags['enable-tools'] !== undefined ? '--enable-tools' : CONFIG_SOURCES.enable,
    disable: flags['disable-tools'] !== undefined ? '--disable-tools' : CONFIG_SOURCES.disable,
  });
  return merged;
}
