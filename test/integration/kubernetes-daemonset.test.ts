// Rollouts of a DaemonSet through the whole gate and with the real kubectl, both ways: a
// DaemonSet applied with kubectl runs one pod per node in the simulator; the tools restart
// and roll it back and kubectl sees it (rollout status, history), kubectl changes and undoes
// it and the tools see it (status, history with env variables by name). In production a
// DaemonSet restart replaces the pod on every node, so the default policy wants a second person.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { approvedCall, kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

const AGENT_IMAGE = 'registry.example/log-agent:2.0.0';

/** A DaemonSet log-agent (and, for production, its namespace) as kubectl applies it. */
function manifest(namespace: string, environment?: string): string {
  const ns = environment
    ? `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${namespace}, labels: { environment: ${environment} } }\n---\n`
    : '';
  return `${ns}apiVersion: apps/v1
kind: DaemonSet
metadata: { name: log-agent, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: log-agent } }
  template:
    metadata: { labels: { app: log-agent } }
    spec:
      containers:
        - name: agent
          image: ${AGENT_IMAGE}
          env:
            - { name: BATCH_SIZE, value: "50" }
            - { name: LEGACY_MODE, value: "true" }
`;
}

interface History {
  currentRevision: number;
  revisions: { revision: number; controllerRevision: string; current: boolean; replicas: number }[];
  diff: { from: number; to: number; changes: { path: string; from?: unknown; to?: unknown }[] };
}

describe('a DaemonSet rolled out, restarted and rolled back by the tools and by kubectl', () => {
  const c = kubeGate(join(REPO, 'test/fixtures/scenarios/statefulset.yaml'));
  const ref = { kind: 'DaemonSet', namespace: 'cache', name: 'log-agent' };
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-ds-'));
  const apply = async (text: string) => {
    const file = join(dir, `manifest-${Date.now()}.yaml`);
    writeFileSync(file, text);
    await c.kubectl('apply', '-f', file);
  };
  const call = async (tool: string, args: Record<string, unknown>) => {
    const res = await c.h.call(tool, args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    return res.structuredContent as Record<string, unknown>;
  };
  /** [pod, node, controller-revision-hash] of each log-agent pod, by node. */
  const pods = async (namespace = 'cache') =>
    (
      await c.kubectl(
        'get',
        'pods',
        '-n',
        namespace,
        '-l',
        'app=log-agent',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.metadata.labels.controller-revision-hash}{"\\n"}{end}',
      )
    )
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .sort((a, b) => a[1]!.localeCompare(b[1]!));
  const nodes = async () => (await c.kubectl('get', 'nodes', '-o', 'name')).trim().split('\n').length;
  const historyRows = async (namespace = 'cache') =>
    (await c.kubectl('rollout', 'history', 'daemonset/log-agent', '-n', namespace))
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => row.split(/\s+/)[0]);
  const hashOf = (history: History, revision: number) =>
    history.revisions.find((r) => r.revision === revision)!.controllerRevision.slice('log-agent-'.length);

  beforeAll(async () => {
    await apply(manifest('cache'));
  });

  it('runs one pod per node; k8s_rollout_status and kubectl rollout status agree it is rolled out', async () => {
    const running = await pods();
    expect(running).toHaveLength(await nodes());
    expect(new Set(running.map(([, node]) => node)).size).toBe(running.length);
    expect(await call('k8s_rollout_status', ref)).toMatchObject({
      workload: 'DaemonSet/cache/log-agent',
      state: 'complete',
      desired: 3,
      updated: 3,
      ready: 3,
      available: 3,
      unavailable: 0,
      message: 'successfully rolled out: the updated pod runs on all 3 nodes',
    });
    expect(await c.kubectl('rollout', 'status', 'daemonset/log-agent', '-n', 'cache')).toMatch(
      /daemon set "log-agent" successfully rolled out/,
    );
  });

  it('k8s_rollout_restart replaces the pod on every node; kubectl sees a second revision rolled out', async () => {
    const before = await pods();
    const res = await call('k8s_rollout_restart', { ...ref, reason: 'the agent stopped shipping logs' });
    expect(res).toMatchObject({ workload: 'DaemonSet/cache/log-agent', dryRun: false, replicas: 3 });
    expect(res.message).toBe(
      'restart of DaemonSet/cache/log-agent started: the pod on each of 3 nodes replaced, node by node; follow with k8s_rollout_status',
    );
    expect(
      await c.kubectl('rollout', 'status', 'daemonset/log-agent', '-n', 'cache', '--timeout=20s'),
    ).toMatch(/successfully rolled out/);
    expect(await historyRows()).toEqual(['1', '2']);
    const history = (await call('k8s_rollout_history', ref)) as unknown as History;
    const after = await pods();
    expect(after.map(([, node]) => node)).toEqual(before.map(([, node]) => node));
    for (const [i, [pod, , hash]] of after.entries()) {
      expect(pod).not.toBe(before[i]![0]);
      expect(hash).toBe(hashOf(history, 2));
    }
    expect(history).toMatchObject({
      currentRevision: 2,
      diff: {
        from: 1,
        to: 2,
        changes: [{ path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', to: res.restartedAt }],
      },
    });
    expect(history.revisions.map((r) => [r.revision, r.current, r.replicas])).toEqual([
      [1, false, 0],
      [2, true, 3],
    ]);
  });

  it('an env change made with kubectl reads by variable name in k8s_rollout_history', async () => {
    await c.kubectl(
      'set',
      'env',
      'daemonset/log-agent',
      '-n',
      'cache',
      'BATCH_SIZE=10',
      'FLUSH_INTERVAL=5s',
      'LEGACY_MODE-',
    );
    const history = (await call('k8s_rollout_history', ref)) as unknown as History;
    expect(history.currentRevision).toBe(3);
    expect(history.diff).toEqual({
      from: 2,
      to: 3,
      changes: [
        { path: 'spec.containers[agent].env[BATCH_SIZE]', from: '50', to: '10' },
        { path: 'spec.containers[agent].env[LEGACY_MODE]', from: 'true' },
        { path: 'spec.containers[agent].env[FLUSH_INTERVAL]', to: '5s' },
      ],
    });
    // kubectl reads the same revision out of the same ControllerRevision.
    const third = await c.kubectl('rollout', 'history', 'daemonset/log-agent', '-n', 'cache', '--revision=3');
    expect(third).toMatch(/BATCH_SIZE:\s+10/);
    expect(third).toMatch(/FLUSH_INTERVAL:\s+5s/);
    expect(third).not.toMatch(/LEGACY_MODE/);
  });

  it('kubectl rollout undo: the tools see the restart revision back as the newest, rolled out', async () => {
    await c.kubectl('rollout', 'undo', 'daemonset/log-agent', '-n', 'cache');
    const history = (await call('k8s_rollout_history', ref)) as unknown as History;
    expect(history.revisions.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [3, false],
      [4, true],
    ]);
    expect(history.diff.changes).toEqual([
      { path: 'spec.containers[agent].env[BATCH_SIZE]', from: '10', to: '50' },
      { path: 'spec.containers[agent].env[FLUSH_INTERVAL]', from: '5s' },
      { path: 'spec.containers[agent].env[LEGACY_MODE]', to: 'true' },
    ]);
    expect(await call('k8s_rollout_status', ref)).toMatchObject({ state: 'complete', updated: 3 });
    for (const [, , hash] of await pods()) expect(hash).toBe(hashOf(history, 4));
  });

  it('k8s_rollout_undo to revision 1: kubectl sees its template and history', async () => {
    // A third of the nodes at a time, on top of the restart's third within the hour: approved.
    const { done } = await approvedCall(c.h, 'k8s_rollout_undo', {
      ...ref,
      toRevision: 1,
      reason: 'back to the release as first applied',
    });
    expect(done).toMatchObject({
      fromRevision: 4,
      toRevision: 1,
      images: [AGENT_IMAGE],
      changes: [{ path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', from: expect.any(String) }],
    });
    expect(await historyRows()).toEqual(['3', '4', '5']);
    expect(
      await c.kubectl(
        'get',
        'daemonset',
        'log-agent',
        '-n',
        'cache',
        '-o',
        'jsonpath={.spec.template.metadata.annotations} {.spec.template.spec.containers[0].env[*].name}',
      ),
    ).toBe(' BATCH_SIZE LEGACY_MODE');
    expect(
      await c.kubectl('rollout', 'status', 'daemonset/log-agent', '-n', 'cache', '--timeout=20s'),
    ).toMatch(/successfully rolled out/);
  });

  it('kubectl rollout restart: k8s_rollout_status sees it rolled out, k8s_rollout_history a new revision', async () => {
    await c.kubectl('rollout', 'restart', 'daemonset/log-agent', '-n', 'cache');
    expect(await call('k8s_rollout_status', ref)).toMatchObject({
      state: 'complete',
      updated: 3,
      desired: 3,
    });
    const history = (await call('k8s_rollout_history', ref)) as unknown as History;
    expect(history.currentRevision).toBe(6);
    expect(history.diff.changes).toEqual([
      { path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', to: expect.any(String) },
    ]);
    for (const [, , hash] of await pods()) expect(hash).toBe(hashOf(history, 6));
  });

  it('in production a DaemonSet restart waits for a second person; approved, every node gets a new pod', async () => {
    await apply(manifest('logging', 'production'));
    const prod = { ...ref, namespace: 'logging', reason: 'the agent leaks memory on every node' };
    const generation = () =>
      c.kubectl('get', 'daemonset', 'log-agent', '-n', 'logging', '-o', 'jsonpath={.metadata.generation}');
    const before = await pods('logging');
    const atFirst = await generation();
    const { pending } = await approvedCall(c.h, 'k8s_rollout_restart', prod);
    expect(pending.structuredContent?.matchedRules).toEqual([
      expect.objectContaining({ name: 'production-mutation-needs-approval' }),
      {
        name: 'production-daemonset-rollout-needs-second-person',
        message:
          'this restart replaces the pod of DaemonSet logging/log-agent on every node (3); the on-call SRE must approve out of band',
      },
    ]);
    expect(Number(await generation())).toBe(Number(atFirst) + 1);
    const after = await pods('logging');
    expect(after.map(([, node]) => node)).toEqual(before.map(([, node]) => node));
    for (const [i, [pod]] of after.entries()) expect(pod).not.toBe(before[i]![0]);
    expect(await historyRows('logging')).toEqual(['1', '2']);
  });
});
