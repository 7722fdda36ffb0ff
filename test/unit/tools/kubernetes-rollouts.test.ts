// The rollout tools' shared pieces, on hand-made objects: the pod-template diff (lists of
// named things matched by name, secrets kept whole for the redactor), the blast radius of a
// rolling replacement per workload kind, and the rollout state read per kind.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/backends/kubernetes/types.ts';
import { redact } from '../../../src/shape/redact.ts';
import { rolloutImpact } from '../../../tools/kubernetes/impact.ts';
import { rolloutState } from '../../../tools/kubernetes/rollout-state.ts';
import { diff } from '../../../tools/kubernetes/template-diff.ts';

const template = (containers: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers, ...extra },
});

describe('the pod-template diff', () => {
  it('names env variables, changed, added and removed, per container', () => {
    const before = template([
      {
        name: 'app',
        image: 'web:1',
        env: [
          { name: 'DB_POOL_MAX', value: '50' },
          { name: 'OLD', value: 'x' },
        ],
      },
      { name: 'proxy', image: 'envoy:1', env: [{ name: 'LEVEL', value: 'info' }] },
    ]);
    const after = template([
      { name: 'proxy', image: 'envoy:1', env: [{ name: 'LEVEL', value: 'debug' }] },
      {
        name: 'app',
        image: 'web:1',
        env: [
          { name: 'NEW', value: 'y' },
          { name: 'DB_POOL_MAX', value: '10' },
        ],
      },
    ]);
    expect(diff(before, after)).toEqual([
      { path: 'spec.containers[app].env[DB_POOL_MAX]', from: '50', to: '10' },
      { path: 'spec.containers[app].env[OLD]', from: 'x' },
      { path: 'spec.containers[app].env[NEW]', to: 'y' },
      { path: 'spec.containers[proxy].env[LEVEL]', from: 'info', to: 'debug' },
    ]);
  });

  it('shows a variable moving from a value to a reference, and a list that appears, by name', () => {
    const ref = { valueFrom: { configMapKeyRef: { name: 'web', key: 'pool' } } };
    expect(
      diff(
        template([{ name: 'app', env: [{ name: 'POOL', value: '5' }] }]),
        template([{ name: 'app', env: [{ name: 'POOL', ...ref }] }]),
      ),
    ).toEqual([{ path: 'spec.containers[app].env[POOL]', from: '5', to: ref }]);
    expect(
      diff(template([{ name: 'app' }]), template([{ name: 'app', env: [{ name: 'A', value: '1' }] }])),
    ).toEqual([{ path: 'spec.containers[app].env[A]', to: '1' }]);
  });

  it('a container added or removed is one change naming it', () => {
    const sidecar = { name: 'sidecar', image: 'log:1' };
    expect(
      diff(template([{ name: 'app', image: 'web:1' }]), template([{ name: 'app', image: 'web:1' }, sidecar])),
    ).toEqual([{ path: 'spec.containers[sidecar]', to: sidecar }]);
    expect(
      diff(template([{ name: 'app', image: 'web:1' }, sidecar]), template([{ name: 'app', image: 'web:1' }])),
    ).toEqual([{ path: 'spec.containers[sidecar]', from: sidecar }]);
  });

  it('ports by name (else containerPort), volumeMounts by mountPath, volumes by name', () => {
    const before = template(
      [
        {
          name: 'app',
          ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }],
          volumeMounts: [
            { name: 'data', mountPath: '/var/lib/web' },
            { name: 'tmp', mountPath: '/tmp' },
          ],
        },
      ],
      { volumes: [{ name: 'data', emptyDir: {} }] },
    );
    const after = template(
      [
        {
          name: 'app',
          ports: [{ name: 'http', containerPort: 8081 }, { containerPort: 9090 }],
          volumeMounts: [
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'data', mountPath: '/var/lib/web', readOnly: true },
          ],
        },
      ],
      { volumes: [{ name: 'data', emptyDir: { medium: 'Memory' } }] },
    );
    // An unnamed port is matched by its containerPort (the second one, unchanged).
    expect(diff(before, after)).toEqual([
      { path: 'spec.containers[app].ports[http].containerPort', from: 8080, to: 8081 },
      { path: 'spec.containers[app].volumeMounts[/var/lib/web].readOnly', to: true },
      { path: 'spec.volumes[data].emptyDir.medium', to: 'Memory' },
    ]);
  });

  it('falls back to positions when an element has no name or a name repeats', () => {
    const before = template([
      {
        name: 'app',
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      },
    ]);
    const after = template([
      {
        name: 'app',
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '3' },
        ],
      },
    ]);
    expect(diff(before, after)).toEqual([{ path: 'spec.containers[app].env[1].value', from: '2', to: '3' }]);
  });

  it('an annotation that appears is named, not a whole map', () => {
    const restarted = { 'kubectl.kubernetes.io/restartedAt': '2026-04-25T14:30:00Z' };
    expect(
      diff(template([]), { ...template([]), metadata: { labels: { app: 'web' }, annotations: restarted } }),
    ).toEqual([
      { path: 'metadata.annotations.kubectl.kubernetes.io/restartedAt', to: '2026-04-25T14:30:00Z' },
    ]);
  });

  it('a secret variable changes as a whole, so the redactor masks both sides and keeps its name', () => {
    const changes = diff(
      template([{ name: 'app', env: [{ name: 'DB_PASSWORD', value: 'hunter2-old-Zq81' }] }]),
      template([{ name: 'app', env: [{ name: 'DB_PASSWORD', value: 'hunter2-new-Xk27' }] }]),
    );
    expect(changes).toEqual([
      {
        path: 'spec.containers[app].env[DB_PASSWORD]',
        from: { name: 'DB_PASSWORD', value: 'hunter2-old-Zq81' },
        to: { name: 'DB_PASSWORD', value: 'hunter2-new-Xk27' },
      },
    ]);
    const { value, redactions } = redact(changes);
    expect(JSON.stringify(value)).not.toMatch(/hunter2/);
    expect(JSON.stringify(value)).toContain('DB_PASSWORD');
    expect(redactions).toBe(2);
  });
});

const workload = (
  kind: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: {
    name: 'w',
    namespace: 'ns',
    uid: 'u',
    creationTimestamp: '2026-04-25T14:00:00Z',
    generation: 2,
  },
  spec,
  status: { observedGeneration: 2, ...status },
});

describe('the blast radius of a rolling replacement', () => {
  it('a StatefulSet: one pod at a time, only from the partition up; a single replica is all of it', () => {
    expect(rolloutImpact(workload('StatefulSet', { replicas: 4 }))).toEqual({
      pods: 4,
      replicas: 4,
      fractionOfService: 0.25,
      reversible: true,
    });
    expect(
      rolloutImpact(
        workload('StatefulSet', {
          replicas: 4,
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } },
        }),
      ),
    ).toMatchObject({ pods: 1, fractionOfService: 0.25 });
    expect(rolloutImpact(workload('StatefulSet', { replicas: 1 }))).toMatchObject({
      pods: 1,
      fractionOfService: 1,
    });
    expect(
      rolloutImpact(workload('StatefulSet', { replicas: 3, updateStrategy: { type: 'OnDelete' } })),
    ).toMatchObject({
      pods: 0,
      fractionOfService: 0,
    });
  });

  it('a DaemonSet: the pod on every node, maxUnavailable (rounded up) at a time, none down when it surges', () => {
    const ds = (rollingUpdate: Record<string, unknown>) =>
      workload(
        'DaemonSet',
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate } },
        { desiredNumberScheduled: 10 },
      );
    expect(rolloutImpact(ds({ maxUnavailable: 1 }))).toEqual({
      pods: 10,
      replicas: 10,
      fractionOfService: 0.1,
      reversible: true,
    });
    expect(rolloutImpact(ds({ maxUnavailable: '25%' }))).toMatchObject({ pods: 10, fractionOfService: 0.3 });
    expect(rolloutImpact(ds({ maxUnavailable: 0, maxSurge: 1 }))).toMatchObject({
      pods: 10,
      fractionOfService: 0,
    });
  });

  it('a Deployment as before: surge and maxUnavailable rounded down', () => {
    expect(rolloutImpact(workload('Deployment', { replicas: 4 }))).toMatchObject({
      pods: 4,
      fractionOfService: 0.25,
    });
  });
});

describe('the rollout state per kind', () => {
  it('a StatefulSet mid-rollout, complete, partitioned, and waiting for deletes under OnDelete', () => {
    const status = {
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 1,
      currentRevision: 'w-a',
      updateRevision: 'w-b',
    };
    expect(rolloutState(workload('StatefulSet', { replicas: 3 }, status))).toMatchObject({
      state: 'progressing',
      updated: 1,
      revision: { update: 'w-b', current: 'w-a' },
    });
    expect(
      rolloutState(
        workload('StatefulSet', { replicas: 3 }, { ...status, updatedReplicas: 3, currentRevision: 'w-b' }),
      ),
    ).toMatchObject({ state: 'complete', message: 'successfully rolled out: 3/3 pods at w-b, 3 ready' });
    expect(
      rolloutState(
        workload(
          'StatefulSet',
          { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
          status,
        ),
      ),
    ).toMatchObject({ state: 'complete', revision: { partition: 2 } });
    expect(
      rolloutState(workload('StatefulSet', { replicas: 3, updateStrategy: { type: 'OnDelete' } }, status)),
    ).toMatchObject({
      state: 'manual',
      message:
        'updateStrategy OnDelete: 1/3 pods run w-b; the others change only when deleted (k8s_pod_delete)',
    });
    expect(
      rolloutState({
        ...workload('StatefulSet', { replicas: 3 }, status),
        metadata: { ...workload('StatefulSet', {}).metadata, generation: 3 },
      }),
    ).toMatchObject({
      state: 'progressing',
      message: 'waiting for the controller to observe the latest spec',
    });
  });

  it('a DaemonSet counts nodes: updated, then available', () => {
    const ds = (status: Record<string, unknown>) => rolloutState(workload('DaemonSet', {}, status));
    expect(
      ds({ desiredNumberScheduled: 4, updatedNumberScheduled: 2, numberAvailable: 4, numberReady: 4 }),
    ).toMatchObject({
      state: 'progressing',
      message: '2/4 nodes run the updated pod, node by node',
      unavailable: 0,
    });
    expect(
      ds({
        desiredNumberScheduled: 4,
        updatedNumberScheduled: 4,
        numberAvailable: 3,
        numberReady: 3,
        numberUnavailable: 1,
      }),
    ).toMatchObject({ state: 'progressing', message: '3/4 updated pods available', unavailable: 1 });
    expect(
      ds({ desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4, numberReady: 4 }),
    ).toMatchObject({
      state: 'complete',
    });
  });
});
