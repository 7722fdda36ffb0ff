// `opswarden runbook validate|test [path]`: check runbooks and their test files (every
// problem with its file and YAML path), and run the test cases against sandbox scenarios.
// Exit 0 when all is well, 1 on an invalid file, a failing case or a step no case visits,
// 2 on bad usage.

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUILTIN_RUNBOOKS } from '../config/schema.ts';
import { loadRunbook, loadRunbooks, RunbookError } from '../runbooks/load.ts';
import { type CaseResult, runRunbookTests, TEST_SPEED } from '../runbooks/test-runner.ts';
import { loadRunbookTests, type RunbookTestFile, runbookTestPath } from '../runbooks/tests-file.ts';
import type { Runbook } from '../runbooks/types.ts';
import { parseCommandAndPath } from './command-path.ts';

const USAGE = `Usage: opswarden runbook <command> [path]

Commands:
  validate [path]   Check runbooks and the test files beside them
  test [path]       Run each runbook's test cases against sandbox scenarios (a live
                    sandbox at ${TEST_SPEED}x in this process per case) and check every step is visited

path is a runbook file or a directory of runbooks (default: the built-in runbooks/).
Exit status: 0 all good, 1 an invalid file, a failing case or an unvisited step, 2 bad usage.
`;

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

interface Loaded {
  dir: string;
  /** Every runbook of the directory (test cases may only name these). */
  all: Runbook[];
  /** The ones the command is about. */
  selected: Runbook[];
  tests: RunbookTestFile[];
  /** Selected runbooks without a test file. */
  untested: string[];
}

function load(path: string): Loaded {
  const target = resolve(path);
  if (!existsSync(target)) throw new RunbookError([`${path}: no such file or directory`]);
  const isDir = statSync(target).isDirectory();
  const dir = isDir ? target : dirname(target);
  const all = loadRunbooks(dir);
  const selected = isDir ? all : [loadRunbook(target)];
  const tests: RunbookTestFile[] = [];
  const untested: string[] = [];
  for (const runbook of selected) {
    const testPath = runbookTestPath(runbook.source);
    if (existsSync(testPath)) tests.push(loadRunbookTests(testPath, all));
    else untested.push(runbook.name);
  }
  return { dir, all, selected, tests, untested };
}

function caseLine(r: CaseResult): string {
  const seconds = `${(r.durationMs / 1000).toFixed(1)} s`;
  const ended = `${r.outcome ?? 'no outcome'}${r.decidedBy ? ` by ${r.decidedBy}` : ''}`;
  const head = `${r.passed ? 'ok  ' : 'FAIL'} ${r.runbook} › ${r.case}: ${ended}; executed [${r.actions.join(', ')}] (${seconds})`;
  return r.passed ? head : [head, ...r.problems.map((p) => `       ${p}`)].join('\n');
}

export async function runbookCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandAndPath('runbook', argv, {
    usage: USAGE,
    commands: ['validate', 'test'],
    defaultPath: BUILTIN_RUNBOOKS,
  });
  if (typeof parsed === 'number') return parsed;
  const { command, path } = parsed;
  let loaded: Loaded;
  try {
    loaded = load(path);
  } catch (error) {
    if (!(error instanceof RunbookError)) throw error;
    err(`opswarden runbook ${command}: invalid:\n${error.message}`);
    return 1;
  }
  for (const name of loaded.untested) err(`${name}: no test file beside it (${name}.test.yaml)`);
  if (command === 'validate') {
    const cases = loaded.tests.reduce((n, t) => n + t.cases.length, 0);
    out(
      `${loaded.selected.length} runbooks and ${loaded.tests.length} test files (${cases} cases) are valid`,
    );
    return loaded.untested.length ? 1 : 0;
  }

  const run = await runRunbookTests(loaded.tests, loaded.dir, loaded.all, (r) => out(caseLine(r)));
  for (const { runbook, steps } of run.unvisited)
    out(`LINT ${runbook}: no case visits step(s) ${steps.join(', ')}`);
  const passed = run.results.filter((r) => r.passed).length;
  const failed = run.results.length - passed;
  out(`${passed} passed, ${failed} failed`);
  return failed || run.unvisited.length || loaded.untested.length ? 1 : 0;
}
