// The parent's handle on the benchmark's HTTP server child (http-server.ts): start it and
// learn its URL, mark/report its event-loop utilization, read its CPU time, stop it. A
// child that does not start, answer or stop in time is reported with its stderr, or killed.

import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { REPO } from '../helpers/world.ts';

const SERVER_SCRIPT = join(REPO, 'test/bench/http-server.ts');
const REPLY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ServerProcess {
  url: string;
  /** Starts the event-loop utilization window. */
  mark(): void;
  /** Share of time the server's event loop was busy since mark(), 0..1. */
  report(): Promise<number>;
  /** CPU time (user + system) the server has used, from /proc; undefined off Linux. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

export async function startServerProcess(configPath: string): Promise<ServerProcess> {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    [SERVER_SCRIPT, configPath],
    { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const pending: ((line: string) => void)[] = [];
  const queued: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = pending.shift();
    if (waiter) waiter(line);
    else queued.push(line);
  });

  function nextReply<T>(what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const failed = (why: string) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        reject(new Error(`bench HTTP server ${why} (waiting for ${what}); its stderr:\n${stderr}`));
      };
      const onExit = (code: number | null) => failed(`exited with code ${code}`);
      const timer = setTimeout(
        () => failed(`did not answer within ${REPLY_TIMEOUT_MS} ms`),
        REPLY_TIMEOUT_MS,
      );
      child.once('exit', onExit);
      const take = (line: string) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        try {
          resolve(JSON.parse(line) as T);
        } catch {
          failed(`printed ${JSON.stringify(line)}`);
        }
      };
      const line = queued.shift();
      if (line !== undefined) take(line);
      else pending.push(take);
    });
  }

  async function stop(): Promise<void> {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  try {
    const { url } = await nextReply<{ url: string }>('its URL');
    return {
      url,
      mark: () => {
        child.stdin.write('mark\n');
      },
      report: async () => {
        child.stdin.write('report\n');
        return (await nextReply<{ eventLoopUtilization: number }>('a report')).eventLoopUtilization;
      },
      cpuMs: () => processCpuMs(child.pid),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ = 100).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
