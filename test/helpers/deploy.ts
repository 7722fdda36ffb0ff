// The cluster deployment as the tests meet it: the staged image (deploy/build-image-root.sh
// run into a fresh directory, as CI runs it) and the manifests as `kubectl kustomize`
// renders them.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import type { KubeObject } from '../../src/sandbox/world.ts';
import { requireKubectl } from './kubectl.ts';
import { REPO } from './world.ts';

const run = promisify(execFile);

export const CONTAINERFILE = join(REPO, 'deploy/Containerfile');
export const BASE = join(REPO, 'deploy/k8s');
export const REMEDIATION = join(REPO, 'deploy/k8s/remediation');

export interface StagedImage {
  rootfs: string;
  remove(): void;
}

/** Builds the image's root filesystem (the JavaScript build and `npm ci --omit=dev`: a minute or so). */
export async function stageImage(): Promise<StagedImage> {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-image-'));
  const rootfs = join(dir, 'rootfs');
  try {
    await run(join(REPO, 'deploy/build-image-root.sh'), [rootfs], {
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const { stderr } = err as { stderr?: string };
    throw new Error(`deploy/build-image-root.sh failed: ${stderr || (err as Error).message}`);
  }
  return { rootfs, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The objects `kubectl kustomize <dir>` renders. */
export async function render(dir: string): Promise<KubeObject[]> {
  const { stdout } = await run(requireKubectl(), ['kustomize', dir], { maxBuffer: 16 * 1024 * 1024 });
  return yaml.loadAll(stdout) as KubeObject[];
}
