// What the AI sees: the tools/list snapshot, the contract's invariants (DESIGN §8) and the
// catalog's weight. The snapshot catches accidental changes to names, schemas and
// annotations; the invariants hold for every tool, present and future; the size test
// prints the bytes of tools/list and of the part a model reads, and fails past the budgets.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, type ListedTool } from '../../../src/registry.ts';
import { UNTRUSTED_META, UNTRUSTED_NOTE } from '../../../src/shape/untrusted.ts';
import { type AnyTool, defineTool, mutateArgs } from '../../../src/tool.ts';
import { allTools, toolsets } from '../../../tools/index.ts';
import { fixtureTools } from '../../fixtures/fleet.ts';

const everyTool = [...allTools, ...fixtureTools];

describe('tools/list', () => {
  it('matches the snapshot', () => {
    expect(createRegistry(allTools).list()).toMatchSnapshot();
  });

  it('no tool is both read-only and destructive; read tools are readOnlyHint', () => {
    for (const listed of createRegistry(everyTool).list()) {
      const tool = everyTool.find((t) => t.name === listed.name)!;
      expect(listed.annotations.readOnlyHint, listed.name).toBe(tool.kind === 'read');
      if (listed.annotations.readOnlyHint)
        expect(listed.annotations.destructiveHint, listed.name).toBeUndefined();
    }
  });

  it('every mutate tool has reason, dryRun, target and impact, and every tool an object output schema', () => {
    for (const tool of everyTool) {
      const listed = createRegistry([tool]).list()[0]!;
      expect(listed.outputSchema.type, tool.name).toBe('object');
      expect((listed.inputSchema as { additionalProperties?: boolean }).additionalProperties, tool.name).toBe(
        false,
      );
      if (tool.kind !== 'mutate') continue;
      expect(Object.keys(tool.input.shape), tool.name).toEqual(expect.arrayContaining(['reason', 'dryRun']));
      expect(typeof tool.target, tool.name).toBe('function');
      expect(typeof tool.impact, tool.name).toBe('function');
      expect((listed.inputSchema as { required?: string[] }).required, tool.name).toContain('reason');
    }
  });

  it('read-only mode lists only read tools', () => {
    const listed = createRegistry(everyTool, { readOnly: true }).list();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it("a caller's tool kinds filter the list: read lists what read-only mode lists, none lists nothing", () => {
    const registry = createRegistry(everyTool);
    const readOnly = createRegistry(everyTool, { readOnly: true }).list();
    expect(registry.list(new Set(['read']))).toEqual(readOnly);
    expect(registry.list(new Set(['mutate'])).every((t) => !t.annotations.readOnlyHint)).toBe(true);
    expect(registry.list(new Set())).toEqual([]);
    expect(registry.list(new Set(['read', 'mutate']))).toEqual(registry.list());
  });

  it('untrusted text is declared once per tool (_meta, one note in the description), never ad hoc', () => {
    for (const listed of createRegistry(everyTool).list()) {
      const tool = everyTool.find((t) => t.name === listed.name)!;
      expect(tool.description, tool.name).not.toMatch(/untrusted/i);
      const success = successSchema(listed);
      if (!tool.untrusted?.length) {
        expect(listed._meta, tool.name).toBeUndefined();
        expect(success.required ?? [], tool.name).not.toContain('untrusted');
        continue;
      }
      expect(listed._meta?.[UNTRUSTED_META], tool.name).toEqual(tool.untrusted);
      expect(listed.description.endsWith(` ${UNTRUSTED_NOTE}`), tool.name).toBe(true);
      expect(success.required, tool.name).toContain('untrusted');
    }
  });

  it('an untrusted path that does not fit the output schema fails at start', () => {
    const withPaths = (untrusted: string[]) =>
      defineTool({
        name: 'x_events_list',
        title: 'T',
        description: 'd',
        kind: 'read',
        input: z.object({}).strict(),
        output: z.object({
          events: z.array(z.object({ message: z.string() })),
          labels: z.record(z.string(), z.string()),
        }),
        untrusted,
        target: () => ({}),
        handler: async () => ({ events: [], labels: {} }),
      });
    expect(() =>
      createRegistry([withPaths(['$.events[*].message', '$.labels.*', '$.labels'])]),
    ).not.toThrow();
    expect(() => createRegistry([withPaths(['$.events[*].mesage'])])).toThrow(
      'tool x_events_list: untrusted path $.events[*].mesage is not in the output schema',
    );
    expect(() => createRegistry([withPaths(['$.events.*'])])).toThrow(/not in the output schema/);
    expect(() => createRegistry([withPaths(['$.events[0]'])])).toThrow(/is not of the form/);
    expect(() => createRegistry([withPaths(['$'])])).toThrow(/is not of the form/);
  });

  it('only mutate tools advertise approvalId and answer approval_required in their output schema', () => {
    for (const listed of createRegistry(everyTool).list()) {
      const properties = (listed.inputSchema as { properties: Record<string, unknown> }).properties;
      const pending = (listed.outputSchema.anyOf as { properties?: { status?: unknown } }[] | undefined)?.[1];
      if (listed.annotations.readOnlyHint) {
        expect(properties, listed.name).not.toHaveProperty('approvalId');
        expect(listed.outputSchema.anyOf, listed.name).toBeUndefined();
      } else {
        expect(properties, listed.name).toHaveProperty('approvalId');
        expect(pending?.properties?.status, listed.name).toEqual({ const: 'approval_required' });
      }
    }
  });

  it("every output schema names the tool's own top-level fields and the gate's, bare", () => {
    for (const tool of everyTool) {
      const listed = createRegistry([tool]).list()[0]!;
      const success = successSchema(listed) as { properties: Record<string, Record<string, unknown>> };
      for (const key of Object.keys(tool.output.shape))
        expect(success.properties, tool.name).toHaveProperty(key);
      expect(success.properties.truncated, tool.name).toEqual({ type: 'object' });
      expect(success.properties.redactions, tool.name).toEqual({ type: 'integer' });
      if (tool.kind === 'mutate') expect(success.properties.policy, tool.name).toEqual({ type: 'object' });
    }
  });

  it('duplicate tool names fail at start', () => {
    expect(() => createRegistry([...everyTool, fixtureTools[0]!])).toThrow(
      'duplicate tool name: fixture_resource_get',
    );
  });
});

describe('catalog size', () => {
  // Budgets for the whole catalog (every toolset): what a client downloads with tools/list,
  // and what its model reads of it (names, titles, descriptions, input schemas). Raised from
  // 60/25 KB with issue 16's reads of any kind (k8s_resources_list, k8s_namespaces_list,
  // k8s_clusters_list: ~2.7 KB, ~1.4 KB read) and the rollout tools' `kind`, then with
  // k8s_pod_exec (~2.2 KB, ~1.1 KB read), then with k8s_pods_top and k8s_nodes_top (~2.1 KB,
  // ~1.15 KB read): a new tool earns its bytes; the same tools growing does not.
  const FULL_BUDGET = 67_300;
  const MODEL_BUDGET = 28_950;

  it('prints the bytes of tools/list and of what a model reads, within budget', () => {
    const whole = catalogBytes(allTools);
    const lines = Object.entries(toolsets).map(([name, tools]) => {
      const set = catalogBytes(tools);
      return `  ${name.padEnd(13)} ${String(tools.length).padStart(2)} tools  ${kb(set.full)} full  ${kb(set.modelRead)} model`;
    });
    console.log(
      [
        `tools/list: ${allTools.length} tools, ${kb(whole.full)} (budget ${kb(FULL_BUDGET)}); ` +
          `read by the model: ${kb(whole.modelRead)} (budget ${kb(MODEL_BUDGET)})`,
        ...lines,
      ].join('\n'),
    );
    expect(whole.full).toBeLessThanOrEqual(FULL_BUDGET);
    expect(whole.modelRead).toBeLessThanOrEqual(MODEL_BUDGET);
  });

  it('counts the bytes a client receives: a bigger description makes a bigger catalog', () => {
    const [first, ...rest] = allTools;
    const wordier = { ...first!, description: `${first!.description} ${'x'.repeat(1_000)}` };
    const grown = catalogBytes([wordier, ...rest]);
    const whole = catalogBytes(allTools);
    expect(grown.full - whole.full).toBe(1_001);
    expect(grown.modelRead - whole.modelRead).toBe(1_001);
  });
});

describe('defineTool', () => {
  const base = {
    title: 'T',
    description: 'd',
    output: z.object({ ok: z.boolean() }),
    target: () => ({}),
    handler: async () => ({ ok: true }),
  };

  it('refuses a mutate tool without reason/dryRun or impact', () => {
    expect(() =>
      defineTool({
        ...base,
        name: 'x_thing_do',
        kind: 'mutate',
        input: z.object({ a: z.string() }).strict(),
      }),
    ).toThrow(/must include "reason".*must include "dryRun".*must declare impact/);
  });

  it("refuses the gate's reserved argument and output keys", () => {
    expect(() =>
      defineTool({
        ...base,
        name: 'x_thing',
        kind: 'read',
        input: z.object({ approvalId: z.string() }).strict(),
      }),
    ).toThrow(/"approvalId" is reserved/);
    expect(() =>
      defineTool({
        ...base,
        name: 'x_thing',
        kind: 'read',
        input: z.object({}).strict(),
        output: z.object({ truncated: z.boolean() }),
        handler: async () => ({ truncated: false }),
      }),
    ).toThrow(/output key "truncated" is reserved/);
  });

  it('refuses non-strict input and bad names', () => {
    expect(() => defineTool({ ...base, name: 'x_thing', kind: 'read', input: z.object({}) })).toThrow(
      /strict/,
    );
    expect(() =>
      defineTool({ ...base, name: 'BadName', kind: 'read', input: z.object({}).strict() }),
    ).toThrow(/snake_case/);
  });

  it('accepts a well-formed mutate tool', () => {
    const t = defineTool({
      ...base,
      name: 'x_thing_do',
      kind: 'mutate',
      input: z.object({ ...mutateArgs }).strict(),
      impact: () => ({ pods: 1 }),
    });
    expect(t.name).toBe('x_thing_do');
  });
});

/** A listed tool's schema of a result that ran (a mutate tool's first alternative). */
function successSchema(listed: ListedTool): Record<string, unknown> {
  const alternatives = listed.outputSchema.anyOf as Record<string, unknown>[] | undefined;
  return alternatives?.[0] ?? listed.outputSchema;
}

/** UTF-8 bytes of tools/list for `tools`, whole and the part a model reads. */
function catalogBytes(tools: readonly AnyTool[]): { full: number; modelRead: number } {
  const listed = createRegistry(tools).list();
  const read = listed.map(({ name, title, description, inputSchema }) => ({
    name,
    title,
    description,
    inputSchema,
  }));
  return {
    full: Buffer.byteLength(JSON.stringify({ tools: listed })),
    modelRead: Buffer.byteLength(JSON.stringify(read)),
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
