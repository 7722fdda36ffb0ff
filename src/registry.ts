// The explicit tool registry: the list the AI sees. Built from tools/index.ts (plus any
// tools a caller adds, e.g. test fixtures); duplicate names fail at start; read-only mode
// drops every mutate tool. It also derives what tools/list publishes: JSON schemas and
// annotations, with the gate's own arguments and results folded in.

import { z } from 'zod';
import { approvalRequiredSchema } from './approvals/result.ts';
import { shapedOutputFields } from './shape/index.ts';
import type { AnyTool } from './tool.ts';
import type { ToolKind } from './types.ts';

/** Every tool accepts approvalId: the re-call after a human approved the action. */
export const approvalIdArg = z
  .string()
  .regex(/^apr_[A-Za-z0-9]+$/)
  .optional()
  .describe('Set only when re-calling after approval_required: the approval id you were given.');

/** Fields the gate adds to a tool's own output. */
const gateOutputFields = {
  ...shapedOutputFields,
  policy: z
    .object({
      effect: z.enum(['allow', 'escalate', 'deny']),
      rules: z.array(z.string()),
      bundle: z.string(),
    })
    .optional()
    .describe('Dry runs: what the policy would decide for the real action'),
};

export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: {
    title: string;
    readOnlyHint: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint: boolean;
  };
}

export interface Registry {
  get(name: string): AnyTool | undefined;
  tools(): readonly AnyTool[];
  /** What tools/list publishes; only tools of `kinds` when given (a caller's access). */
  list(kinds?: ReadonlySet<ToolKind>): ListedTool[];
}

export function createRegistry(tools: readonly AnyTool[], opts: { readOnly?: boolean } = {}): Registry {
  const byName = new Map<string, AnyTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`duplicate tool name: ${tool.name}`);
    byName.set(tool.name, tool);
  }
  if (opts.readOnly) {
    for (const [name, tool] of byName) if (tool.kind !== 'read') byName.delete(name);
  }
  const described = [...byName.values()].map((tool) => ({ kind: tool.kind, listed: describeTool(tool) }));
  const listed = described.map((d) => d.listed);
  return {
    get: (name) => byName.get(name),
    tools: () => [...byName.values()],
    list: (kinds) => (kinds ? described.filter((d) => kinds.has(d.kind)).map((d) => d.listed) : listed),
  };
}

function describeTool(tool: AnyTool): ListedTool {
  const input = tool.input.extend({ approvalId: approvalIdArg });
  const output = tool.output.extend(gateOutputFields);
  const read = tool.kind === 'read';
  const { $schema: _in, ...inputSchema } = z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>;
  const success = z.toJSONSchema(output, { io: 'output' }) as Record<string, unknown>;
  const pending = z.toJSONSchema(approvalRequiredSchema, { io: 'output' }) as Record<string, unknown>;
  delete success.$schema;
  delete pending.$schema;
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema,
    outputSchema: { type: 'object', anyOf: [success, pending] },
    annotations: {
      title: tool.title,
      readOnlyHint: read,
      ...(read
        ? {}
        : {
            destructiveHint: tool.annotations?.destructive ?? true,
            idempotentHint: tool.annotations?.idempotent ?? false,
          }),
      openWorldHint: tool.annotations?.openWorld ?? false,
    },
  };
}
