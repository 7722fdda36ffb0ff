// How a command ends. A failure is one line on stderr, `opswarden <command>: <what, why>`,
// whatever threw it (a bad flag, an unreadable file, a store that is no database, a host that
// does not answer): exit 2 for usage and config, 1 for the rest; OPSWARDEN_DEBUG=1 adds the
// stack trace. And the process exits only once stdout and stderr have handed everything to
// the OS: process.exit() drops what a slow reader on a pipe has not taken yet, so
// `opswarden audit query --json | consumer` could lose most of its records and still exit 0.

import { ConfigError } from '../config/error.ts';

export interface Refusal {
  line: string;
  code: 1 | 2;
}

export function refusal(command: string, err: unknown, env: NodeJS.ProcessEnv = process.env): Refusal {
  const usage = err instanceof ConfigError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
  const where = command ? `opswarden ${command}` : 'opswarden';
  const detail = env.OPSWARDEN_DEBUG && err instanceof Error ? `\n${err.stack}` : '';
  return { line: `${where}: ${oneLine(describe(err))}${detail}`, code: usage ? 2 : 1 };
}

/** The error's message, with its cause when the message alone says too little ("fetch failed"). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause && !err.message.includes(cause) ? `${err.message}: ${cause}` : err.message;
}

/** A message that may list issues on indented lines, as one line. */
export function oneLine(message: string): string {
  return message
    .trim()
    .replace(/:\s*\n\s*/g, ': ')
    .replace(/\s*\n\s*/g, '; ');
}

/** Sets the exit code and exits once everything written to stdout and stderr is out. */
export async function exitWhenWritten(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([process.stdout, process.stderr].map(written));
  process.exit(code);
}

/** Resolves when what `stream` holds has been handed over (or the reader is gone). */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/** A reader that goes away early (`| head`) ends this process quietly, as it ends `cat`. */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
}
