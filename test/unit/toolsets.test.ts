// Toolsets and per-tool enable/disable (src/toolsets.ts): which catalog tools a config
// serves, why each other one is left out, read-only mode on top, the command line's flags in
// place of the config's keys, and errors that name the key and the likely intended name.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_FLAGS_HELP, toolFlagArgs, withToolFlags } from '../../src/cli/tool-flags.ts';
import { ConfigError, parseConfig } from '../../src/config/load.ts';
import { configSchema } from '../../src/config/schema.ts';
import { servedRegistry } from '../../src/registry.ts';
import { selectTools } from '../../src/toolsets.ts';
import { allTools, toolsets } from '../../tools/index.ts';
import { fixtureTools } from '../fixtures/fleet.ts';
import { REPO } from '../helpers/world.ts';

const none = { enable: [], disable: [] };
const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('toolsets', () => {
  it('are the tools/<area> directories, each holding its own tools', () => {
    const areas = readdirSync(join(REPO, 'tools'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(Object.keys(toolsets).sort()).toEqual(areas.sort());
    for (const [area, tools] of Object.entries(toolsets)) {
      const files = readdirSync(join(REPO, 'tools', area)).filter((f) =>
        /^[a-z0-9]+(_[a-z0-9]+)+\.ts$/.test(f),
      );
      expect(
        names(tools)
          .map((n) => `${n}.ts`)
          .sort(),
        area,
      ).toEqual(files.sort());
    }
  });

  it('are all named where a user reads them: --help and the config key description', () => {
    const described = configSchema.shape.tools.unwrap().shape.toolsets.description ?? '';
    for (const area of Object.keys(toolsets)) {
      expect(TOOL_FLAGS_HELP, area).toContain(area);
      expect(described, area).toContain(area);
    }
  });
});

describe('selectTools', () => {
  it('serves the whole catalog by default', () => {
    const { served, withheld } = selectTools(toolsets, [], none);
    expect(names(served)).toEqual(names(allTools));
    expect(withheld.size).toBe(0);
  });

  it('serves only the chosen toolsets, plus enabled tools, minus disabled ones, saying why for the rest', () => {
    const { served, withheld } = selectTools(toolsets, [], {
      toolsets: ['prometheus', 'kubernetes'],
      enable: ['deploys_history'],
      disable: ['k8s_pod_delete', 'prom_rules_list'],
    });
    const expected = [...toolsets.kubernetes!, ...toolsets.deploys!, ...toolsets.prometheus!]
      .map((t) => t.name)
      .filter((n) => n !== 'k8s_pod_delete' && n !== 'prom_rules_list');
    expect(names(served).sort()).toEqual(expected.sort());
    expect(withheld.get('k8s_pod_delete')?.by).toBe('tools.disable');
    expect(withheld.get('am_silence_create')?.by).toBe('tools.toolsets');
    expect(withheld.get('k8s_pod_delete')?.tool.kind).toBe('mutate');
    expect(withheld.size + served.length).toBe(allTools.length);
  });

  it('an empty toolsets list serves the enabled tools alone', () => {
    const { served } = selectTools(toolsets, [], { toolsets: [], enable: ['prom_query'], disable: [] });
    expect(names(served)).toEqual(['prom_query']);
  });

  it('serves extra tools (fixtures) whatever the toolsets, unless disabled', () => {
    const chosen = selectTools(toolsets, fixtureTools, { toolsets: ['approvals'], ...none });
    expect(names(chosen.served)).toEqual(['approval_status', ...names(fixtureTools)]);
    const disabled = selectTools(toolsets, fixtureTools, {
      enable: [],
      disable: ['fixture_deployment_scale'],
    });
    expect(disabled.withheld.get('fixture_deployment_scale')?.by).toBe('tools.disable');
  });

  it('refuses unknown names, naming the key and the likely intended name', () => {
    expect(refusal(() => selectTools(toolsets, [], { toolsets: ['kubernetes', 'promethus'], ...none }))).toBe(
      'tools.toolsets[1]: unknown toolset "promethus" (did you mean "prometheus"?)',
    );
    expect(refusal(() => selectTools(toolsets, [], { enable: [], disable: ['k8s_pod_delet'] }))).toBe(
      'tools.disable[0]: unknown tool "k8s_pod_delet" (did you mean "k8s_pod_delete"?)',
    );
    expect(refusal(() => selectTools(toolsets, [], { toolsets: ['grafana'], ...none }))).toBe(
      `tools.toolsets[0]: unknown toolset "grafana" (known: ${Object.keys(toolsets).join(', ')})`,
    );
  });

  it('refuses a tool both enabled and disabled, and a selection that serves nothing', () => {
    expect(
      refusal(() => selectTools(toolsets, [], { enable: ['prom_query'], disable: ['prom_query'] })),
    ).toBe('tools.enable and tools.disable both name prom_query');
    expect(refusal(() => selectTools(toolsets, [], { toolsets: [], ...none }))).toMatch(/^no tool is served/);
  });
});

describe('servedRegistry', () => {
  it('applies read-only mode on top of the selection, and knows why each tool is not served', () => {
    const registry = servedRegistry(toolsets, [], {
      tools: { toolsets: ['kubernetes'], enable: [], disable: ['k8s_events_list'] },
      server: { readOnly: true },
    });
    const listed = registry.list();
    expect(listed.every((t) => t.annotations.readOnlyHint && t.name.startsWith('k8s_'))).toBe(true);
    expect(names(listed)).toContain('k8s_pod_logs');
    expect(registry.get('k8s_pod_delete')).toBeUndefined();
    expect(registry.withheld('k8s_pod_delete')?.by).toBe('server.readOnly');
    expect(registry.withheld('k8s_events_list')?.by).toBe('tools.disable');
    expect(registry.withheld('prom_query')?.by).toBe('tools.toolsets');
    expect(registry.withheld('k8s_pod_logs')).toBeUndefined();
    expect(registry.withheld('no_such_tool')).toBeUndefined();
  });
});

describe('withToolFlags', () => {
  const config = { toolsets: ['kubernetes'], enable: [], disable: ['k8s_pod_delete'] };

  it('each flag replaces its config key; lists are comma-separated', () => {
    expect(withToolFlags(config, { toolsets: 'prometheus, alertmanager' }, toolsets)).toEqual({
      toolsets: ['prometheus', 'alertmanager'],
      enable: [],
      disable: ['k8s_pod_delete'],
    });
    expect(withToolFlags(config, { 'disable-tools': '', 'enable-tools': 'prom_query' }, toolsets)).toEqual({
      toolsets: ['kubernetes'],
      enable: ['prom_query'],
      disable: [],
    });
    expect(withToolFlags(config, {}, toolsets)).toEqual(config);
  });

  it('turn back into the same arguments, for a command that starts the same server', () => {
    expect(toolFlagArgs({ toolsets: 'prometheus', 'disable-tools': 'prom_query' })).toEqual([
      '--toolsets',
      'prometheus',
      '--disable-tools',
      'prom_query',
    ]);
  });

  it('names the flag that holds a bad name, and the config key when the config does', () => {
    expect(
      refusal(() => withToolFlags(config, { toolsets: 'kubernetes,prometheus,alertmanger' }, toolsets)),
    ).toBe('--toolsets: unknown toolset "alertmanger" (did you mean "alertmanager"?)');
    expect(refusal(() => withToolFlags(config, { 'enable-tools': 'k8s_pod_delete' }, toolsets))).toBe(
      '--enable-tools and tools.disable both name k8s_pod_delete',
    );
  });
});

describe('the tools config key', () => {
  const parse = (tools: unknown) => parseConfig({ tools }, 'opswarden.yaml', {}, REPO);

  it('defaults to every toolset', () => {
    expect(parse(undefined).tools).toEqual({ enable: [], disable: [] });
  });

  it('refuses a wrong shape or an unknown key, naming the key path', () => {
    expect(refusal(() => parse({ toolsets: 'kubernetes' }))).toMatch(/tools\.toolsets: .*array/);
    expect(refusal(() => parse({ disabled: ['k8s_pod_delete'] }))).toMatch(/tools\.disabled: unknown key/);
  });

  it('is documented in the README with the options of serve and sandbox', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const text of ['--toolsets', '--enable-tools', '--disable-tools', 'toolsets:', 'disable:'])
      expect(readme, text).toContain(text);
  });
});
