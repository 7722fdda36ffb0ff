// The contract between the scenario loader and the simulators: a scenario renders into a
// KubeWorld (real Kubernetes-shaped objects plus lazily generated pod logs), and the
// Kubernetes API simulator serves that world. `truth` and `resolution` never enter it.

import type { SeriesStorage } from './promql/storage.ts';

/** A Kubernetes object as the API serves it (apiVersion, kind, metadata, spec, status). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  /** ConfigMap data, Event fields (reason, message, involvedObject, …) and the like. */
  [field: string]: unknown;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
  }[];
  resourceVersion?: string;
  generation?: number;
  [field: string]: unknown;
}

export interface LogLine {
  time: Date;
  /** One line, no newline (a multi-line scenario text becomes several lines, same time). */
  text: string;
}

export interface LogQuery {
  container: string;
  /** Lines of the previous (terminated) container instance. */
  previous?: boolean;
  /** Inclusive lower bound. */
  since?: Date;
  /** Exclusive upper bound: the world's now. */
  until: Date;
}

export interface KubeWorld {
  clusterName: string;
  /** The scenario clock: fixed at spec.now (frozen) or mapped to the wall clock (live). */
  now(): Date;
  /** Every object at `now`: Namespaces, Nodes, Deployments, StatefulSets, ReplicaSets, Pods, ConfigMaps, Services, Events. */
  objects: KubeObject[];
  /**
   * The log of one container of a pod, oldest first, generated on demand (a 100,000-line
   * log is never held in memory). Pods created later (a rollout) get their deployment's
   * log streams from their start time on.
   */
  podLogs(pod: KubeObject, query: LogQuery): Iterable<LogLine>;
  /**
   * The scenario's metric series up to `now` (the sandbox's metric store, shared with its
   * Prometheus): metrics.k8s.io answers from cAdvisor's series in it. Absent: the cluster
   * has no metrics-server, and the group is not served.
   */
  metrics?: SeriesStorage;
}
