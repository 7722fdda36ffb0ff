// Log novelty as correlation samples it: templates that were there before the onset are the
// baseline, those first seen shortly before it or later are new (counted per pod), a pod
// young enough to have no history still gets a baseline from its first lines, and a pod
// writing far more than the byte caps costs no more than they allow (and reports what it read).

import { describe, expect, it } from 'vitest';
import { gatherKube } from '../../../src/incidents/correlate/gather/kube.ts';
import { gatherWorkloadLogs, type LogWindow } from '../../../src/incidents/correlate/gather/logs.ts';
import { deploymentPods, fakeKubernetes, MIN, NOW, node, type PodLogs, repeated } from './fakes.ts';

const window = (onsetMinutes: number): LogWindow => ({
  since: NOW - 120 * MIN,
  onset: NOW + onsetMinutes * MIN,
  focusStart: NOW + (onsetMinutes - 6) * MIN,
  until: NOW,
  now: NOW,
});

async function logsOf(logs: PodLogs, onsetMinutes: number, createdAt?: number) {
  const pods = Object.keys(logs).map((name, i) => ({
    name,
    node: `node-${i}`,
    ...(createdAt ? { createdAt } : {}),
  }));
  const kube = fakeKubernetes([...deploymentPods('shop', 'api', pods), node('node-0')], logs);
  const facts = await gatherKube(
    kube,
    { since: NOW - 120 * MIN, until: NOW },
    { namespaces: ['shop'], configNamespaces: [] },
  );
  return gatherWorkloadLogs(kube, 'Deployment/shop/api', facts.pods, window(onsetMinutes), 3);
}

describe('gatherWorkloadLogs', () => {
  it('finds the templates that appeared around the onset, and who logs them', async () => {
    const logs = await logsOf(
      {
        'api-7d788647f7-aaaaa': [
          ...repeated(-120, 0, 10, 'INFO GET /cart/17 200 31ms'),
          ...repeated(-12, 0, 30, 'ERROR Connection timeout to orders-db after 3021ms'),
        ],
        'api-7d788647f7-bbbbb': repeated(-120, 0, 10, 'INFO GET /cart/99 200 12ms'),
      },
      -10,
    );
    expect(logs.hasBaseline).toBe(true);
    expect(logs.novel).toHaveLength(1);
    expect(logs.novel[0]).toMatchObject({
      level: 'error',
      template: 'ERROR Connection timeout to orders-db after <dur>',
      example: 'Connection timeout to orders-db after 3021ms',
      pods: ['api-7d788647f7-aaaaa'],
      count: 24,
    });
    expect(logs.novelProblemsByPod).toEqual({ 'api-7d788647f7-aaaaa': 24, 'api-7d788647f7-bbbbb': 0 });
  });

  it('keeps templates seen well before the onset in the baseline', async () => {
    const logs = await logsOf(
      { 'api-7d788647f7-aaaaa': repeated(-120, 0, 60, 'WARN Task retried: deadlock detected (attempt 1/3)') },
      -10,
    );
    expect(logs.novel).toEqual([]);
  });

  it('takes the baseline from the first lines of pods younger than the lead before the onset', async () => {
    const logs = await logsOf(
      {
        'api-7d788647f7-aaaaa': [
          ...repeated(-11, 0, 5, 'INFO GET /cart/1 200 20ms'),
          ...repeated(-10, 0, 2, 'ERROR pool exhausted'),
        ],
      },
      -10,
      NOW - 11 * MIN,
    );
    expect(logs.hasBaseline).toBe(true);
    expect(logs.novel.map((t) => t.template)).toEqual(['ERROR pool exhausted']);
  });

  it('reads no more than its byte caps of a very chatty pod', async () => {
    const chatty = repeated(-120, 0, 0.05, `INFO ${'x'.repeat(200)} 200 3ms`); // 144,000 lines, ~30 MB
    const kube = fakeKubernetes(
      deploymentPods('shop', 'api', [{ name: 'api-7d788647f7-aaaaa', node: 'n' }]),
      {
        'api-7d788647f7-aaaaa': chatty,
      },
    );
    let bytes = 0;
    let lines = 0;
    const counting = {
      ...kube,
      podLog: async (q: Parameters<typeof kube.podLog>[0]) => {
        const text = await kube.podLog(q);
        bytes += text.length;
        lines += text.split('\n').filter(Boolean).length;
        return text;
      },
    };
    const facts = await gatherKube(
      counting,
      { since: NOW - 120 * MIN, until: NOW },
      { namespaces: ['shop'], configNamespaces: [] },
    );
    const logs = await gatherWorkloadLogs(counting, 'Deployment/shop/api', facts.pods, window(-10), 3);
    expect(bytes).toBeLessThanOrEqual(600 * 1024);
    // What it reports having read is what the API handed over.
    expect(lines).toBeGreaterThan(0);
    expect(logs.read).toEqual({ lines, bytes });
  });
});
