// A runbook that takes a while (patch, wait, patch) and `opswarden serve --http` in a child
// process on a sandbox's config with it: for tests that kill the server in the middle of a
// run and start it again (the run resumes; a task following it survives).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Sandbox } from '../../src/sandbox/run/start.ts';
import { CLI } from './spawn.ts';
import { REPO } from './world.ts';

/** patch-settle-patch: raises customer-etl's pool, waits `settle`, records the run on the ConfigMap. */
export function patchSettlePatch(settle: string): string {
  return `apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: patch-settle-patch, version: 1.0.0, title: Raise the pool then record the run }
spec:
  description: Raises the pool, waits for the workers to pick it up, then records the run on the ConfigMap.
  matches: { categories: [config], signals: [db_pool_exhausted] }
  params:
    - { name: namespace, type: string, required: true, description: Namespace }
    - { name: configmap, type: string, required: true, description: The ConfigMap }
  steps:
    - id: raise-pool
      title: Raise the pool
      action:
        tool: k8s_configmap_patch
        args: { namespace: "{{ params.namespace }}", name: "{{ params.configmap }}", data: { db_pool_max: "40" }, reason: "runbook {{ runbook.name }}: raise the pool" }
    - id: settle
      title: Let the workers pick it up
      wait: ${settle}
    - id: record
      title: Record the run on the ConfigMap
      action:
        tool: k8s_configmap_patch
        args: { namespace: "{{ params.namespace }}", name: "{{ params.configmap }}", data: { last_runbook: "{{ execution.id }}" }, reason: "runbook {{ runbook.name }}: record" }
`;
}

/** The arguments that start patch-settle-patch on the customer-etl world. */
export const PATCH_SETTLE_PATCH_RUN = {
  runbook: 'patch-settle-patch',
  params: { namespace: 'data', configmap: 'customer-etl-config' },
  reason: 'customer-etl pool exhausted',
};

/** The sandbox's config with `runbook` as its only runbook and `data` treated as staging (no approvals); its path. */
export function configWithRunbook(sandbox: Sandbox, runbook: string, name: string): string {
  const runbooksDir = join(sandbox.dir, `runbooks-${name}`);
  mkdirSync(runbooksDir);
  writeFileSync(join(runbooksDir, 'patch-settle-patch.yaml'), runbook);
  const raw = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Record<string, unknown>;
  const configPath = join(sandbox.dir, `${name}.yaml`);
  writeFileSync(
    configPath,
    yaml.dump({
      ...raw,
      // A killed server's run is adopted once its lease lapses: short, so restarts resume soon.
      store: { ...(raw.store as object), lease: '1s' },
      runbooks: { dir: runbooksDir },
      environments: { namespaces: { data: 'staging' } },
    }),
  );
  return configPath;
}

/** `opswarden serve --http --port 0` on `configPath`; resolves with its MCP URL once it listens. */
export async function serveHttp(configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--config', configPath], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

/** The runbook runs a server's log says it adopted ('resuming runbook execution' lines). */
export function adoptionsIn(log: string): { execution: string; previousOwner: string; owner: string }[] {
  return log
    .split('\n')
    .filter((line) => line.includes('resuming runbook execution'))
    .map((line) => JSON.parse(line) as { execution: string; previousOwner: string; owner: string });
}
