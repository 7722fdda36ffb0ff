// Pod logs as `kubectl logs` readers meet them: the scenario's lines for the pod, merged in
// time order, repeating lines on their interval, stack traces as several lines, JSON when
// asked, `since` and `previous` honoured, the same text every time, and generated lazily.

import { describe, expect, it } from 'vitest';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import type { KubeObject, KubeWorld, LogLine, LogQuery } from '../../../../src/sandbox/world.ts';
import { baseSpec, type Loose, minutesAgo, NOW, scenarioOf } from './helpers.ts';

const STACK = 'java.lang.IllegalStateException: pool exhausted\n\tat com.example.Pool.get(Pool.java:88)';

/** checkout with a crash-looping pod 0, a deployment-wide text stream and a JSON stream for pod 0. */
function world(edit: (spec: Loose) => void = () => {}): KubeWorld {
  const spec = baseSpec();
  spec.kubernetes.deployments[0].pods = [
    { index: 0, state: 'CrashLoopBackOff', restarts: [{ at: '-8m', reason: 'OOMKilled' }] },
  ];
  spec.logs = [
    {
      source: 'Deployment/shop/checkout',
      lines: [
        { from: '-6h', every: '5s', level: 'info', text: 'GET /cart 200 {int:20-90}ms' },
        { from: '-10m', every: '2s', level: 'error', text: 'timeout after {int:3000-3100}ms' },
        { at: '-10m', level: 'error', text: STACK },
      ],
    },
    {
      source: 'Pod/shop/checkout#0',
      format: 'json',
      lines: [{ at: '-9m', level: 'warn', text: 'heap {int:90-99}%' }],
    },
  ];
  edit(spec);
  return renderKubeWorld(scenarioOf(spec), { now: () => NOW });
}

const pods = (w: KubeWorld) => w.objects.filter((o) => o.kind === 'Pod');
const logs = (w: KubeWorld, pod: KubeObject, query: Partial<LogQuery> = {}): LogLine[] => [
  ...w.podLogs(pod, { container: 'app', until: NOW, ...query }),
];
const at = (line: LogLine) => line.time.toISOString();

describe('pod logs', () => {
  it('merges the streams in time order, each `every` line holding until the next `from`', () => {
    const w = world();
    const lines = logs(w, pods(w)[1]!);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.time >= lines[i - 1]!.time).toBe(true);
    const info = lines.filter((l) => l.text.includes(' INFO  GET /cart'));
    const errors = lines.filter((l) => l.text.includes(' ERROR timeout after'));
    // The pod started at -19m+1s: info lines every 5s from then until -10m, errors every 2s after.
    expect(at(info[0]!)).toBe('2026-04-25T14:11:05.000Z');
    expect(at(info.at(-1)!)).toBe('2026-04-25T14:19:55.000Z');
    expect(info).toHaveLength(107);
    expect(at(errors[0]!)).toBe('2026-04-25T14:20:00.000Z');
    expect(errors).toHaveLength(300);
    expect(lines).toHaveLength(107 + 300 + 2);
  });

  it('renders text lines with time and level, and a multi-line text as several lines at one time', () => {
    const w = world();
    const lines = logs(w, pods(w)[1]!, { since: minutesAgo(10) });
    expect(lines[0]!.text).toMatch(/^2026-04-25T14:20:00\.000Z ERROR timeout after 30\d\dms$/);
    expect(lines.slice(1, 3)).toEqual([
      {
        time: minutesAgo(10),
        text: '2026-04-25T14:20:00.000Z ERROR java.lang.IllegalStateException: pool exhausted',
      },
      { time: minutesAgo(10), text: '\tat com.example.Pool.get(Pool.java:88)' },
    ]);
  });

  it('renders a JSON stream as one object per line, only for the pod it names', () => {
    const w = world();
    const [crashing, healthy] = pods(w);
    const json = logs(w, crashing!, { previous: true }).filter((l) => l.text.startsWith('{'));
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0]!.text)).toEqual({
      ts: '2026-04-25T14:21:00.000Z',
      level: 'warn',
      msg: expect.stringMatching(/^heap 9\d%$/),
    });
    expect(logs(w, healthy!).some((l) => l.text.startsWith('{'))).toBe(false);
  });

  it('filters by since, inclusively', () => {
    const w = world();
    const lines = logs(w, pods(w)[2]!, { since: new Date(NOW.getTime() - 30_000) });
    expect(lines.map(at)).toEqual(
      Array.from({ length: 15 }, (_, i) => new Date(NOW.getTime() - 30_000 + i * 2000).toISOString()),
    );
  });

  it('splits a restarted pod at its last restart: current after it, previous before it', () => {
    const w = world();
    const crashing = pods(w)[0]!;
    const current = logs(w, crashing);
    const previous = logs(w, crashing, { previous: true });
    expect(at(current[0]!)).toBe('2026-04-25T14:22:00.000Z');
    expect(at(previous[0]!)).toBe('2026-04-25T14:11:00.000Z');
    expect(previous.at(-1)!.time < minutesAgo(8)).toBe(true);
    expect(logs(w, pods(w)[1]!, { previous: true })).toEqual([]);
  });

  it('gives the same lines for the same pod and query, and different ones to another pod', () => {
    const w = world();
    const [, one, two] = pods(w);
    const text = (pod: KubeObject) => logs(w, pod, { since: minutesAgo(5) }).map((l) => l.text);
    expect(text(one!)).toEqual(text(one!));
    expect(text(one!)).toEqual(logs(world(), pods(world())[1]!, { since: minutesAgo(5) }).map((l) => l.text));
    expect(text(two!)).not.toEqual(text(one!));
  });

  it('feeds pods a rollout creates later from their start, and nothing to other containers or unstarted pods', () => {
    const w = world((spec) => {
      spec.kubernetes.deployments[0].pods.push({ index: 2, state: 'ImagePullBackOff' });
    });
    const template = pods(w)[1]!;
    const started = new Date(NOW.getTime() - 60_000);
    const later: KubeObject = {
      ...template,
      metadata: {
        ...template.metadata,
        name: 'checkout-7c9d5f4b6d-abcde',
        labels: { app: 'checkout', 'pod-template-hash': '7c9d5f4b6d' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'checkout-7c9d5f4b6d',
            uid: 'x',
            controller: true,
          },
        ],
      },
      status: {
        ...template.status,
        startTime: started.toISOString(),
        containerStatuses: [
          { name: 'app', state: { running: { startedAt: started.toISOString() } }, lastState: {} },
        ],
      },
    };
    const lines = logs(w, later);
    expect(lines).toHaveLength(30);
    expect(at(lines[0]!)).toBe(started.toISOString());
    expect(logs(w, template, { container: 'sidecar' })).toEqual([]);
    expect(logs(w, pods(w)[2]!)).toEqual([]);
  });

  it('streams lazily: the first lines of a 21-million-line log come at once', () => {
    const w = world((spec) => {
      spec.kubernetes.deployments[0].revisions = [{ at: '-6h', image: 'registry.example/checkout:1.42.0' }];
      spec.logs = [
        {
          source: 'Deployment/shop/checkout',
          lines: [{ from: '-6h', every: '1ms', text: 'tick {int:1-9}' }],
        },
      ];
    });
    const started = performance.now();
    const first: LogLine[] = [];
    for (const line of w.podLogs(pods(w)[1]!, { container: 'app', until: NOW })) {
      first.push(line);
      if (first.length === 5) break;
    }
    expect(performance.now() - started).toBeLessThan(100);
    expect(first.map((l) => l.text)).toEqual(first.map(() => expect.stringMatching(/^tick \d$/)));
  });

  it('generates 100,000 lines of a six-hour stream in well under a second', () => {
    const w = world((spec) => {
      spec.kubernetes.deployments[0].revisions = [{ at: '-6h', image: 'registry.example/checkout:1.42.0' }];
      spec.logs = [
        {
          source: 'Deployment/shop/checkout',
          lines: [
            {
              from: '-6h',
              every: '200ms',
              level: 'info',
              text: 'GET /cart/{uuid} 200 {int:20-90}ms from {ip}',
            },
          ],
        },
      ];
    });
    const started = performance.now();
    let count = 0;
    for (const _ of w.podLogs(pods(w)[1]!, { container: 'app', until: NOW })) count++;
    expect(count).toBeGreaterThanOrEqual(100_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
