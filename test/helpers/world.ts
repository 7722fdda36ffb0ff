// A throwaway opswarden world for tests: a temp dir with a policy bundle, a config file
// pointing the store and audit log into it, and the principals the gate tests use.

import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { publicKeyText } from '../../src/approvals/proof.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Principal } from '../../src/types.ts';

export const REPO = resolve(import.meta.dirname, '../..');
export const GATE_POLICY = join(REPO, 'test/fixtures/gate-policy.yaml');
export const DEFAULT_POLICY = join(REPO, 'policies/default.yaml');

export const agent: Principal = {
  id: 'claude-agent',
  type: 'agent',
  roles: ['responder'],
  transport: 'in-memory',
};
export const alice: Principal = { id: 'alice', type: 'human', roles: ['sre-oncall'], transport: 'cli' };

export interface World {
  dir: string;
  configPath: string;
  policyPath: string;
  config: Config;
  /** The signing key file (mode 600) of a CLI approver: `approvals approve <id> --key <file>`. */
  keyOf(principal: 'alice' | 'bob'): string;
  cleanup(): void;
}

/** An Ed25519 signing key written to `dir/<id>.key` (mode 600); returns its public key line. */
function approverKey(dir: string, id: string): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, `${id}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return publicKeyText(publicKey);
}

/** Writes policy + opswarden.yaml into a temp dir; `extra` is merged into the config. */
export function makeWorld(opts: { policy?: string; extra?: Record<string, unknown> } = {}): World {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-test-'));
  const policyPath = join(dir, 'policy.yaml');
  copyFileSync(opts.policy ?? GATE_POLICY, policyPath);
  const raw = {
    principal: { id: 'claude-agent', type: 'agent', roles: ['responder'] },
    principals: [
      { id: 'alice', type: 'human', roles: ['sre-oncall'], publicKey: approverKey(dir, 'alice') },
      { id: 'bob', type: 'human', roles: ['developer'], publicKey: approverKey(dir, 'bob') },
    ],
    policy: { bundle: 'policy.yaml', watch: false },
    environments: { namespaces: { shop: 'production', payments: 'production', staging: 'staging' } },
    store: { path: 'opswarden.db' },
    audit: { jsonl: 'audit.jsonl' },
    logging: { level: 'silent' },
    ...opts.extra,
  };
  const configPath = join(dir, 'opswarden.yaml');
  writeFileSync(configPath, yaml.dump(raw));
  const { config } = loadConfig(configPath);
  return {
    dir,
    configPath,
    policyPath,
    config,
    keyOf: (principal) => join(dir, `${principal}.key`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
