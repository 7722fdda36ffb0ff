// Loading scenarios the way an author meets the loader: every mistake is named with the file
// and YAML path, times resolve against spec.now, defaults fill in, and the ground truth
// comes back apart from what the simulators may render.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, ScenarioError } from '../../../../src/sandbox/scenario/load.ts';
import { seedFromName } from '../../../../src/sandbox/scenario/random.ts';
import { parseDurationSigned } from '../../../../src/sandbox/scenario/time.ts';
import { REPO } from '../../../helpers/world.ts';
import { baseSpec, document, minutesAgo, NOW, problemsOf, problemsOfSpec, scenarioOf } from './helpers.ts';

describe('scenario validation names the file and the YAML path', () => {
  it('rejects an unknown key', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.deployments[0].replcas = 3;
    });
    expect(problems).toContain('scenarios/x.yaml: spec.kubernetes.deployments[0].replcas: unknown key');
  });

  it('rejects unknown keys at the top, in metadata and deep inside lists', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.nodes[0].conditions = [{ type: 'DiskPressure', status: 'True', sinc: '-5m' }];
      spec.logs = [
        {
          source: { cloudwatch: { grop: '/aws/rds/x', stream: 'error' } },
          lines: [{ at: '-1m', text: 'x' }],
        },
      ];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'scenarios/x.yaml: spec.kubernetes.nodes[0].conditions[0].sinc: unknown key',
        'scenarios/x.yaml: spec.logs[0].source.cloudwatch.grop: unknown key',
        'scenarios/x.yaml: spec.logs[0].source.cloudwatch.group: required (expected string)',
      ]),
    );
  });

  it('rejects a bad duration and an unsigned relative time', () => {
    const problems = problemsOfSpec((spec) => {
      spec.step = '15 seconds';
      spec.history = '6h';
      spec.kubernetes.deployments[0].revisions[1].at = '-19x';
    });
    expect(problems.join('\n')).toContain('scenarios/x.yaml: spec.step: invalid duration "15 seconds"');
    expect(problems.join('\n')).toContain('scenarios/x.yaml: spec.history: invalid time "6h"');
    expect(problems.join('\n')).toContain(
      'scenarios/x.yaml: spec.kubernetes.deployments[0].revisions[1].at: invalid relative time "-19x"',
    );
  });

  it('rejects an unknown or malformed placeholder', () => {
    const problems = problemsOfSpec((spec) => {
      spec.logs = [
        {
          source: 'Deployment/shop/checkout',
          lines: [
            { from: '-1h', every: '5s', text: 'GET /cart {status} in {int:20-90}ms' },
            { at: '-1m', text: 'pool {int:90-20}' },
          ],
        },
      ];
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^scenarios\/x\.yaml: spec\.logs\[0]\.lines\[0]\.text: unknown placeholder \{status}/,
      ),
      expect.stringMatching(/^scenarios\/x\.yaml: spec\.logs\[0]\.lines\[1]\.text: placeholder \{int:90-20}/),
    ]);
  });

  it('rejects references to things the scenario does not declare', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.events = [
        { at: '-5m', type: 'Warning', reason: 'BackOff', object: 'Pod/shop/checkout#3' },
        { at: '-5m', reason: 'Killing', object: 'Deployment/shop/checkot' },
      ];
      spec.services = [{ name: 'checkout', workload: 'Deployment/shop/checkout', dependsOn: ['orders-db'] }];
      spec.kubernetes.configmaps = [{ name: 'checkout-config', namespace: 'payments', data: {} }];
      spec.truth = { rootCause: { category: 'deploy', ref: 'Change/flag-1', summary: 'x' } };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'scenarios/x.yaml: spec.kubernetes.events[0].object: Pod/shop/checkout#3: checkout has 3 replicas',
        'scenarios/x.yaml: spec.kubernetes.events[1].object: Deployment/shop/checkot: no Deployment checkot in namespace shop',
        'scenarios/x.yaml: spec.services[0].dependsOn[0]: orders-db is not another service in spec.services',
        'scenarios/x.yaml: spec.kubernetes.configmaps[0].namespace: namespace payments is not declared in spec.kubernetes.namespaces',
        'scenarios/x.yaml: spec.truth.rootCause.ref: Change/flag-1: no change flag-1 in spec.changes',
      ]),
    );
  });

  it('rejects pod overrides that do not fit the workload', () => {
    const problems = problemsOfSpec((spec) => {
      spec.kubernetes.deployments[0].pods = [
        { index: 5, state: 'Running' },
        {
          index: 0,
          node: 'ip-10-9-9-9',
          state: 'CrashLoopBackOff',
          restarts: [{ at: '-1h', reason: 'OOMKilled' }],
        },
      ];
    });
    expect(problems).toEqual([
      'scenarios/x.yaml: spec.kubernetes.deployments[0].pods[0].index: index 5 is out of range: checkout has 3 replicas',
      'scenarios/x.yaml: spec.kubernetes.deployments[0].pods[1].node: no node ip-10-9-9-9 in spec.kubernetes.nodes',
      expect.stringContaining(
        'spec.kubernetes.deployments[0].pods[1].restarts[0].at: is before the current revision',
      ),
    ]);
  });

  it('requires a kebab-case name, the right apiVersion and an RFC 3339 spec.now', () => {
    const problems = problemsOf(
      'apiVersion: opswarden.dev/v2\nkind: Scenario\nmetadata: { name: Checkout_Bad }\nspec: { now: -1h }\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^scenarios\/x\.yaml: apiVersion: /),
      'scenarios/x.yaml: metadata.name: expected a kebab-case name such as checkout-bad-deploy',
      expect.stringMatching(/^scenarios\/x\.yaml: spec\.now: invalid timestamp "-1h"/),
    ]);
  });

  it('reports malformed YAML with its position', () => {
    expect(problemsOf('spec: { now: "2026-04-25T14:30:00Z"\n')).toEqual([
      expect.stringMatching(/^scenarios\/x\.yaml: invalid YAML: .*\(2:1\)/s),
    ]);
  });

  it('puts every problem into the error message', () => {
    let error: unknown;
    try {
      parseScenario('apiVersion: x\n', 'bad.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const { message, problems } = error as ScenarioError;
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(message).toContain(problem);
  });
});

describe('scenario times and defaults', () => {
  it('resolves relative and absolute times against spec.now', () => {
    const scenario = scenarioOf();
    const [first, current] = scenario.spec.kubernetes.deployments[0]!.revisions;
    expect(scenario.spec.now).toEqual(NOW);
    expect(first!.at).toEqual(new Date('2026-04-16T14:30:00Z'));
    expect(current!.at).toEqual(minutesAgo(19));

    const spec = baseSpec();
    (spec.kubernetes as { events: unknown[] }).events = [
      { at: '2026-04-25T14:00:00+02:00', reason: 'Started', object: 'Deployment/shop/checkout' },
    ];
    const absolute = scenarioOf(spec).spec.kubernetes.events[0]!.at;
    expect(absolute).toEqual(new Date('2026-04-25T12:00:00Z'));
  });

  it('reads unquoted timestamps as times and supports anchors and merge keys', () => {
    const text = [
      'apiVersion: opswarden.dev/v1',
      'kind: Scenario',
      'metadata: { name: yaml-features }',
      'spec:',
      '  now: 2026-04-25T14:30:00Z',
      '  kubernetes:',
      '    namespaces: [{ name: shop }]',
      '    deployments:',
      '      - &checkout { name: checkout, namespace: shop, containers: [{ name: app }], revisions: [{ at: 2026-04-20T10:00:00Z, image: "c:1" }] }',
      '      - { <<: *checkout, name: cart }',
    ].join('\n');
    const scenario = parseScenario(text, 'features.yaml');
    expect(scenario.spec.now).toEqual(NOW);
    const [checkout, cart] = scenario.spec.kubernetes.deployments;
    expect(cart!.revisions).toEqual(checkout!.revisions);
    expect(cart!.revisions[0]!.at).toEqual(new Date('2026-04-20T10:00:00Z'));
    expect(cart!.labels).toEqual({ app: 'cart' });
  });

  it('parses signed durations', () => {
    expect(parseDurationSigned('-6h')).toBe(-6 * 3_600_000);
    expect(parseDurationSigned('+5m')).toBe(300_000);
    expect(parseDurationSigned('-1h30m')).toBe(-5_400_000);
    expect(() => parseDurationSigned('6h')).toThrow(/signed duration/);
  });

  it('defaults step to 15s, history to -6h and the seed to a stable hash of the name', () => {
    const spec = baseSpec();
    delete spec.seed;
    const scenario = scenarioOf(spec, 'pool-exhaustion');
    expect(scenario.spec.step).toBe(15_000);
    expect(scenario.spec.history).toEqual(minutesAgo(360));
    expect(scenario.spec.seed).toBe(seedFromName('pool-exhaustion'));
    expect(scenarioOf(spec, 'pool-exhaustion').spec.seed).toBe(scenario.spec.seed);
    expect(scenarioOf(spec, 'pool-exhaustion-2').spec.seed).not.toBe(scenario.spec.seed);
  });

  it('starts a constant series at spec.history and keeps piecewise segments in order', () => {
    const spec = baseSpec();
    spec.history = '-2h';
    spec.services = [
      {
        name: 'checkout',
        workload: 'Deployment/shop/checkout',
        traffic: { rps: 120 },
        errors: [
          { from: '-2h', ratio: 0.002 },
          { from: '-18m', ratio: 0.31, ramp: '1m' },
        ],
      },
    ];
    const service = scenarioOf(spec).spec.services[0]!;
    expect(service.traffic).toEqual([{ from: minutesAgo(120), rps: 120 }]);
    expect(service.errors).toEqual([
      { from: minutesAgo(120), ratio: 0.002 },
      { from: minutesAgo(18), ratio: 0.31, ramp: 60_000 },
    ]);

    const problems = problemsOfSpec((s) => {
      s.services = [
        {
          name: 'checkout',
          errors: [
            { from: '-1m', ratio: 0.1 },
            { from: '-5m', ratio: 0.2 },
          ],
        },
      ];
    });
    expect(problems).toEqual([
      'scenarios/x.yaml: spec.services[0].errors[1].from: segments must be oldest first',
    ]);
  });

  it('moves every time with spec.now when the caller maps it elsewhere', () => {
    const spec = baseSpec();
    (spec.kubernetes as { events: unknown[] }).events = [
      { at: '2026-04-25T14:00:00Z', reason: 'Started', object: 'Deployment/shop/checkout' },
    ];
    const wallClock = new Date('2030-01-01T00:00:00Z');
    const shifted = parseScenario(JSON.stringify(document(spec)), 'test.yaml', { now: wallClock });
    expect(shifted.spec.now).toEqual(wallClock);
    expect(shifted.spec.kubernetes.deployments[0]!.revisions[1]!.at).toEqual(
      new Date(wallClock.getTime() - 19 * 60_000),
    );
    expect(shifted.spec.kubernetes.events[0]!.at).toEqual(new Date(wallClock.getTime() - 30 * 60_000));
  });

  it('accepts `value` as the name of a counter rate series', () => {
    const spec = baseSpec();
    spec.metrics = [
      { name: 'jobs_failed_total', type: 'counter', value: [{ from: '-1h', rate: 0.5 }] },
      { name: 'jobs_queued', type: 'gauge', labels: { queue: 'etl' }, value: [{ value: 3 }] },
    ];
    const [counter, gauge] = scenarioOf(spec).spec.metrics;
    expect(counter).toMatchObject({
      type: 'counter',
      rate: [{ rate: 0.5, from: minutesAgo(60) }],
      noise: 0.02,
    });
    expect(gauge).toMatchObject({ type: 'gauge', value: [{ value: 3 }], labels: { queue: 'etl' } });
  });

  it('keeps truth and resolution out of the spec the simulators render', () => {
    const scenario = loadScenario(join(REPO, 'scenarios/checkout-bad-deploy.yaml'));
    expect(scenario.truth?.rootCause.ref).toBe('Deployment/shop/checkout');
    expect(scenario.resolution?.incidentStart).toEqual(minutesAgo(19));
    expect(scenario.resolution?.recovery).toBe(120_000);
    expect(Object.keys(scenario.spec)).not.toContain('truth');
    expect(Object.keys(scenario.spec)).not.toContain('resolution');
  });
});

describe('built-in scenarios', () => {
  const files = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s loads', (file) => {
    const scenario = loadScenario(join(REPO, 'scenarios', file));
    expect(`${scenario.name}.yaml`).toBe(file);
    expect(scenario.description.length).toBeGreaterThan(40);
    expect(scenario.truth).toBeDefined();
  });

  it('includes the customer-etl story', () => {
    expect(files).toEqual(expect.arrayContaining(['customer-etl.yaml', 'checkout-bad-deploy.yaml']));
    const etl = loadScenario(join(REPO, 'scenarios/customer-etl.yaml'));
    const deployment = etl.spec.kubernetes.deployments.find((d) => d.name === 'customer-etl')!;
    expect(deployment.revisions.map((r) => r.image)).toEqual([
      'registry.example/data/customer-etl:2.3.0',
      'registry.example/data/customer-etl:2.3.1',
    ]);
    const downstream = etl.spec.services
      .filter((s) => s.dependsOn.includes('customer-etl'))
      .map((s) => s.name);
    expect(downstream).toEqual(['billing-export', 'crm-sync', 'report-builder']);
    expect(etl.spec.alerts.map((a) => a.name)).toContain('ETLTaskFailureRateHigh');
  });
});
