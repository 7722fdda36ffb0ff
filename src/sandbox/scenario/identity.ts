// Deterministic identities for rendered objects: uids, pod-template-hashes, pod name
// suffixes and object metadata. They look like the real thing (a uuid, `7d9f8b6c5d`,
// `x7k2p`) and come from the scenario seed, so every render names things identically.

import { canonicalJson } from '../../canonical.ts';
import type { KubeMetadata } from '../world.ts';
import { hash32, type Random, randomUuid, streamRandom } from './random.ts';
import { kubeTime } from './time.ts';

/** The alphabet Kubernetes uses for generated names (no vowels, no confusable digits). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

export function apiVersionOf(kind: string): string {
  return API_VERSIONS[kind] ?? 'v1';
}

/** The uid of the object `kind` `namespace`/`name`: the same wherever it is referenced. */
export function objectUid(seed: number, kind: string, namespace: string | undefined, name: string): string {
  return randomUuid(streamRandom(seed, `uid/${kind}/${namespace ?? ''}/${name}`));
}

/**
 * The pod-template-hash of a pod template, as the deployment controller derives it: a 32-bit
 * hash printed in decimal and mapped through the safe alphabet (hence only the characters
 * 4-9 b c d f), zero-padded to 10.
 */
export function podTemplateHash(template: unknown): string {
  return safeEncode(String(hash32(canonicalJson(template))).padStart(10, '0'));
}

function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** `count` distinct 5-character suffixes, like the ones generateName appends. */
export function nameSuffixes(random: Random, count: number): string[] {
  const suffixes = new Set<string>();
  while (suffixes.size < count) {
    suffixes.add(Array.from({ length: 5 }, () => random.pick([...SAFE_ALPHABET])).join(''));
  }
  return [...suffixes];
}

export interface MetaInput {
  kind: string;
  namespace?: string;
  name: string;
  created: Date;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  owner?: { kind: string; name: string };
  [field: string]: unknown;
}

/** Object metadata with its deterministic uid, and the controller reference to its owner. */
export function objectMeta(seed: number, input: MetaInput): KubeMetadata {
  const { kind, namespace, name, created, labels, annotations, owner, ...extra } = input;
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: objectUid(seed, kind, namespace, name),
    creationTimestamp: kubeTime(created),
    ...extra,
    ...(labels && Object.keys(labels).length ? { labels } : {}),
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: apiVersionOf(owner.kind),
              kind: owner.kind,
              name: owner.name,
              uid: objectUid(seed, owner.kind, namespace, owner.name),
              controller: true,
            },
          ],
        }
      : {}),
  };
}
