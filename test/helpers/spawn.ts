// Runs the real CLI (with fixture tools) as a child process, the way a user or an MCP
// client starts it, using the same node that runs the tests.

import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './world.ts';

export const FIXTURE_CLI = join(REPO, 'test/fixtures/serve-with-fixtures.ts');
export const CLI = join(REPO, 'src/cli.ts');

export function runCli(
  args: string[],
  opts: { cli?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
) {
  const res = spawnSync(process.execPath, [opts.cli ?? CLI, ...args], {
    cwd: opts.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: opts.timeoutMs ?? 30_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * runCli without blocking the event loop: for a CLI talking to a server in this process.
 * `withoutRootOverride` runs it, when the tests run as root, in a new user namespace
 * (`unshare -U`): it keeps root's ownership of the checkout, wherever it was cloned, but
 * loses the capability to write where the mode bits say no, as an ordinary user would.
 */
export function runCliAsync(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; withoutRootOverride?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = [process.execPath, CLI, ...args];
  if (opts.withoutRootOverride && process.getuid?.() === 0) command.unshift('unshare', '--user');
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: REPO,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
