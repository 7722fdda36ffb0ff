// What changed in a scenario's world during the day before spec.now, newest first: the
// `changes` section (flags, migrations, third-party status), every Deployment and StatefulSet
// revision rolled out, and every ConfigMap content written, each with what it changed.

import type { ScenarioSpec } from './schema.ts';
import { kubeTime } from './time.ts';

export interface ChangeSummary {
  /** RFC 3339; null for a ConfigMap's current content, whose write time the scenario does not give. */
  at: string | null;
  /** The change's own kind (feature_flag, database_migration, ...), `rollout` or `configmap`. */
  kind: string;
  /** `Change/<id>`, `Deployment/<ns>/<name>`, `StatefulSet/<ns>/<name>` or `ConfigMap/<ns>/<name>`. */
  ref: string;
  /** The catalog service a `changes` entry names. */
  service?: string;
  summary: string;
}

const CHANGE_WINDOW_MS = 24 * 3_600_000;
const MAX_VALUE_LENGTH = 40;

interface Dated {
  at: Date;
  change: ChangeSummary;
}

export function recentChanges(spec: ScenarioSpec): ChangeSummary[] {
  const now = spec.now.getTime();
  const recent = (at: Date) => at.getTime() > now - CHANGE_WINDOW_MS && at.getTime() <= now;
  const configMaps = configMapWrites(spec, recent);
  return [
    ...[...changeEvents(spec, recent), ...rollouts(spec, recent), ...configMaps.dated]
      .sort((a, b) => b.at.getTime() - a.at.getTime() || a.change.ref.localeCompare(b.change.ref))
      .map((d) => d.change),
    ...configMaps.undated,
  ];
}

const dated = (at: Date, change: Omit<ChangeSummary, 'at'>): Dated => ({
  at,
  change: { at: kubeTime(at), ...change },
});

function changeEvents(spec: ScenarioSpec, recent: (at: Date) => boolean): Dated[] {
  return spec.changes
    .filter((change) => recent(change.at))
    .map((change) =>
      dated(change.at, {
        kind: change.kind,
        ref: `Change/${change.id}`,
        ...(change.service === undefined ? {} : { service: change.service }),
        summary: change.summary,
      }),
    );
}

/** Each revision rolled out: its change cause, and the image and env it changed. */
function rollouts(spec: ScenarioSpec, recent: (at: Date) => boolean): Dated[] {
  const workloads = [
    ...spec.kubernetes.deployments.map((w) => ({ kind: 'Deployment', workload: w })),
    ...spec.kubernetes.statefulsets.map((w) => ({ kind: 'StatefulSet', workload: w })),
  ];
  return workloads.flatMap(({ kind, workload }) => {
    let env: Record<string, string> = {};
    return workload.revisions.flatMap((revision, index) => {
      const previous = workload.revisions[index - 1];
      const previousEnv = env;
      env = { ...env, ...revision.env };
      if (!recent(revision.at)) return [];
      const envDiff = diffText(previousEnv, env);
      const what = previous
        ? [
            ...(previous.image === revision.image
              ? []
              : [`image ${imageChange(previous.image, revision.image)}`]),
            ...(envDiff ? [`env ${envDiff}`] : []),
          ].join('; ') || 'same pod template'
        : `created with image ${revision.image}`;
      const cause = revision.changeCause === undefined ? '' : ` "${revision.changeCause}"`;
      return [
        dated(revision.at, {
          kind: 'rollout',
          ref: `${kind}/${workload.namespace}/${workload.name}`,
          summary: `revision ${index + 1}${cause}: ${what}`,
        }),
      ];
    });
  });
}

/**
 * Each dated ConfigMap version that differs from the one before it, and the current content
 * when it differs from the last dated version: the scenario format gives no time for that write.
 */
function configMapWrites(
  spec: ScenarioSpec,
  recent: (at: Date) => boolean,
): { dated: Dated[]; undated: ChangeSummary[] } {
  const writes = spec.kubernetes.configmaps.map((configMap) => {
    const ref = `ConfigMap/${configMap.namespace}/${configMap.name}`;
    const versions = configMap.history.flatMap((version, index) => {
      const previous = configMap.history[index - 1];
      const diff = previous ? diffText(previous.data, version.data) : 'created';
      return recent(version.at) && diff ? [dated(version.at, { kind: 'configmap', ref, summary: diff })] : [];
    });
    const last = configMap.history.at(-1);
    const diff = last && diffText(last.data, configMap.data);
    const current: ChangeSummary[] =
      last && diff
        ? [
            {
              at: null,
              kind: 'configmap',
              ref,
              summary: `${diff} (current content, written some time after ${kubeTime(last.at)})`,
            },
          ]
        : [];
    return { versions, current };
  });
  return { dated: writes.flatMap((w) => w.versions), undated: writes.flatMap((w) => w.current) };
}

/** `KEY old → new, OTHER=value (new), GONE removed`; empty when nothing differs. */
function diffText(before: Record<string, string>, after: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .flatMap((key) => {
      const [was, is] = [before[key], after[key]];
      if (was === is) return [];
      if (was === undefined) return [`${key}=${clip(is!)} (new)`];
      if (is === undefined) return [`${key} removed`];
      return [`${key} ${clip(was)} → ${clip(is)}`];
    })
    .join(', ');
}

/** `repo:1.0 → 1.1` when only the tag changes, else both images in full. */
function imageChange(before: string, after: string): string {
  const repository = (image: string) => image.replace(/:[^:/]+$/, '');
  return repository(before) === repository(after)
    ? `${before} → ${after.slice(repository(after).length + 1)}`
    : `${before} → ${after}`;
}

function clip(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}
