// k8s_rollout_history on a StatefulSet through the whole gate: revisions come from its
// ControllerRevisions, and a change made with kubectl shows up as a new current revision.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvedCall, kubeGate } from '../helpers/kube-world.ts';
import { REPO } from '../helpers/world.ts';

interface History {
  workload: string;
  currentRevision: number;
  revisions: {
    revision: number;
    controllerRevision: string;
    images: string[];
    changeCause?: string;
    replicas: number;
    current: boolean;
  }[];
  diff: { from: number; to: number; changes: { path: string; from?: unknown; to?: unknown }[] };
}

describe('k8s_rollout_history on a StatefulSet', () => {
  const c = kubeGate(join(REPO, 'test/fixtures/scenarios/statefulset.yaml'));
  const setImage = (tag: string) =>
    c.kubectl('set', 'image', 'statefulset/sessions', `redis=registry.example/redis:${tag}`, '-n', 'cache');
  const history = async () => {
    const res = await c.h.call('k8s_rollout_history', {
      kind: 'StatefulSet',
      namespace: 'cache',
      name: 'sessions',
    });
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    return res.structuredContent as unknown as History;
  };

  it('lists both revisions with their images and what the last release changed', async () => {
    const sc = await history();
    expect(sc.workload).toBe('StatefulSet/cache/sessions');
    expect(sc.revisions.map((r) => [r.revision, r.images, r.changeCause, r.replicas, r.current])).toEqual([
      [1, ['registry.example/redis:7.2.4'], 'release 7.2.4', 0, false],
      [2, ['registry.example/redis:7.2.5'], 'release 7.2.5: larger cache', 3, true],
    ]);
    expect(sc.currentRevision).toBe(2);
    expect(sc.diff).toMatchObject({ from: 1, to: 2 });
    // Containers and env variables by name, not by position.
    expect(sc.diff.changes).toEqual([
      { path: 'spec.containers[redis].env[MAXMEMORY]', from: '1gb', to: '2gb' },
      {
        path: 'spec.containers[redis].image',
        from: 'registry.example/redis:7.2.4',
        to: 'registry.example/redis:7.2.5',
      },
    ]);
  });

  it('shows a new image set with kubectl as a third, current revision running every pod', async () => {
    await setImage('7.4.0');
    const sc = await history();
    expect(sc.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    const third = sc.revisions[2]!;
    expect(third).toMatchObject({ images: ['registry.example/redis:7.4.0'], current: true, replicas: 3 });
    expect(third.controllerRevision).toBe(
      await c.kubectl(
        'get',
        'statefulset',
        'sessions',
        '-n',
        'cache',
        '-o',
        'jsonpath={.status.updateRevision}',
      ),
    );
    expect(sc.currentRevision).toBe(3);
    expect(sc.diff).toMatchObject({
      from: 2,
      to: 3,
      changes: [{ path: 'spec.containers[redis].image', to: 'registry.example/redis:7.4.0' }],
    });
  });

  it('going back to an earlier template renumbers that revision instead of adding one', async () => {
    await setImage('7.2.5');
    const sc = await history();
    expect(sc.revisions.map((r) => [r.revision, r.images[0], r.current])).toEqual([
      [1, 'registry.example/redis:7.2.4', false],
      [3, 'registry.example/redis:7.4.0', false],
      [4, 'registry.example/redis:7.2.5', true],
    ]);
    await setImage('7.4.0');
  });

  it('names the revisions that exist when asked for one that does not', async () => {
    const res = await c.h.call('k8s_rollout_history', {
      kind: 'StatefulSet',
      namespace: 'cache',
      name: 'sessions',
      compare: { from: 1, to: 9 },
    });
    expect(res.isError).toBe(true);
    expect(res.content[0]!.text).toMatch(
      /revision 9 of StatefulSet cache\/sessions does not exist \(known: 1, 4, 5\)/,
    );
  });
});

describe('restart, undo and status of a StatefulSet, with the tools and with kubectl', () => {
  const c = kubeGate(join(REPO, 'test/fixtures/scenarios/statefulset.yaml'));
  const ref = { kind: 'StatefulSet', namespace: 'cache', name: 'sessions' };
  const sts = (jsonpath: string) =>
    c.kubectl('get', 'statefulset', 'sessions', '-n', 'cache', '-o', `jsonpath=${jsonpath}`);
  const call = async (tool: string, args: Record<string, unknown>) => {
    const res = await c.h.call(tool, args);
    expect(res.isError, res.content[0]?.text).toBeFalsy();
    return res.structuredContent as Record<string, unknown>;
  };
  /** Pod name → [uid, controller-revision-hash]. */
  const pods = async () =>
    Object.fromEntries(
      (
        await c.kubectl(
          'get',
          'pods',
          '-n',
          'cache',
          '-l',
          'app=sessions',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.metadata.labels.controller-revision-hash}{"\\n"}{end}',
        )
      )
        .trim()
        .split('\n')
        .map((line) => {
          const [name = '', uid, hash] = line.split(' ');
          return [name, [uid, hash]];
        }),
    );
  const historyRows = async () =>
    (await c.kubectl('rollout', 'history', 'statefulset/sessions', '-n', 'cache'))
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => row.split(/\s+/)[0]);

  it('k8s_rollout_status: complete, every pod at the update revision, as kubectl says', async () => {
    const update = await sts('{.status.updateRevision}');
    expect(await call('k8s_rollout_status', ref)).toMatchObject({
      workload: 'StatefulSet/cache/sessions',
      state: 'complete',
      desired: 3,
      updated: 3,
      ready: 3,
      revision: { update, current: update },
      message: `successfully rolled out: 3/3 pods at ${update}, 3 ready`,
    });
    expect(await c.kubectl('rollout', 'status', 'statefulset/sessions', '-n', 'cache')).toMatch(
      /roll out complete: 3 new pods have been updated/,
    );
  });

  it('a dry-run restart says how the pods would go and changes nothing', async () => {
    const generation = await sts('{.metadata.generation}');
    const before = await pods();
    const res = await call('k8s_rollout_restart', {
      ...ref,
      reason: 'see what a restart does',
      dryRun: true,
    });
    expect(res).toMatchObject({ dryRun: true, replicas: 3, policy: { effect: 'allow' } });
    expect(res.message).toBe(
      'dry run: would restart StatefulSet/cache/sessions (3 pods replaced in order, one at a time from sessions-2 down to sessions-0, each after the one before is Ready); nothing changed',
    );
    expect(await sts('{.metadata.generation}')).toBe(generation);
    expect(await pods()).toEqual(before);
    expect(await historyRows()).toEqual(['1', '2']);
  });

  it('k8s_rollout_restart: kubectl sees the rollout complete, a third revision and every pod replaced', async () => {
    const before = await pods();
    const res = await call('k8s_rollout_restart', { ...ref, reason: 'clients hold stale connections' });
    expect(res).toMatchObject({ workload: 'StatefulSet/cache/sessions', dryRun: false, replicas: 3 });
    expect(res.message).toMatch(/^restart of StatefulSet\/cache\/sessions started: 3 pods replaced in order/);
    expect(await sts('{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}')).toBe(
      res.restartedAt,
    );
    expect(
      await c.kubectl('rollout', 'status', 'statefulset/sessions', '-n', 'cache', '--timeout=20s'),
    ).toMatch(/roll out complete: 3 new pods/);
    expect(await historyRows()).toEqual(['1', '2', '3']);
    const update = await sts('{.status.updateRevision}');
    const after = await pods();
    for (const name of ['sessions-0', 'sessions-1', 'sessions-2']) {
      expect(after[name]![0]).not.toBe(before[name]![0]);
      expect(after[name]![1]).toBe(update);
    }
    const history = await call('k8s_rollout_history', ref);
    expect(history).toMatchObject({
      currentRevision: 3,
      diff: {
        from: 2,
        to: 3,
        changes: [{ path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', to: res.restartedAt }],
      },
    });
  });

  it('kubectl rollout undo --to-revision=1: the tools see release 7.2.4 back as the newest revision', async () => {
    await c.kubectl('rollout', 'undo', 'statefulset/sessions', '-n', 'cache', '--to-revision=1');
    const history = (await call('k8s_rollout_history', ref)) as unknown as History;
    expect(history.revisions.map((r) => [r.revision, r.images[0], r.current, r.replicas])).toEqual([
      [2, 'registry.example/redis:7.2.5', false, 0],
      [3, 'registry.example/redis:7.2.5', false, 0],
      [4, 'registry.example/redis:7.2.4', true, 3],
    ]);
    expect(history.diff.changes).toEqual([
      { path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', from: expect.any(String) },
      { path: 'spec.containers[redis].env[MAXMEMORY]', from: '2gb', to: '1gb' },
      {
        path: 'spec.containers[redis].image',
        from: 'registry.example/redis:7.2.5',
        to: 'registry.example/redis:7.2.4',
      },
    ]);
    expect(await call('k8s_rollout_status', ref)).toMatchObject({ state: 'complete', updated: 3 });
  });

  it('k8s_rollout_undo goes back one revision, as kubectl rollout history and status then show', async () => {
    // A third of the set at risk on top of the restart's within the hour: the on-call approves.
    const { pending, done: res } = await approvedCall(c.h, 'k8s_rollout_undo', {
      ...ref,
      reason: '7.2.4 cannot hold the session load',
    });
    expect(pending.structuredContent?.matchedRules).toEqual([
      expect.objectContaining({ name: 'large-impact-needs-approval' }),
    ]);
    expect(res).toMatchObject({
      workload: 'StatefulSet/cache/sessions',
      fromRevision: 4,
      toRevision: 3,
      images: ['registry.example/redis:7.2.5'],
      message:
        'rolling StatefulSet cache/sessions back to revision 3 (registry.example/redis:7.2.5); follow with k8s_rollout_status',
    });
    expect(res.changes).toEqual(
      expect.arrayContaining([
        { path: 'spec.containers[redis].env[MAXMEMORY]', from: '1gb', to: '2gb' },
        {
          path: 'spec.containers[redis].image',
          from: 'registry.example/redis:7.2.4',
          to: 'registry.example/redis:7.2.5',
        },
      ]),
    );
    expect(await sts('{.spec.template.spec.containers[0].image}')).toBe('registry.example/redis:7.2.5');
    expect(await historyRows()).toEqual(['2', '4', '5']);
    expect(
      await c.kubectl('rollout', 'status', 'statefulset/sessions', '-n', 'cache', '--timeout=20s'),
    ).toMatch(/roll out complete: 3 new pods/);
  });

  it('a crash-looping pod makes the rollout stuck, naming the pod; kubectl keeps waiting for it', async () => {
    const { store } = c.world.sim;
    const pod = store.get('Pod', 'cache', 'sessions-1')!;
    const status = pod.status as {
      conditions: { type: string; status: string }[];
      containerStatuses: object[];
    };
    store.update({
      ...pod,
      status: {
        ...status,
        conditions: status.conditions.map((cond) =>
          cond.type === 'Ready' || cond.type === 'ContainersReady' ? { ...cond, status: 'False' } : cond,
        ),
        containerStatuses: [
          {
            name: 'redis',
            ready: false,
            restartCount: 6,
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' },
            },
          },
        ],
      },
    });
    expect(await call('k8s_rollout_status', ref)).toMatchObject({
      state: 'stuck',
      ready: 2,
      message:
        'stuck: pod sessions-1 container redis: CrashLoopBackOff (back-off 2m40s restarting failed container)',
    });
    const kubectl = await c.kubectlResult(
      'rollout',
      'status',
      'statefulset/sessions',
      '-n',
      'cache',
      '--timeout=1s',
    );
    expect(kubectl.code).not.toBe(0);
    expect(kubectl.stdout).toMatch(/Waiting for 1 pods to be ready/);
    store.delete('Pod', 'cache', 'sessions-1'); // the controller brings it back healthy
    expect(await call('k8s_rollout_status', ref)).toMatchObject({ state: 'complete', ready: 3 });
  });

  it('a partition keeps the lower ordinals: status and a restart say so, and kubectl agrees', async () => {
    await c.kubectl(
      'patch',
      'statefulset',
      'sessions',
      '-n',
      'cache',
      '--type=merge',
      '-p',
      '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}',
    );
    await c.kubectl(
      'set',
      'image',
      'statefulset/sessions',
      'redis=registry.example/redis:7.4.1',
      '-n',
      'cache',
    );
    const [update, current] = (await sts('{.status.updateRevision} {.status.currentRevision}')).split(' ');
    expect(update).not.toBe(current);
    expect(await call('k8s_rollout_status', ref)).toMatchObject({
      state: 'complete',
      updated: 1,
      revision: { update, current, partition: 2 },
      message: `partitioned rollout complete: 1 pods at ${update}; ordinals below 2 stay at ${current} until the partition is lowered`,
    });
    expect(await c.kubectl('rollout', 'status', 'statefulset/sessions', '-n', 'cache')).toMatch(
      /partitioned roll out complete: 1 new pods have been updated/,
    );
    const hashes = await pods();
    expect([hashes['sessions-0']![1], hashes['sessions-1']![1], hashes['sessions-2']![1]]).toEqual([
      current,
      current,
      update,
    ]);
    const dry = await call('k8s_rollout_restart', {
      ...ref,
      reason: 'what would a restart do',
      dryRun: true,
    });
    expect(dry).toMatchObject({ replicas: 1 });
    expect(dry.message).toMatch(
      /1 pods replaced in order, one at a time from sessions-2 down to sessions-2, .*; ordinals below 2 keep their pods \(partition\)/,
    );
  });
});
