// A tool the config does not serve (tools.disable) is out of reach, however the agent asks:
// by name over HTTP, through a runbook whose step calls it, or by replaying an approval
// granted while it was still served. Each attempt leaves the cluster as it was and is on
// record in the audit log. And a read a policy holds for approval (reads advertise no
// approvalId and their output schema no approval_required) answers a tool error the SDK
// client accepts, and runs once a human approved it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onFreePort } from '../helpers/ports.ts';
import { DEFAULT_POLICY } from '../helpers/world.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld } from './harness.ts';
import { type ChildServer, spawnServer } from './server-process.ts';

const DISABLED = ['k8s_pod_delete', 'k8s_rollout_undo'];
const REFUSED = 'unknown tool: k8s_pod_delete (this server does not serve it: tools.disable)';
const CHECKOUT = { kind: 'Deployment', namespace: 'shop', name: 'checkout' };

let w: SecurityWorld;
let policyDir: string;
let pod: string;
let image: string;

/** The default bundle plus a rule that holds a read for approval. */
function policyHoldingARead(dir: string): string {
  // biome-ignore lint/suspicious/noExplicitAny: a policy bundle read loosely to add one rule
  const bundle = yaml.load(readFileSync(DEFAULT_POLICY, 'utf8')) as any;
  bundle.spec.rules.push({
    name: 'production-deployment-reads-need-approval',
    match: 'request.tool == "k8s_resource_get" && target.kind == "Deployment" && variables.isProd',
    effect: 'escalate',
    message: 'Reading a production Deployment needs the on-call SRE (test rule).',
    approval: { approvers: ['sre-oncall'], channels: ['out-of-band'], ttl: '15m' },
  });
  const path = join(dir, 'policy.yaml');
  writeFileSync(path, yaml.dump(bundle));
  return path;
}

async function refusal(call: Promise<unknown>): Promise<McpError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  expect((err as McpError).code).toBe(ErrorCode.InvalidParams);
  return err as McpError;
}

/** The refusals of `tool` the audit log holds: deny decisions by the tools config. */
function toolRefusals(tool: string) {
  return w.auditRecords({ type: 'decision', tool }).filter((r) => r.data.refusedBy === 'tools');
}

async function approve(id: string): Promise<void> {
  const res = await w.http('oncall', 'POST', `/v1/approvals/${id}/approve`, { body: { comment: 'ok' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const podExists = async () => (await w.kubectl('get', 'pods', '-n', 'shop', '-o', 'name')).includes(pod);
const checkoutImage = () =>
  w.kubectl(
    'get',
    'deployment',
    'checkout',
    '-n',
    'shop',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}',
  );

beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'opswarden-toolsets-'));
  const bundle = policyHoldingARead(policyDir);
  w = await startSecurityWorld({
    config: (raw) => {
      raw.tools = { disable: DISABLED };
      raw.policy = { ...raw.policy, bundle };
    },
  });
  pod = (
    await w.kubectl(
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app=checkout',
      '-o',
      'jsonpath={.items[0].metadata.name}',
    )
  ).trim();
  image = await checkoutImage();
}, 60_000);

afterAll(async () => {
  await w?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

describe('a disabled mutate tool', () => {
  it('is not listed, and a call by name is refused as an unknown tool and audited', async () => {
    const client = await w.mcp('agent');
    const names = (await client.listTools()).tools.map((t) => t.name);
    for (const name of DISABLED) expect(names).not.toContain(name);
    expect(names).toContain('k8s_rollout_restart');

    for (const dryRun of [false, true]) {
      const err = await refusal(
        client.callTool({
          name: 'k8s_pod_delete',
          arguments: { namespace: 'shop', name: pod, reason: 'stuck on a bad node', dryRun },
        }),
      );
      expect(err.message).toContain(REFUSED);
    }
    expect(await podExists()).toBe(true);
    const refusals = toolRefusals('k8s_pod_delete');
    expect(refusals).toHaveLength(2);
    for (const r of refusals) {
      expect(r.effect).toBe('deny');
      expect(r.principal).toBe('agent');
      expect(r.data.rules).toEqual([expect.objectContaining({ name: 'tools.disable', effect: 'deny' })]);
      const request = w.auditRecords({ callId: r.callId, type: 'tool.call' });
      expect(request[0]?.data).toMatchObject({ kind: 'mutate', args: { namespace: 'shop', name: pod } });
    }
    expect(w.auditRecords({ type: 'action.executed', tool: 'k8s_pod_delete' })).toEqual([]);
  });

  it('cannot be reached through a runbook: hidden from runbook_list, refused by name, on record', async () => {
    const listed = await w.call('agent', 'runbook_list', {});
    const runbooks = (listed.structuredContent!.runbooks as { name: string }[]).map((r) => r.name);
    expect(runbooks).not.toContain('rollback-deployment');
    expect(runbooks.length).toBeGreaterThan(0);

    const why =
      /runbook rollback-deployment cannot run here: step \S+ calls k8s_rollout_undo, which this server does not serve \(tools\.disable\)/;
    const params = { namespace: 'shop', deployment: 'checkout', service: 'checkout' };
    for (const [tool, args] of [
      ['runbook_get', { name: 'rollback-deployment' }],
      ['runbook_plan', { runbook: 'rollback-deployment', params }],
    ] as const) {
      const res = await w.call('agent', tool, args);
      expect(res.isError, tool).toBe(true);
      expect(res.content[0]!.text, tool).toMatch(why);
    }
    const run = (await w.call('agent', 'runbook_run', {
      runbook: 'rollback-deployment',
      params,
      reason: 'v1.41.0 is bad',
    })) as CallResult & { _meta?: Record<string, string> };
    expect(run.isError).toBe(true);
    expect(run.content[0]!.text).toMatch(why);
    const callId = run._meta?.['opswarden/callId'];
    const failed = w.auditRecords({ callId, type: 'action.failed' });
    expect(failed).toHaveLength(1);
    expect(String(failed[0]!.data.error)).toMatch(why);
    expect(w.auditRecords({ type: 'runbook.started' })).toEqual([]);
    expect(w.auditRecords({ type: 'tool.call', tool: 'k8s_rollout_undo' })).toEqual([]);
    expect(await checkoutImage()).toBe(image);
  });

  it('cannot be reached by replaying an approval granted while it was served; the grant stays unspent', async () => {
    // The same store served by a server that still has k8s_pod_delete (the config before it was disabled).
    const enabledConfig = join(policyDir, 'enabled.yaml');
    // biome-ignore lint/suspicious/noExplicitAny: the raw config, read loosely to drop one key
    const raw = yaml.load(readFileSync(w.configPath, 'utf8')) as any;
    delete raw.tools;
    writeFileSync(enabledConfig, yaml.dump(raw), { mode: 0o600 });
    const child: ChildServer = await onFreePort((port) => spawnServer(enabledConfig, port));
    const agentThere = new Client({ name: 'agent-before', version: '1.0.0' });
    try {
      await agentThere.connect(
        new StreamableHTTPClientTransport(new URL(`${child.url}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${w.tokens.agent}` } },
        }),
      );
      const args = { namespace: 'shop', name: pod, reason: 'stuck on a bad node' };
      const pending = (await agentThere.callTool({ name: 'k8s_pod_delete', arguments: args })) as CallResult;
      expect(pending.structuredContent?.status, pending.content[0]?.text).toBe('approval_required');
      const approvalId = pending.structuredContent!.approvalId as string;
      await approve(approvalId);

      const before = toolRefusals('k8s_pod_delete').length;
      const client = await w.mcp('agent');
      const err = await refusal(
        client.callTool({ name: 'k8s_pod_delete', arguments: { ...args, approvalId } }),
      );
      expect(err.message).toContain(REFUSED);
      expect(await podExists()).toBe(true);
      expect(w.app.approvals.get(approvalId)?.status).toBe('approved');
      const replay = toolRefusals('k8s_pod_delete').slice(before);
      expect(replay).toHaveLength(1);
      const request = w.auditRecords({ callId: replay[0]!.callId, type: 'tool.call' });
      expect(request[0]?.data.args).toMatchObject({ approvalId });

      // Nor does the grant open another, served tool.
      const other = await w.call('agent', 'k8s_rollout_restart', {
        namespace: 'shop',
        name: 'checkout',
        reason: 'stuck on a bad node',
        approvalId,
      });
      expect(other.isError).toBe(true);
      expect(other.content[0]!.text).toMatch(/^k8s_rollout_restart not executed: /);
      expect(w.auditRecords({ type: 'action.executed', tool: 'k8s_rollout_restart' })).toEqual([]);
      expect(w.app.approvals.get(approvalId)?.status).toBe('approved');
    } finally {
      await agentThere.close().catch(() => {});
      await child.stop();
    }
  }, 60_000);
});

describe('a read the policy holds for approval', () => {
  it('answers a tool error the SDK client accepts, names the approval, and runs once approved', async () => {
    const client = await w.mcp('agent');
    const listed = (await client.listTools()).tools.find((t) => t.name === 'k8s_resource_get')!;
    expect(Object.keys(listed.inputSchema.properties ?? {})).not.toContain('approvalId');

    const held = (await client.callTool({ name: 'k8s_resource_get', arguments: CHECKOUT })) as CallResult;
    expect(held.isError).toBe(true);
    expect(held.structuredContent).toBeUndefined();
    const [lead, json] = held.content[0]!.text.split('\n');
    expect(lead).toMatch(/^approval_required: k8s_resource_get waits for a human approval\. /);
    const pending = JSON.parse(json!) as { status: string; approvalId: string; approvers: string[] };
    expect(pending).toMatchObject({ status: 'approval_required', approvers: ['sre-oncall'] });
    expect(w.auditRecords({ type: 'decision', tool: 'k8s_resource_get' }).at(-1)?.effect).toBe('escalate');

    await approve(pending.approvalId);
    const read = (await client.callTool({
      name: 'k8s_resource_get',
      arguments: { ...CHECKOUT, approvalId: pending.approvalId },
    })) as CallResult;
    expect(read.isError, read.content[0]?.text).toBeFalsy();
    expect(read.structuredContent).toMatchObject({ object: { metadata: { name: 'checkout' } } });
    expect(w.app.approvals.get(pending.approvalId)?.status).toBe('used');
  });
});
