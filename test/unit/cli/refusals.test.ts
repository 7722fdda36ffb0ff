// What the real CLI says when an operator gets something wrong: one line naming the problem
// (never a stack trace), the closest flag, command or scenario for a typo, and for the
// approvals/audit commands, which store they looked at — without creating an empty one that
// would answer "nothing pending" while a request waits in the server's.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { runCli } from '../../helpers/spawn.ts';
import { tempDir } from '../audit/helpers.ts';

/** stderr as its lines, without the trailing newline. */
const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('a typo gets the closest name', () => {
  it.each([
    [['serve', '--prot', '8787'], "opswarden serve: Unknown option '--prot' (did you mean --port?)"],
    [['sandbox', '--clok', 'frozen'], "opswarden sandbox: Unknown option '--clok' (did you mean --clock?)"],
    [
      ['approvals', 'list', '--stauts', 'all'],
      "opswarden approvals: Unknown option '--stauts' (did you mean --status?)",
    ],
    [
      ['init', '--kubconfig', 'x'],
      "opswarden init: Unknown option '--kubconfig' (did you mean --kubeconfig?)",
    ],
    [['doctor', '--hlep'], "opswarden doctor: Unknown option '--hlep' (did you mean --help?)"],
  ])('flag: %j', (args, line) => {
    const res = runCli(args);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toEqual([line]);
  });

  it('flag without a likely match points at --help', () => {
    const res = runCli(['serve', '--zzzzzzzz']);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toEqual(["opswarden serve: Unknown option '--zzzzzzzz' (see --help)"]);
  });

  it('flag of a subcommand (audit query)', () => {
    const res = runCli(['audit', 'query', '--principle', 'bob']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Unknown option '--principle' (did you mean --principal?)");
  });

  it('command', () => {
    const res = runCli(['aprovals', 'list']);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)[0]).toBe('opswarden: unknown command "aprovals" (did you mean approvals?)');
  });

  it('scenario name of the sandbox, listing the built-in ones', () => {
    const res = runCli(['sandbox', 'custmer-etl']);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toHaveLength(1);
    expect(res.stderr).toMatch(
      /^opswarden sandbox: scenario "custmer-etl" is neither a file nor a built-in scenario \(did you mean customer-etl\?\); the built-in ones: .*checkout-bad-deploy/,
    );
  });
});

describe('a failure is one line, not a stack trace', () => {
  /** A config whose store is a file that is no SQLite database. */
  function junkStore(): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.db'), 'this is not a database, '.repeat(40));
    writeFileSync(join(dir, 'opswarden.yaml'), yaml.dump({ store: { path: 'junk.db' } }));
    return join(dir, 'opswarden.yaml');
  }

  it.each([[['approvals', 'list']], [['audit', 'query']], [['audit', 'verify']]])(
    '%j on a store that is no database',
    (args) => {
      const res = runCli([...args, '--config', junkStore()]);
      expect(res.code).toBe(1);
      expect(lines(res.stderr)).toHaveLength(1);
      expect(res.stderr).toMatch(/^opswarden (approvals|audit): .*junk\.db.*not a database/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('OPSWARDEN_DEBUG=1 adds the stack trace', () => {
    const res = runCli(['approvals', 'list', '--config', junkStore()], { env: { OPSWARDEN_DEBUG: '1' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/\n\s+at openDatabase /);
  });
});

describe('approvals and audit read the server’s store, never a new one', () => {
  it.each([
    [['approvals', 'list']],
    [['approvals', 'show', 'abc123']],
    [['audit', 'query']],
    [['audit', 'verify']],
  ])('%j without a config, away from the server, refuses naming the store it looked for', (args) => {
    const elsewhere = tempDir();
    const res = runCli(args, { cwd: elsewhere, env: { OPSWARDEN_CONFIG: '' } });
    expect(res.code).toBe(1);
    expect(lines(res.stderr)).toHaveLength(1);
    expect(res.stderr).toContain(`no store at ${join(elsewhere, '.opswarden/opswarden.db')}`);
    expect(res.stderr).toContain('no config file found');
    expect(res.stderr).toContain('--config');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('names the config that pointed at a missing store', () => {
    const dir = tempDir();
    const config = join(dir, 'opswarden.yaml');
    writeFileSync(config, yaml.dump({ store: { path: 'state/opswarden.db' } }));
    const res = runCli(['approvals', 'list', '--config', config]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `no store at ${join(dir, 'state/opswarden.db')} (the store config ${config} names)`,
    );
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });

  it('finds the store through $OPSWARDEN_STATE_DIR and says which one it read when it is empty', () => {
    const state = tempDir();
    openDatabase(join(state, 'opswarden.db')).close();
    const res = runCli(['approvals', 'list'], { cwd: tempDir(), env: { OPSWARDEN_STATE_DIR: state } });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`no pending approval requests in ${join(state, 'opswarden.db')}\n`);
  });
});
