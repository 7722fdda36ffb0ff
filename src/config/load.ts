// Finds, expands and validates opswarden.yaml. Errors name the key path and what was
// expected, because a typo in config is the most common 3 a.m. failure. Relative paths
// in the file are resolved against the file's directory. A few keys can be set from the
// environment over the file (OPSWARDEN_PROMETHEUS_URL…, src/config/env-overrides.ts), for
// installers that pass settings as environment variables.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { yamlPath } from '../yaml-path.ts';
import { type AppliedOverride, applyEnvOverrides } from './env-overrides.ts';
import { ConfigError } from './error.ts';
import { type Config, configSchema } from './schema.ts';
import { expandVariables } from './variables.ts';

export { ConfigError } from './error.ts';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined when running on defaults. */
  path: string | undefined;
  /** Keys set by environment variables over the file (src/config/env-overrides.ts). */
  fromEnv: AppliedOverride[];
}

export interface LoadOptions {
  /** Apply OPSWARDEN_* key overrides from `env` (default true; the sandbox's own config takes none). */
  envOverrides?: boolean;
}

/** --config wins, then OPSWARDEN_CONFIG, then ./opswarden.yaml if present, else defaults. */
export function resolveConfigPath(flag: string | undefined, env = process.env): string | undefined {
  if (flag) return resolve(flag);
  if (env.OPSWARDEN_CONFIG) return resolve(env.OPSWARDEN_CONFIG);
  const local = resolve('opswarden.yaml');
  return existsSync(local) ? local : undefined;
}

export function loadConfig(
  path: string | undefined,
  env = process.env,
  options: LoadOptions = {},
): LoadedConfig {
  const source = path ?? '<defaults>';
  const raw = path ? readConfigFile(path) : {};
  const { raw: overridden, applied } = applyEnvOverrides(
    expandEnv(raw, [], env, source),
    options.envOverrides === false ? {} : env,
  );
  const config = validateConfig(overridden, source, path ? dirname(path) : process.cwd(), applied);
  return { config, path, fromEnv: applied };
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  try {
    return yaml.load(text) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: invalid YAML: ${(err as Error).message}`);
  }
}

export function parseConfig(raw: unknown, source: string, env: NodeJS.ProcessEnv, baseDir: string): Config {
  return validateConfig(expandEnv(raw, [], env, source), source, baseDir, []);
}

function validateConfig(
  expanded: unknown,
  source: string,
  baseDir: string,
  fromEnv: AppliedOverride[],
): Config {
  const result = configSchema.safeParse(expanded);
  if (!result.success) throw new ConfigError(formatIssues(source, result.error.issues, fromEnv));
  const config = result.data;
  const at = (p: string) => (isAbsolute(p) || p === ':memory:' ? p : resolve(baseDir, p));
  config.policy.bundle = at(config.policy.bundle);
  config.store.path = at(config.store.path);
  const tls = config.store.tls;
  if (tls) for (const key of ['ca', 'cert', 'key'] as const) if (tls[key]) tls[key] = at(tls[key]);
  config.audit.jsonl = at(config.audit.jsonl);
  const checkpoints = config.audit.checkpoints;
  if (checkpoints) {
    checkpoints.keyFile = at(checkpoints.keyFile);
    for (const sink of checkpoints.sinks) if (sink.type === 'file') sink.path = at(sink.path);
  }
  config.runbooks.dir = at(config.runbooks.dir);
  if (config.kubernetes?.kubeconfig) config.kubernetes.kubeconfig = at(config.kubernetes.kubeconfig);
  return config;
}

/** Replaces `${VAR}` in every string; an unset variable is an error naming the key. */
function expandEnv(
  value: unknown,
  path: (string | number)[],
  env: NodeJS.ProcessEnv,
  source: string,
): unknown {
  if (typeof value === 'string') return expandVariables(value, env, `${source}: ${yamlPath(path)}`);
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], env, source));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], env, source)]),
    );
  }
  return value;
}

export function formatIssues(
  source: string,
  issues: readonly z.core.$ZodIssue[],
  fromEnv: readonly AppliedOverride[] = [],
): string {
  // A value an environment variable set is named by that variable too: the file may not hold it.
  const place = (path: readonly PropertyKey[]) => {
    const override = fromEnv.find(({ key }) => key.every((part, i) => path[i] === part));
    return `${yamlPath(path)}${override ? ` (from $${override.env})` : ''}`;
  };
  const lines = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${place([...issue.path, key])}: unknown key (not part of the config format)`)
      : [`${place(issue.path)}: ${issue.message}`],
  );
  return `invalid config ${source}:\n  ${lines.join('\n  ')}`;
}

const SECRET_KEY = /(key|token|secret|password|sha256)$/i;

/** user:password@ in a URL (store.url, a backend URL with credentials). */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/i;

/** A copy of the config with secret-looking values masked, for printing. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && SECRET_KEY.test(key)) return '***';
  if (typeof value === 'string') return value.replace(URL_PASSWORD, '$1***@');
  // HTTP headers (telemetry.otlp.headers) carry credentials under any name (Authorization).
  if (key === 'headers' && value && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(Object.keys(value).map((k) => [k, '***']));
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}
