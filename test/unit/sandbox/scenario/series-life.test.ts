// The scenario fields that give series and log lines a beginning and an end, and requests
// status codes besides 200 and 500: each mistake is reported at the field's YAML path, and
// what loads generates what the fields say (counters of a late series start at 0, a late
// workload's series start when it was created, `every` lines that share a `from` are all
// written, a line with `until` stops there without ending the others).

import { describe, expect, it } from 'vitest';
import { generateSeries } from '../../../../src/sandbox/metrics/generate.ts';
import { renderKubeWorld } from '../../../../src/sandbox/scenario/kube.ts';
import { baseSpec, type Loose, minutesAgo, NOW, problemsOfSpec, scenarioOf } from './helpers.ts';

const FILE = 'scenarios/x.yaml: ';

/** checkout with traffic, and `errors` segments `segments` after a quiet first one. */
function withErrors(spec: Loose, ...segments: object[]): void {
  spec.services = [
    {
      name: 'checkout',
      namespace: 'shop',
      workload: 'Deployment/shop/checkout',
      traffic: { rps: 10 },
      errors: [{ from: '-6h', ratio: 0.01 }, ...segments],
    },
  ];
}

describe('validation of status codes, series lives and log lines that end', () => {
  it('names the segment that has both `ratio` and `codes`, or neither', () => {
    const both = problemsOfSpec((spec) =>
      withErrors(spec, { from: '-10m', ratio: 0.2, codes: { '504': 0.1 } }),
    );
    expect(both).toEqual([
      `${FILE}spec.services[0].errors[1]: a segment has either \`ratio\` (the share answered 500) or \`codes\` (the share per status code)`,
    ]);
    const neither = problemsOfSpec((spec) => withErrors(spec, { from: '-10m', ramp: '1m' }));
    expect(neither).toEqual([both[0]]);
  });

  it('names a code that is not an HTTP status, a listed 200, and shares above all requests', () => {
    const problems = problemsOfSpec((spec) =>
      withErrors(
        spec,
        { from: '-10m', codes: { teapot: 0.1 } },
        { from: '-8m', codes: { '200': 0.5 } },
        { from: '-5m', codes: { '429': 0.7, '503': 0.4 } },
        { from: '-2m', codes: { '504': 1.5 } },
      ),
    );
    expect(problems).toContain(
      `${FILE}spec.services[0].errors[1].codes.teapot: expected an HTTP status code such as 429 or 504`,
    );
    expect(problems).toContain(
      `${FILE}spec.services[0].errors[2].codes.200: 200 answers the requests no listed code does: list only the others`,
    );
    expect(problems).toContain(
      `${FILE}spec.services[0].errors[3].codes: the shares add up to 1.1, more than every request (1)`,
    );
    expect(problems.join('\n')).toMatch(/spec\.services\[0\]\.errors\[4\]\.codes\.504: .*<=1/);
  });

  it("names a series' or a line's `until` that is not after its `from`, and an `at` line with `until`", () => {
    const problems = problemsOfSpec((spec) => {
      spec.metrics = [
        { name: 'orders_rows', type: 'gauge', value: { value: 3 }, from: '-10m', until: '-20m' },
      ];
      spec.logs = [
        {
          source: 'Deployment/shop/checkout',
          lines: [
            { from: '-10m', every: '5s', until: '-10m', text: 'tick' },
            { at: '-5m', until: '-1m', text: 'once' },
          ],
        },
      ];
    });
    expect(problems).toEqual([
      `${FILE}spec.metrics[0].until: must be after \`from\``,
      `${FILE}spec.logs[0].lines[0].until: must be after \`from\``,
      `${FILE}spec.logs[0].lines[1].until: an \`at\` line happens once; only repeating lines end`,
    ]);
  });
});

describe('what the fields generate', () => {
  const series = (spec: Loose) => generateSeries(scenarioOf(spec));

  it('splits requests over 200, 500 and the listed codes; 200 takes the rest', () => {
    const spec = baseSpec();
    withErrors(spec, { from: '-10m', codes: { '429': 0.2, '504': 0.05 } });
    const requests = series(spec).filter(
      (s) => s.name === 'http_requests_total' && s.labels.pod?.startsWith('checkout-'),
    );
    const pod = requests[0]!.labels.pod;
    const ofPod = requests.filter((s) => s.labels.pod === pod);
    expect(ofPod.map((s) => s.labels.code)).toEqual(['200', '429', '500', '504']);
    /** Requests of one code over the last five minutes (all incident time). */
    const recent = (code: string) => {
      const samples = [...ofPod.find((s) => s.labels.code === code)!.samples];
      return samples.at(-1)!.v - samples.at(-21)!.v;
    };
    const total = ['200', '429', '500', '504'].reduce((sum, code) => sum + recent(code), 0);
    expect(recent('429') / total).toBeCloseTo(0.2, 2);
    expect(recent('504') / total).toBeCloseTo(0.05, 2);
    expect(recent('500')).toBe(0);
    expect(recent('200') / total).toBeCloseTo(0.75, 2);
  });

  it('samples a series only within its life and marks it stale at the first scrape after `until`', () => {
    const spec = baseSpec();
    spec.metrics = [
      { name: 'refunds_total', type: 'counter', rate: { rate: 2 }, from: '-19m', until: '-12m10s', noise: 0 },
    ];
    const refunds = series(spec).find((s) => s.name === 'refunds_total');
    const samples = [...refunds!.samples];
    expect(new Date(samples[0]!.t)).toEqual(minutesAgo(19));
    expect(samples[0]!.v).toBe(0);
    expect(new Date(samples.at(-1)!.t)).toEqual(new Date(minutesAgo(12).getTime() - 15_000));
    expect(samples.at(-1)!.v).toBe(2 * 15 * (samples.length - 1));
    expect(new Date(refunds!.staleAt!)).toEqual(minutesAgo(12));
  });

  it("has no series of a service before its workload's first revision", () => {
    const spec = baseSpec();
    spec.kubernetes.deployments[0].revisions = [{ at: '-10m', image: 'registry.example/checkout:1.0.0' }];
    withErrors(spec);
    const generated = series(spec).filter((s) => s.labels.service === 'checkout');
    expect(generated.length).toBeGreaterThan(10);
    for (const one of generated) {
      const first = [...one.samples][0]!;
      expect(new Date(first.t), `${one.name} ${JSON.stringify(one.labels)}`).toEqual(minutesAgo(10));
      if (one.type !== 'gauge') expect(first.v).toBe(0);
    }
  });
});

describe('log lines side by side and lines that end', () => {
  /** Pod logs of checkout's second pod (started -19m+1s) for these lines. */
  function podLines(lines: object[]): string[] {
    const spec = baseSpec();
    spec.logs = [{ source: 'Deployment/shop/checkout', lines }];
    const world = renderKubeWorld(scenarioOf(spec), { now: () => NOW });
    const pod = world.objects.filter((o) => o.kind === 'Pod')[1]!;
    return [...world.podLogs(pod, { container: 'app', until: NOW, since: minutesAgo(10) })].map(
      (l) => l.text,
    );
  }

  it('writes every `every` line that shares a `from`, interleaved by time', () => {
    const lines = podLines([
      { from: '-6h', every: '5s', text: 'GET /cart 200' },
      { from: '-10m', every: '2s', text: 'timeout' },
      { from: '-10m', every: '3s', text: 'retrying' },
    ]);
    expect(lines.filter((l) => l === 'timeout')).toHaveLength(300);
    expect(lines.filter((l) => l === 'retrying')).toHaveLength(200);
    expect(lines.filter((l) => l === 'GET /cart 200')).toHaveLength(0);
    expect(lines.slice(0, 6)).toEqual(['timeout', 'retrying', 'timeout', 'retrying', 'timeout', 'timeout']);
  });

  it('stops a line at its `until` without ending the lines beside it', () => {
    const lines = podLines([
      { from: '-6h', every: '5s', text: 'GET /cart 200' },
      { from: '-6h', every: '10s', until: '-5m', text: 'sidecar ok' },
      { from: '-8m', every: '1m', until: '-6m', text: 'burst' },
    ]);
    expect(lines.filter((l) => l === 'GET /cart 200')).toHaveLength(120);
    expect(lines.filter((l) => l === 'sidecar ok')).toHaveLength(30);
    expect(lines.filter((l) => l === 'burst')).toHaveLength(2);
  });
});
