// `opswarden drill eval <files or dirs> [--json]`: plays each scenario as a page (sandbox,
// Alertmanager webhook, an agent asking incident_correlate through MCP) and prints where
// the true cause ranked, then `top1 A/N top3 B/N`. Exit 0 when every scenario ran, 1 when
// one could not be played, 2 on bad usage. A low score is a figure, not an error.

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DrillOutcome, drillScenario } from '../incidents/drill/eval.ts';
import { parseArgs } from './args.ts';

const USAGE = `Usage: opswarden drill eval <scenario files or directories> [--json]

For each scenario: start the sandbox (frozen clock), post its firing alerts through the
Alertmanager webhook, ask incident_correlate about the most severe incident through an
MCP client, and compare with the scenario's truth. Prints the rank of the true cause per
scenario and a final line "top1 A/N top3 B/N"; --json prints one JSON document.
`;

function scenarioFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const full = resolve(path);
    if (!statSync(full, { throwIfNoEntry: false })) throw new Error(`${path}: no such file or directory`);
    if (!statSync(full).isDirectory()) return [full];
    return readdirSync(full)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => join(full, name));
  });
}

function line(o: DrillOutcome): string {
  const top = o.hypotheses[0];
  const rank = o.rank === null ? 'not found' : `rank ${o.rank}`;
  const best = top ? `top: ${top.category} ${top.ref} (${top.confidence.toFixed(2)})` : 'no hypothesis';
  return `${o.rank === 1 ? 'ok ' : o.rank !== null && o.rank <= 3 ? 'top3' : 'MISS'} ${o.scenario}: ${rank}; truth ${o.truth.category} ${o.truth.ref}; ${best}; incident ${o.incident.id} (${o.incident.alerts} alerts of ${o.incidents} incidents) in ${(o.durationMs / 1000).toFixed(1)} s`;
}

export async function drillCommand(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
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
  if (command !== 'eval' || paths.length === 0) {
    process.stderr.write(
      `opswarden drill: ${command === 'eval' ? 'name scenario files or directories' : `unknown command "${command ?? ''}"`}\n\n${USAGE}`,
    );
    return 2;
  }
  let files: string[];
  try {
    files = scenarioFiles(paths);
  } catch (err) {
    process.stderr.write(`opswarden drill eval: ${(err as Error).message}\n`);
    return 2;
  }
  const outcomes: DrillOutcome[] = [];
  const failures: string[] = [];
  for (const file of files) {
    try {
      const outcome = await drillScenario(file);
      outcomes.push(outcome);
      if (!values.json) process.stdout.write(`${line(outcome)}\n`);
    } catch (err) {
      failures.push(`${file}: ${(err as Error).message}`);
      process.stderr.write(`opswarden drill eval: ${file}: ${(err as Error).message}\n`);
    }
  }
  const n = outcomes.length;
  const top1 = outcomes.filter((o) => o.rank === 1).length;
  const top3 = outcomes.filter((o) => o.rank !== null && o.rank <= 3).length;
  const summary = `top1 ${top1}/${n} top3 ${top3}/${n}`;
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ scenarios: outcomes, failures, top1, top3, total: n }, null, 2)}\n`,
    );
  else process.stdout.write(`${summary}\n`);
  return failures.length ? 1 : 0;
}
