// ConfigMap data writes as config changes. The API server dates every write of a
// ConfigMap's data (managedFields, read in gather/kube.ts), so a config change shows even
// when nothing posted a change event for it.
//
// A write that a recorded change made belongs to that change: a change event or a rollout
// in the ConfigMap's namespace within two minutes of it (the nearest in time), among the
// ConfigMap's readers when those are known, else among the workloads it is named after
// (`<app>-config`, the usual convention), when it is named after one. It is then evidence on that change's
// hypothesis, and a config sync is named by the ConfigMap it wrote (changes.ts); a release
// or a flag flip keeps its own name, the ConfigMap being how it shipped or stored it. A
// write no recorded change accounts for is a candidate of its own, `ConfigMap/<ns>/<name>`.
//
// The service a write concerns is the nearest (in the dependency graph) of those whose pods
// read the ConfigMap (envFrom, env valueFrom, volumes). When no listed pod reads it (the
// app reads it through the API, or its namespace's pods were not listed) it is the nearest
// service of its namespace, and counts half in the graph part, as that is a guess.

import { type CatalogService, namespaceOf } from '../../catalog.ts';
import type { ChangeFacts, ChangeRole } from '../gather/changes.ts';
import { type ConfigMapFacts, configMapRef } from '../gather/kube.ts';
import { graphPosition } from '../score.ts';
import { iso, minutesBefore } from '../text.ts';
import type { Evidence } from '../types.ts';
import type { Candidate, Context } from './candidate.ts';
import { assessChange, changeEvidence } from './change-assessment.ts';
import { templateEvidence, topNovel } from './log-evidence.ts';

/** How far apart a write and a change may be and still be one change. */
const COINCIDENT_MS = 2 * 60_000;
/** Change events that may write a ConfigMap; a migration, a status post or a campaign does not. */
const WRITING_ROLES = new Set<ChangeRole>(['deploy', 'config', 'flag', 'infrastructure', 'other']);
const WRITE_PRIOR = 0.7;
/** How many of the service's new log templates are searched for a line naming the ConfigMap. */
const NEW_LINES_READ = 20;
/** The graph part kept when the service a write concerns is only guessed from its namespace. */
const GUESSED_SERVICE = 0.5;

export interface ConfigWrite {
  /** `ConfigMap/<ns>/<name>`. */
  ref: string;
  namespace: string;
  at: number;
  manager: string;
  operation: string;
  fieldsRecorded: boolean;
  /** The keys of its data. */
  keys: string[];
  /** Workloads whose pods read it, by name. */
  readers: string[];
  /** The service it concerns: its nearest reader, else the nearest service of its namespace. */
  service?: CatalogService;
  /** The rollout's workload or the `Change/<id>` that made the write, if a recorded change did. */
  madeBy?: string;
}

const writesOf = new WeakMap<Context, ConfigWrite[]>();

/** The ConfigMaps whose data was last written in the window (worked out once per context). */
export function configWrites(ctx: Context): ConfigWrite[] {
  let found = writesOf.get(ctx);
  if (!found) {
    found = findWrites(ctx);
    writesOf.set(ctx, found);
  }
  return found;
}

function findWrites(ctx: Context): ConfigWrite[] {
  const kube = ctx.facts.kube;
  if (!kube) return [];
  const { since, at } = ctx.facts.window;
  return kube.configMaps.flatMap((configMap): ConfigWrite[] => {
    const write = configMap.dataWrite;
    if (!write || write.at < since || write.at > at) return [];
    const readers = [
      ...new Set(
        kube.pods.flatMap((p) =>
          p.namespace === configMap.namespace && p.workload && p.configMaps.includes(configMap.name)
            ? [p.workload]
            : [],
        ),
      ),
    ].sort();
    const service = readers.length
      ? nearest(
          ctx,
          readers.flatMap((w) => ctx.serviceOfWorkload(w) ?? []),
        )
      : nearest(ctx, ctx.servicesIn(configMap.namespace));
    const made = madeBy(ctx, configMap, write.at, readers);
    return [
      {
        ref: configMapRef(configMap),
        namespace: configMap.namespace,
        at: write.at,
        manager: write.manager,
        operation: write.operation,
        fieldsRecorded: write.fieldsRecorded,
        keys: configMap.keys,
        readers,
        ...(service ? { service } : {}),
        ...(made ? { madeBy: made } : {}),
      },
    ];
  });
}

/** Writes no recorded change made, as candidates. */
export function configWriteCandidates(ctx: Context): Candidate[] {
  return configWrites(ctx)
    .filter((w) => !w.madeBy)
    .map((write) => writeCandidate(ctx, write));
}

/** Writes no recorded change made, to ConfigMaps the service's pods read. */
export function unrecordedWritesReadBy(ctx: Context, service: CatalogService | undefined): ConfigWrite[] {
  const workload = service?.workload;
  if (!workload) return [];
  return configWrites(ctx).filter((w) => !w.madeBy && w.readers.includes(workload));
}

export function writeEvidence(write: ConfigWrite, how = ''): Evidence {
  const fields = write.fieldsRecorded ? '' : ', fields not recorded';
  return {
    kind: 'config',
    at: iso(write.at),
    summary: `${write.ref} data written${how} by ${write.manager || 'an unnamed manager'} (${write.operation}${fields})`,
    ref: write.ref,
  };
}

/** Whether a change event's text names the ConfigMap (`ConfigMap/ns/name` or `ns/name`). */
export function namesConfigMap(change: ChangeFacts, configMap: ConfigMapFacts): boolean {
  return change.summary.includes(`${configMap.namespace}/${configMap.name}`);
}

function writeCandidate(ctx: Context, write: ConfigWrite): Candidate {
  const { service } = write;
  const common = assessChange(ctx, service, write.at);
  const guessed = !write.readers.length;
  const namesIt = namedInNewLogs(ctx, write);
  const prior = ctx.prior('config', write.ref, service?.name, WRITE_PRIOR);
  return {
    ref: write.ref,
    category: 'config',
    ...(service ? { service: service.name } : {}),
    summary: `${write.ref} data written ${minutesBefore(write.at, ctx.onset.at)} by ${write.manager || 'an unnamed manager'}, with no change event recorded for it`,
    raw: {
      at: write.at,
      graph: common.graph * (guessed ? GUESSED_SERVICE : 1),
      evidence: changeEvidence(common, namesIt !== undefined),
      novelty: common.novelty,
      prior: prior.value,
    },
    evidence: [
      writeEvidence(write),
      {
        kind: 'topology',
        summary: guessed
          ? `no listed pod reads ${write.ref}${service ? `; ${service.name} is the nearest service of namespace ${write.namespace}` : ''}`
          : `read by the pods of ${write.readers.join(', ')}`,
        ref: write.ref,
      },
      ...(namesIt ? [namesIt] : []),
      ...common.evidence,
      ...(prior.evidence ? [prior.evidence] : []),
    ],
    signals: ['recent_config_change', ...common.signals],
  };
}

/**
 * A new log line of the service after the write that names the ConfigMap or one of its keys
 * of two words or more, in any spelling (`cache_enabled` as `inventory.cache.enabled`): the
 * app saying it reloaded that setting. One-word keys (`model`) name too much to tell.
 */
function namedInNewLogs(ctx: Context, write: ConfigWrite): Evidence | undefined {
  const workload = write.service?.workload;
  if (!workload) return undefined;
  const name = write.ref.split('/').at(-1)!;
  const patterns = [name, ...write.keys].flatMap((key) => {
    const words = key
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return words.length >= 2 ? [new RegExp(words.join('[-_. ]?'), 'i')] : [];
  });
  const found = topNovel(ctx.facts.logs.get(workload), NEW_LINES_READ, write.at).find((t) =>
    patterns.some((p) => p.test(t.example)),
  );
  return found && templateEvidence(found, workload);
}

/** The recorded change nearest in time to the write that could have made it. */
function madeBy(
  ctx: Context,
  configMap: ConfigMapFacts,
  at: number,
  readers: readonly string[],
): string | undefined {
  const likely = readers.length ? readers : namedAfter(ctx, configMap);
  const readBy = (workload: string | undefined) =>
    !likely.length || (workload !== undefined && likely.includes(workload));
  const coincident = (t: number) => Math.abs(t - at) <= COINCIDENT_MS;
  const configMaps = ctx.facts.kube?.configMaps ?? [];
  const events = ctx.facts.changes.flatMap((change) => {
    const service = change.service ? ctx.graph.service(change.service) : undefined;
    const namespace = change.namespace ?? (service && namespaceOf(service));
    const named = configMaps.filter((c) => namesConfigMap(change, c));
    const fits =
      WRITING_ROLES.has(change.role) &&
      coincident(change.at) &&
      namespace === configMap.namespace &&
      (!service || readBy(service.workload)) &&
      (!named.length || named.includes(configMap));
    return fits ? [{ ref: `Change/${change.id}`, at: change.at }] : [];
  });
  const rollouts = ctx.facts.rollouts.flatMap((rollout) => {
    const namespace = rollout.workload.split('/')[1];
    const fits = coincident(rollout.at) && namespace === configMap.namespace && readBy(rollout.workload);
    return fits ? [{ ref: rollout.workload, at: rollout.at }] : [];
  });
  return [...events, ...rollouts].sort(
    (a, b) => Math.abs(a.at - at) - Math.abs(b.at - at) || a.ref.localeCompare(b.ref),
  )[0]?.ref;
}

/** The workloads of the ConfigMap's namespace it is named after (`checkout-config` for checkout). */
function namedAfter(ctx: Context, configMap: ConfigMapFacts): string[] {
  return ctx
    .servicesIn(configMap.namespace)
    .flatMap((s) => (s.workload ? [s.workload] : []))
    .filter((w) => {
      const name = w.split('/').at(-1)!;
      return configMap.name === name || configMap.name.startsWith(`${name}-`);
    });
}

/** The service nearest the symptomatic one in the dependency graph; by name on a tie. */
function nearest(ctx: Context, services: readonly CatalogService[]): CatalogService | undefined {
  return services
    .map((service) => ({ service, position: graphPosition(ctx.graph.position(service.name)) }))
    .sort((a, b) => b.position - a.position || a.service.name.localeCompare(b.service.name))[0]?.service;
}
