// A kubelet in miniature: runs the pod of a Deployment applied to the Kubernetes simulator
// from a staged image (test/helpers/container.ts), as a node would. The command is the
// image's ENTRYPOINT with the container's args (else the image's CMD); env values and
// secretKeyRef/configMapKeyRef come from the simulator's objects; ConfigMap volumes are
// written out as files, a PersistentVolumeClaim is a directory of the pod's fsGroup, an
// emptyDir is a tmpfs; the service account's token (issued by the simulator, so it holds
// exactly what the applied RBAC binds to it), the CA and the namespace sit at
// /var/run/secrets/kubernetes.io/serviceaccount, and KUBERNETES_SERVICE_HOST/PORT point at
// the simulator. The pod shares this machine's network, so the tests map its ports to free
// ones. Anything of the pod spec it does not model fails the start, naming it.

import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeSimulator } from '../../src/sandbox/kube/simulator.ts';
import type { KubeObject } from '../../src/sandbox/world.ts';
import {
  type ContainerMount,
  type ContainerSpec,
  DEFAULT_PATH,
  type ImageConfig,
  imageConfig,
  type RunningContainer,
  startContainer,
} from './container.ts';

type Json = Record<string, unknown>;

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface PodOptions {
  sim: KubeSimulator;
  /** The staged image root (deploy/build-image-root.sh's output) and the Containerfile that ships it. */
  rootfs: string;
  containerfile: string;
  namespace: string;
  deployment: string;
  /** containerPort -> a free port of this machine. */
  ports: Record<number, number>;
  /** A ConfigMap file's text as mounted (e.g. to move a port); unchanged when absent. */
  rewriteFile?: (configMap: string, key: string, text: string) => string;
}

export interface Pod {
  container: RunningContainer;
  /** http://127.0.0.1:<host port> for a containerPort. */
  url(containerPort: number): string;
  /** The HTTP status of the container's liveness or readiness probe. */
  probe(kind: 'livenessProbe' | 'readinessProbe'): Promise<number>;
  /** Runs another command in the pod's container (as `kubectl exec`), to its exit. */
  exec(argv: string[]): Promise<{ code: number | null; output: string }>;
  /** The directory behind a PersistentVolumeClaim. */
  claimDir(claim: string): string;
  stop(): Promise<number | null>;
  /** Stops it and removes its volumes' directories. */
  remove(): Promise<void>;
}

function unsupported(what: string): never {
  throw new Error(`the test kubelet does not model ${what}`);
}

function objectOf(sim: KubeSimulator, kind: string, namespace: string, name: string): KubeObject {
  const object = sim.store.get(kind, namespace, name);
  if (!object) throw new Error(`${kind} ${namespace}/${name} does not exist: the pod cannot start`);
  return object;
}

function envOf(sim: KubeSimulator, namespace: string, container: Json): Record<string, string> {
  if (container.envFrom) unsupported('envFrom');
  const env: Record<string, string> = {};
  for (const entry of (container.env ?? []) as Json[]) {
    const name = String(entry.name);
    const from = entry.valueFrom as Json | undefined;
    if (!from) {
      env[name] = String(entry.value ?? '');
      continue;
    }
    const secret = from.secretKeyRef as Json | undefined;
    const configMap = from.configMapKeyRef as Json | undefined;
    const ref = secret ?? configMap ?? unsupported(`env ${name}: ${Object.keys(from).join(', ')}`);
    const object = objectOf(sim, secret ? 'Secret' : 'ConfigMap', namespace, String(ref.name));
    const value = (object.data as Json | undefined)?.[String(ref.key)];
    if (typeof value !== 'string') throw new Error(`env ${name}: key ${ref.key} is not in ${ref.name}`);
    env[name] = secret ? Buffer.from(value, 'base64').toString('utf8') : value;
  }
  return env;
}

/** The user and groups the container runs as, refusing what the kubelet or this runner would. */
function identityOf(image: ImageConfig, pod: Json, container: Json) {
  const podContext = (pod.securityContext ?? {}) as Json;
  const context = (container.securityContext ?? {}) as Json;
  const uid = Number(context.runAsUser ?? podContext.runAsUser ?? image.uid);
  const gid = Number(context.runAsGroup ?? podContext.runAsGroup ?? image.gid);
  if ((context.runAsNonRoot ?? podContext.runAsNonRoot) === true && uid === 0)
    throw new Error('container has runAsNonRoot and image will run as root');
  if (context.readOnlyRootFilesystem !== true) unsupported('a writable root filesystem');
  if (((context.capabilities as Json | undefined)?.add as unknown[] | undefined)?.length)
    unsupported('added capabilities');
  const fsGroup = podContext.fsGroup === undefined ? undefined : Number(podContext.fsGroup);
  return { uid, gid, fsGroup };
}

/** The pod's volumes on this machine under `scratch`, and the service account's files. */
function mountsOf(
  opts: PodOptions,
  pod: Json,
  container: Json,
  scratch: string,
  group: number,
): ContainerMount[] {
  const { sim, namespace } = opts;
  const owned = (dir: string, mode: number) => {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, 0, group);
    chmodSync(dir, mode);
    return dir;
  };
  const volumes = new Map<string, Omit<ContainerMount, 'path'>>();
  for (const volume of (pod.volumes ?? []) as Json[]) {
    const name = String(volume.name);
    if (volume.emptyDir) volumes.set(name, {});
    else if (volume.configMap) {
      const ref = String((volume.configMap as Json).name);
      const dir = owned(join(scratch, 'configmaps', name), 0o755);
      for (const [key, text] of Object.entries(
        (objectOf(sim, 'ConfigMap', namespace, ref).data ?? {}) as Json,
      )) {
        const content = opts.rewriteFile?.(ref, key, String(text)) ?? String(text);
        writeFileSync(join(dir, key), content, { mode: 0o644 });
      }
      volumes.set(name, { source: dir, readOnly: true });
    } else if (volume.persistentVolumeClaim) {
      const claim = String((volume.persistentVolumeClaim as Json).claimName);
      objectOf(sim, 'PersistentVolumeClaim', namespace, claim);
      volumes.set(name, { source: owned(join(scratch, 'claims', claim), 0o2775) });
    } else unsupported(`volume ${name}: ${Object.keys(volume).join(', ')}`);
  }
  const mounts: ContainerMount[] = ((container.volumeMounts ?? []) as Json[]).map((mount) => {
    const volume =
      volumes.get(String(mount.name)) ?? unsupported(`volumeMount of missing volume ${mount.name}`);
    return { ...volume, path: String(mount.mountPath), readOnly: volume.readOnly || mount.readOnly === true };
  });
  if (pod.automountServiceAccountToken === false) return mounts;
  const account = String(pod.serviceAccountName ?? 'default');
  objectOf(sim, 'ServiceAccount', namespace, account);
  const dir = owned(join(scratch, 'serviceaccount'), 0o755);
  writeFileSync(join(dir, 'token'), sim.serviceAccountToken(namespace, account), { mode: 0o640 });
  chownSync(join(dir, 'token'), 0, group);
  copyFileSync(sim.caPath, join(dir, 'ca.crt'));
  chmodSync(join(dir, 'ca.crt'), 0o644);
  writeFileSync(join(dir, 'namespace'), namespace, { mode: 0o644 });
  return [...mounts, { path: SERVICE_ACCOUNT_DIR, source: dir, readOnly: true }];
}

export async function startPod(opts: PodOptions): Promise<Pod> {
  const deployment = objectOf(opts.sim, 'Deployment', opts.namespace, opts.deployment);
  const pod = (((deployment.spec?.template ?? {}) as Json).spec ?? {}) as Json;
  const [container, ...others] = (pod.containers ?? []) as Json[];
  if (!container || others.length || pod.initContainers) unsupported('pods of more than one container');
  const image = imageConfig(opts.containerfile);
  const { uid, gid, fsGroup } = identityOf(image, pod, container);
  const scratch = mkdtempSync(join(tmpdir(), 'opswarden-pod-'));
  const api = new URL(opts.sim.url);
  const command = (container.command as string[] | undefined) ?? image.entrypoint;
  const args = (container.args as string[] | undefined) ?? (container.command ? [] : image.cmd);
  const spec: ContainerSpec = {
    rootfs: opts.rootfs,
    argv: [...command, ...args],
    workingDir: String(container.workingDir ?? image.workingDir),
    env: {
      PATH: DEFAULT_PATH,
      HOSTNAME: `${opts.deployment}-0`,
      HOME: '/',
      KUBERNETES_SERVICE_HOST: api.hostname,
      KUBERNETES_SERVICE_PORT: api.port,
      ...envOf(opts.sim, opts.namespace, container),
    },
    uid,
    gid,
    groups: fsGroup === undefined ? [] : [fsGroup],
    mounts: mountsOf(opts, pod, container, scratch, fsGroup ?? gid),
  };
  const running = startContainer(spec);
  const hostPort = (port: unknown): number => {
    const named = ((container.ports ?? []) as Json[]).find((p) => p.name === port)?.containerPort;
    const containerPort = Number(named ?? port);
    return opts.ports[containerPort] ?? unsupported(`containerPort ${containerPort} without a host port`);
  };
  return {
    container: running,
    url: (containerPort) => `http://127.0.0.1:${hostPort(containerPort)}`,
    async probe(kind) {
      const get =
        ((container[kind] as Json | undefined)?.httpGet as Json | undefined) ??
        unsupported(`${kind} other than httpGet`);
      const headers = Object.fromEntries(
        ((get.httpHeaders ?? []) as Json[]).map((header) => [String(header.name), String(header.value)]),
      );
      return httpStatus(`http://127.0.0.1:${hostPort(get.port)}${get.path}`, headers);
    },
    async exec(argv) {
      const other = startContainer({ ...spec, argv });
      const code = await other.exited;
      return { code, output: other.output() };
    },
    claimDir: (claim) => join(scratch, 'claims', claim),
    stop: () => running.stop(),
    async remove() {
      await running.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The status of a GET, or 0 when nothing answers. */
export function httpStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Polls the readiness probe until it passes; throws with the container's output if it exits or times out. */
export async function untilReady(pod: Pod, timeoutMs = 60_000): Promise<void> {
  let exited = false;
  void pod.container.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while ((await pod.probe('readinessProbe')) !== 200) {
    if (exited) throw new Error(`the pod's container exited before it was ready:\n${pod.container.output()}`);
    if (Date.now() > deadline)
      throw new Error(`the pod was not ready within ${timeoutMs} ms:\n${pod.container.output()}`);
    await sleep(200);
  }
}
