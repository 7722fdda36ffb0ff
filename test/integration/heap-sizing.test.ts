// The heap sizing reaches the server however it is launched: the `opswarden` command (the
// built dist/cli.js, run through its shebang as npx, npm -g and the container run it) and
// the Claude Desktop bundle carry HEAP_FLAGS, and a shared server started without them says
// so in its start-up log, naming the flags. Without the sizing, steady RSS under 8 clients
// passes 500 MiB (npm run bench:load -- --built --node-flags=none).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

const BUILT_CLI = join(REPO, 'dist/cli.js');
const START_TIMEOUT_MS = 30_000;

interface LogLine {
  level: number;
  msg: string;
  heapLimitMiB?: number;
}

/** Starts `serve --http` with `command`, returns its log lines up to "serving", and stops it. */
function startupLog(command: string[], configPath: string): Promise<LogLine[]> {
  const child = spawn(
    command[0]!,
    [...command.slice(1), 'serve', '--http', '--port', '0', '--config', configPath],
    {
      cwd: REPO,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as LogLine);
      if (!lines.some((l) => l.msg === 'opswarden serving MCP over HTTP')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // Warnings logged right after the serving line arrive in the same write or the next.
      setTimeout(() => {
        child.kill('SIGTERM');
        resolve(
          stderr
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as LogLine),
        );
      }, 300);
    });
  });
}

describe('heap sizing', () => {
  let dir: string;
  let config: string;
  beforeAll(() => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first`);
    dir = mkdtempSync(join(tmpdir(), 'opswarden-heap-'));
    config = join(dir, 'opswarden.yaml');
    writeFileSync(config, `store: { path: ${join(dir, 'opswarden.db')} }\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the opswarden command starts Node with HEAP_FLAGS, and the bundle passes the same flags', () => {
    const shebang = readFileSync(BUILT_CLI, 'utf8').split('\n', 1)[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${HEAP_FLAGS.join(' ')}`);
    const manifest = JSON.parse(readFileSync(join(REPO, 'deploy/mcpb/manifest.json'), 'utf8')) as {
      server: { mcp_config: { command: string; args: string[] } };
    };
    expect(manifest.server.mcp_config.command).toBe('node');
    expect(manifest.server.mcp_config.args.slice(0, HEAP_FLAGS.length)).toEqual([...HEAP_FLAGS]);
  });

  it('a server run as the opswarden command runs on the sized heap and does not warn', async () => {
    const log = await startupLog([BUILT_CLI], config);
    const serving = log.find((l) => l.msg === 'opswarden serving MCP over HTTP')!;
    const oldSpace = Number(/--max-old-space-size=(\d+)/.exec(HEAP_FLAGS.join(' '))![1]);
    expect(serving.heapLimitMiB).toBeGreaterThanOrEqual(oldSpace);
    expect(serving.heapLimitMiB).toBeLessThan(oldSpace + 100);
    expect(log.filter((l) => l.msg.includes('heap is not sized'))).toEqual([]);
  });

  it('a server started with plain node says its heap is not sized and how to size it', async () => {
    const log = await startupLog([process.execPath, CLI], config);
    const warning = log.find((l) => l.level === 40 && l.msg.includes('heap is not sized'));
    expect(warning?.msg).toContain(`node ${HEAP_FLAGS.join(' ')}`);
    expect(warning?.heapLimitMiB).toBeGreaterThan(512);
  });
});
