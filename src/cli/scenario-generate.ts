// `opswarden scenario generate --category <c|all> --seed <n> --count <k> [--out <dir>]`: writes
// generated scenarios (src/sandbox/scenario/generate), so a drill can measure the correlation
// engine on many incidents it was not tuned on. One scenario without --out goes to stdout as
// YAML; with --out each is `<dir>/<name>.yaml` and one line per file is printed.
// Exit 0 on success, 2 on bad usage (the message names the flag).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateScenarios, type RootCauseCategory } from '../sandbox/scenario/generate/index.ts';
import { ROOT_CAUSE_CATEGORIES } from '../sandbox/scenario/schema.ts';
import { parseArgs } from './args.ts';

export const GENERATE_USAGE = `Usage: opswarden scenario generate --category <c|all> --seed <n> --count <k> [--out <dir>]

Generate scenarios with random service names, topologies (3-30 services), timings and noise
(unrelated deploys and config writes, standing alerts, a slow leak, a node blip), each with
its root cause, truth and a fix the sandbox reacts to. The same flags give the same files.

  --category <c|all>   ${ROOT_CAUSE_CATEGORIES.join(', ')}, or all (the six in turn)
  --seed <n>           a non-negative integer
  --count <k>          how many scenarios (1-1000)
  --out <dir>          write <dir>/<name>.yaml per scenario and print one line per file;
                       without it, --count must be 1 and the YAML goes to stdout

Play them with: opswarden drill eval <dir>. The format: docs/scenarios.md.
Exit status: 0 success, 2 bad usage.
`;

class UsageError extends Error {}

function integer(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) throw new UsageError(`--${flag} is required`);
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, not "${text}"`);
  return n;
}

function category(text: string | undefined): RootCauseCategory | undefined {
  if (text === undefined) throw new UsageError('--category is required (one of the six, or all)');
  if (text === 'all') return undefined;
  if (!ROOT_CAUSE_CATEGORIES.includes(text as RootCauseCategory))
    throw new UsageError(
      `--category must be one of ${ROOT_CAUSE_CATEGORIES.join(', ')} or all, not "${text}"`,
    );
  return text as RootCauseCategory;
}

export function scenarioGenerateCommand(argv: string[]): number {
  let opts: { category?: RootCauseCategory; seed: number; count: number };
  let out: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        category: { type: 'string' },
        seed: { type: 'string' },
        count: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (values.help) {
      process.stdout.write(GENERATE_USAGE);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const chosen = category(values.category);
    opts = {
      ...(chosen ? { category: chosen } : {}),
      seed: integer('seed', values.seed, 0, 2 ** 32 - 1),
      count: integer('count', values.count, 1, 1000),
    };
    out = values.out;
    if (out === undefined && opts.count !== 1)
      throw new UsageError(`--count ${opts.count} needs --out <dir> (only one scenario goes to stdout)`);
  } catch (error) {
    process.stderr.write(`opswarden scenario generate: ${(error as Error).message}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  const scenarios = generateScenarios(opts);
  if (out === undefined) {
    process.stdout.write(scenarios[0]!.yaml);
    return 0;
  }
  mkdirSync(out, { recursive: true });
  for (const s of scenarios) {
    const file = join(out, `${s.name}.yaml`);
    writeFileSync(file, s.yaml);
    process.stdout.write(`${file} ${s.category}\n`);
  }
  return 0;
}
