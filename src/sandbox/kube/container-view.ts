// What a simulated container sees from the inside, derived from its pod spec and the
// cluster's objects as a kubelet would derive it: the environment (literal values, valueFrom
// resolved from ConfigMaps, Secrets and the pod's own fields, envFrom with its prefix), the
// files of its ConfigMap and Secret volume mounts (items, subPath), a few files every
// container has (/etc/hostname, /etc/resolv.conf), and who it runs as. Secret values come
// out decoded, exactly as `env` in a real container prints them: redacting them is the
// gate's job, not the cluster's.

import type { KubeObject } from '../world.ts';
import type { Container, Json } from './objects.ts';

export interface ContainerView {
  hostname: string;
  env: [string, string][];
  /** Absolute path → content. */
  files: Map<string, string>;
  workingDir: string;
  uid: number;
  gid: number;
  groups: number[];
}

/** A ConfigMap's or Secret's data, decoded; undefined when the object does not exist. */
type DataOf = (kind: 'ConfigMap' | 'Secret', name: string) => Record<string, string> | undefined;

interface KeyRef {
  name?: string;
  key?: string;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeyRef;
    secretKeyRef?: KeyRef;
    fieldRef?: { fieldPath?: string };
  };
}
interface EnvFrom {
  prefix?: string;
  configMapRef?: { name?: string };
  secretRef?: { name?: string };
}
interface KeyToPath {
  key: string;
  path: string;
}
interface Volume {
  name: string;
  configMap?: { name?: string; items?: KeyToPath[] };
  secret?: { secretName?: string; items?: KeyToPath[] };
}
interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
}
interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const CLUSTER_DNS = '10.96.0.10';
const KUBERNETES_SERVICE = '10.96.0.1';

/** The data of the named ConfigMap or Secret in `namespace`, Secret values base64-decoded. */
export function dataReader(
  get: (kind: string, namespace: string, name: string) => KubeObject | undefined,
  namespace: string,
): DataOf {
  return (kind, name) => {
    const object = get(kind, namespace, name);
    if (!object) return undefined;
    const data = (object.data ?? {}) as Record<string, string>;
    if (kind === 'ConfigMap') return data;
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
    );
  };
}

export function containerView(pod: KubeObject, container: Container, dataOf: DataOf): ContainerView {
  const spec = (pod.spec ?? {}) as Json;
  const hostname = String(spec.hostname ?? pod.metadata.name);
  const podContext = (spec.securityContext ?? {}) as SecurityContext;
  const own = (container.securityContext ?? {}) as SecurityContext;
  const uid = own.runAsUser ?? podContext.runAsUser ?? 0;
  const gid = own.runAsGroup ?? podContext.runAsGroup ?? 0;
  const extraGroups = [podContext.fsGroup, ...(podContext.supplementalGroups ?? [])];
  const groups = [...new Set([gid, ...extraGroups.filter((g): g is number => g !== undefined)])];
  const files = new Map<string, string>([
    ['/etc/hostname', `${hostname}\n`],
    [
      '/etc/resolv.conf',
      `search ${pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`,
    ],
  ]);
  const volumes = (spec.volumes ?? []) as Volume[];
  for (const mount of (container.volumeMounts ?? []) as VolumeMount[]) {
    const volume = volumes.find((v) => v.name === mount.name);
    for (const [path, content] of volumeFiles(volume, dataOf)) {
      if (mount.subPath === undefined) files.set(joinPath(mount.mountPath, path), content);
      else if (mount.subPath === path) files.set(mount.mountPath, content);
    }
  }
  return {
    hostname,
    env: [
      ['PATH', PATH],
      ['HOSTNAME', hostname],
      ...envFrom((container.envFrom ?? []) as EnvFrom[], dataOf),
      ...((container.env ?? []) as EnvVar[]).flatMap((v): [string, string][] => {
        const value = envValue(v, pod, dataOf);
        return value === undefined ? [] : [[v.name, value]];
      }),
      ['KUBERNETES_SERVICE_HOST', KUBERNETES_SERVICE],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['HOME', uid === 0 ? '/root' : '/'],
    ],
    files,
    workingDir: String(container.workingDir ?? '/'),
    uid,
    gid,
    groups,
  };
}

function volumeFiles(volume: Volume | undefined, dataOf: DataOf): [string, string][] {
  const source = volume?.configMap
    ? { data: dataOf('ConfigMap', volume.configMap.name ?? ''), items: volume.configMap.items }
    : volume?.secret
      ? { data: dataOf('Secret', volume.secret.secretName ?? ''), items: volume.secret.items }
      : undefined;
  if (!source?.data) return [];
  const data = source.data;
  if (!source.items?.length) return Object.entries(data);
  return source.items.flatMap((item) => (item.key in data ? [[item.path, data[item.key]!]] : []));
}

function envFrom(sources: EnvFrom[], dataOf: DataOf): [string, string][] {
  return sources.flatMap((source) => {
    const data = source.configMapRef
      ? dataOf('ConfigMap', source.configMapRef.name ?? '')
      : source.secretRef
        ? dataOf('Secret', source.secretRef.name ?? '')
        : undefined;
    return Object.entries(data ?? {}).map(([key, value]): [string, string] => [
      `${source.prefix ?? ''}${key}`,
      value,
    ]);
  });
}

/** A variable's value; undefined when what it refers to is missing (an optional reference). */
function envValue(v: EnvVar, pod: KubeObject, dataOf: DataOf): string | undefined {
  if (v.valueFrom === undefined) return v.value ?? '';
  const { configMapKeyRef, secretKeyRef, fieldRef } = v.valueFrom;
  if (configMapKeyRef) return dataOf('ConfigMap', configMapKeyRef.name ?? '')?.[configMapKeyRef.key ?? ''];
  if (secretKeyRef) return dataOf('Secret', secretKeyRef.name ?? '')?.[secretKeyRef.key ?? ''];
  if (fieldRef?.fieldPath) return podField(pod, fieldRef.fieldPath);
  return undefined;
}

/** The downward API's fields. */
function podField(pod: KubeObject, path: string): string | undefined {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(path);
  if (labelOrAnnotation) {
    const map = labelOrAnnotation[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[labelOrAnnotation[2]!];
  }
  const fields: Record<string, unknown> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.podIP': pod.status?.podIP,
    'status.hostIP': pod.status?.hostIP,
  };
  const value = fields[path];
  return value === undefined ? undefined : String(value);
}

function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}
