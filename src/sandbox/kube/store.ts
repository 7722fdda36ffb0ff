// The simulator's etcd: every object by resource (all versions of a resource share one
// bucket, read back at the version asked for), namespace and name, one global
// resourceVersion counter, a bounded history of changes for watches that resume from a
// resourceVersion, and listeners (watch streams, controllers). Objects go in and out as
// copies, so no caller can change stored state without a write that bumps the version.

import { canonicalJson } from '../../canonical.ts';
import type { KubeObject } from '../world.ts';
import { apiVersionOf, qualifiedName, type ResourceType } from './resources.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  resource: ResourceType;
  /** The object after the change (for DELETED: as it was when deleted). */
  object: KubeObject;
  /** The object before a MODIFIED change. */
  previous?: KubeObject;
  resourceVersion: number;
}

/** Listeners see the stored objects themselves: they must not modify them. */
export type ChangeListener = (change: Change) => void;

/** How many past changes a watch can resume from before it gets 410 Gone. */
const HISTORY_LIMIT = 10_000;

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Built-in API groups bump metadata.generation on spec changes; core kinds (pods, nodes) do not. */
function tracksGeneration(type: ResourceType): boolean {
  return type.group !== '';
}

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, KubeObject>>();
  private readonly history: Change[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private version: number;

  constructor(startVersion = 1000) {
    this.version = startVersion;
  }

  /** The resourceVersion of the last write, as the API reports it on lists. */
  get resourceVersion(): string {
    return String(this.version);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const stored = this.bucket(type).get(keyOf(type.namespaced ? namespace : undefined, name));
    return stored && atVersion(type, stored);
  }

  /** Objects of one type, in one namespace or all, ordered by namespace then name (etcd key order). */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const object of this.bucket(type).values()) {
      if (namespace === undefined || object.metadata.namespace === namespace)
        out.push(atVersion(type, object));
    }
    return out.sort((a, b) =>
      keyOf(a.metadata.namespace, a.metadata.name) < keyOf(b.metadata.namespace, b.metadata.name) ? -1 : 1,
    );
  }

  /** Stores a new object; the caller has checked that the name is free. */
  create(type: ResourceType, object: KubeObject): KubeObject {
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.version);
    if (tracksGeneration(type)) stored.metadata.generation = stored.metadata.generation ?? 1;
    this.bucket(type).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ type: 'ADDED', resource: type, object: stored, resourceVersion: this.version });
    return structuredClone(stored);
  }

  /** Replaces an existing object, bumping resourceVersion and (on a spec change) generation. */
  update(type: ResourceType, object: KubeObject): KubeObject {
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const previous = this.bucket(type).get(key);
    if (!previous) throw new Error(`store.update: ${type.plural} ${key} does not exist`);
    const stored = structuredClone(object);
    if (tracksGeneration(type)) {
      const specChanged = canonicalJson(previous.spec ?? {}) !== canonicalJson(stored.spec ?? {});
      stored.metadata.generation = (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    stored.metadata.resourceVersion = String(++this.version);
    this.bucket(type).set(key, stored);
    this.emit({ type: 'MODIFIED', resource: type, object: stored, previous, resourceVersion: this.version });
    return structuredClone(stored);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = keyOf(type.namespaced ? namespace : undefined, name);
    const existing = this.bucket(type).get(key);
    if (!existing) return undefined;
    this.bucket(type).delete(key);
    const stored = structuredClone(existing);
    stored.metadata.resourceVersion = String(++this.version);
    this.emit({ type: 'DELETED', resource: type, object: stored, resourceVersion: this.version });
    return structuredClone(stored);
  }

  /** Changes after `resourceVersion`, oldest first; undefined when history no longer reaches back that far. */
  changesSince(resourceVersion: number): Change[] | undefined {
    if (resourceVersion >= this.version) return [];
    const oldest = this.history[0];
    if (!oldest || oldest.resourceVersion > resourceVersion + 1) return undefined;
    return this.history.filter((change) => change.resourceVersion > resourceVersion);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: Change): void {
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of this.listeners) listener(change);
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = qualifiedName(type);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

/** A copy of a stored object as served at `type`'s version (only apiVersion differs between versions). */
function atVersion(type: ResourceType, object: KubeObject): KubeObject {
  return { ...structuredClone(object), apiVersion: apiVersionOf(type) };
}
