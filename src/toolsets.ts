// Which of the catalog's tools a server serves: whole toolsets (one per tools/<area>/),
// plus single tools enabled or disabled by name, from the config's `tools` key or from
// `serve`/`sandbox --toolsets, --enable-tools, --disable-tools` (src/cli/tool-flags.ts; as
// kubernetes-mcp-server's --toolsets, mcp-grafana's --disable-<category>). A tool not served
// is not listed, and a call to it is refused as an unknown tool and audited
// (src/dispatch/dispatcher.ts). Read-only mode applies on top (src/registry.ts). A misspelt
// name stops the start.

import { closestName } from './closest-name.ts';
import { ConfigError } from './config/error.ts';
import type { ToolsConfig } from './config/tools.ts';
import type { AnyTool } from './tool.ts';

export type Toolsets = Readonly<Record<string, readonly AnyTool[]>>;

/** Where each list was given, for errors: config key paths, or command-line flags. */
export interface ChoiceSources {
  toolsets: string;
  enable: string;
  disable: string;
}

export const CONFIG_SOURCES: ChoiceSources = {
  toolsets: 'tools.toolsets',
  enable: 'tools.enable',
  disable: 'tools.disable',
};

/** A catalog tool the server does not serve, and the key that keeps it out. */
export interface Withheld {
  tool: AnyTool;
  by: string;
}

export interface ToolSelection {
  served: AnyTool[];
  withheld: Map<string, Withheld>;
}

/**
 * Picks the served tools. `extra` tools (test fixtures) belong to no toolset: they are
 * served unless disabled. Throws a ConfigError naming the key of an unknown toolset or tool.
 */
export function selectTools(
  toolsets: Toolsets,
  extra: readonly AnyTool[],
  choice: ToolsConfig,
  sources: ChoiceSources = CONFIG_SOURCES,
): ToolSelection {
  const catalog = [...Object.values(toolsets).flat(), ...extra];
  const toolNames = catalog.map((t) => t.name);
  const twin = toolNames.find((name, i) => toolNames.indexOf(name) !== i);
  if (twin) throw new Error(`duplicate tool name: ${twin}`);
  const problems = [
    ...unknownNames(choice.toolsets ?? [], Object.keys(toolsets), sources.toolsets, 'toolset'),
    ...unknownNames(choice.enable, toolNames, sources.enable, 'tool'),
    ...unknownNames(choice.disable, toolNames, sources.disable, 'tool'),
    ...choice.enable
      .filter((name) => choice.disable.includes(name))
      .map((name) => `${sources.enable} and ${sources.disable} both name ${name}`),
  ];
  if (problems.length) throw new ConfigError(problems.join('; '));

  const inToolsets = new Set(
    choice.toolsets === undefined
      ? toolNames
      : [
          ...choice.toolsets.flatMap((set) => (toolsets[set] ?? []).map((t) => t.name)),
          ...extra.map((t) => t.name),
        ],
  );
  const served: AnyTool[] = [];
  const withheld = new Map<string, Withheld>();
  for (const tool of catalog) {
    if (choice.disable.includes(tool.name)) withheld.set(tool.name, { tool, by: sources.disable });
    else if (inToolsets.has(tool.name) || choice.enable.includes(tool.name)) served.push(tool);
    else withheld.set(tool.name, { tool, by: sources.toolsets });
  }
  if (!served.length)
    throw new ConfigError(
      `no tool is served: ${sources.toolsets}, ${sources.enable} and ${sources.disable} leave none`,
    );
  return { served, withheld };
}

function unknownNames(names: readonly string[], known: readonly string[], source: string, what: string) {
  return names.flatMap((name, i) => {
    if (known.includes(name)) return [];
    const likely = closestName(name, known);
    const hint = likely ? `did you mean "${likely}"?` : `known: ${known.join(', ')}`;
    const place = source.startsWith('--') ? source : `${source}[${i}]`;
    return [`${place}: unknown ${what} "${name}" (${hint})`];
  });
}
