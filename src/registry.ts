// The explicit tool registry: the list the AI sees. Built from the tools a server serves
// (src/toolsets.ts picks them from tools/index.ts, plus any a caller adds, e.g. test
// fixtures); duplicate names fail at start; read-only mode drops every mutate tool; it
// remembers why each catalog tool it does not serve is left out. It also derives what
// tools/list publishes (src/published-schema.ts): lean JSON schemas and annotations, with
// the gate's own arguments and results folded in once, and each tool's untrusted paths
// (checked against its output schema, so a stale one fails at start).

import { z } from 'zod';
import { approvalRequiredSchema } from './approvals/result.ts';
import type { ToolsConfig } from './config/tools.ts';
import {
  bare,
  fullOutputJsonSchema,
  inputJsonSchema,
  type JsonSchema,
  outputJsonSchema,
} from './published-schema.ts';
import { shapedOutputFields } from './shape/index.ts';
import { UNTRUSTED_KEY, UNTRUSTED_META, UNTRUSTED_NOTE, untrustedPathProblems } from './shape/untrusted.ts';
import type { AnyTool } from './tool.ts';
import { selectTools, type Toolsets, type Withheld } from './toolsets.ts';
import type { ToolKind } from './types.ts';

/**
 * The re-call after a human approved the action. Mutate tools advertise it; the dispatcher
 * accepts it on any tool, since a policy may escalate a read (see escalation.ts).
 */
const approvalIdArg = z.string().optional();

/** What the gate adds to a mutate tool's dry-run result. */
const dryRunPolicyField = z
  .object({
    effect: z.enum(['allow', 'escalate', 'deny']),
    rules: z.array(z.string()),
    bundle: z.string(),
  })
  .optional()
  .describe('Dry runs: what the policy would decide for the real action');

/**
 * The gate's own result fields and the approval_required result, published once per tool
 * that can carry them and bare: what they mean is told once, in the server instructions.
 */
const gateFields = bare(
  outputJsonSchema(fullOutputJsonSchema(z.object({ ...shapedOutputFields, policy: dryRunPolicyField }))),
).properties as Record<'truncated' | 'redactions' | 'policy', JsonSchema>;
const pendingSchema = bare(outputJsonSchema(fullOutputJsonSchema(approvalRequiredSchema)));

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
  /** Tools whose results carry text from the observed systems: the JSONPaths of that text. */
  _meta?: { [UNTRUSTED_META]: string[] };
}

export interface Registry {
  get(name: string): AnyTool | undefined;
  tools(): readonly AnyTool[];
  /** What tools/list publishes; only tools of `kinds` when given (a caller's access). */
  list(kinds?: ReadonlySet<ToolKind>): ListedTool[];
  /** A catalog tool this server does not serve (toolsets, read-only mode) and what keeps it out. */
  withheld(name: string): Withheld | undefined;
}

export interface RegistryOptions {
  /** List and serve read tools only (server.readOnly). */
  readOnly?: boolean;
  /** The catalog's tools left out by the tool selection (src/toolsets.ts). */
  withheld?: ReadonlyMap<string, Withheld>;
}

export function createRegistry(tools: readonly AnyTool[], opts: RegistryOptions = {}): Registry {
  const byName = new Map<string, AnyTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`duplicate tool name: ${tool.name}`);
    byName.set(tool.name, tool);
  }
  const withheld = new Map(opts.withheld);
  if (opts.readOnly) {
    for (const [name, tool] of byName) {
      if (tool.kind === 'read') continue;
      byName.delete(name);
      withheld.set(name, { tool, by: 'server.readOnly' });
    }
  }
  const described = [...byName.values()].map((tool) => ({ kind: tool.kind, listed: describeTool(tool) }));
  const listed = described.map((d) => d.listed);
  return {
    get: (name) => byName.get(name),
    tools: () => [...byName.values()],
    list: (kinds) => (kinds ? described.filter((d) => kinds.has(d.kind)).map((d) => d.listed) : listed),
    withheld: (name) => (byName.has(name) ? undefined : withheld.get(name)),
  };
}

/** The registry a server with this config serves: its tool selection, then read-only mode. */
export function servedRegistry(
  toolsets: Toolsets,
  extra: readonly AnyTool[],
  config: { tools: ToolsConfig; server: { readOnly: boolean } },
): Registry {
  const { served, withheld } = selectTools(toolsets, extra, config.tools);
  return createRegistry(served, { readOnly: config.server.readOnly, withheld });
}

function describeTool(tool: AnyTool): ListedTool {
  const untrusted = tool.untrusted?.length ? [...tool.untrusted] : undefined;
  const mutate = tool.kind === 'mutate';
  const input = mutate ? tool.input.extend({ approvalId: approvalIdArg }) : tool.input;
  const full = fullOutputJsonSchema(
    untrusted ? tool.output.extend({ [UNTRUSTED_KEY]: z.array(z.string()) }) : tool.output,
  );
  const problems = untrusted ? untrustedPathProblems(untrusted, full) : [];
  if (problems.length) throw new Error(`tool ${tool.name}: ${problems.join('; ')}`);
  const own = outputJsonSchema(full);
  const { truncated, redactions, policy } = gateFields;
  const success = {
    ...own,
    properties: { ...(own.properties as object), truncated, redactions, ...(mutate ? { policy } : {}) },
  };
  return {
    name: tool.name,
    title: tool.title,
    description: untrusted ? `${tool.description} ${UNTRUSTED_NOTE}` : tool.description,
    inputSchema: inputJsonSchema(input),
    // Only mutate tools publish approval_required; a read held for approval answers a tool error (escalation.ts).
    outputSchema: mutate ? { type: 'object', anyOf: [untyped(success), untyped(pendingSchema)] } : success,
    annotations: {
      title: tool.title,
      readOnlyHint: !mutate,
      ...(mutate
        ? {
            destructiveHint: tool.annotations?.destructive ?? true,
            idempotentHint: tool.annotations?.idempotent ?? false,
          }
        : {}),
      openWorldHint: tool.annotations?.openWorld ?? false,
    },
    ...(untrusted ? { _meta: { [UNTRUSTED_META]: untrusted } } : {}),
  };
}

/** An alternative under an object schema: its own `type: object` would say it twice. */
function untyped({ type: _, ...schema }: JsonSchema): JsonSchema {
  return schema;
}
