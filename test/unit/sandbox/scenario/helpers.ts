// Small scenarios for the loader and renderer tests: a minimal valid document that each test
// extends with the part it is about, parsed the way a scenario file is.

import yaml from 'js-yaml';
import { parseScenario, ScenarioError } from '../../../../src/sandbox/scenario/load.ts';
import type { Scenario } from '../../../../src/sandbox/scenario/schema.ts';

export const NOW = new Date('2026-04-25T14:30:00Z');

/** `spec.now` minus `minutes`. */
export const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** A YAML or JSON tree whose every field a test may read, replace, delete or misspell. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit deliberately malformed YAML and read rendered objects
export type Loose = any;

/** One namespace `shop`, one node, and a three-replica `checkout` deployment with two revisions. */
export function baseSpec(): Loose {
  return baseSpecTree() as Loose;
}

function baseSpecTree(): Record<string, unknown> {
  return {
    now: NOW.toISOString(),
    seed: 7,
    cluster: { name: 'test-cluster' },
    kubernetes: {
      namespaces: [{ name: 'shop', labels: { environment: 'production' } }],
      nodes: [{ name: 'ip-10-0-1-42', capacity: { cpu: '8', memory: '32Gi', pods: '110' } }],
      deployments: [
        {
          name: 'checkout',
          namespace: 'shop',
          labels: { app: 'checkout' },
          replicas: 3,
          containers: [{ name: 'app', ports: [8080], resources: { limits: { memory: '512Mi' } } }],
          revisions: [
            { at: '-9d', image: 'registry.example/checkout:1.41.0', changeCause: 'release 1.41.0' },
            {
              at: '-19m',
              image: 'registry.example/checkout:1.42.0',
              changeCause: 'release 1.42.0',
              env: { DB_POOL_MAX: '10' },
            },
          ],
        },
      ],
    },
  };
}

export function document(spec: object, name = 'test-scenario'): Record<string, unknown> {
  return { apiVersion: 'opswarden.dev/v1', kind: 'Scenario', metadata: { name }, spec };
}

/** Parses `spec` (default: baseSpec()) as the file `test.yaml`. */
export function scenarioOf(spec: object = baseSpec(), name?: string): Scenario {
  return parseScenario(yaml.dump(document(spec, name)), 'test.yaml');
}

/** The problems a ScenarioError reports for `text`; fails the test when it loads. */
export function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 'scenarios/x.yaml');
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return err.problems;
  }
  throw new Error('expected a ScenarioError, the scenario loaded');
}

/** The problems for a spec built from baseSpec() by `edit`. */
export function problemsOfSpec(edit: (spec: Loose) => void): string[] {
  const spec = baseSpec();
  edit(spec);
  return problemsOf(yaml.dump(document(spec)));
}
