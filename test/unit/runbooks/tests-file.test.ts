// Runbook test files: scenarios resolve to absolute paths (a library name, or a path beside
// the test file), and every mistake in a case is reported with its YAML path: a runbook,
// parameter, step or tool that does not exist, a missing scenario, and an expectation no
// path through the runbook can meet. The steps a case is sure to visit come from its
// expectation alone.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { stepsSurelyVisited } from '../../../src/runbooks/expected-paths.ts';
import { loadRunbooks, RunbookError } from '../../../src/runbooks/load.ts';
import { loadRunbookTests } from '../../../src/runbooks/tests-file.ts';
import { REPO } from '../../helpers/world.ts';

const runbooks = loadRunbooks(join(REPO, 'runbooks'));
const rollback = runbooks.find((r) => r.name === 'rollback-deployment')!;
const dir = mkdtempSync(join(tmpdir(), 'opswarden-runbook-tests-'));
writeFileSync(join(dir, 'local-scenario.yaml'), 'kind: Scenario\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const checkoutCase = {
  name: 'rollback fixes checkout',
  scenario: 'checkout-bad-deploy',
  params: { namespace: 'shop', deployment: 'checkout', service: 'checkout' },
  expect: { outcome: 'resolved', decidedBy: 'errors-recovered', actions: ['k8s_rollout_undo'] },
};

function write(cases: unknown[], runbook = 'rollback-deployment'): string {
  const path = join(dir, `case-${Math.random().toString(36).slice(2)}.test.yaml`);
  writeFileSync(path, yaml.dump({ apiVersion: 'opswarden.dev/v1', kind: 'RunbookTest', runbook, cases }));
  return path;
}

function problems(path: string): string[] {
  try {
    loadRunbookTests(path, runbooks);
  } catch (error) {
    if (error instanceof RunbookError) return error.problems.map((p) => p.slice(path.length + 2));
    throw error;
  }
  throw new Error('the test file loaded');
}

describe('runbook test files', () => {
  it('resolve scenario names from scenarios/ and paths relative to the test file, with defaults', () => {
    const path = write([checkoutCase, { ...checkoutCase, name: 'local', scenario: './local-scenario.yaml' }]);
    const tests = loadRunbookTests(path, runbooks);
    expect(tests.cases.map((c) => c.scenario)).toEqual([
      join(REPO, 'scenarios/checkout-bad-deploy.yaml'),
      join(dir, 'local-scenario.yaml'),
    ]);
    expect(tests.cases[0]).toMatchObject({ approvals: 'approve', params: checkoutCase.params });
  });

  it('name an unknown runbook', () => {
    expect(problems(write([checkoutCase], 'rollback-deploymnt'))).toEqual([
      'runbook: unknown runbook "rollback-deploymnt" (did you mean "rollback-deployment"?)',
    ]);
  });

  it('name each case problem with its YAML path', () => {
    const path = write([
      {
        ...checkoutCase,
        scenario: 'no-such-scenario',
        params: { namespace: 'shop', deploymnt: 'checkout', service: 'checkout' },
      },
      {
        ...checkoutCase,
        expect: { outcome: 'resolved', decidedBy: 'verify', actions: ['k8s_rollout_restart'] },
      },
      { ...checkoutCase, name: 'rollback fixes checkout', approvals: 'maybe' },
    ]);
    expect(problems(path)).toEqual([
      'cases[2].approvals: Invalid option: expected one of "approve"|"reject"',
    ]);
    const fixed = write([
      {
        ...checkoutCase,
        scenario: 'no-such-scenario',
        params: { namespace: 'shop', deploymnt: 'checkout', service: 'checkout' },
      },
      {
        ...checkoutCase,
        name: 'wrong step',
        expect: { outcome: 'resolved', decidedBy: 'verify', actions: ['k8s_rollout_restart'] },
      },
      { ...checkoutCase, name: 'wrong step' },
    ]);
    expect(problems(fixed)).toEqual([
      `cases[0].scenario: no scenario "no-such-scenario" in ${join(REPO, 'scenarios')}/ and no file ${join(dir, 'no-such-scenario')}`,
      'cases[2].name: duplicate case name (first at cases[1])',
      'cases[0].params.deploymnt: unknown parameter (did you mean "deployment"?) (known: namespace, deployment, service, maxErrorPercent, window)',
      'cases[0].params.deployment: required: The Deployment to roll back (name, or namespace/name)',
      'cases[1].expect.decidedBy: rollback-deployment has no step "verify"',
      'cases[1].expect.actions[0]: rollback-deployment runs no tool "k8s_rollout_restart" (its actions: k8s_rollout_undo)',
    ]);
  });

  it('refuse an expectation no path through the runbook can meet', () => {
    const path = write([
      { ...checkoutCase, expect: { outcome: 'resolved', decidedBy: 'undo', actions: ['k8s_rollout_undo'] } },
      {
        ...checkoutCase,
        name: 'rejected',
        approvals: 'reject',
        expect: { outcome: 'resolved', actions: [] },
      },
    ]);
    expect(problems(path)).toEqual([
      'cases[0].expect: no path through rollback-deployment ends resolved at step undo after executing [k8s_rollout_undo]',
      'cases[1].expect: no path through rollback-deployment ends resolved after executing []',
    ]);
  });
});

describe('steps a case is sure to visit', () => {
  it('are every step on the only path that meets the expectation', () => {
    const visited = stepsSurelyVisited(rollback, {
      outcome: 'resolved',
      decidedBy: 'errors-recovered',
      actions: ['k8s_rollout_undo'],
      approvals: 'approve',
    });
    expect([...visited]).toEqual(['undo', 'rolled-out', 'errors-recovered']);
  });

  it('are only the steps common to every path when the expectation allows several', () => {
    const visited = stepsSurelyVisited(rollback, {
      outcome: 'escalate',
      actions: ['k8s_rollout_undo'],
      approvals: 'approve',
    });
    expect([...visited]).toEqual(['undo', 'rolled-out']);
  });
});
