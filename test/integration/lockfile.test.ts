// package-lock.json is in step with package.json: `.ci/with-node` installs with `npm ci`,
// which refuses a lock out of step, and `npm install` would rewrite such a lock, leaving
// `git status` dirty after the README's commands. Both are checked on copies of the two
// files, so the working tree's node_modules is never touched.

import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/world.ts';
import { tempDir } from '../unit/audit/helpers.ts';

/** A directory holding copies of package.json and package-lock.json. */
function copyOfManifests(): string {
  const dir = tempDir();
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(REPO, file), join(dir, file));
  return dir;
}

function npm(args: string[], cwd: string) {
  const res = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('package-lock.json', () => {
  it('is what `npm install` writes for package.json: running npm leaves it unchanged', () => {
    const dir = copyOfManifests();
    const res = npm(['install', '--package-lock-only'], dir);
    expect(res.code, res.output).toBe(0);
    const rewritten = readFileSync(join(dir, 'package-lock.json'), 'utf8');
    expect(
      rewritten === readFileSync(join(REPO, 'package-lock.json'), 'utf8'),
      'npm install rewrote the lock: run `npm install` and keep the lock with package.json',
    ).toBe(true);
  }, 120_000);

  it('is accepted by `npm ci`, as .ci/with-node installs', () => {
    const res = npm(['ci', '--dry-run'], copyOfManifests());
    expect(res.code, res.output).toBe(0);
  }, 120_000);
});
