// `opswarden drill eval [<files or dirs>] [--generate n --seed s [--category c]] [--json]`:
// plays each scenario as a page (sandbox, Alertmanager webhook, an agent asking
// incident_correlate through MCP) and prints where the true cause ranked, then the summary
// (per category, calibration, category accuracy, `top1 A/N top3 B/N`). A scenario that
// cannot be played is printed with why and counted as a miss, never dropped from N.
// Exit 0 when every scenario was played, 1 when one could not be (the summary is printed
// all the same), 2 on bad usage. A low score is a figure, not an error.

import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { closestName } from '../closest-name.ts';
import { drillScenario } from '../incidents/drill/eval.ts';
import { failureLine, outcomeLine, summaryLines } from '../incidents/drill/report.ts';
import { type DrillResult, isFailure, summarizeDrill } from '../incidents/drill/summary.ts';
import type { RootCauseCategory } from '../runbooks/types.ts';

import { generateScenarios } from '../sandbox/scenario/generate/index.ts';

import { loadScenario, parseScenario, type Scenario, ScenarioError } from '../sandbox/scenario/load.ts';
import { ROOT_CAUSE_CATEGORIES } from '../sandbox/scenario/schema.ts';
import { parseArgs } from './args.ts';

const MAX_GENERATED = 10_000;
const PROGRESS_EVERY = 10;

const USAGE = `Usage: opswarden drill eval [<scenario files or directories>] [options]

For each scenario: start the sandbox (frozen clock), post its firing alerts through the
Alertmanager webhook, ask incident_correlate about the most severe incident through an
MCP client, and compare with the scenario's truth (spec.truth.rootCause).

Options:
  --generate <count>     Play <count> generated scenarios (random worlds with a known root
                         cause), besides the files named or instead of them
  --seed <n>             The generator's seed (default 1): the same seed, the same scenarios
  --category <c>         Generate only this truth category; default: rotate through all
                         six (${ROOT_CAUSE_CATEGORIES.join(', ')})
  --json                 Print one JSON document: scenarios, failures and every figure below
  -h, --help             This help

Prints one line per scenario:
  ok  <name>: rank 1; truth <category> <ref>; top: <category> <ref> (<confidence>); ...
  top3 / MISS            the true cause ranked 2-3 / lower or not at all
  (wrong category)       the top hypothesis's category is not the truth's
  FAIL <name>: could not be played (a miss): <why>
then the summary:
  by truth category:     top1 and top3 per truth category (failures count as misses)
  calibration:           the top hypothesis's mean confidence when it is the true cause
                         and when it is not
  category accuracy:     of the top-1 hits, how many also name the truth's category
  top1 A/N top3 B/N      overall; N counts every scenario, played or not
With more than ${PROGRESS_EVERY} scenarios, a progress line goes to stderr every ${PROGRESS_EVERY}.

Exit status: 0 when every scenario was played (whatever the score), 1 when one could not
be played (the summary is still printed), 2 on bad usage.
`;

/** A scenario to play: loaded only when its turn comes, so a bad one fails alone. */
export interface DrillSource {
  name: string;
  /** The file, or what generated it: where errors point. */
  source: string;
  category?: RootCauseCategory;
  load(): Scenario;
}

interface Generate {
  count: number;
  seed: number;
  category?: RootCauseCategory;
}

class UsageError extends Error {}

function fileSources(paths: string[]): DrillSource[] {
  return paths
    .flatMap((path) => {
      const full = resolve(path);
      if (!statSync(full, { throwIfNoEntry: false }))
        throw new UsageError(`${path}: no such file or directory`);
      if (!statSync(full).isDirectory()) return [full];
      return readdirSync(full)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
        .map((name) => join(full, name));
    })
    .map((file) => ({ name: basename(file, '.yaml'), source: file, load: () => loadScenario(file) }));
}

/** The generated scenarios of --generate, as the drill-generated test plays them too. */
export function generatedSources({ count, seed, category }: Generate): DrillSource[] {
  return generateScenarios({ count, seed, ...(category ? { category } : {}) }).map((g) => {
    const source = `${g.name} (generated, seed ${seed})`;
    return { name: g.name, source, category: g.category, load: () => parseScenario(g.yaml, source) };
  });
}

function integerFlag(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${flag}: expected an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

function generateOption(values: {
  generate?: string;
  seed?: string;
  category?: string;
}): Generate | undefined {
  if (values.generate === undefined) {
    const stray = values.seed !== undefined ? '--seed' : values.category !== undefined ? '--category' : '';
    if (stray) throw new UsageError(`${stray} applies to generated scenarios: add --generate <count>`);
    return undefined;
  }
  const count = integerFlag('generate', values.generate, 1, MAX_GENERATED);
  const seed = values.seed === undefined ? 1 : integerFlag('seed', values.seed, 0, Number.MAX_SAFE_INTEGER);
  const category = values.category;
  if (category !== undefined && !(ROOT_CAUSE_CATEGORIES as readonly string[]).includes(category)) {
    const closest = closestName(category, ROOT_CAUSE_CATEGORIES);
    throw new UsageError(
      `--category: unknown category "${category}"${closest ? ` (did you mean ${closest}?)` : ''}; one of ${ROOT_CAUSE_CATEGORIES.join(', ')}`,
    );
  }
  return { count, seed, ...(category ? { category: category as RootCauseCategory } : {}) };
}

/** Plays one scenario; one that cannot be played comes back as a failure (a miss), never thrown. */
export async function play(source: DrillSource): Promise<DrillResult> {
  let scenario: Scenario | undefined;
  try {
    scenario = source.load();
    return await drillScenario(scenario);
  } catch (err) {
    const category = scenario?.truth?.rootCause.category ?? source.category;
    return {
      scenario: scenario?.name ?? source.name,
      source: scenario?.source ?? source.source,
      ...(category ? { category } : {}),
      // A scenario's problems without the YAML excerpts under them: one reason per problem.
      error:
        err instanceof ScenarioError
          ? err.problems.map((p) => p.split('\n')[0]).join('; ')
          : (err as Error).message,
    };
  }
}

export async function drillCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean; generate?: string; seed?: string; category?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        generate: { type: 'string' },
        seed: { type: 'string' },
        category: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`opswarden drill: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'eval' || (paths.length === 0 && values.generate === undefined)) {
    process.stderr.write(
      `opswarden drill: ${command === 'eval' ? 'name scenario files or directories, or --generate <count>' : `unknown command "${command ?? ''}"`}\n\n${USAGE}`,
    );
    return 2;
  }
  let sources: DrillSource[];
  let generate: Generate | undefined;
  try {
    generate = generateOption(values);
    sources = [...fileSources(paths), ...(generate ? generatedSources(generate) : [])];
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`opswarden drill eval: ${err.message}\n`);
    return 2;
  }
  const results: DrillResult[] = [];
  const started = performance.now();
  for (const source of sources) {
    const result = await play(source);
    results.push(result);
    if (!values.json)
      process.stdout.write(`${isFailure(result) ? failureLine(result) : outcomeLine(result)}\n`);
    else if (isFailure(result)) process.stderr.write(`opswarden drill eval: ${failureLine(result)}\n`);
    if (sources.length > PROGRESS_EVERY && results.length % PROGRESS_EVERY === 0) {
      const so = summarizeDrill(results);
      process.stderr.write(
        `drill eval: ${results.length}/${sources.length} played in ${((performance.now() - started) / 1000).toFixed(0)} s; so far top1 ${so.top1}/${so.total}, ${so.failed} failed\n`,
      );
    }
  }
  const summary = summarizeDrill(results);
  if (values.json) {
    const document = {
      ...(generate ? { generated: generate } : {}),
      scenarios: results.filter((r) => !isFailure(r)),
      failures: results.filter(isFailure),
      ...summary,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else process.stdout.write(`${summaryLines(summary).join('\n')}\n`);
  return summary.failed ? 1 : 0;
}
