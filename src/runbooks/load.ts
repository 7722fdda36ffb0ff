// Reads runbook files (runbooks/<name>.yaml, opswarden.dev/v1 Runbook) into validated
// Runbooks. The shape is checked first (schema.ts); once it is right, the parameters, steps,
// tools, templates and PromQL (load-validate.ts) and durations (load-steps.ts). Every problem
// is reported at once in one RunbookError, each with the file and YAML path. The engine
// renders a step for one execution with resolveStep (load-steps.ts: how templated durations
// follow duration parameters) after resolveParams (params.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';
import { allTools } from '../../tools/index.ts';
import { sha256Hex } from '../canonical.ts';
import { describeIssues, requiredMessage } from '../policy/schema.ts';
import type { AnyTool } from '../tool.ts';
import { problemLines, RunbookError } from './error.ts';
import { buildSteps } from './load-steps.ts';
import { paramsOf, stepProblems } from './load-validate.ts';
import { runbookDocumentSchema } from './schema.ts';
import type { Runbook } from './types.ts';

export { RunbookError } from './error.ts';
export { type DurationParams, type LoadedStep, resolveStep } from './load-steps.ts';
export { resolveParams } from './params.ts';
export { renderTemplate, type TemplateScope } from './template.ts';

export interface LoadOptions {
  /** The tools action steps may name (default: every opswarden tool, `allTools`). */
  tools?: readonly AnyTool[];
}

/** A runbook file is any *.yaml here that is not a test file (*.test.yaml). */
function isRunbookFile(file: string): boolean {
  return file.endsWith('.yaml') && !file.endsWith('.test.yaml');
}

export function loadRunbook(path: string, options: LoadOptions = {}): Runbook {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RunbookError([`${path}: cannot read the runbook: ${(error as Error).message}`]);
  }
  return parseRunbook(text, path, options);
}

/** Every runbook in `dir`, by name; one RunbookError lists the problems of every file that does not load. */
export function loadRunbooks(dir: string, options: LoadOptions = {}): Runbook[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter(isRunbookFile).sort();
  } catch (error) {
    throw new RunbookError([`${dir}: cannot list runbooks: ${(error as Error).message}`]);
  }
  const runbooks: Runbook[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      runbooks.push(loadRunbook(join(dir, file), options));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new RunbookError(problems, `invalid runbooks in ${dir}`);
  return runbooks;
}

/** A runbook from its YAML text; `source` names it in messages, and a `<name>.yaml` source must hold runbook `<name>`. */
export function parseRunbook(text: string, source: string, options: LoadOptions = {}): Runbook {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: source, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new RunbookError([`${source}: not valid YAML: ${(error as Error).message}`]);
  }
  const parsed = runbookDocumentSchema.safeParse(raw ?? {}, { error: requiredMessage });
  if (!parsed.success)
    throw new RunbookError(describeIssues(parsed.error).map((line) => `${source}: ${line}`));
  const doc = parsed.data;
  const { params, problems: paramProblems } = paramsOf(doc.spec.params);
  const { steps, problems: durationProblems } = buildSteps(doc.spec.steps, params);
  const problems = [
    ...paramProblems,
    ...durationProblems,
    ...stepProblems(doc, steps, params, options.tools ?? allTools),
  ];
  const fileName = basename(source);
  if (fileName.endsWith('.yaml') && fileName !== `${doc.metadata.name}.yaml`)
    problems.push({
      path: ['metadata', 'name'],
      message: `"${doc.metadata.name}" must match the file name ${fileName}`,
    });
  if (problems.length) throw new RunbookError(problemLines(source, problems));
  return {
    name: doc.metadata.name,
    version: doc.metadata.version,
    title: doc.metadata.title,
    description: doc.spec.description,
    matches: doc.spec.matches,
    params,
    steps,
    source,
    digest: sha256Hex(text),
  };
}
