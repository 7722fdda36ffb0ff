// `opswarden policy test|lint` as CI sees them: exit codes, the `N passed, N failed` line,
// failures that show expected vs actual, and lint findings that name the file and rule.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { policyCommand } from '../../../src/cli/policy.ts';
import { lintBundle, runPolicyTests } from '../../../src/policy/testing.ts';
import { bundleYaml, tempDir } from './helpers.ts';

const POLICIES = fileURLToPath(new URL('../../../policies/', import.meta.url));

const BUNDLE = bundleYaml({
  rules: [
    { name: 'no-secrets', match: 'target.kind == "Secret"', effect: 'deny' },
    { name: 'staging-is-free', match: 'target.environment == "staging"', effect: 'allow' },
  ],
});
const tests = (cases: unknown[]) => yaml.dump({ cases });
const secretCase = {
  name: 'secret read',
  input: { target: { kind: 'Secret' } },
  expect: { effect: 'deny', rules: ['no-secrets'] },
};
const stagingCase = {
  name: 'staging mutation',
  input: { request: { kind: 'mutate' }, target: { environment: 'staging' } },
  expect: { effect: 'allow' },
};

let stdout: MockInstance;
let stderr: MockInstance;
const printed = (spy: MockInstance) => spy.mock.calls.map((call) => String(call[0])).join('');
beforeEach(() => {
  stdout = vi.spyOn(process.stdout, 'write').mockReturnValue(true);
  stderr = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
});
afterEach(() => vi.restoreAllMocks());

describe('opswarden policy test', () => {
  it('passes on the shipped policies/ and ends with the summary line', async () => {
    expect(await policyCommand(['test', POLICIES])).toBe(0);
    const lines = printed(stdout).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(lines).toContain('  ✓ reading a Secret target is denied');
  });

  it('exits 1 and shows expected vs actual for a failing case', async () => {
    const wrong = { ...secretCase, name: 'wrongly expects allow', expect: { effect: 'allow', rules: [] } };
    const dir = tempDir({ 'b.yaml': BUNDLE, 'b.test.yaml': tests([secretCase, stagingCase, wrong]) });
    expect(await policyCommand(['test', dir])).toBe(1);
    const out = printed(stdout);
    expect(out).toContain('  ✓ secret read\n');
    expect(out).toContain(
      '  ✗ wrongly expects allow\n      expected allow []\n      actual   deny [no-secrets]\n',
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('fails a case whose matched rules differ from the expected ones', () => {
    const dir = tempDir({
      'b.yaml': BUNDLE,
      'b.test.yaml': tests([
        { ...secretCase, expect: { effect: 'deny', rules: ['no-secrets', 'staging-is-free'] } },
      ]),
    });
    const report = runPolicyTests(join(dir, 'b.yaml'));
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.cases[0]).toMatchObject({
      ok: false,
      expected: 'deny',
      actual: 'deny',
      rules: ['no-secrets'],
    });
  });

  it('counts a bundle whose test file is missing or invalid as a failure', async () => {
    const dir = tempDir({ 'b.yaml': BUNDLE });
    expect(await policyCommand(['test', join(dir, 'b.yaml')])).toBe(1);
    expect(printed(stderr)).toContain('b.test.yaml: no test file');

    const typo = { name: 't', input: { target: { enviroment: 'staging' } }, expect: { effect: 'allow' } };
    writeFileSync(join(dir, 'b.test.yaml'), tests([typo]));
    expect(await policyCommand(['test', dir])).toBe(1);
    expect(printed(stderr)).toContain('cases[0].input.target.enviroment: unknown key');
    expect(printed(stdout).trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('prints usage for --help and exits 2 on bad usage', async () => {
    expect(await policyCommand(['--help'])).toBe(0);
    expect(printed(stdout)).toContain('Usage: opswarden policy <command> [path]');
    expect(await policyCommand([])).toBe(2);
    expect(await policyCommand(['frobnicate'])).toBe(2);
    expect(await policyCommand(['test', 'a', 'b'])).toBe(2);
    expect(await policyCommand(['test', '--verbose'])).toBe(2);
    expect(printed(stderr)).toContain('unknown command "frobnicate"');
  });

  it('exits 1 for a path with no bundles', async () => {
    expect(await policyCommand(['test', tempDir()])).toBe(1);
    expect(printed(stderr)).toContain('no policy bundles');
    expect(await policyCommand(['lint', join(tempDir(), 'nope')])).toBe(1);
  });
});

describe('opswarden policy lint', () => {
  it('is clean on the shipped policies/', async () => {
    expect(await policyCommand(['lint', POLICIES])).toBe(0);
    expect(printed(stdout)).toContain('no problems');
  });

  it('reports a rule that no test case reaches, and exits 1', async () => {
    const dir = tempDir({ 'b.yaml': BUNDLE, 'b.test.yaml': tests([secretCase]) });
    expect(lintBundle(join(dir, 'b.yaml')).problems).toEqual([
      `${join(dir, 'b.yaml')}: rule "staging-is-free" is not reached: no case in ${join(dir, 'b.test.yaml')} matches it`,
    ]);
    expect(await policyCommand(['lint', dir])).toBe(1);
    expect(printed(stdout)).toContain('1 problem\n');
  });

  it('reports compile errors, duplicate case names and unknown rules in expectations', () => {
    const broken = tempDir({
      'b.yaml': BUNDLE.replace('target.environment', 'target.enviroment'),
      'b.test.yaml': tests([secretCase]),
    });
    expect(lintBundle(join(broken, 'b.yaml')).problems).toEqual([
      expect.stringContaining(
        "b.yaml: spec.rules[1].match (rule staging-is-free): undefined field 'enviroment'",
      ),
    ]);

    const sloppy = tempDir({
      'b.yaml': BUNDLE,
      'b.test.yaml': tests([
        secretCase,
        stagingCase,
        { ...stagingCase, expect: { effect: 'allow', rules: ['staging'] } },
      ]),
    });
    const problems = lintBundle(join(sloppy, 'b.yaml')).problems;
    expect(problems).toContain(
      `${join(sloppy, 'b.test.yaml')}: cases[2].name: duplicate case name "staging mutation" (first at cases[1])`,
    );
    expect(problems).toContain(
      `${join(sloppy, 'b.test.yaml')}: cases[2].expect.rules: no rule "staging" in the bundle`,
    );
    expect(problems).toHaveLength(2);
  });

  it('reports a missing test file', () => {
    const dir = tempDir({ 'b.yaml': BUNDLE });
    expect(lintBundle(join(dir, 'b.yaml')).problems).toEqual([
      `${join(dir, 'b.test.yaml')}: no test file: every bundle needs one beside it`,
    ]);
  });
});
