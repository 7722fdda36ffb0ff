// The previous instance of a restarted container, read from the pod's status, and the note
// k8s_pod_logs puts on its warnings and errors (issue 16).

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/backends/kubernetes/types.ts';
import { previousInstance, previousNote } from '../../../tools/kubernetes/log-lines.ts';

function pod(statuses: unknown[], annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'checkout-1',
      uid: 'u',
      creationTimestamp: '2026-04-25T14:00:00Z',
      ...(annotations ? { annotations } : {}),
    },
    spec: { containers: [{ name: 'app' }, { name: 'proxy' }] },
    status: { containerStatuses: statuses },
  };
}

const crashed = {
  name: 'app',
  restartCount: 2,
  lastState: { terminated: { finishedAt: '2026-04-25T14:18:00.000Z', reason: 'OOMKilled', exitCode: 137 } },
};

describe('previousInstance', () => {
  it('is the named container, else the default one, else the first, when it restarted', () => {
    const p = pod([crashed, { name: 'proxy', restartCount: 1, lastState: { terminated: { exitCode: 0 } } }]);
    expect(previousInstance(p)).toEqual({
      container: 'app',
      restarts: 2,
      endedAt: '2026-04-25T14:18:00Z',
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(previousInstance(p, 'proxy')).toEqual({ container: 'proxy', restarts: 1, exitCode: 0 });
    const byDefault = pod(p.status!.containerStatuses as unknown[], {
      'kubectl.kubernetes.io/default-container': 'proxy',
    });
    expect(previousInstance(byDefault)?.container).toBe('proxy');
  });

  it('is nothing for a container that never restarted, or a pod without statuses', () => {
    expect(previousInstance(pod([{ name: 'app', restartCount: 0 }]))).toBeUndefined();
    expect(previousInstance(pod([]))).toBeUndefined();
  });
});

describe('previousNote', () => {
  it('says which instance, when it ended and why, as far as the status tells', () => {
    expect(previousNote(previousInstance(pod([crashed]))!)).toBe(
      'previous instance of app (restarted 2 times) ended 2026-04-25T14:18:00Z: OOMKilled, exit code 137',
    );
    expect(previousNote({ container: 'app', restarts: 1 })).toBe(
      'previous instance of app (restarted once) ended',
    );
  });
});
