import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);

// src/cli/command-path.ts
import { parseArgs } from "node:util";
function parseCommandAndPath(area, argv, opts) {
  const err = (line) => process.stderr.write(`${line}

${opts.usage}`);
  let positionals;
  let help;
  try {
    ({
      positionals,
      values: { help }
    } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: "boolean", short: "h" } }
    }));
  } catch (error) {
    err(`opswarden ${area}: ${error.message}`);
    return 2;
  }
  const [command, path = opts.defaultPath, ...extra] = positionals;
  if (help || command === "help") {
    process.stdout.write(opts.usage);
    return 0;
  }
  if (!command || !opts.commands.includes(command)) {
    err(`opswarden ${area}: ${command ? `unknown command "${command}"` : "missing command"}`);
    return 2;
  }
  if (extra.length) {
    err(`opswarden ${area} ${command}: one path at most, got ${positionals.length - 1}`);
    return 2;
  }
  return { command, path };
}

export {
  parseCommandAndPath
};
