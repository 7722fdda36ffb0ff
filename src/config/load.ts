// Finds, expands and validates opswarden.yaml. Errors name the key path and what was
// expected, because a typo in config is the most common 3 a.m. failure. Relative paths
// in the file are resolved against the file's directory.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { yamlPath } from '../yaml-path.ts';
import { type Config, configSchema } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined when running on defaults. */
  path: string | undefined;
}

/** --config wins, then OPSWARDEN_CONFIG, then ./opswarden.yaml if present, else defaults. */
export function resolveConfigPath(flag: string | undefined, env = process.env): string | undefined {
  if (flag) return resolve(flag);
  if (env.OPSWARDEN_CONFIG) return resolve(env.OPSWARDEN_CONFIG);
  const local = resolve('opswarden.yaml');
  return existsSync(local) ? local : undefined;
}

export function loadConfig(path: string | undefined, env = process.env): LoadedConfig {
  if (!path) return { config: parseConfig({}, '<defaults>', env, process.cwd()), path };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = yaml.load(text) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: invalid YAML: ${(err as Error).message}`);
  }
  return { config: parseConfig(raw, path, env, dirname(path)), path };
}

export function parseConfig(raw: unknown, source: string, env: NodeJS.ProcessEnv, baseDir: string): Config {
  const expanded = expandEnv(raw, [], env, source);
  const result = configSchema.safeParse(expanded);
  if (!result.success) throw new ConfigError(formatIssues(source, result.error.issues));
  const config = result.data;
  const at = (p: string) => (isAbsolute(p) || p === ':memory:' ? p : resolve(baseDir, p));
  config.policy.bundle = at(config.policy.bundle);
  config.store.path = at(config.store.path);
  config.audit.jsonl = at(config.audit.jsonl);
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
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        throw new ConfigError(`${source}: ${yamlPath(path)}: environment variable ${name} is not set`);
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], env, source));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], env, source)]),
    );
  }
  return value;
}

export function formatIssues(source: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(
          (key) => `${yamlPath([...issue.path, key])}: unknown key (not part of the config format)`,
        )
      : [`${yamlPath(issue.path)}: ${issue.message}`],
  );
  return `invalid config ${source}:\n  ${lines.join('\n  ')}`;
}

const SECRET_KEY = /(key|token|secret|password|sha256)$/i;

/** A copy of the config with secret-looking values masked, for printing. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && SECRET_KEY.test(key)) return '***';
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}
