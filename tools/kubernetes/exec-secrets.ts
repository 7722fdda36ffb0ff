// opswarden never hands a Secret's value to the model, and exec is a way around every other
// guard: `printenv DB_PASSWORD` prints the bare value, which no pattern can recognize. So
// k8s_pod_exec learns from the pod spec what the container got from Secrets (env values,
// `envFrom` Secrets, mounted Secret volumes) and refuses, before anyone is asked to approve
// it, a command that names one of those variables or paths or reads a process environment;
// and in what a command prints, `NAME=value` lines of Secret-backed variables are masked
// (with an `envFrom` Secret, whose names the spec does not list, every variable the spec
// does not declare otherwise). An obfuscated read (a script that assembles the name) is
// beyond this: the approver reads the command, which the approval shows in full.

import type { KubeObject } from '../../src/backends/kubernetes/types.ts';

export interface SecretSources {
  /** Variables set from a Secret key. */
  envNames: ReadonlySet<string>;
  /** Variables set otherwise (a value, a ConfigMap key, a field): never masked. */
  plainNames: ReadonlySet<string>;
  /** Whether an `envFrom` Secret sets variables the spec does not name. */
  envFromSecret: boolean;
  /** Where Secret volumes are mounted in the container. */
  mountPaths: readonly string[];
}

interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: unknown };
}
interface Container {
  name: string;
  env?: EnvVar[];
  envFrom?: { secretRef?: unknown }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Volume {
  name: string;
  secret?: unknown;
  projected?: { sources?: { secret?: unknown }[] };
}

/** What process environment the system itself sets: not Secret-backed whatever `envFrom` holds. */
const SYSTEM_ENV =
  /^(PATH|HOME|HOSTNAME|TERM|LANG|LC_[A-Z]+|PWD|OLDPWD|SHLVL|USER|_|KUBERNETES_[A-Z0-9_]+|[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?))$/;
const ENV_LINE = /^([A-Za-z_][A-Za-z0-9_]*)=.*$/gm;
const ENVIRON = /\/proc\/[^/\s]+\/environ/;

export function secretSources(pod: KubeObject, containerName: string): SecretSources {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; volumes?: Volume[] };
  const container = spec.containers?.find((c) => c.name === containerName);
  const env = container?.env ?? [];
  const secretVolumes = new Set(
    (spec.volumes ?? [])
      .filter((v) => v.secret || v.projected?.sources?.some((source) => source.secret))
      .map((v) => v.name),
  );
  return {
    envNames: new Set(env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name)),
    plainNames: new Set(env.filter((e) => !e.valueFrom?.secretKeyRef).map((e) => e.name)),
    envFromSecret: (container?.envFrom ?? []).some((from) => from.secretRef),
    mountPaths: (container?.volumeMounts ?? [])
      .filter((m) => secretVolumes.has(m.name))
      .map((m) => m.mountPath),
  };
}

/** Why the command would read a Secret-backed value, or undefined. */
export function secretReadProblem(command: readonly string[], sources: SecretSources): string | undefined {
  const text = command.join(' ');
  const named = [...sources.envNames].find((name) =>
    new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(text),
  );
  if (named) return `it names ${named}, which the container gets from a Secret`;
  const path = sources.mountPaths.find((mount) => text.includes(mount));
  if (path) return `it names ${path}, where a Secret is mounted`;
  const hasSecrets = sources.envNames.size > 0 || sources.envFromSecret;
  if (hasSecrets && ENVIRON.test(text))
    return 'it reads a process environment, which holds Secret-backed variables';
  return undefined;
}

/** The output with the values of Secret-backed `NAME=value` lines masked. */
export function maskSecretEnv(output: string, sources: SecretSources): string {
  if (sources.envNames.size === 0 && !sources.envFromSecret) return output;
  return output.replace(ENV_LINE, (line, name: string) => {
    const secret =
      sources.envNames.has(name) ||
      (sources.envFromSecret && !sources.plainNames.has(name) && !SYSTEM_ENV.test(name));
    return secret ? `${name}=[REDACTED:secret]` : line;
  });
}
