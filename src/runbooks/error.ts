// The one error every runbook problem becomes: a runbook or test file that does not load,
// parameters that do not fit, a template that cannot render. It lists every problem, each
// naming where it is (`runbooks/x.yaml: spec.steps[2].action.args.name: ...`), so an author
// fixes them in one pass.

import { closestName } from '../closest-name.ts';
import { yamlPath } from '../yaml-path.ts';

export class RunbookError extends Error {
  override name = 'RunbookError';
  /** One line per problem, each starting with the file and YAML path (or parameter) it is about. */
  readonly problems: string[];

  constructor(problems: string[], what = 'invalid runbook') {
    super(
      problems.length === 1
        ? problems[0]
        : `${what}: ${problems.length} problems:\n  ${problems.join('\n  ')}`,
    );
    this.problems = problems;
  }
}

/** A problem found inside a document, before the file name is put in front of it. */
export interface Problem {
  path: readonly PropertyKey[];
  message: string;
}

/** `<source>: <yaml path>: <message>` per problem. */
export function problemLines(source: string, problems: readonly Problem[]): string[] {
  return problems.map((p) => `${source}: ${yamlPath(p.path)}: ${p.message}`);
}

/** ` (did you mean "deployment"?)` when one candidate is a likely typo of `name`, else ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates);
  return best ? ` (did you mean "${best}"?)` : '';
}
