// The official MCP Inspector (its CLI mode, the current release fetched with npx as a user
// would run it) lists and calls opswarden's tools over stdio and over Streamable HTTP, and
// finds no error-severity portability problem in the tool schemas (--strict exits 6 on one).

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';
import { type SecurityWorld, startSecurityWorld } from '../security/harness.ts';

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
/** The first run downloads the Inspector into npm's cache. */
const RUN_TIMEOUT_MS = 180_000;

let home: string;
let w: SecurityWorld;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'opswarden-inspector-'));
  w = await startSecurityWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
  rmSync(home, { recursive: true, force: true });
});

/**
 * `npx <inspector> --cli <args>`: its JSON answer, or the failure with what it printed. Not
 * spawnSync: the HTTP server it talks to runs in this process and must keep serving.
 */
async function inspector(
  args: string[],
): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  const res = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npx',
      ['-y', INSPECTOR, '--cli', ...args],
      {
        cwd: REPO,
        timeout: RUN_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        // This Node first on PATH (the Inspector needs >= 22.19), and a cache of its own.
        env: {
          ...process.env,
          PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
          npm_config_cache: join(home, '.npm'),
          npm_config_update_notifier: 'false',
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(res.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(
      `inspector ${args.join(' ')} printed no JSON (exit ${res.code}):\n${res.stdout}\n${res.stderr}`,
    );
  }
  return { code: res.code, json, stderr: res.stderr };
}

const sandbox = (dir: string) => [
  '--',
  process.execPath,
  CLI,
  'sandbox',
  '--clock',
  'frozen',
  '--dir',
  join(home, dir),
];

describe('the MCP Inspector CLI', () => {
  it(
    'lists the tools over stdio, and --strict finds no error in their schemas',
    async () => {
      const listed = await inspector(['--strict', '--method', 'tools/list', ...sandbox('list')]);
      expect(listed.code, listed.stderr).toBe(0);
      const names = (listed.json.tools as { name: string }[]).map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['k8s_pods_list', 'prom_query', 'runbook_run']));
      expect(listed.stderr).toMatch(/\b0 errors\b/);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'calls a tool over stdio and gets its structured result',
    async () => {
      const called = await inspector([
        '--method',
        'tools/call',
        '--tool-name',
        'k8s_pods_list',
        '--tool-arg',
        'namespace=data',
        ...sandbox('call'),
      ]);
      expect(called.code, called.stderr).toBe(0);
      expect(called.json.isError).toBeFalsy();
      expect((called.json.structuredContent as { total: number }).total).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'lists and calls over Streamable HTTP with a bearer token',
    async () => {
      const http = [
        '--transport',
        'http',
        '--server-url',
        `${w.url}/mcp`,
        '--header',
        `Authorization: Bearer ${w.tokens.agent}`,
      ];
      const listed = await inspector([...http, '--method', 'tools/list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect((listed.json.tools as unknown[]).length).toBeGreaterThan(40);
      const called = await inspector([
        ...http,
        '--method',
        'tools/call',
        '--tool-name',
        'k8s_pods_list',
        '--tool-arg',
        'namespace=shop',
      ]);
      expect(called.code, called.stderr).toBe(0);
      expect((called.json.structuredContent as { total: number }).total).toBeGreaterThan(0);
      const [call] = w.auditRecords({ tool: 'k8s_pods_list', type: 'tool.call' }).slice(-1);
      expect(call!.principal).toBe('agent');
    },
    RUN_TIMEOUT_MS,
  );
});
