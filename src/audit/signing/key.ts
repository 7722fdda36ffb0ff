// The server's checkpoint signing key (audit.checkpoints.keyFile). A checkpoint proves
// nothing if whoever can rewrite the log can also read the key, so the server refuses to
// start when the key sits in the store's or the mirror's directory, or when group or
// others may read it: one line naming the key and what to do.

import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../../config/load.ts';
import { keyIdOf } from './checkpoint.ts';

export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

const KEY = 'audit.checkpoints.keyFile';

/** The key at `keyFile`, after checking it is out of the attacker's reach; throws ConfigError. */
export function loadCheckpointKey(
  keyFile: string,
  logFiles: { storePath: string; jsonlPath: string },
): CheckpointKey {
  let mode: number;
  try {
    mode = statSync(keyFile).mode;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      `${KEY} ${keyFile}: ${missing ? `no such file; make one with \`opswarden audit keygen --out ${keyFile}\`` : (err as Error).message}`,
    );
  }
  const logDir = logDirectoryHolding(keyFile, logFiles);
  if (logDir) {
    throw new ConfigError(
      `${KEY} ${keyFile} is inside ${logDir}: whoever can rewrite the log could read it; move it elsewhere`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `${KEY} ${keyFile} is readable by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${keyFile}`,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${KEY} ${keyFile} is not a private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      `${KEY} ${keyFile} must be an Ed25519 key (\`opswarden audit keygen\`), got ${privateKey.asymmetricKeyType}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * "the store's directory <dir>" (or the mirror's) when `path` lies in it or below, where
 * whoever can rewrite the log can reach it too; undefined when it lies elsewhere.
 */
export function logDirectoryHolding(
  path: string,
  logFiles: { storePath: string; jsonlPath: string },
): string | undefined {
  for (const [what, file] of [
    ["the store's", logFiles.storePath],
    ["the audit mirror's", logFiles.jsonlPath],
  ] as const) {
    if (file === ':memory:') continue;
    const dir = realOrResolved(dirname(file));
    const rel = relative(dir, realOrResolved(path));
    if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)))
      return `${what} directory ${dir}`;
  }
  return undefined;
}

/** Symlinks resolved where the path exists, so a link cannot smuggle a file out of sight. */
function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(resolve(path));
    return parent === resolve(path) ? parent : join(realOrResolved(parent), basename(path));
  }
}
