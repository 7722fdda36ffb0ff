// The test file beside a runbook (runbooks/<name>.test.yaml, opswarden.dev/v1 RunbookTest):
// cases that run the runbook against a sandbox scenario with given parameters and a human
// who approves or rejects, and the outcome, deciding step and executed tools they expect.
// Checked like a runbook: strict keys, and, given the loaded runbooks, a runbook that exists,
// parameters it accepts, steps and tools it has, and an expectation some path through it can
// meet. Scenarios are a name from scenarios/ or a path relative to the test file; either
// way the case holds the absolute path, and the file must exist.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { packagePath } from '../package-paths.ts';
import { describeIssues, requiredMessage } from '../policy/schema.ts';
import { didYouMean, type Problem, problemLines, RunbookError } from './error.ts';
import { pathsMeeting } from './expected-paths.ts';
import { checkParams } from './params.ts';
import { KEBAB } from './schema.ts';
import { END_STATES, type EndState, type Runbook } from './types.ts';

const SCENARIOS_DIR = packagePath('scenarios/');
const text = z.string().trim().min(1, 'must not be empty');

const testFileSchema = z
  .object({
    apiVersion: z.literal('opswarden.dev/v1'),
    kind: z.literal('RunbookTest'),
    runbook: z.string().regex(KEBAB, 'must be a runbook name such as rollback-deployment'),
    cases: z
      .array(
        z
          .object({
            name: text,
            scenario: text,
            params: z.record(z.string(), z.unknown()).default({}),
            approvals: z.enum(['approve', 'reject']).default('approve'),
            expect: z
              .object({
                outcome: z.enum(END_STATES),
                decidedBy: text.optional(),
                actions: z.array(text).optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1, 'a test file needs at least one case'),
  })
  .strict();

export interface RunbookTestCase {
  name: string;
  /** Absolute path of the scenario file. */
  scenario: string;
  /** As written: the engine resolves them (resolveParams) for the run. */
  params: Record<string, unknown>;
  /** How the test's human answers escalated actions and approval steps. */
  approvals: 'approve' | 'reject';
  expect: {
    outcome: EndState;
    /** The step that decided the outcome. */
    decidedBy?: string;
    /** Tools that executed, in order (the exact list). */
    actions?: string[];
  };
}

export interface RunbookTestFile {
  source: string;
  runbook: string;
  cases: RunbookTestCase[];
}

/** `runbooks/x.yaml` -> `runbooks/x.test.yaml`. */
export function runbookTestPath(runbookPath: string): string {
  return `${runbookPath.replace(/\.yaml$/, '')}.test.yaml`;
}

/** Reads and checks a test file; with `runbooks`, also against the runbook it tests. Throws RunbookError. */
export function loadRunbookTests(path: string, runbooks?: readonly Runbook[]): RunbookTestFile {
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(path, 'utf8'), { filename: path, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new RunbookError([`${path}: cannot read the runbook tests: ${(error as Error).message}`]);
  }
  const parsed = testFileSchema.safeParse(raw ?? {}, { error: requiredMessage });
  if (!parsed.success) throw new RunbookError(describeIssues(parsed.error).map((line) => `${path}: ${line}`));
  const doc = parsed.data;
  const problems: Problem[] = [];
  const cases = doc.cases.map((testCase, i): RunbookTestCase => {
    const scenario = scenarioPath(testCase.scenario, path);
    if (!existsSync(scenario))
      problems.push({
        path: ['cases', i, 'scenario'],
        message: `no scenario "${testCase.scenario}" in ${SCENARIOS_DIR} and no file ${scenario}`,
      });
    const { decidedBy, actions, ...rest } = testCase.expect;
    return {
      ...testCase,
      scenario,
      expect: { ...rest, ...(decidedBy ? { decidedBy } : {}), ...(actions ? { actions } : {}) },
    };
  });
  cases.forEach((testCase, i) => {
    const first = cases.findIndex((c) => c.name === testCase.name);
    if (first < i)
      problems.push({
        path: ['cases', i, 'name'],
        message: `duplicate case name (first at cases[${first}])`,
      });
  });
  if (runbooks) problems.push(...runbookProblems(doc.runbook, cases, runbooks));
  if (problems.length) throw new RunbookError(problemLines(path, problems), 'invalid runbook tests');
  return { source: path, runbook: doc.runbook, cases };
}

/** A name of a scenario in scenarios/, else a path relative to the test file. */
function scenarioPath(scenario: string, testFile: string): string {
  const builtin = resolve(SCENARIOS_DIR, `${scenario}.yaml`);
  if (KEBAB.test(scenario) && existsSync(builtin)) return builtin;
  return resolve(dirname(testFile), scenario);
}

function runbookProblems(
  name: string,
  cases: readonly RunbookTestCase[],
  runbooks: readonly Runbook[],
): Problem[] {
  const runbook = runbooks.find((r) => r.name === name);
  if (!runbook) {
    const names = runbooks.map((r) => r.name);
    return [{ path: ['runbook'], message: `unknown runbook "${name}"${didYouMean(name, names)}` }];
  }
  const ids = runbook.steps.map((step) => step.id);
  const tools = [...new Set(runbook.steps.flatMap((step) => (step.kind === 'action' ? [step.tool] : [])))];
  return cases.flatMap((testCase, i) => {
    const at = (path: readonly PropertyKey[], message: string) => ({ path: ['cases', i, ...path], message });
    const problems = checkParams(runbook.params, testCase.params).problems.map((p) => at(p.path, p.message));
    const { decidedBy, actions, outcome } = testCase.expect;
    if (decidedBy && !ids.includes(decidedBy))
      problems.push(
        at(['expect', 'decidedBy'], `${name} has no step "${decidedBy}"${didYouMean(decidedBy, ids)}`),
      );
    (actions ?? []).forEach((tool, j) => {
      if (!tools.includes(tool))
        problems.push(
          at(
            ['expect', 'actions', j],
            `${name} runs no tool "${tool}" (its actions: ${tools.join(', ') || 'none'})`,
          ),
        );
    });
    if (
      !problems.length &&
      !pathsMeeting(runbook, { ...testCase.expect, approvals: testCase.approvals }).length
    ) {
      const executed = actions ? ` after executing [${actions.join(', ')}]` : '';
      const where = decidedBy ? ` at step ${decidedBy}` : '';
      problems.push(at(['expect'], `no path through ${name} ends ${outcome}${where}${executed}`));
    }
    return problems;
  });
}
