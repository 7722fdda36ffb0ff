// Reads a scenario file into a validated Scenario with every time resolved to a Date. All
// format problems are reported at once (then, once the format is right, all reference
// problems), each naming the file and the YAML path, so an author fixes them in one pass. `truth` and `resolution` come back in their own
// fields, apart from the spec the simulators render.

import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { yamlPath } from '../../yaml-path.ts';
import { checkScenario } from './checks.ts';
import { seedFromName } from './random.ts';
import { type Scenario, scenarioDocumentSchema, type TimeContext } from './schema.ts';
import { parseTimestamp, resolveTime } from './time.ts';

export type { Scenario } from './schema.ts';

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  /** One line per problem: `<source>: <yaml path>: <what is wrong>`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `invalid scenario:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

export interface ParseOptions {
  /**
   * Where spec.now lands: every time in the scenario moves by the same offset, so a scenario
   * written for 2026-04-25T14:30:00Z can be served as happening right now.
   */
  now?: Date;
}

const DEFAULT_HISTORY = '-6h';

/**
 * YAML 1.2 core types plus merge keys: timestamps stay strings (times are parsed by the
 * schema, relative to spec.now), and `<<: *defaults` works. js-yaml's typings omit `types`.
 */
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [(yaml as unknown as { types: Record<string, yaml.Type> }).types.merge!],
});

export function loadScenario(path: string, options: ParseOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError([`${path}: cannot read scenario: ${(err as Error).message}`]);
  }
  return parseScenario(text, path, options);
}

export function parseScenario(yamlText: string, source: string, options: ParseOptions = {}): Scenario {
  let raw: unknown;
  try {
    raw = yaml.load(yamlText, { schema: YAML_SCHEMA, filename: source });
  } catch (err) {
    throw new ScenarioError([`${source}: invalid YAML: ${(err as Error).message}`]);
  }
  const parsed = scenarioDocumentSchema(timeContext(raw, options)).safeParse(raw ?? {}, {
    reportInput: true,
  });
  if (!parsed.success)
    throw new ScenarioError(issueLines(parsed.error.issues).map((line) => `${source}: ${line}`));
  const { metadata, spec } = parsed.data;
  const problems = checkScenario(spec);
  if (problems.length) {
    throw new ScenarioError(problems.map((p) => `${source}: ${yamlPath(p.path)}: ${p.message}`));
  }
  const { truth, resolution, seed, ...served } = spec;
  return {
    source,
    name: metadata.name,
    description: metadata.description,
    spec: { ...served, seed: seed ?? seedFromName(metadata.name) },
    truth,
    resolution,
  };
}

/**
 * Times resolve against spec.now, read before the full parse; when spec.now is missing or
 * malformed the schema reports it and the other times resolve against the epoch meanwhile.
 */
function timeContext(raw: unknown, options: ParseOptions): TimeContext {
  const rawSpec = (raw as { spec?: { now?: unknown; history?: unknown } } | null)?.spec;
  const specNow = attempt(() => parseTimestamp(rawSpec?.now as string)) ?? new Date(0);
  const offset = options.now ? options.now.getTime() - specNow.getTime() : 0;
  const shifted = (date: Date) => new Date(date.getTime() + offset);
  const resolve = (text: string) => shifted(resolveTime(text, specNow));
  const history =
    typeof rawSpec?.history === 'string' ? attempt(() => resolve(rawSpec.history as string)) : undefined;
  return {
    resolve,
    now: (text) => shifted(parseTimestamp(text)),
    history: history ?? resolve(DEFAULT_HISTORY),
  };
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** `path: message` per issue; a union's issues come from the branch whose shape the input has. */
function issueLines(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => `${yamlPath([...path, key])}: unknown key`);
    if (issue.code === 'invalid_union') {
      const matching = issue.errors.filter(
        (branch) => !branch.some((i) => i.code === 'invalid_type' && !i.path.length),
      );
      if (matching.length === 1) return issueLines(matching[0]!, path);
    }
    // A map key that fails its pattern: its own message (`expected a Kubernetes label key`).
    if (issue.code === 'invalid_key') return issueLines(issue.issues, path);
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [`${yamlPath(path)}: required (expected ${issue.expected})`];
    }
    return [`${yamlPath(path)}: ${issue.message}`];
  });
}
