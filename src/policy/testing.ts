// `opswarden policy test` and `policy lint` as functions: run a bundle's test cases like
// `opa test`, and lint a bundle for compile errors, broken test files and rules no case
// reaches (coverage is how conflicting or dead rules are caught).

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Effect } from '../types.ts';
import { type CompiledBundle, loadBundleFile, PolicyError } from './bundle.ts';
import { caseInput, loadTestFile, type PolicyTestFile, testFilePath } from './test-file.ts';

export interface PolicyTestCaseResult {
  name: string;
  ok: boolean;
  /** Expected decided effect (before shadow mode). */
  expected: Effect;
  actual: Effect;
  /** Rules that matched. */
  rules: string[];
  /** Rules the case says must match, exactly, when it says so. */
  expectedRules?: string[];
  /** Evaluation error; a case that errors always fails. */
  error?: string;
}

export interface PolicyTestReport {
  bundle: CompiledBundle;
  testFile: string;
  cases: PolicyTestCaseResult[];
  passed: number;
  failed: number;
}

/** Runs `<bundle>.test.yaml`; throws PolicyError when the bundle or its test file does not load. */
export function runPolicyTests(bundlePath: string): PolicyTestReport {
  const bundle = loadBundleFile(bundlePath);
  const testFile = testFilePath(bundlePath);
  const cases = evaluateCases(bundle, loadTestFile(testFile)).map(({ testCase, decision }) => {
    const rules = decision.matched.map((m) => m.name);
    const expectedRules = testCase.expect.rules;
    const result: PolicyTestCaseResult = {
      name: testCase.name,
      ok:
        !decision.error &&
        decision.decidedEffect === testCase.expect.effect &&
        (!expectedRules || sameSet(rules, expectedRules)),
      expected: testCase.expect.effect,
      actual: decision.decidedEffect,
      rules,
    };
    if (expectedRules) result.expectedRules = expectedRules;
    if (decision.error) result.error = decision.error;
    return result;
  });
  const passed = cases.filter((c) => c.ok).length;
  return { bundle, testFile, cases, passed, failed: cases.length - passed };
}

/** Every problem, each prefixed with the file it is in. */
export function lintBundle(bundlePath: string): { problems: string[] } {
  const testFile = testFilePath(bundlePath);
  let bundle: CompiledBundle;
  let tests: PolicyTestFile;
  try {
    bundle = loadBundleFile(bundlePath);
    tests = loadTestFile(testFile);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return { problems: error.problems.map((p) => `${error.source}: ${p}`) };
  }

  const problems: string[] = [];
  const ruleNames = new Set(bundle.rules.map((r) => r.name));
  const caseNames = new Map<string, number>();
  tests.cases.forEach((testCase, i) => {
    const first = caseNames.get(testCase.name);
    if (first === undefined) caseNames.set(testCase.name, i);
    else
      problems.push(
        `${testFile}: cases[${i}].name: duplicate case name "${testCase.name}" (first at cases[${first}])`,
      );
    for (const name of testCase.expect.rules ?? []) {
      if (!ruleNames.has(name))
        problems.push(`${testFile}: cases[${i}].expect.rules: no rule "${name}" in the bundle`);
    }
  });

  const reached = new Set(
    evaluateCases(bundle, tests).flatMap(({ decision }) => decision.matched.map((m) => m.name)),
  );
  for (const rule of bundle.rules) {
    if (!reached.has(rule.name)) {
      problems.push(`${bundlePath}: rule "${rule.name}" is not reached: no case in ${testFile} matches it`);
    }
  }
  return { problems };
}

/** The bundle files at `path`: the file itself, or every *.yaml / *.yml in the directory except tests. */
export function findBundles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(path, name));
}

function evaluateCases(bundle: CompiledBundle, tests: PolicyTestFile) {
  return tests.cases.map((testCase) => ({ testCase, decision: bundle.evaluate(caseInput(testCase.input)) }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((name) => right.has(name));
}
