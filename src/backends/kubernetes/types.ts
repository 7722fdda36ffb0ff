// The Kubernetes backend as tools see it: a small typed client over an allowlist of kinds
// (Secrets are not among them), and reads of any served resource found through discovery,
// where a Secret only ever comes back as its name, namespace, age and type. One real
// implementation (client-node, kubeconfig or in-cluster) serves production and the
// sandbox alike, since the sandbox simulator speaks the real API.

import type { KubeObject } from '../../sandbox/world.ts';
import { BackendError } from '../errors.ts';

export type { KubeObject };

export const KUBE_KINDS = {
  Pod: { apiVersion: 'v1', namespaced: true },
  Event: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Service: { apiVersion: 'v1', namespaced: true },
  Node: { apiVersion: 'v1', namespaced: false },
  Namespace: { apiVersion: 'v1', namespaced: false },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  StatefulSet: { apiVersion: 'apps/v1', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true },
  // StatefulSet and DaemonSet history; read by k8s_rollout_history, not offered as a kind to get.
  ControllerRevision: { apiVersion: 'apps/v1', namespaced: true },
  Ingress: { apiVersion: 'networking.k8s.io/v1', namespaced: true },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', namespaced: true },
  PodDisruptionBudget: { apiVersion: 'policy/v1', namespaced: true },
  Job: { apiVersion: 'batch/v1', namespaced: true },
  CronJob: { apiVersion: 'batch/v1', namespaced: true },
  // Argo CD's CRD: absent on clusters without Argo CD, where reads fail with a 404 KubeError.
  Application: { apiVersion: 'argoproj.io/v1alpha1', namespaced: true },
} as const;

export type KubeKind = keyof typeof KUBE_KINDS;

export interface KubeRef {
  /** A configured cluster name; the default cluster when absent. */
  cluster?: string;
  kind: KubeKind;
  /** Required for namespaced kinds. */
  namespace?: string;
  name: string;
}

export interface KubeListQuery {
  cluster?: string;
  kind: KubeKind;
  /** Absent: every namespace. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

export interface KubeList {
  items: KubeObject[];
  /** Present when more items remain. */
  continueToken?: string;
}

export interface PodLogQuery {
  cluster?: string;
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
  sinceSeconds?: number;
  tailLines?: number;
  limitBytes?: number;
}

export interface PodExecQuery {
  cluster?: string;
  namespace: string;
  pod: string;
  container: string;
  /** argv: run as given, no shell in between. */
  command: string[];
  /** Past it the command is left running and what it wrote so far comes back (`timedOut`). */
  timeoutMs: number;
  /** Bytes kept of each stream, the last ones: a flood never grows past this in memory. */
  keepBytes: number;
  signal?: AbortSignal;
}

/** One stream of a command's output: its tail, and how many bytes it wrote in all. */
export interface ExecStream {
  tail: Buffer;
  bytes: number;
}

export interface PodExecResult {
  stdout: ExecStream;
  stderr: ExecStream;
  /** Undefined when it timed out before ending. */
  exitCode?: number;
  timedOut: boolean;
}

/** A served resource, as the cluster's discovery names it. */
export interface KubeResource {
  /** `""` for the core group. */
  group: string;
  version: string;
  /** The plural, as in URLs: `deployments`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
}

export interface KubeResourceRef {
  cluster?: string;
  resource: KubeResource;
  /** Required for namespaced resources. */
  namespace?: string;
  name: string;
}

export interface KubeResourceQuery extends Omit<KubeListQuery, 'kind'> {
  resource: KubeResource;
}

export interface KubeTableColumn {
  name: string;
  type: string;
  /** 0: shown by default; higher: `-o wide` only. */
  priority: number;
}

export interface KubeResourcePage extends KubeList {
  /** The server's printer columns when it answered as a Table; `cells[i]` is `items[i]`'s row. */
  table?: { columns: KubeTableColumn[]; cells: unknown[][] };
  /** How many items follow this page, when the server counts them. */
  remaining?: number;
}

/** A configured cluster: its kubeconfig context and API server (no credentials). */
export interface KubeClusterInfo {
  name: string;
  context: string;
  server: string;
  default: boolean;
  /** The context's default namespace, when it sets one. */
  namespace?: string;
}

export interface KubeMetricsQuery {
  cluster?: string;
  /** Absent: every namespace (pods only). */
  namespace?: string;
  labelSelector?: string;
}

/** CPU in cores and memory in bytes, as metrics.k8s.io reports them. */
export interface KubeUsage {
  cpuCores: number;
  memoryBytes: number;
}

/** One pod's live usage (metrics-server's PodMetrics): only running containers appear. */
export interface PodUsage {
  namespace: string;
  name: string;
  /** When metrics-server scraped it (RFC 3339), and over what window the CPU rate was taken (seconds). */
  timestamp: string;
  windowSeconds: number;
  containers: (KubeUsage & { name: string })[];
}

/** One node's live usage (metrics-server's NodeMetrics). */
export interface NodeUsage extends KubeUsage {
  name: string;
  timestamp: string;
  windowSeconds: number;
}

/** The core `secrets` resource, however it was spelt. */
export function isSecret(resource: Pick<KubeResource, 'group' | 'resource'>): boolean {
  return resource.group === '' && resource.resource === 'secrets';
}

/** JSON merge patch, or Kubernetes' strategic merge patch (lists merged by key). */
export type PatchType = 'merge' | 'strategic';

export interface WriteOptions {
  /** Server-side dry run (dryRun=All): validated and answered, nothing stored. */
  dryRun: boolean;
}

export interface KubernetesBackend {
  /** Configured cluster names, default first. */
  clusters(): string[];
  /**
   * The same backend acting as `user` (Kubernetes impersonation): the cluster's RBAC then
   * decides what that principal may do, not opswarden's own credentials alone.
   */
  impersonate(user: string): KubernetesBackend;
  get(ref: KubeRef): Promise<KubeObject>;
  list(query: KubeListQuery): Promise<KubeList>;
  patch(ref: KubeRef, patch: unknown, type: PatchType, opts: WriteOptions): Promise<KubeObject>;
  delete(ref: KubeRef, opts: WriteOptions & { gracePeriodSeconds?: number }): Promise<void>;
  /** Evicts a pod through the Eviction API, which honours PodDisruptionBudgets. */
  evict(ref: KubeRef & { kind: 'Pod' }, opts: WriteOptions): Promise<void>;
  /** Log text with RFC 3339 timestamps, one line each. */
  podLog(query: PodLogQuery): Promise<string>;
  /** Runs a command in a running container (pods/exec); a non-zero exit is a result, not an error. */
  exec(query: PodExecQuery): Promise<PodExecResult>;
  /** The served resource a kind, plural, short name or group-qualified name names (discovery, cached). */
  resolve(kind: string, cluster?: string): Promise<KubeResource>;
  /** One object of any served resource; a Secret as name, namespace, age and type only. */
  getResource(ref: KubeResourceRef): Promise<KubeObject>;
  /** A page of any served resource, as the server's Table where it offers one; Secrets as getResource gives them. */
  listResources(query: KubeResourceQuery): Promise<KubeResourcePage>;
  /** The configured clusters, default first. */
  describeClusters(): Promise<KubeClusterInfo[]>;
  /**
   * Live usage of pods from metrics.k8s.io; a KubeError (404) saying metrics-server is
   * missing when the cluster does not serve the group.
   */
  podMetrics(query: KubeMetricsQuery): Promise<PodUsage[]>;
  /** Live usage of nodes from metrics.k8s.io, as podMetrics. */
  nodeMetrics(query: Omit<KubeMetricsQuery, 'namespace'>): Promise<NodeUsage[]>;
}

/** Expected failures, with a message that names what was asked for. */
export class KubeError extends BackendError {
  override name = 'KubeError';
}

declare module '../types.ts' {
  interface Backends {
    kubernetes?: KubernetesBackend;
  }
}
