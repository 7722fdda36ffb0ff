// The built-in runbooks do what their test files say, on sandbox scenarios: every case ends
// as expected and together they visit every step (what `opswarden runbook test` runs). The
// command itself: a case whose expectation is wrong fails with what differed, a step no
// case visits is reported, and an invalid runbook is named with its YAML path.

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUNBOOKS } from '../../src/config/schema.ts';
import { loadRunbooks } from '../../src/runbooks/load.ts';
import { runRunbookTests } from '../../src/runbooks/test-runner.ts';
import { loadRunbookTests, runbookTestPath } from '../../src/runbooks/tests-file.ts';
import { runCli } from '../helpers/spawn.ts';

const dirs: string[] = [];
function tempRunbooks(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-runbooks-'));
  dirs.push(dir);
  copyFileSync(join(BUILTIN_RUNBOOKS, 'rollback-deployment.yaml'), join(dir, 'rollback-deployment.yaml'));
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the built-in runbook library', () => {
  it('passes every test case on its scenarios and visits every step', async () => {
    const runbooks = loadRunbooks(BUILTIN_RUNBOOKS);
    const files = runbooks.map((r) => loadRunbookTests(runbookTestPath(r.source), runbooks));
    const run = await runRunbookTests(files, BUILTIN_RUNBOOKS, runbooks);
    const failures = run.results
      .filter((r) => !r.passed)
      .map((r) => `${r.runbook} › ${r.case}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
    expect(run.results.length).toBeGreaterThanOrEqual(runbooks.length * 2);
    expect(run.unvisited).toEqual([]);
  }, 300_000);
});

describe('opswarden runbook', () => {
  it('test: a wrong expectation fails with what differed, and unvisited steps are reported', () => {
    const dir = tempRunbooks();
    writeFileSync(
      join(dir, 'rollback-deployment.test.yaml'),
      [
        'apiVersion: opswarden.dev/v1',
        'kind: RunbookTest',
        'runbook: rollback-deployment',
        'cases:',
        '  - name: a rejected rollback is wrongly expected to resolve',
        '    scenario: checkout-bad-deploy',
        '    params: { namespace: shop, deployment: checkout, service: checkout }',
        '    approvals: reject',
        '    expect: { outcome: resolved }',
      ].join('\n'),
    );
    const res = runCli(['runbook', 'test', dir]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain(
      'FAIL rollback-deployment › a rejected rollback is wrongly expected to resolve: escalate by undo',
    );
    expect(res.stdout).toContain('outcome escalate (expected resolved)');
    expect(res.stdout).toMatch(
      /LINT rollback-deployment: no case visits step\(s\) rolled-out, errors-recovered/,
    );
    expect(res.stdout).toContain('0 passed, 1 failed');
  });

  it('validate: names the file and YAML path of each problem', () => {
    const dir = tempRunbooks();
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      [
        'apiVersion: opswarden.dev/v1',
        'kind: Runbook',
        'metadata: { name: broken, version: 1.0.0, title: Broken }',
        'spec:',
        '  description: A runbook with a typo in a template.',
        '  matches: { categories: [deploy], signals: [] }',
        '  params:',
        '    - { name: deployment, type: string, required: true, description: The Deployment }',
        '  steps:',
        '    - id: undo',
        '      title: Roll back',
        '      action:',
        '        tool: k8s_rollout_undo',
        '        args: { namespace: shop, name: "{{ params.deploymnt }}", reason: typo }',
      ].join('\n'),
    );
    const res = runCli(['runbook', 'validate', broken]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${broken}: spec.steps[0].action.args.name: unknown parameter "deploymnt"`);
    expect(res.stderr).toContain('did you mean "deployment"?');
  });

  it('validate: the built-in library is valid', () => {
    const res = runCli(['runbook', 'validate']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^6 runbooks and 6 test files \(\d+ cases\) are valid/);
  });
});
