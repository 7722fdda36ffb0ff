// Runs the real CLI on a pseudo-terminal, as a person at a shell runs it: util-linux
// `script` gives the child a tty (so the CLI's interactive prompts switch on), and the test
// types its answer once the prompt has appeared. A missing `script` fails the test saying
// what to install (DESIGN §7: never a skip).

import { spawn, spawnSync } from 'node:child_process';
import { CLI } from './spawn.ts';
import { REPO } from './world.ts';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export function runCliOnTerminal(
  args: string[],
  opts: { prompt: string; answer: string; timeoutMs?: number },
): Promise<{ code: number | null; output: string }> {
  if (spawnSync('script', ['--version']).error)
    throw new Error(
      '`script` (util-linux) is not on PATH: install util-linux / bsdutils to run terminal tests',
    );
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 30_000,
    });
    let output = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && output.includes(opts.prompt)) {
        answered = true;
        child.stdin.write(`${opts.answer}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
