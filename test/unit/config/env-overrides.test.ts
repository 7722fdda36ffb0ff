// The OPSWARDEN_* variables an installer (Claude Desktop bundle, MCP registry entry) sets
// instead of writing a file: each sets its one key over the file, empty means unset, a bad
// value is refused naming the variable, and the sandbox's own config ignores them all.

import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ENV_OVERRIDES } from '../../../src/config/env-overrides.ts';
import { ConfigError, loadConfig } from '../../../src/config/load.ts';
import { runCli } from '../../helpers/spawn.ts';
import { tempDir } from '../audit/helpers.ts';

function configFile(raw: unknown): string {
  const path = join(tempDir(), 'opswarden.yaml');
  writeFileSync(path, yaml.dump(raw));
  return path;
}

const installerEnv = {
  OPSWARDEN_KUBECONFIG: 'kube/config',
  OPSWARDEN_PROMETHEUS_URL: 'http://prometheus.monitoring:9090',
  OPSWARDEN_ALERTMANAGER_URL: 'http://alertmanager.monitoring:9093',
  OPSWARDEN_CLOUDWATCH_REGION: 'eu-west-1',
  OPSWARDEN_STATE_DIR: 'state',
};

describe('config from OPSWARDEN_* environment variables', () => {
  it('sets every backend without a file; a relative kubeconfig is taken from the working directory', () => {
    const { config, fromEnv } = loadConfig(undefined, installerEnv);
    expect(config.kubernetes?.kubeconfig).toBe(resolve('kube/config'));
    expect(config.prometheus?.url).toBe('http://prometheus.monitoring:9090');
    expect(config.alertmanager?.url).toBe('http://alertmanager.monitoring:9093');
    expect(config.cloudwatch?.region).toBe('eu-west-1');
    expect(config.store.path).toBe(resolve('state/opswarden.db'));
    expect(config.audit.jsonl).toBe(resolve('state/audit.jsonl'));
    expect(new Set(fromEnv.map((o) => o.env))).toEqual(new Set(ENV_OVERRIDES.map((o) => o.env)));
  });

  it('wins over the file for its key only, keeping the rest of the section', () => {
    const path = configFile({
      store: { path: 'file-state/opswarden.db' },
      prometheus: { url: 'http://old:9090', bearerToken: 'file-token', limits: { maxSeries: 42 } },
      cloudwatch: { region: 'us-east-1', profile: 'ops' },
    });
    const { config } = loadConfig(path, {
      OPSWARDEN_PROMETHEUS_URL: 'http://new:9090',
      OPSWARDEN_CLOUDWATCH_REGION: 'eu-central-1',
      OPSWARDEN_STATE_DIR: '/var/lib/opswarden',
    });
    expect(config.store.path).toBe('/var/lib/opswarden/opswarden.db');
    expect(config.prometheus).toMatchObject({
      url: 'http://new:9090',
      bearerToken: 'file-token',
      limits: { maxSeries: 42 },
    });
    expect(config.cloudwatch).toMatchObject({ region: 'eu-central-1', profile: 'ops' });
  });

  it('takes an empty or blank variable as unset (how installers pass an optional field left empty)', () => {
    const path = configFile({ prometheus: { url: 'http://kept:9090' } });
    const { config, fromEnv } = loadConfig(path, {
      OPSWARDEN_PROMETHEUS_URL: '',
      OPSWARDEN_ALERTMANAGER_URL: '  ',
    });
    expect(config.prometheus?.url).toBe('http://kept:9090');
    expect(config.alertmanager).toBeUndefined();
    expect(fromEnv).toEqual([]);
  });

  it('expands variable references ($HOME) in a value as the config file does, and names the variable when one is unset', () => {
    const { config } = loadConfig(undefined, {
      HOME: '/home/oncall',
      OPSWARDEN_KUBECONFIG: `\${HOME}/.kube/config`,
    });
    expect(config.kubernetes?.kubeconfig).toBe('/home/oncall/.kube/config');
    expect(() => loadConfig(undefined, { OPSWARDEN_STATE_DIR: `\${NOPE}/state` })).toThrow(
      '$OPSWARDEN_STATE_DIR: environment variable NOPE is not set',
    );
  });

  it('refuses a bad value naming the key and the variable that set it', () => {
    // An installer that did not substitute an optional field passes its placeholder through.
    const load = () => loadConfig(undefined, { OPSWARDEN_PROMETHEUS_URL: `\${user_config.prometheus_url}` });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/prometheus\.url \(from \$OPSWARDEN_PROMETHEUS_URL\): /);
  });

  it('leaves a section the file got wrong for validation to name', () => {
    const path = configFile({ prometheus: 'http://not-a-section:9090' });
    expect(() => loadConfig(path, { OPSWARDEN_PROMETHEUS_URL: 'http://new:9090' })).toThrow(/prometheus/);
  });

  it('is ignored when the caller opts out (the sandbox points at its own world)', () => {
    const path = configFile({ prometheus: { url: 'http://127.0.0.1:19090' } });
    const { config, fromEnv } = loadConfig(path, installerEnv, { envOverrides: false });
    expect(config.prometheus?.url).toBe('http://127.0.0.1:19090');
    expect(config.kubernetes).toBeUndefined();
    expect(fromEnv).toEqual([]);
  });

  it('`config check` shows which keys the environment set', () => {
    const path = configFile({ server: { name: 'edge' } });
    const res = runCli(['config', 'check', '--config', path], {
      env: { OPSWARDEN_PROMETHEUS_URL: 'http://prom.example:9090' },
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('# prometheus.url set by $OPSWARDEN_PROMETHEUS_URL\n');
    const json = res.stdout.slice(res.stdout.indexOf('{'));
    expect(JSON.parse(json).prometheus.url).toBe('http://prom.example:9090');
  });
});
