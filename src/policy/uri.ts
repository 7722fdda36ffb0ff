// The MCP resource URI of the policy in force: served by src/server/mcp.ts, and named in
// change notifications when a new bundle loads (src/resource-changes.ts).

export const POLICY_URI = 'opswarden://policy/current';
