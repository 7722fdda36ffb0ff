// `opswarden policy test|lint [path]`: run the test cases beside each bundle, and lint
// bundles (compile errors, duplicate names, rules no test reaches). Exit 0 when all is
// well, 1 on any failing case or problem, 2 on bad usage. Meant for CI and for the SRE
// editing a bundle: every failure says what was expected and what the policy decided.

import { PolicyError } from '../policy/bundle.ts';
import { findBundles, lintBundle, type PolicyTestCaseResult, runPolicyTests } from '../policy/testing.ts';
import { parseCommandAndPath } from './command-path.ts';

const USAGE = `Usage: opswarden policy <command> [path]

Commands:
  test [path]   Run the test cases in <bundle>.test.yaml beside each bundle
  lint [path]   Check that bundles compile, names are unique and every rule is reached by a test case

path is a bundle file or a directory of bundles (default: policies/).
Exit status: 0 all good, 1 a failing case or a lint problem, 2 bad usage.
`;

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

export async function policyCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandAndPath('policy', argv, {
    usage: USAGE,
    commands: ['test', 'lint'],
    defaultPath: 'policies/',
  });
  if (typeof parsed === 'number') return parsed;
  const { command, path } = parsed;

  let bundles: string[];
  try {
    bundles = findBundles(path);
  } catch (error) {
    err(`opswarden policy ${command}: cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  if (bundles.length === 0) {
    err(`opswarden policy ${command}: no policy bundles (*.yaml) in ${path}`);
    return 1;
  }
  return command === 'test' ? testBundles(bundles) : lintBundles(bundles);
}

function testBundles(bundles: string[]): number {
  let passed = 0;
  let failed = 0;
  for (const path of bundles) {
    try {
      const report = runPolicyTests(path);
      const { name, version, digest } = report.bundle.ref;
      out(`${path}: ${name}@${version} (sha256 ${digest.slice(0, 12)}), ${report.testFile}`);
      for (const result of report.cases) printCase(result);
      passed += report.passed;
      failed += report.failed;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      out(`✗ ${path}: tests did not run`);
      err(error.message);
      failed += 1;
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

function printCase(result: PolicyTestCaseResult): void {
  out(`  ${result.ok ? '✓' : '✗'} ${result.name}`);
  if (result.ok) return;
  const expectedRules = result.expectedRules ? ` [${result.expectedRules.join(', ')}]` : '';
  out(`      expected ${result.expected}${expectedRules}`);
  out(`      actual   ${result.actual} [${result.rules.join(', ')}]`);
  if (result.error) out(`      error    ${result.error}`);
}

function lintBundles(bundles: string[]): number {
  let problems = 0;
  for (const path of bundles) {
    const found = lintBundle(path).problems;
    for (const problem of found) out(problem);
    if (found.length === 0) out(`${path}: ok`);
    problems += found.length;
  }
  out(problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`);
  return problems ? 1 : 0;
}
