// k8s_rollout_history on a StatefulSet through the whole gate: revisions come from its
// ControllerRevisions, and a change made with kubectl shows up as a new current revision.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeGate } from '../helpers/kube-world.ts';
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
    expect(sc.diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'spec.containers[0].image',
          from: 'registry.example/redis:7.2.4',
          to: 'registry.example/redis:7.2.5',
        }),
        expect.objectContaining({ from: '1gb', to: '2gb' }),
      ]),
    );
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
      changes: [{ path: 'spec.containers[0].image', to: 'registry.example/redis:7.4.0' }],
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
