// Writes the config `opswarden init` drafted, readable by its owner only (600) whatever
// the umask, and only at the path asked for: never through a symlink planted there, never
// over an existing file unless replacing was asked for, never into a directory that does
// not exist. The text goes to a private temp file beside the target first, then takes its
// place in one step (link when nothing may be replaced, so a file that appeared meanwhile
// still wins; rename when replacing), so a reader never sees half a config.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/** Why `path` cannot take a new config, or undefined when it can. */
export function configTargetProblem(path: string, replace: boolean): string | undefined {
  const dir = dirname(path);
  let dirStat: ReturnType<typeof statSync>;
  try {
    dirStat = statSync(dir);
  } catch {
    return `directory ${dir} does not exist; create it first or choose another --config`;
  }
  if (!dirStat.isDirectory()) return `${dir} is not a directory`;
  let existing: ReturnType<typeof lstatSync>;
  try {
    existing = lstatSync(path);
  } catch {
    return undefined;
  }
  if (existing.isSymbolicLink()) return `${path} is a symbolic link; refusing to write through it`;
  if (!existing.isFile()) return `${path} exists and is not a regular file`;
  if (!replace) return `${path} already exists; pass --force to replace it, or --config <another file>`;
  return undefined;
}

export function writeConfigFile(path: string, text: string, opts: { replace: boolean }): void {
  const problem = configTargetProblem(path, opts.replace);
  if (problem) throw new ConfigFileError(problem);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.replace) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ConfigFileError(`${path} appeared while writing; nothing replaced`);
    throw new ConfigFileError(`cannot write ${path}: ${(err as Error).message}`);
  } finally {
    rmSync(temp, { force: true });
  }
}
