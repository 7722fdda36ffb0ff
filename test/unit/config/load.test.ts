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

// The environment table decides what counts as production: a mistake in it must stop the
// start, naming the key, instead of quietly gating less.
describe('environments', () => {
  const environments = (raw: unknown) => parseConfig({ environments: raw }, 'test', {}, '/tmp').environments;
  const environmentsError = (raw: unknown) => configError(() => environments(raw));

  it('defaults to the built-in alias table, each name its own alias, and production for anything unmapped', () => {
    expect(environments(undefined)).toEqual({
      aliases: {
        production: ['production', 'prod', 'prd', 'live'],
        staging: ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat'],
        development: ['development', 'dev', 'test', 'qa', 'sandbox'],
      },
      namespaces: {},
      default: 'production',
      clusters: {},
    });
  });

  it('normalizes mapped values and defaults to their canonical names (trimmed, any case)', () => {
    expect(
      environments({
        namespaces: { shop: ' Prod', web: 'STG' },
        default: 'Dev',
        clusters: { 'eu-1': { namespaces: { shop: 'uat' }, default: 'live' } },
      }),
    ).toMatchObject({
      namespaces: { shop: 'production', web: 'staging' },
      default: 'development',
      clusters: { 'eu-1': { namespaces: { shop: 'staging' }, default: 'production' } },
    });
  });

  it('lays configured names over the built-in ones: a listed name replaces its aliases, a new name is added', () => {
    expect(environments({ aliases: { staging: ['Staging-EU '], perf: ['load'] } }).aliases).toEqual({
      production: ['production', 'prod', 'prd', 'live'],
      staging: ['staging', 'staging-eu'],
      development: ['development', 'dev', 'test', 'qa', 'sandbox'],
      perf: ['perf', 'load'],
    });
  });

  it.each([
    [
      { namespaces: { shop: 'blue' } },
      /environments\.namespaces\.shop: "blue" is not an environment: use one of production, staging, development/,
    ],
    [{ default: 'prod-eu' }, /environments\.default: "prod-eu" is not an environment/],
    [
      { clusters: { 'eu-1': { namespaces: { web: 'stagin' } } } },
      /environments\.clusters\.eu-1\.namespaces\.web: "stagin" is not an environment/,
    ],
    [
      { clusters: { 'eu-1': { default: 'nope' } } },
      /environments\.clusters\.eu-1\.default: "nope" is not an environment/,
    ],
    [{ clusters: { 'eu-1': { namespace: {} } } }, /environments\.clusters\.eu-1\.namespace: unknown key/],
    [
      { aliases: { Staging: ['x'] } },
      /environments\.aliases\.Staging: the key must be a lowercase environment name/,
    ],
    [{ aliases: { staging: ['  '] } }, /environments\.aliases\.staging\[0\]: .*a non-empty value/],
  ])('names the key of a value that is not an environment: %j', (raw, message) => {
    expect(environmentsError(raw)).toMatch(message);
  });

  it('refuses an alias listed under two names, naming both', () => {
    expect(environmentsError({ aliases: { staging: ['stage', 'Live'] } })).toContain(
      'environments.aliases.staging: "live" is listed under both production (the built-in aliases of production) and staging (environments.aliases.staging)',
    );
    expect(environmentsError({ aliases: { perf: ['qa'], dev: ['perf'] } })).toMatch(
      /"qa" is listed under both development .* and perf \(environments\.aliases\.perf\)/,
    );
    expect(environmentsError({ aliases: { perf: ['x'], dev: ['perf'] } })).toContain(
      '"perf" is listed under both perf (environments.aliases.perf) and dev (environments.aliases.dev)',
    );
  });
});
