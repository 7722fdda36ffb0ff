// Environment variables that set one config key each, over what the config file says: an
// MCP client that installs opswarden (a Claude Desktop bundle, the MCP registry's server.json)
// asks its user for a few values and hands them over as environment, not as a file. An
// empty value counts as unset, since installers pass optional fields that way; `${VAR}` in
// a value expands as in the file (a bundle's default may be `${HOME}/.kube/config`).
// OpenTelemetry's standard endpoint variables are defaults rather than overrides: they fill
// in the collector only when the file names none (ENV_DEFAULTS).

import { join, resolve } from 'node:path';
import { expandVariables } from './variables.ts';

interface KeySetting {
  /** The config key, e.g. ['prometheus', 'url']. */
  key: readonly string[];
  /** The key's value from the variable's (default: the value itself). */
  value?: (text: string) => string;
}

export interface EnvOverride {
  env: string;
  sets: readonly KeySetting[];
  /** A default, not an override: it sets nothing when the file sets any of these keys. */
  unlessFileSets?: readonly (readonly string[])[];
}

/** A path as typed in a shell: relative to the working directory; `file` inside it, if given. */
const pathIn =
  (file?: string) =>
  (text: string): string =>
    file ? join(resolve(text), file) : resolve(text);

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { env: 'OPSWARDEN_KUBECONFIG', sets: [{ key: ['kubernetes', 'kubeconfig'], value: pathIn() }] },
  { env: 'OPSWARDEN_PROMETHEUS_URL', sets: [{ key: ['prometheus', 'url'] }] },
  { env: 'OPSWARDEN_ALERTMANAGER_URL', sets: [{ key: ['alertmanager', 'url'] }] },
  { env: 'OPSWARDEN_CLOUDWATCH_REGION', sets: [{ key: ['cloudwatch', 'region'] }] },
  {
    // An installed server has no project directory: the store and audit mirror need a home.
    env: 'OPSWARDEN_STATE_DIR',
    sets: [
      { key: ['store', 'path'], value: pathIn('opswarden.db') },
      { key: ['audit', 'jsonl'], value: pathIn('audit.jsonl') },
    ],
  },
];

const COLLECTOR_KEYS = [
  ['telemetry', 'otlp', 'endpoint'],
  ['telemetry', 'otlp', 'tracesEndpoint'],
] as const;

/**
 * OpenTelemetry's standard variables (the OTLP exporter specification): as an OpenTelemetry
 * SDK prefers what it is configured with to its environment, they only fill in a collector
 * when the file names none. The signal-specific one wins over the base URL, as in the spec.
 */
export const ENV_DEFAULTS: readonly EnvOverride[] = [
  {
    env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    sets: [{ key: ['telemetry', 'otlp', 'tracesEndpoint'] }],
    unlessFileSets: COLLECTOR_KEYS,
  },
  {
    env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    sets: [{ key: ['telemetry', 'otlp', 'endpoint'] }],
    unlessFileSets: COLLECTOR_KEYS,
  },
];

export interface AppliedOverride {
  env: string;
  key: readonly string[];
}

/** Sets each override (and default) present in `env` on a copy of `raw` (the parsed, expanded file). */
export function applyEnvOverrides(
  raw: unknown,
  env: NodeJS.ProcessEnv,
): { raw: unknown; applied: AppliedOverride[] } {
  const applied: AppliedOverride[] = [];
  let result = raw;
  for (const override of [...ENV_OVERRIDES, ...ENV_DEFAULTS]) {
    const given = env[override.env]?.trim();
    if (!given) continue;
    if (override.unlessFileSets?.some((key) => valueAt(raw, key) !== undefined)) continue;
    const text = expandVariables(given, env, `$${override.env}`);
    for (const { key, value } of override.sets) {
      result = setAt(result, key, value ? value(text) : text);
      applied.push({ env: override.env, key });
    }
  }
  return { raw: result, applied };
}

/**
 * A copy of `target` with `key` set, creating the sections on the way (a file may lack
 * one). A section that is not an object is left as it is, for validation to name.
 */
function setAt(target: unknown, key: readonly string[], value: string): unknown {
  const [head, ...rest] = key as [string, ...string[]];
  const absent = target === undefined || target === null;
  if (!absent && !isPlainObject(target)) return target;
  const object: Record<string, unknown> = isPlainObject(target) ? target : {};
  return { ...object, [head]: rest.length ? setAt(object[head], rest, value) : value };
}

/** The value at `key` in `target`, or undefined when a section on the way is missing. */
function valueAt(target: unknown, key: readonly string[]): unknown {
  let value = target;
  for (const part of key) value = isPlainObject(value) ? value[part] : undefined;
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
