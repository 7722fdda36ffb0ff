// Ed25519 private key files, as the two keygens write them (`approvals keygen` for an
// approver, `audit keygen` for the server's checkpoint signer): PKCS#8 PEM, mode 600,
// never over an existing file (a lost key would void everything it signed).

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** Writes a new key to `out` and returns its public half; throws saying why it could not. */
export function writeNewSigningKey(out: string): KeyObject {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EEXIST'
        ? `${out} already exists; keygen never overwrites a key`
        : `cannot write ${out}: ${(err as Error).message}`,
    );
  }
  return publicKey;
}
