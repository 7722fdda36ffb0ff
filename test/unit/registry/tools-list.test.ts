// What the AI sees: the tools/list snapshot and the contract's invariants (DESIGN §8).
// The snapshot catches accidental changes to names, schemas and annotations; the
// invariants hold for every tool, present and future.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from '../../../src/registry.ts';
import { defineTool, mutateArgs } from '../../../src/tool.ts';
import { allTools } from '../../../tools/index.ts';
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

  it('duplicate tool names fail at start', () => {
    expect(() => createRegistry([...everyTool, fixtureTools[0]!])).toThrow(
      'duplicate tool name: fixture_resource_get',
    );
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
