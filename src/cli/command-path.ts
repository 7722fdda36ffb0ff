// The shape shared by `opswarden policy test|lint [path]` and `opswarden runbook
// validate|test [path]`: one command from a fixed set and at most one path. Usage errors
// are printed with the usage text; --help prints it.

import { parseArgs } from './args.ts';

/** The command and path, or the exit status when there is nothing to run (0 after --help, 2 on bad usage). */
export function parseCommandAndPath(
  area: string,
  argv: string[],
  opts: { usage: string; commands: readonly string[]; defaultPath: string },
): { command: string; path: string } | number {
  const err = (line: string) => process.stderr.write(`${line}\n\n${opts.usage}`);
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({
      positionals,
      values: { help },
    } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    err(`opswarden ${area}: ${(error as Error).message}`);
    return 2;
  }
  const [command, path = opts.defaultPath, ...extra] = positionals;
  if (help || command === 'help') {
    process.stdout.write(opts.usage);
    return 0;
  }
  if (!command || !opts.commands.includes(command)) {
    err(`opswarden ${area}: ${command ? `unknown command "${command}"` : 'missing command'}`);
    return 2;
  }
  if (extra.length) {
    err(`opswarden ${area} ${command}: one path at most, got ${positionals.length - 1}`);
    return 2;
  }
  return { command, path };
}
