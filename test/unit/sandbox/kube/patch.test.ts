import { describe, expect, it } from 'vitest';
import { applyPatch, jsonPatch, mergePatch } from '../../../../src/sandbox/kube/patch.ts';
import { strategicMerge } from '../../../../src/sandbox/kube/strategic-merge.ts';

const deployment = {
  metadata: { name: 'checkout', annotations: { 'deployment.kubernetes.io/revision': '2', team: 'shop' } },
  spec: {
    replicas: 3,
    template: {
      metadata: { labels: { app: 'checkout' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'checkout:1.42.0',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [{ containerPort: 8080 }],
          },
          { name: 'sidecar', image: 'envoy:1.30' },
        ],
      },
    },
  },
};

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, replaces lists and deletes keys set to null', () => {
    const patched = mergePatch(deployment, {
      metadata: { annotations: { team: null, owner: 'sre' } },
      spec: { replicas: 5, template: { spec: { containers: [{ name: 'only' }] } } },
    }) as typeof deployment;
    expect(patched.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2', owner: 'sre' });
    expect(patched.spec.replicas).toBe(5);
    expect(patched.spec.template.spec.containers).toEqual([{ name: 'only' }]);
    expect(deployment.spec.replicas).toBe(3);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies kubectl rollout undo: replace the template and the annotations', () => {
    const template = {
      metadata: { labels: { app: 'checkout' } },
      spec: { containers: [{ name: 'app', image: 'checkout:1.41.0' }] },
    };
    const patched = jsonPatch(deployment, [
      { op: 'replace', path: '/spec/template', value: template },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: { 'kubernetes.io/change-cause': 'release 1.41.0' },
      },
    ]) as typeof deployment;
    expect(patched.spec.template).toEqual(template);
    expect(patched.metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'release 1.41.0' });
  });

  it('adds, appends with "-", moves, copies, removes and tests, with ~1 escapes', () => {
    const patched = jsonPatch({ a: { 'x/y': 1 }, list: [1, 2] }, [
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'copy', from: '/a/x~1y', path: '/b' },
      { op: 'move', from: '/b', path: '/c' },
      { op: 'remove', path: '/a' },
      { op: 'test', path: '/c', value: 1 },
    ]);
    expect(patched).toEqual({ list: [0, 1, 2, 3], c: 1 });
  });

  it('fails with 422 when a replace target is missing or a test does not hold', () => {
    expect(() => jsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/replicas', value: 1 }])).toThrow(
      expect.objectContaining({
        code: 422,
        message: expect.stringMatching(/replace operation at "\/spec\/replicas" failed/),
      }),
    );
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(/value is not 2/);
    expect(() => jsonPatch({ a: [] }, [{ op: 'remove', path: '/a/0' }])).toThrow(
      /array index "0" is out of range/,
    );
  });
});

describe('strategic merge patch', () => {
  it('kubectl set image: merges containers by name and keeps the order $setElementOrder gives', () => {
    const patched = strategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
            containers: [{ name: 'sidecar', image: 'envoy:1.31' }],
          },
        },
      },
    }) as typeof deployment;
    const containers = patched.spec.template.spec.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      'app=checkout:1.42.0',
      'sidecar=envoy:1.31',
    ]);
    expect(containers[0]!.env).toHaveLength(2);
  });

  it('kubectl rollout restart and cordon: plain nested merges', () => {
    const restarted = strategicMerge(deployment, {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-04-25T14:30:00Z' } },
        },
      },
    }) as typeof deployment & { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(restarted.spec.template.metadata).toEqual({
      labels: { app: 'checkout' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-04-25T14:30:00Z' },
    });
    expect(strategicMerge({ spec: { podCIDR: '10.244.0.0/24' } }, { spec: { unschedulable: true } })).toEqual(
      {
        spec: { podCIDR: '10.244.0.0/24', unschedulable: true },
      },
    );
  });

  it('merges env by name and container ports by containerPort; $patch: delete removes an element', () => {
    const patched = strategicMerge(deployment.spec.template.spec, {
      containers: [
        {
          name: 'app',
          env: [
            { name: 'B', value: '20' },
            { name: 'C', value: '3' },
            { name: 'A', $patch: 'delete' },
          ],
          ports: [{ containerPort: 9090 }],
        },
      ],
    }) as typeof deployment.spec.template.spec;
    const app = patched.containers[0]!;
    expect(app.env).toEqual([
      { name: 'B', value: '20' },
      { name: 'C', value: '3' },
    ]);
    expect(app.ports).toEqual([{ containerPort: 8080 }, { containerPort: 9090 }]);
    expect(patched.containers).toHaveLength(2);
  });

  it('honours $patch: replace on maps and lists, primitive-list directives and $retainKeys', () => {
    expect(strategicMerge({ a: { x: 1, y: 2 } }, { a: { $patch: 'replace', z: 3 } })).toEqual({
      a: { z: 3 },
    });
    expect(
      strategicMerge(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        { containers: [{ name: 'c' }, { $patch: 'replace' }] },
      ),
    ).toEqual({
      containers: [{ name: 'c' }],
    });
    expect(strategicMerge({ finalizers: ['a', 'b'] }, { finalizers: ['c'] })).toEqual({
      finalizers: ['a', 'b', 'c'],
    });
    expect(
      strategicMerge({ finalizers: ['a', 'b'] }, { '$deleteFromPrimitiveList/finalizers': ['a'] }),
    ).toEqual({ finalizers: ['b'] });
    expect(
      strategicMerge(
        { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
        { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
      ),
    ).toEqual({
      strategy: { type: 'Recreate' },
    });
    expect(strategicMerge({ tolerations: [{ key: 'a' }] }, { tolerations: [{ key: 'b' }] })).toEqual({
      tolerations: [{ key: 'b' }],
    });
  });
});

describe('applyPatch content types', () => {
  it('dispatches on Content-Type and refuses server-side apply with 415', () => {
    expect(applyPatch('application/merge-patch+json', { a: 1 }, '{"a":null}')).toEqual({});
    expect(applyPatch('application/strategic-merge-patch+json; charset=utf-8', { a: 1 }, '{"b":2}')).toEqual({
      a: 1,
      b: 2,
    });
    expect(applyPatch('application/json-patch+json', { a: 1 }, '[{"op":"remove","path":"/a"}]')).toEqual({});
    expect(() => applyPatch('application/apply-patch+yaml', {}, 'a: 1')).toThrow(
      expect.objectContaining({ code: 415 }),
    );
    expect(() => applyPatch('application/merge-patch+json', {}, '{')).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });
});
