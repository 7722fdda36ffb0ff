// Runs a staged container image (deploy/build-image-root.sh's output) the way a container
// runtime runs a pod's container, where no image can be pulled: in a private mount
// namespace, the root is the image's layer over a stand-in for the node base image (this
// machine's /usr, /etc and /var, with the test's node at /usr/local/bin/node), all of it
// read-only; the pod's volumes sit at their paths; the command runs as the pod's user, with
// no capabilities and no_new_privs, in a clean environment. Mount namespaces and chroot
// need root: without it the tests fail saying so (DESIGN §7: never a skip).

import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ContainerMount {
  /** Where the container sees it. */
  path: string;
  /** A host directory bound there, or a fresh tmpfs (an emptyDir) when absent. */
  source?: string;
  readOnly?: boolean;
}

export interface ContainerSpec {
  /** The image's root filesystem, as staged. */
  rootfs: string;
  /** The whole command line: entrypoint and arguments, resolved. */
  argv: string[];
  workingDir: string;
  env: Record<string, string>;
  uid: number;
  gid: number;
  /** Supplementary groups (a pod's fsGroup). */
  groups: number[];
  mounts: ContainerMount[];
}

export interface RunningContainer {
  pid: number;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; the exit code (null when killed). */
  stop(graceMs?: number): Promise<number | null>;
}

/** What the final stage of a Containerfile sets for the container it runs. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  uid: number;
  gid: number;
}

/** The PATH container runtimes give an image that sets none (the node images set none). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Instructions of a last stage that change nothing about how its container runs. */
const INERT = new Set(['FROM', 'COPY', 'EXPOSE', 'LABEL']);

function execForm(text: string, where: string): string[] {
  try {
    const argv: unknown = JSON.parse(text);
    if (Array.isArray(argv) && argv.every((arg) => typeof arg === 'string')) return argv;
  } catch {
    // reported below
  }
  throw new Error(`${where}: expected the exec form, a JSON array of strings`);
}

/**
 * ENTRYPOINT and CMD (exec form only), WORKDIR and USER (numeric `uid:gid` only, so that a
 * runAsNonRoot check can trust it) of the Containerfile's last stage. Any other instruction
 * that would change how the container runs (ENV, SHELL, VOLUME...) is refused, so the runner
 * never silently runs something else than the image would.
 */
export function imageConfig(containerfile: string): ImageConfig {
  const instructions = readFileSync(containerfile, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lastStage = instructions.slice(instructions.findLastIndex((line) => /^FROM\s/i.test(line)));
  const config: ImageConfig = { entrypoint: [], cmd: [], workingDir: '/', uid: 0, gid: 0 };
  for (const line of lastStage) {
    const [, word = '', rest = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const keyword = word.toUpperCase();
    const where = `${containerfile}: ${line}`;
    if (keyword === 'ENTRYPOINT') config.entrypoint = execForm(rest, where);
    else if (keyword === 'CMD') config.cmd = execForm(rest, where);
    else if (keyword === 'WORKDIR') config.workingDir = rest;
    else if (keyword === 'USER') {
      const ids = /^(\d+):(\d+)$/.exec(rest);
      if (!ids) throw new Error(`${where}: expected a numeric uid:gid`);
      config.uid = Number(ids[1]);
      config.gid = Number(ids[2]);
    } else if (!INERT.has(keyword)) throw new Error(`${where}: the test runner does not model ${keyword}`);
  }
  return config;
}

/** The base image's system directories taken from this machine (the rest of it stays out). */
const BASE_DIRS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32', 'usr', 'etc', 'var'];

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'running the staged image needs root (mount namespace, overlay, chroot): run the tests as root, as CI does',
    );
  }
}

/** A layer holding the test's node where the node image has it, /usr/local/bin/node. */
function nodeLayer(dir: string): string {
  const bin = join(dir, 'usr/local/bin');
  mkdirSync(bin, { recursive: true });
  try {
    linkSync(process.execPath, join(bin, 'node'));
  } catch {
    copyFileSync(process.execPath, join(bin, 'node'));
  }
  return dir;
}

/** The shell steps that assemble the container's root at `root` inside the namespace. */
function rootSteps(root: string, layers: string[]): string[] {
  const steps = [`mount -t tmpfs -o mode=755 container-root ${quote(root)}`];
  for (const name of BASE_DIRS) {
    const host = `/${name}`;
    if (!existsSync(host)) continue;
    const target = quote(join(root, name));
    const stat = lstatSync(host);
    if (stat.isSymbolicLink()) {
      steps.push(`ln -s ${quote(readlinkSync(host))} ${target}`);
      continue;
    }
    const upper = layers.map((layer) => join(layer, name)).filter((dir) => existsSync(dir));
    steps.push(
      `mkdir ${target}`,
      `mount -t overlay overlay -o ${quote(`lowerdir=${[...upper, host].join(':')}`)} ${target}`,
    );
  }
  for (const layer of layers) {
    for (const name of readdirSync(layer).filter((entry) => !BASE_DIRS.includes(entry))) {
      const target = quote(join(root, name));
      steps.push(`mkdir ${target}`, `mount --bind ${quote(join(layer, name))} ${target}`);
      steps.push(`mount -o remount,bind,ro ${target}`);
    }
  }
  for (const name of ['proc', 'dev']) {
    steps.push(`mkdir ${quote(join(root, name))}`, `mount --rbind /${name} ${quote(join(root, name))}`);
  }
  // Empty, and read-only once the root is: only the pod's volumes make them writable.
  steps.push(`mkdir ${quote(join(root, 'tmp'))} ${quote(join(root, 'run'))}`);
  return steps;
}

/**
 * `path` as the container sees it, with symlinks resolved through the layers (the image's,
 * then the base's, then this machine's for the base directories), the way the overlay
 * resolves them. A mount target is created and mounted through this path, never through a
 * symlink, which outside the chroot would point into this machine (/var/run -> /run).
 */
function containerPath(path: string, layers: readonly string[]): string {
  const pending = path.split('/').filter(Boolean);
  const resolved: string[] = [];
  for (let links = 0; pending.length > 0; ) {
    const name = pending.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      resolved.pop();
      continue;
    }
    const inside = [...resolved, name].join('/');
    const sources = [...layers, ...(BASE_DIRS.includes(resolved[0] ?? name) ? ['/'] : [])];
    const top = sources
      .map((layer) => join(layer, inside))
      .find((candidate) => lstatSync(candidate, { throwIfNoEntry: false }));
    if (top && lstatSync(top).isSymbolicLink()) {
      if (++links > 40) throw new Error(`${path}: too many levels of symbolic links`);
      const target = readlinkSync(top);
      pending.unshift(...target.split('/').filter(Boolean));
      if (target.startsWith('/')) resolved.length = 0;
      continue;
    }
    resolved.push(name);
  }
  return `/${resolved.join('/')}`;
}

function mountSteps(root: string, layers: readonly string[], mounts: readonly ContainerMount[]): string[] {
  return mounts.flatMap((mount) => {
    const target = quote(join(root, containerPath(mount.path, layers)));
    const create = `[ -d ${target} ] || mkdir -p ${target}`;
    if (mount.source === undefined)
      return [create, `mount -t tmpfs -o mode=1777,size=64m empty-dir ${target}`];
    return [
      create,
      `mount --bind ${quote(mount.source)} ${target}`,
      ...(mount.readOnly ? [`mount -o remount,bind,ro ${target}`] : []),
    ];
  });
}

/** Starts the container; its output (stdout and stderr) is kept for failure messages. */
export function startContainer(spec: ContainerSpec): RunningContainer {
  requireRoot();
  const scratch = mkdtempSync(join(tmpdir(), 'opswarden-container-'));
  const root = join(scratch, 'root');
  mkdirSync(root);
  // The image's layer over the base: it is what `COPY --from=build /rootfs/ /` adds.
  const layers = [spec.rootfs, nodeLayer(join(scratch, 'base'))];
  const script = [
    'set -eu',
    ...rootSteps(root, layers),
    // As runc does: mount points made and volumes mounted, then the root made read-only.
    ...mountSteps(root, layers, spec.mounts),
    `mount -o remount,ro ${quote(root)}`,
    [
      'exec chroot',
      quote(root),
      '/usr/bin/setpriv',
      `--reuid=${spec.uid}`,
      `--regid=${spec.gid}`,
      spec.groups.length ? `--groups=${spec.groups.join(',')}` : '--clear-groups',
      '--no-new-privs --inh-caps=-all --bounding-set=-all --',
      '/usr/bin/env -i',
      `-C ${quote(spec.workingDir)}`,
      ...Object.entries(spec.env).map(([key, value]) => quote(`${key}=${value}`)),
      ...spec.argv.map(quote),
    ].join(' '),
  ].join('\n');
  const child: ChildProcess = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(scratch, { recursive: true, force: true }));
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
