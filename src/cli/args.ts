// Every command's flags are parsed here: node's parseArgs, with one change to what a typo
// gets. Node answers `--clok` with "Unknown option '--clok'. To specify a positional argument
// starting with a '-', place it at the end…", which is no help at 3 a.m.; this names the
// closest flag the command does have. The error keeps node's code, so callers that handle
// ERR_PARSE_ARGS_* errors as usage errors still do.

import { type ParseArgsConfig, parseArgs as parseNodeArgs } from 'node:util';
import { closestName } from '../closest-name.ts';

export function parseArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseNodeArgs<T>> {
  try {
    return parseNodeArgs(config);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const flag = /^Unknown option '([^']+)'/.exec((err as Error).message)?.[1];
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !flag) throw err;
    throw Object.assign(new Error(unknownOptionMessage(flag, Object.keys(config.options ?? {}))), { code });
  }
}

/** "Unknown option '--clok' (did you mean --clock?)", or pointing at --help without a likely one. */
export function unknownOptionMessage(flag: string, known: readonly string[]): string {
  const name = flag.replace(/^--?/, '').split('=')[0] ?? '';
  const closest = flag.startsWith('--') ? closestName(name, known) : undefined;
  return `Unknown option '${flag}' (${closest ? `did you mean --${closest}?` : 'see --help'})`;
}
