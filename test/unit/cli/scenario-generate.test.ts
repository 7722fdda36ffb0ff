// `opswarden scenario generate` as a user runs it: one scenario to stdout that validates,
// files in --out with one line each, the same output for the same flags, and usage errors
// that name the flag (exit 2).

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/sandbox/scenario/load.ts';
import { runCli } from '../../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'opswarden-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opswarden scenario generate', () => {
  it('prints one scenario as YAML, the same for the same flags', () => {
    const args = ['scenario', 'generate', '--category', 'dependency', '--seed', '4', '--count', '1'];
    const first = runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(parseScenario(first.stdout, 'stdout').truth?.rootCause.category).toBe('dependency');
    expect(runCli(args).stdout).toBe(first.stdout);
  });

  it('writes <dir>/<name>.yaml per scenario with --out, the categories in turn for all', () => {
    const out = join(dir, 'set');
    const res = runCli([
      'scenario',
      'generate',
      '--category',
      'all',
      '--seed',
      '9',
      '--count',
      '7',
      '--out',
      out,
    ]);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => l.split(' ')[1])).toEqual([
      'deploy',
      'config',
      'dependency',
      'capacity',
      'infrastructure',
      'external',
      'deploy',
    ]);
    expect(readdirSync(out)).toHaveLength(7);
    for (const line of lines) {
      const file = line.split(' ')[0]!;
      const scenario = parseScenario(readFileSync(file, 'utf8'), file);
      expect(file).toBe(join(out, `${scenario.name}.yaml`));
    }
    const valid = runCli(['scenario', 'validate', lines[0]!.split(' ')[0]!]);
    expect(valid.code, valid.stderr).toBe(0);
  });

  it.each([
    [['--seed', '1', '--count', '1'], /--category is required/],
    [['--category', 'network', '--seed', '1', '--count', '1'], /--category must be one of .* not "network"/],
    [['--category', 'all', '--seed', '-3', '--count', '1'], /--seed/],
    [
      ['--category', 'all', '--seed', 'abc', '--count', '1'],
      /--seed must be an integer from 0 to \d+, not "abc"/,
    ],
    [
      ['--category', 'all', '--seed', '1', '--count', '0'],
      /--count must be an integer from 1 to 1000, not "0"/,
    ],
    [['--category', 'all', '--seed', '1', '--count', '3'], /--count 3 needs --out <dir>/],
    [['--category', 'all', '--seed', '1', '--count', '1', '--ot', 'x'], /--ot.*did you mean --out/],
  ])('refuses %j with exit 2 and a message naming the flag', (flags, message) => {
    const res = runCli(['scenario', 'generate', ...flags]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('--help explains the flags', () => {
    const res = runCli(['scenario', 'generate', '--help']);
    expect(res.code).toBe(0);
    for (const flag of ['--category', '--seed', '--count', '--out', 'drill eval'])
      expect(res.stdout).toContain(flag);
    expect(runCli(['scenario', '--help']).stdout).toContain('generate --category');
  });
});
