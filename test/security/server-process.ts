// `opswarden serve --http` as a child process, the way an operator runs it: for attacks
// meant to stall or kill a server. In-process, a stalled event loop would stall the test
// too and nothing could tell; from the outside, the test stays free to time out, probe
// /healthz, and see the process exit.

import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ChildServer {
  /** http://127.0.0.1:port, without a path. */
  url: string;
  pid: number;
  /** What the process has written to stderr so far (its log; a fatal V8 error). */
  stderr(): string;
  /** SIGTERM, then the exit code once it exits (SIGKILL, and null, if it has not after 10 s). */
  stop(): Promise<number | null>;
}

/**
 * Starts the server on `port` with `configPath` and resolves once /healthz answers.
 * `command` runs it (the executable, then its first arguments): the source CLI on the
 * test's node when absent; e.g. [dist/cli.js] for the built command through its shebang.
 */
export async function spawnServer(
  configPath: string,
  port: number,
  command: readonly string[] = [process.execPath, CLI],
): Promise<ChildServer> {
  const child = spawn(
    command[0]!,
    [
      ...command.slice(1),
      'serve',
      '--http',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--config',
      configPath,
    ],
    { cwd: REPO, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersHealthz(url))) {
    if (!running) throw new Error(`opswarden serve exited before it answered /healthz: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `opswarden serve did not answer /healthz within ${READY_TIMEOUT_MS / 1000} s: ${stderr}`,
      );
    }
    await sleep(100);
  }
  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    async stop() {
      if (!running) return exited;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => 'late' as const)]);
      if (code !== 'late') return code;
      child.kill('SIGKILL');
      await exited;
      return null;
    },
  };
}

function answersHealthz(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/healthz`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
