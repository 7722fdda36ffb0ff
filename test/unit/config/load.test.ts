// Loading opswarden.yaml the way an operator meets it: defaults with no file, `${VAR}`
// secrets, errors that point at the offending key, paths relative to the file, which
// file wins, and what `config check` may print.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  maskSecrets,
  parseConfig,
  resolveConfigPath,
} from '../../../src/config/load.ts';
import { hashApiKey } from '../../../src/server/auth/api-keys.ts';
import { tempDir } from '../audit/helpers.ts';

const API_KEY = 'ow_test_0123456789abcdef';
const SHIPPED_POLICY = fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url));
/** A `${NAME}` reference as written in opswarden.yaml. */
const envRef = (name: string) => `\${${name}}`;

/** Writes `raw` as opswarden.yaml in a fresh directory and returns its path. */
function configFile(raw: unknown): string {
  const path = join(tempDir(), 'opswarden.yaml');
  writeFileSync(path, typeof raw === 'string' ? raw : yaml.dump(raw));
  return path;
}

/** The ConfigError message `load` throws; fails the test if it loads. */
function configError(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError, the config loaded');
}

describe('loadConfig', () => {
  it('runs on documented defaults when there is no file: the shipped policy, state under the working directory', () => {
    const { config, path } = loadConfig(undefined, {});
    expect(path).toBeUndefined();
    expect(config).toMatchObject({
      server: {
        name: 'opswarden',
        readOnly: false,
        http: { host: '127.0.0.1', port: 8787, stateless: false },
      },
      principal: { id: 'local-user', type: 'human', roles: [] },
      principals: [],
      policy: { bundle: SHIPPED_POLICY, watch: true, changeFreeze: [] },
      environments: { default: 'production' },
      store: { path: join(process.cwd(), '.opswarden/opswarden.db') },
      audit: { jsonl: join(process.cwd(), '.opswarden/audit.jsonl') },
      approvals: { elicitationTimeout: '5m' },
      output: { maxBytes: 16_384 },
      limits: { toolTimeout: '60s' },
    });
    expect(config.auth).toBeUndefined();
  });

  it('treats an empty file as all defaults', () => {
    const path = configFile('');
    expect(loadConfig(path, {}).config.server.http.port).toBe(8787);
  });

  it('expands environment references anywhere in a string, from the given environment', () => {
    const path = configFile({
      server: { name: `ow-${envRef('REGION')}-${envRef('STAGE')}` },
      auth: { apiKeys: [{ id: 'ci-bot', type: 'agent', roles: [], key: envRef('CI_KEY') }] },
    });
    const { config } = loadConfig(path, { REGION: 'eu', STAGE: 'prod', CI_KEY: API_KEY });
    expect(config.server.name).toBe('ow-eu-prod');
    expect(config.auth?.apiKeys).toEqual([
      { id: 'ci-bot', type: 'agent', roles: [], sha256: hashApiKey(API_KEY) },
    ]);
  });

  it('names the key and the variable when a referenced environment variable is unset', () => {
    const path = configFile({ auth: { apiKeys: [{ id: 'ci-bot', type: 'agent', key: envRef('CI_KEY') }] } });
    expect(configError(() => loadConfig(path, {}))).toBe(
      `${path}: auth.apiKeys[0].key: environment variable CI_KEY is not set`,
    );
  });

  it('names every unknown key by its path', () => {
    const path = configFile({ server: { htpp: { port: 80 }, nmae: 'x' }, polcy: {} });
    const message = configError(() => loadConfig(path, {}));
    expect(message).toContain(`invalid config ${path}:`);
    expect(message).toContain('server.htpp: unknown key');
    expect(message).toContain('server.nmae: unknown key');
    expect(message).toContain('polcy: unknown key');
  });

  it.each([
    [{ server: { http: { port: 'eighty' } } }, /server\.http\.port: .*expected number, received string/],
    [{ server: { http: { port: 70_000 } } }, /server\.http\.port: .*65535/],
    [
      { principals: [{ id: 'alice', type: 'robot' }] },
      /principals\[0\]\.type: .*"human"\|"agent"\|"service"/,
    ],
    [{ limits: { toolTimeout: '1 minute' } }, /limits\.toolTimeout: a duration like 90s, 15m, 1h or 7d/],
    [{ policy: { watch: 'yes' } }, /policy\.watch: .*expected boolean/],
    [
      { auth: { apiKeys: [{ id: 'ci', type: 'agent', key: 'short' }] } },
      /auth\.apiKeys\[0\]\.key: an API key needs at least 16 characters/,
    ],
  ])('names the path and what was expected for a wrong value: %j', (raw, message) => {
    expect(configError(() => loadConfig(configFile(raw), {}))).toMatch(message);
  });

  it('says so when the file is missing or not YAML', () => {
    const missing = join(tempDir(), 'nope.yaml');
    expect(configError(() => loadConfig(missing, {}))).toMatch(`cannot read config ${missing}`);
    const broken = configFile('server: [unclosed');
    expect(configError(() => loadConfig(broken, {}))).toMatch(`${broken}: invalid YAML`);
    const scalar = configFile('just text');
    expect(configError(() => loadConfig(scalar, {}))).toMatch(/\(top level\): .*expected object/);
  });

  it("resolves relative paths against the config file's directory, keeping absolute ones and :memory:", () => {
    const dir = tempDir();
    const path = join(dir, 'etc', 'opswarden.yaml');
    mkdirSync(join(dir, 'etc'));
    writeFileSync(
      path,
      yaml.dump({
        policy: { bundle: 'policies/prod.yaml' },
        store: { path: '../var/opswarden.db' },
        audit: { jsonl: '/var/log/opswarden/audit.jsonl' },
        runbooks: { dir: 'runbooks' },
      }),
    );
    const { config } = loadConfig(path, {});
    expect(config.runbooks.dir).toBe(join(dir, 'etc/runbooks'));
    expect(config.policy.bundle).toBe(join(dir, 'etc/policies/prod.yaml'));
    expect(config.store.path).toBe(join(dir, 'var/opswarden.db'));
    expect(config.audit.jsonl).toBe('/var/log/opswarden/audit.jsonl');
    expect(parseConfig({ store: { path: ':memory:' } }, 'test', {}, dir).store.path).toBe(':memory:');
  });
});

describe('resolveConfigPath', () => {
  it('prefers --config, then $OPSWARDEN_CONFIG, then ./opswarden.yaml, else none', () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(resolveConfigPath(undefined, {})).toBeUndefined();
      writeFileSync(join(dir, 'opswarden.yaml'), '');
      expect(resolveConfigPath(undefined, {})).toBe(join(dir, 'opswarden.yaml'));
      expect(resolveConfigPath(undefined, { OPSWARDEN_CONFIG: 'from-env.yaml' })).toBe(
        join(dir, 'from-env.yaml'),
      );
      expect(resolveConfigPath('conf/flag.yaml', { OPSWARDEN_CONFIG: 'from-env.yaml' })).toBe(
        join(dir, 'conf/flag.yaml'),
      );
      expect(resolveConfigPath('/etc/opswarden.yaml', {})).toBe('/etc/opswarden.yaml');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('maskSecrets', () => {
  it('masks string values of key/token/secret/password/sha256 keys at any depth, and nothing else', () => {
    const config = {
      auth: { apiKeys: [{ id: 'ci-bot', type: 'agent', roles: ['responder'], sha256: 'f'.repeat(64) }] },
      backends: {
        pagerduty: { apiToken: 't0k3n', url: 'https://api.pagerduty.com' },
        db: { user: 'ops', password: 'hunter2', port: 5432 },
        vault: { clientSecret: 's3cr3t', signingKey: 'k3y', keys: ['a', 'b'] },
      },
      server: { name: 'opswarden', readOnly: false },
    };
    expect(maskSecrets(config)).toEqual({
      auth: { apiKeys: [{ id: 'ci-bot', type: 'agent', roles: ['responder'], sha256: '***' }] },
      backends: {
        pagerduty: { apiToken: '***', url: 'https://api.pagerduty.com' },
        db: { user: 'ops', password: '***', port: 5432 },
        vault: { clientSecret: '***', signingKey: '***', keys: ['a', 'b'] },
      },
      server: { name: 'opswarden', readOnly: false },
    });
    expect(config.backends.db.password).toBe('hunter2');
  });
});
