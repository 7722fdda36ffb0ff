// Which kinds of tool a principal may use at all, from its roles (config `access`). This is
// checked before the policy: the keys of Alertmanager's webhook (alert-writer) and of CI
// (change-writer) exist to post to their ingest endpoints, and must never reach a tool even
// where the policy would allow the call. The /mcp route, tools/list and the dispatcher
// (every transport, runbook steps included) all ask here.

import { z } from 'zod';
import type { Principal, ToolKind } from '../types.ts';

const TOOL_KINDS = ['read', 'mutate'] as const satisfies readonly ToolKind[];

/** The name refusals carry as their "rule" in decision records and runbook evidence. */
export const ACCESS_RULE = 'access.tools';

/** Roles whose keys only post to ingest endpoints (/v1/alerts*, /v1/changes): no tools. */
export const INGEST_ONLY_ROLES: Readonly<Record<string, ToolKind[]>> = {
  'alert-writer': [],
  'change-writer': [],
};

const toolKinds = z.array(z.enum(TOOL_KINDS));

export const accessConfigSchema = z
  .strictObject({
    tools: z
      .record(z.string().min(1), toolKinds)
      .transform((byRole) => ({ ...INGEST_ONLY_ROLES, ...byRole }))
      .default({ ...INGEST_ONLY_ROLES })
      .describe(
        'Role -> tool kinds (read, mutate) its holders may use; [] means no MCP at all. ' +
          'alert-writer and change-writer are [] unless listed here; roles not listed get defaultTools',
      ),
    defaultTools: toolKinds
      .default(['read', 'mutate'])
      .describe('Tool kinds of a role not listed in tools, and of a principal with no roles'),
  })
  .describe(
    'Which principals may use MCP tools at all, by role (checked before the policy); ' +
      "a principal's tool kinds are the union over its roles",
  );

export type AccessConfig = z.output<typeof accessConfigSchema>;

/** The tool kinds `principal` may use: the union over its roles (defaultTools when it has none). */
export function toolKindsOf(principal: Pick<Principal, 'roles'>, access: AccessConfig): Set<ToolKind> {
  if (principal.roles.length === 0) return new Set(access.defaultTools);
  const kindsOf = (role: string) =>
    Object.hasOwn(access.tools, role) ? (access.tools[role] ?? []) : access.defaultTools;
  return new Set(principal.roles.flatMap(kindsOf));
}

/** Why `principal` may not call a `kind` tool, or undefined when it may. */
export function toolAccessDenial(
  principal: Principal,
  kind: ToolKind,
  access: AccessConfig,
): string | undefined {
  const kinds = toolKindsOf(principal, access);
  if (kinds.has(kind)) return undefined;
  const allowed = kinds.size ? `${[...kinds].join(' and ')} tools only` : 'no tools';
  return `access denied: ${who(principal)} may use ${allowed}, not ${kind} tools (config ${ACCESS_RULE}, access.defaultTools)`;
}

/** Why `principal` may not use MCP at all (no tool kind), or undefined when it may. */
export function mcpAccessDenial(principal: Principal, access: AccessConfig): string | undefined {
  if (toolKindsOf(principal, access).size > 0) return undefined;
  return `access denied: ${who(principal)} may use no MCP tools (config ${ACCESS_RULE}, access.defaultTools)`;
}

function who(principal: Principal): string {
  return `principal "${principal.id}" (roles [${principal.roles.join(', ')}])`;
}
