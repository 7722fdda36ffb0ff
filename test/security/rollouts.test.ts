// Abuse of the rollout tools on StatefulSets and DaemonSets, over Streamable HTTP. A
// rollback may only go to a revision of the workload itself: not a number it never had,
// not one of another workload in its namespace, not a ControllerRevision planted with its
// labels, not one of its namesake in another namespace. A production DaemonSet restart
// replaces the pod on every node, so it waits for a second person (an agent cannot go on;
// a human cannot confirm it in the client). A dry run changes nothing. Each attack asserts
// the cluster (kubectl) and the audit log, not only the answer.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/world.ts';
import { type CallResult, type SecurityWorld, startSecurityWorld, type Who } from './harness.ts';

const SCENARIO = join(REPO, 'test/fixtures/scenarios/rollouts-world.yaml');

let w: SecurityWorld;
beforeAll(async () => {
  w = await startSecurityWorld({ scenario: SCENARIO });
  const file = join(mkdtempSync(join(tmpdir(), 'opswarden-rollouts-')), 'log-agent.yaml');
  writeFileSync(
    file,
    ['shop', 'staging']
      .map(
        (namespace) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: log-agent, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: log-agent } }
  template:
    metadata: { labels: { app: log-agent } }
    spec:
      containers: [{ name: agent, image: "registry.example/log-agent:2.0.0" }]
`,
      )
      .join('---\n'),
  );
  await w.kubectl('apply', '-f', file);
  // A second revision of each, so a rollback has somewhere to go.
  for (const namespace of ['shop', 'staging'])
    await w.kubectl(
      'set',
      'image',
      'daemonset/log-agent',
      '-n',
      namespace,
      'agent=registry.example/log-agent:2.1.0',
    );
}, 120_000);
afterAll(() => w?.close());

/** What a workload is as the cluster has it: generation, template, revisions and pods. */
async function stateOf(kind: 'statefulset' | 'daemonset', namespace: string, name: string): Promise<string> {
  const label = name === 'log-agent' ? 'app=log-agent' : `app=${name}`;
  const [object, revisions, pods] = await Promise.all([
    w.kubectl('get', kind, name, '-n', namespace, '-o', 'jsonpath={.metadata.generation} {.spec.template}'),
    w.kubectl(
      'get',
      'controllerrevisions',
      '-n',
      namespace,
      '-l',
      label,
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.revision} {end}',
    ),
    w.kubectl('get', 'pods', '-n', namespace, '-l', label, '-o', 'jsonpath={.items[*].metadata.uid}'),
  ]);
  return `${object}\n${revisions}\n${pods}`;
}

/** The audit records of `who`'s last call of `tool`, by type. */
function lastCallRecords(who: string, tool: string): Record<string, unknown[]> {
  const call = w.auditRecords({ tool, principal: who, type: 'tool.call' }).at(-1);
  expect(call, `no tool.call record of ${tool} by ${who}`).toBeDefined();
  const out: Record<string, unknown[]> = {};
  for (const record of w.auditRecords({ callId: call!.callId! }))
    out[record.type] = [...(out[record.type] ?? []), record.data];
  return out;
}

function expectRefused(res: CallResult, message: RegExp): void {
  expect(res.isError, JSON.stringify(res.structuredContent)).toBe(true);
  expect(res.content[0]!.text).toMatch(message);
}

const undo = (who: Who, args: Record<string, unknown>) =>
  w.call(who, 'k8s_rollout_undo', { reason: 'roll back the bad release', ...args });

describe('a rollback goes only to a revision of the workload itself', () => {
  it('a revision the StatefulSet never had is refused, naming the ones it has; nothing changes', async () => {
    const before = await stateOf('statefulset', 'staging', 'orders-db');
    const res = await undo('agent', {
      kind: 'StatefulSet',
      namespace: 'staging',
      name: 'orders-db',
      toRevision: 7,
    });
    expectRefused(
      res,
      /revision 7 of StatefulSet staging\/orders-db does not exist \(known: 1, 2, 3\); k8s_rollout_history lists them/,
    );
    expect(await stateOf('statefulset', 'staging', 'orders-db')).toBe(before);
    const records = lastCallRecords('agent', 'k8s_rollout_undo');
    expect(records['action.executed']).toBeUndefined();
    expect(records['action.failed']).toHaveLength(1);
  });

  it('a revision number of another StatefulSet in the namespace is not one of this one', async () => {
    const before = await stateOf('statefulset', 'staging', 'orders-db');
    const res = await undo('agent', {
      kind: 'StatefulSet',
      namespace: 'staging',
      name: 'orders-db',
      toRevision: 5,
    });
    expectRefused(res, /revision 5 of StatefulSet staging\/orders-db does not exist \(known: 1, 2, 3\)/);
    expect(await stateOf('statefulset', 'staging', 'orders-db')).toBe(before);
  });

  it("a ControllerRevision planted with the StatefulSet's labels but owned by another (or none) is ignored", async () => {
    const cacheUid = await w.kubectl(
      'get',
      'statefulset',
      'cache',
      '-n',
      'staging',
      '-o',
      'jsonpath={.metadata.uid}',
    );
    const planted = (name: string, revision: number, owner?: string) => ({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: 'staging',
        labels: { app: 'orders-db' },
        ...(owner
          ? {
              ownerReferences: [
                {
                  apiVersion: 'apps/v1',
                  kind: 'StatefulSet',
                  name: 'orders-db',
                  uid: owner,
                  controller: true,
                },
              ],
            }
          : {}),
      },
      data: {
        spec: {
          template: {
            $patch: 'replace',
            metadata: { labels: { app: 'orders-db' } },
            spec: { containers: [{ name: 'postgres', image: 'registry.example/evil:latest' }] },
          },
        },
      },
      revision,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'opswarden-planted-')), 'planted.yaml');
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [planted('orders-db-evil', 8, cacheUid), planted('orders-db-stray', 9)],
      }),
    );
    await w.kubectl('create', '--validate=false', '-f', file);
    const before = await stateOf('statefulset', 'staging', 'orders-db');
    for (const toRevision of [8, 9]) {
      const res = await undo('agent', {
        kind: 'StatefulSet',
        namespace: 'staging',
        name: 'orders-db',
        toRevision,
      });
      expectRefused(
        res,
        new RegExp(
          `revision ${toRevision} of StatefulSet staging/orders-db does not exist \\(known: 1, 2, 3\\)`,
        ),
      );
    }
    const history = await w.call('agent', 'k8s_rollout_history', {
      kind: 'StatefulSet',
      namespace: 'staging',
      name: 'orders-db',
    });
    expect(JSON.stringify(history.structuredContent)).not.toMatch(/evil|stray/);
    expect(await stateOf('statefulset', 'staging', 'orders-db')).toBe(before);
    expect(
      await w.kubectl(
        'get',
        'pods',
        '-n',
        'staging',
        '-l',
        'app=orders-db',
        '-o',
        'jsonpath={.items[*].spec.containers[0].image}',
      ),
    ).toBe(Array(3).fill('registry.example/postgres:17.0').join(' '));
  });

  it('a revision of its namesake in another namespace is not one of this one, even in a dry run', async () => {
    const before = await stateOf('statefulset', 'shop', 'orders-db');
    const res = await undo('agent', {
      kind: 'StatefulSet',
      namespace: 'shop',
      name: 'orders-db',
      toRevision: 3,
      dryRun: true,
    });
    expectRefused(res, /revision 3 of StatefulSet shop\/orders-db does not exist \(known: 1, 2\)/);
    const missing = await undo('agent', {
      kind: 'StatefulSet',
      namespace: 'nowhere',
      name: 'orders-db',
      dryRun: true,
    });
    expectRefused(missing, /orders-db/);
    expect(missing.content[0]!.text).toMatch(/nowhere/);
    expect(await stateOf('statefulset', 'shop', 'orders-db')).toBe(before);
  });

  it('a DaemonSet undo to a revision it never had is refused the same way', async () => {
    const before = await stateOf('daemonset', 'staging', 'log-agent');
    const res = await undo('agent', {
      kind: 'DaemonSet',
      namespace: 'staging',
      name: 'log-agent',
      toRevision: 3,
    });
    expectRefused(res, /revision 3 of DaemonSet staging\/log-agent does not exist \(known: 1, 2\)/);
    expect(await stateOf('daemonset', 'staging', 'log-agent')).toBe(before);
  });
});

describe('a production DaemonSet restart waits for a second person', () => {
  const restart = {
    kind: 'DaemonSet',
    namespace: 'shop',
    name: 'log-agent',
    reason: 'the agent leaks memory',
  };

  it('an agent gets an out-of-band approval request and the DaemonSet stays as it was', async () => {
    const before = await stateOf('daemonset', 'shop', 'log-agent');
    const res = await w.call('agent', 'k8s_rollout_restart', restart);
    expect(res.structuredContent).toMatchObject({ status: 'approval_required', approvers: ['sre-oncall'] });
    const rules = (res.structuredContent!.matchedRules as { name: string }[]).map((r) => r.name);
    expect(rules).toEqual([
      'production-mutation-needs-approval',
      'production-daemonset-rollout-needs-second-person',
    ]);
    expect(await stateOf('daemonset', 'shop', 'log-agent')).toBe(before);
    const records = lastCallRecords('agent', 'k8s_rollout_restart');
    expect(records.decision).toEqual([expect.objectContaining({ effect: 'escalate' })]);
    expect(records['action.executed']).toBeUndefined();
    expect(records['approval.requested']?.[0]).toMatchObject({ impact: { pods: 3, replicas: 3 } });
  });

  it('a human at the keyboard is not asked to confirm it in the client (a StatefulSet restart is)', async () => {
    const asked: string[] = [];
    const client = await w.mcp('oncall', {
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { approve: true } };
      },
    });
    const before = await stateOf('daemonset', 'shop', 'log-agent');
    const res = (await client.callTool({ name: 'k8s_rollout_restart', arguments: restart })) as CallResult;
    expect(asked).toEqual([]);
    expect(res.structuredContent).toMatchObject({ status: 'approval_required' });
    expect(await stateOf('daemonset', 'shop', 'log-agent')).toBe(before);
    // The control: one pod at a time of a three-replica StatefulSet may be confirmed in the client.
    const sts = { ...restart, kind: 'StatefulSet', name: 'orders-db', reason: 'stale connections' };
    const confirmed = (await client.callTool({ name: 'k8s_rollout_restart', arguments: sts })) as CallResult;
    expect(asked).toHaveLength(1);
    expect(confirmed.isError, confirmed.content[0]?.text).toBeFalsy();
    expect(confirmed.structuredContent).toMatchObject({
      workload: 'StatefulSet/shop/orders-db',
      dryRun: false,
    });
  });
});

describe('dry runs change nothing', () => {
  const cases: [string, 'statefulset' | 'daemonset', Record<string, unknown>][] = [
    ['k8s_rollout_restart', 'statefulset', { kind: 'StatefulSet', name: 'orders-db' }],
    ['k8s_rollout_restart', 'daemonset', { kind: 'DaemonSet', name: 'log-agent' }],
    ['k8s_rollout_undo', 'statefulset', { kind: 'StatefulSet', name: 'orders-db' }],
    ['k8s_rollout_undo', 'daemonset', { kind: 'DaemonSet', name: 'log-agent', toRevision: 1 }],
  ];
  for (const [tool, kind, args] of cases) {
    it(`${tool} of a production ${args.kind} with dryRun: answered with the decision a real call gets, nothing moved`, async () => {
      const name = String(args.name);
      const before = await stateOf(kind, 'shop', name);
      const res = await w.call('agent', tool, {
        ...args,
        namespace: 'shop',
        reason: 'what would it do',
        dryRun: true,
      });
      expect(res.isError, res.content[0]?.text).toBeFalsy();
      expect(res.structuredContent).toMatchObject({ dryRun: true, policy: { effect: 'escalate' } });
      expect(String(res.structuredContent!.message)).toMatch(/^dry run: .*nothing changed$/);
      expect(await stateOf(kind, 'shop', name)).toBe(before);
      const records = lastCallRecords('agent', tool);
      expect(records['action.executed']).toEqual([expect.objectContaining({ dryRun: true })]);
    });
  }
});
