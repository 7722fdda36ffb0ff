// The official MCP conformance suite (@modelcontextprotocol/conformance) against
// `opswarden serve --http`, spawned as a user would run it. Zero failures and zero
// warnings for the scenarios the spine owns.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CLI } from '../helpers/spawn.ts';
import { makeWorld, REPO, type World } from '../helpers/world.ts';

const CONFORMANCE = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/dist/index.js');
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'dns-rebinding-protection',
  'server-sse-polling',
  'server-sse-multiple-streams',
];

let world: World;
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  world = makeWorld({ extra: { logging: { level: 'info' } } });
  server = spawn(
    process.execPath,
    [FIXTURE_CLI, 'serve', '--http', '--port', '0', '--config', world.configPath],
    {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.includes('serving MCP over HTTP'));
      if (line) resolve(JSON.parse(line).url);
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
  });
});

afterAll(() => {
  server?.kill('SIGTERM');
  world?.cleanup();
});

describe('MCP conformance', () => {
  it.each(SCENARIOS)('%s: no failures, no warnings', (scenario) => {
    const run = spawnSync(process.execPath, [CONFORMANCE, 'server', '--url', url, '--scenario', scenario], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    const summary = output.match(/Passed:\s*(\d+)\/(\d+), (\d+) failed, (\d+) warnings/);
    expect(summary, output).not.toBeNull();
    const [, passed, total, failed, warnings] = summary!.map(Number);
    expect({ failed, warnings }, output).toEqual({ failed: 0, warnings: 0 });
    expect(passed, output).toBe(total);
    expect(run.status, output).toBe(0);
  });
});
