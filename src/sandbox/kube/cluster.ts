// The simulated cluster: the object store loaded from a KubeWorld, the scenario clock, and
// the controller loop. Controllers work like Kubernetes' own: store changes enqueue the
// objects they concern, and `reconcile()` drains the queue, so a write made through the
// API (or in-process) leaves the cluster converged before the response is sent. A rollout
// can instead move one pod per `rolloutStepMs` (timers re-enter the loop).
//
// The world is served as rendered: at start the simulator only adds what a world does not
// carry (the system namespaces, Endpoints, PDB status, a missing status.observedGeneration,
// a StatefulSet's or DaemonSet's missing updateStrategy, which the API server defaults),
// so a scenario's odd states (a Pending pod, a crash-looping one) stay until something
// touches them. A workload whose template differs from its newest ReplicaSet's keeps that
// ReplicaSet as current until its template is changed (see LoadedRevision).

import type { KubeObject, KubeWorld } from '../world.ts';
import { withUpdateStrategy } from './admission.ts';
import { crdTypes } from './crds.ts';
import { IdSource, templateHash } from './ids.ts';
import { CONTROLLER_REVISION_HASH, controllerRef, revisionOf, templateIdentity } from './objects.ts';
import {
  groupVersion,
  RESOURCES,
  type ResourceType,
  resourceByApiVersionKind,
  resourceByKind,
} from './resources.ts';
import { type Change, ObjectStore } from './store.ts';

export interface Controller {
  name: string;
  /** The objects (of the kind this controller reconciles) a change concerns. */
  affected(change: Change, cluster: Cluster): { namespace?: string; name: string }[];
  /** Moves one object toward its desired state; a number asks to run again after that many ms. */
  reconcile(cluster: Cluster, namespace: string | undefined, name: string): number | undefined;
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

/** What a workload looked like when the world was loaded, so its existing revision is kept. */
export interface LoadedRevision {
  template: string;
  /** The ReplicaSet name (Deployments) or ControllerRevision name (StatefulSets, DaemonSets). */
  revision: string;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const MAX_RECONCILES = 100_000;

export class Cluster {
  readonly store = new ObjectStore();
  readonly world: KubeWorld;
  readonly ids: IdSource;
  readonly rolloutStepMs: number;
  /** Pods this simulator created: only these are scheduled and started by it. */
  readonly simulatedPods = new Set<string>();
  readonly loadedRevisions = new Map<string, LoadedRevision>();
  /** Pod IPs held by existing pods; new pods get others. */
  readonly usedPodIps = new Set<string>();
  private readonly controllers: Controller[];
  private readonly queue = new Map<string, { controller: Controller; namespace?: string; name: string }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Custom resource types whose CRD counts as installed: see servedResources(). */
  private readonly installedCustom = new Set<ResourceType>();
  /** The resource types of each stored CustomResourceDefinition, by CRD name, preferred version first. */
  private readonly crds = new Map<string, ResourceType[]>();
  private reconciling = false;
  private eventSequence = 0;
  private closed = false;

  constructor(world: KubeWorld, controllers: Controller[], opts: { rolloutStepMs?: number } = {}) {
    this.world = world;
    this.ids = new IdSource(`opswarden-kube-simulator/${world.clusterName}`);
    this.rolloutStepMs = opts.rolloutStepMs ?? 0;
    this.controllers = controllers;
    this.store.subscribe((change) => {
      if (change.resource.custom) this.installedCustom.add(change.resource);
      if (change.resource.kind !== 'CustomResourceDefinition') return;
      if (change.type === 'DELETED') this.crds.delete(change.object.metadata.name);
      else this.crds.set(change.object.metadata.name, crdTypes(change.object));
    });
    this.load();
    this.store.subscribe((change) => {
      if (change.type === 'DELETED' && change.object.kind === 'Pod' && change.object.status?.podIP) {
        this.usedPodIps.delete(String(change.object.status.podIP));
      }
      for (const controller of this.controllers) {
        for (const ref of controller.affected(change, this))
          this.enqueue(controller, ref.namespace, ref.name);
      }
    });
    this.enqueueAll('PodDisruptionBudget', 'disruption');
    this.enqueueAll('Service', 'endpoints');
    this.reconcile();
  }

  now(): Date {
    return this.world.now();
  }

  /** Event name suffix: hex of the time in ns plus a sequence, so an object's events sort by time. */
  eventSuffix(): string {
    return (BigInt(this.now().getTime()) * 1_000_000n + BigInt(this.eventSequence++)).toString(16);
  }

  nowIso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(this.typeByKind(kind), namespace, name);
  }

  list(kind: string, namespace?: string): KubeObject[] {
    return this.store.list(this.typeByKind(kind), namespace);
  }

  /** The resource type of a kind name, built in or defined by a stored CRD (its preferred version). */
  typeByKind(kind: string): ResourceType {
    return resourceByKind(kind, this.knownTypes());
  }

  create(object: KubeObject): KubeObject {
    return this.store.create(this.typeOf(object), object);
  }

  update(object: KubeObject): KubeObject {
    return this.store.update(this.typeOf(object), object);
  }

  /** Deletes an object and, unless orphaned, everything it controls (the garbage collector). */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    propagation: Propagation = 'Background',
  ) {
    const defined = type.kind === 'CustomResourceDefinition' ? this.crds.get(name)?.[0] : undefined;
    const deleted = this.store.delete(type, namespace, name);
    if (!deleted) return undefined;
    if (defined) {
      // The CRD's objects go with it, as the API server's finalizer removes them.
      for (const object of this.store.list(defined))
        this.store.delete(defined, object.metadata.namespace, object.metadata.name);
      return deleted;
    }
    if (type.kind === 'Namespace') {
      for (const other of this.namespacedTypes()) {
        for (const object of this.store.list(other, name))
          this.store.delete(other, name, object.metadata.name);
      }
      return deleted;
    }
    for (const { type: dependentType, object } of this.dependentsOf(deleted)) {
      if (propagation === 'Orphan') {
        object.metadata.ownerReferences = object.metadata.ownerReferences?.filter(
          (ref) => ref.uid !== deleted.metadata.uid,
        );
        this.store.update(dependentType, object);
      } else this.delete(dependentType, object.metadata.namespace, object.metadata.name, propagation);
    }
    return deleted;
  }

  /**
   * The resource types the API serves now: every built-in one; every served version of each
   * stored CustomResourceDefinition; and Argo CD's Application once an object of it has been
   * stored (loaded with the world or created in-process): for it the first object stands in
   * for an installed CRD, which then stays installed.
   */
  servedResources(): ResourceType[] {
    const served = new Map<string, ResourceType>();
    for (const type of [
      ...RESOURCES.filter((t) => !t.custom || this.installedCustom.has(t)),
      ...[...this.crds.values()].flat(),
    ]) {
      const key = `${groupVersion(type.group, type.version)}/${type.plural}`;
      if (!served.has(key)) served.set(key, type);
    }
    return [...served.values()];
  }

  /** Built-in types (stand-ins not yet installed included) and those of stored CRDs. */
  private knownTypes(): ResourceType[] {
    return [...RESOURCES, ...[...this.crds.values()].flat()];
  }

  typeOf(object: KubeObject): ResourceType {
    const type = resourceByApiVersionKind(object.apiVersion, object.kind, this.knownTypes());
    if (!type)
      throw new Error(`${object.apiVersion} ${object.kind} is not served by the Kubernetes simulator`);
    return type;
  }

  /** Runs controllers until nothing is left to do. */
  reconcile(): void {
    if (this.reconciling || this.closed) return;
    this.reconciling = true;
    try {
      for (let round = 0; this.queue.size > 0; round++) {
        if (round > MAX_RECONCILES) throw new Error('kube simulator: controllers did not converge');
        const [key, work] = this.queue.entries().next().value!;
        this.queue.delete(key);
        const again = work.controller.reconcile(this, work.namespace, work.name);
        if (again !== undefined)
          this.later(key, again, () => this.enqueue(work.controller, work.namespace, work.name));
      }
    } finally {
      this.reconciling = false;
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Runs `action` then the loop after `ms`; one pending timer per work key. */
  private later(key: string, ms: number, action: () => void): void {
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      action();
      this.reconcile();
    }, ms);
    this.timers.set(key, timer);
  }

  private enqueue(controller: Controller, namespace: string | undefined, name: string): void {
    this.queue.set(`${controller.name}|${namespace ?? ''}|${name}`, { controller, namespace, name });
  }

  private enqueueAll(kind: string, controllerName: string): void {
    const controller = this.controllers.find((candidate) => candidate.name === controllerName);
    if (!controller) return;
    for (const object of this.list(kind))
      this.enqueue(controller, object.metadata.namespace, object.metadata.name);
  }

  /** One type per stored resource (a CRD's versions share a bucket), namespaced ones only. */
  private namespacedTypes(): ResourceType[] {
    return [...RESOURCES, ...[...this.crds.values()].map((versions) => versions[0]!)].filter(
      (type) => type?.namespaced,
    );
  }

  private dependentsOf(owner: KubeObject): { type: ResourceType; object: KubeObject }[] {
    const out: { type: ResourceType; object: KubeObject }[] = [];
    for (const type of this.namespacedTypes()) {
      for (const object of this.store.list(type, owner.metadata.namespace)) {
        if (object.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid))
          out.push({ type, object });
      }
    }
    return out;
  }

  private load(): void {
    this.world.objects.forEach((original, index) => {
      const type = resourceByApiVersionKind(original.apiVersion, original.kind, this.knownTypes());
      const where = `KubeWorld.objects[${index}] (${original.kind} ${original.metadata.namespace ?? ''}/${original.metadata.name})`;
      if (!type)
        throw new Error(`${where}: ${original.apiVersion} ${original.kind} is not served by the simulator`);
      if (this.store.get(type, original.metadata.namespace, original.metadata.name)) {
        throw new Error(`${where}: a ${original.kind} with this name is already in the world`);
      }
      const object = withUpdateStrategy(structuredClone(original));
      const status = object.status;
      if (type.group !== '' && status && status.observedGeneration === undefined) {
        status.observedGeneration = object.metadata.generation ?? 1;
      }
      this.store.create(type, object);
      if (object.kind === 'Pod' && object.status?.podIP) this.usedPodIps.add(String(object.status.podIP));
    });
    const oldest = this.world.objects.map((o) => o.metadata.creationTimestamp).sort()[0] ?? this.nowIso();
    for (const name of SYSTEM_NAMESPACES) {
      if (this.get('Namespace', undefined, name)) continue;
      this.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: this.ids.uid(),
          creationTimestamp: oldest,
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    this.recordLoadedRevisions();
  }

  private recordLoadedRevisions(): void {
    for (const deployment of this.list('Deployment')) {
      const owned = this.list('ReplicaSet', deployment.metadata.namespace).filter(
        (rs) => controllerRef(rs)?.uid === deployment.metadata.uid,
      );
      const newest = owned.sort((a, b) => revisionOf(b) - revisionOf(a))[0];
      if (newest) {
        this.loadedRevisions.set(deployment.metadata.uid, {
          template: templateIdentity(deployment.spec?.template),
          revision: newest.metadata.name,
        });
      }
    }
    for (const ds of this.list('DaemonSet')) {
      // Its pods' hash, else its newest ControllerRevision, else the hash of its template.
      const hash = this.list('Pod', ds.metadata.namespace).find(
        (p) => controllerRef(p)?.uid === ds.metadata.uid && p.metadata.labels?.[CONTROLLER_REVISION_HASH],
      )?.metadata.labels?.[CONTROLLER_REVISION_HASH];
      const newest = this.list('ControllerRevision', ds.metadata.namespace)
        .filter((cr) => controllerRef(cr)?.uid === ds.metadata.uid)
        .sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0))[0];
      const template = templateIdentity(ds.spec?.template);
      this.loadedRevisions.set(ds.metadata.uid, {
        template,
        revision: hash
          ? `${ds.metadata.name}-${hash}`
          : (newest?.metadata.name ?? `${ds.metadata.name}-${templateHash(template)}`),
      });
    }
    for (const sts of this.list('StatefulSet')) {
      const pod = this.list('Pod', sts.metadata.namespace).find(
        (p) => controllerRef(p)?.uid === sts.metadata.uid,
      );
      const revision =
        (sts.status?.updateRevision as string | undefined) ??
        pod?.metadata.labels?.[CONTROLLER_REVISION_HASH];
      if (revision) {
        this.loadedRevisions.set(sts.metadata.uid, {
          template: templateIdentity(sts.spec?.template),
          revision,
        });
      }
    }
  }
}
