// How every file format here (config, policy bundles, scenarios) names a place in YAML:
// `spec.rules[2].effect`, from a zod issue path; and a body posted to an API (change
// events, alerts) is refused the same way, one place per problem.

import type { z } from 'zod';

export function yamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

/** `events[2].at: expected …; events[3].color: unknown field` — each issue named by its place (the first `max`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = Number.POSITIVE_INFINITY): string {
  return issues
    .slice(0, max)
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${yamlPath([...issue.path, key])}: unknown field`)
        : [`${yamlPath(issue.path)}: ${issue.message}`],
    )
    .join('; ');
}
