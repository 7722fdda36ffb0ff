// `opswarden scenario validate|render|export-openmetrics <scenario.yaml>`, and `generate`
// (scenario-generate.ts): check a scenario
// file (every problem with its YAML path), show what its world looks like at spec.now (pods,
// firing alerts, moving series, recent changes, unhealthy nodes), and write its metric series
// as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`, so a real
// Prometheus serves the scenario. Exit 0 on success, 1 on an invalid scenario, 2 on bad usage.

import { generateSeries } from '../sandbox/metrics/generate.ts';
import { writeOpenMetrics, writeOpenMetricsFile } from '../sandbox/metrics/openmetrics.ts';
import { loadScenario, type Scenario, ScenarioError } from '../sandbox/scenario/load.ts';
import { renderScenarioSummary } from '../sandbox/scenario/render.ts';
import { formatScenarioSummary } from '../sandbox/scenario/summary-text.ts';
import { parseArgs } from './args.ts';
import { scenarioGenerateCommand } from './scenario-generate.ts';

const USAGE = `Usage: opswarden scenario <command> <scenario.yaml>

Commands:
  validate <file>                      Check the scenario; print OK or every problem with its YAML path
  render <file> [--json]               What the world looks like at spec.now: pods, firing alerts,
                                       the series that moved most (last 15m against the hour
                                       before), changes of the last 24h, unhealthy nodes.
                                       Never shows the scenario's truth or resolution.
                                       --json prints one JSON object instead of text
  export-openmetrics <file> [-o out]   Write its metric series as OpenMetrics text (stdout by default),
                                       for: promtool tsdb create-blocks-from openmetrics <out> <dir>
  generate --category <c|all> --seed <n> --count <k> [--out <dir>]
                                       Generate scenarios (random names, topologies, noise) with
                                       their truth; see opswarden scenario generate --help

The scenario format: docs/scenarios.md.
Exit status: 0 success, 1 invalid scenario, 2 bad usage.
`;

const COMMANDS = ['validate', 'render', 'export-openmetrics'] as const;

const err = (line: string) => process.stderr.write(`${line}\n`);

export async function scenarioCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'generate') return scenarioGenerateCommand(argv.slice(1));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(`opswarden scenario: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, file, ...extra] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    err(`opswarden scenario: ${command ? `unknown command "${command}"` : 'missing command'}\n\n${USAGE}`);
    return 2;
  }
  if (!file || extra.length) {
    err(`opswarden scenario ${command}: expected one scenario file\n\n${USAGE}`);
    return 2;
  }
  if (command !== 'export-openmetrics' && values.output !== undefined) {
    err(`opswarden scenario ${command}: -o is only for export-openmetrics\n\n${USAGE}`);
    return 2;
  }
  if (command !== 'render' && values.json) {
    err(`opswarden scenario ${command}: --json is only for render\n\n${USAGE}`);
    return 2;
  }

  let scenario: Scenario;
  try {
    scenario = loadScenario(file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const problem of error.problems) err(problem);
    err('(the scenario format: docs/scenarios.md)');
    return 1;
  }
  if (command === 'validate') {
    process.stdout.write(`OK ${file}: scenario ${scenario.name}\n`);
    return 0;
  }
  if (command === 'render') {
    const summary = renderScenarioSummary(scenario);
    process.stdout.write(
      values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatScenarioSummary(summary),
    );
    return 0;
  }
  const series = generateSeries(scenario);
  if (values.output) await writeOpenMetricsFile(series, values.output);
  else await writeOpenMetrics(series, process.stdout);
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
    },
  });
}
