// Abuse case: a hostile agent fires many k8s_pod_logs calls at once against pods with huge
// logs, to kill the shared server through its memory. One call may read 64 MB of log text,
// and the text lands outside the V8 heap (a large ASCII body decodes to an external string),
// so the sized heap of the built `opswarden` command (src/heap-sizing.ts) does not bound it:
// a dozen such reads at once take the process past 1.3 GiB, far over the container's 512 MiB
// limit, where the kernel kills it for every client. Reads hold their bytes in a process-wide
// budget (src/shape/read-budget.ts) and the ones past it wait their turn. The server here is
// the built dist/cli.js run through its shebang, as the `opswarden` command runs, so the heap
// flags apply; the attack goes through a real MCP client over Streamable HTTP while /healthz
// is probed and the process's memory watched.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_FLAGS } from '../../src/heap-sizing.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { onFreePort } from '../helpers/ports.ts';
import { REPO } from '../helpers/world.ts';
import { type ChildServer, spawnServer } from './server-process.ts';

const BUILT_CLI = join(REPO, 'dist/cli.js');
/** Four pods of `chatty` in namespace `flood`, about 43 MB of log each. */
const SCENARIO = join(REPO, 'test/fixtures/scenarios/log-flood.yaml');
const NAMESPACE = 'flood';
const MiB = 1_048_576;
/** What k8s_pod_logs reads of one pod at most (MAX_LOG_BYTES in tools/kubernetes/k8s_pod_logs.ts). */
const POD_READ_BYTES = 32 * MiB;
/** Concurrent calls of the storm; each reads 32 MB of one pod, or 64 MB of two. */
const CALLS = 12;
/** MCP sessions the agent spreads them over. */
const SESSIONS = 4;
/** A call past this is stopped with a clear tool error; the client waits a little longer. */
const TOOL_TIMEOUT_MS = 45_000;
const CLIENT_TIMEOUT_MS = TOOL_TIMEOUT_MS + 10_000;
/**
 * The container's memory limit (deploy/k8s/base/deployment.yaml): above it the kernel kills
 * the pod, for every client. The text a read gets is an external string, outside the V8
 * heap its flags cap, so only the budget keeps the reads' bytes below it.
 */
const PEAK_RSS_LIMIT_MIB = 512;
const PROBE_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 10_000;

const TOKEN = `log-flood-agent-${process.pid}-${Date.now()}`;

let sandbox: Sandbox;
let server: ChildServer;
let kube: { server: string; ca: Buffer; token: string };
let pods: string[];
const clients: Client[] = [];

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run npm run build first`);
  sandbox = await startSandbox(loadScenario(SCENARIO), { clock: 'frozen', apiKey: TOKEN });
  // biome-ignore lint/suspicious/noExplicitAny: the sandbox config as YAML holds it
  const raw = yaml.load(readFileSync(sandbox.configPath, 'utf8')) as Record<string, any>;
  raw.limits = { toolTimeout: `${TOOL_TIMEOUT_MS / 1000}s` };
  const configPath = join(sandbox.dir, 'log-flood.yaml');
  writeFileSync(configPath, yaml.dump(raw), { mode: 0o600 });
  // biome-ignore lint/suspicious/noExplicitAny: a kubeconfig as YAML holds it
  const kubeconfig = yaml.load(readFileSync(sandbox.kubeconfigPath, 'utf8')) as any;
  kube = {
    server: kubeconfig.clusters[0].cluster.server,
    ca: readFileSync(kubeconfig.clusters[0].cluster['certificate-authority']),
    token: kubeconfig.users[0].user.token,
  };
  const list = JSON.parse((await kubeGet(`/api/v1/namespaces/${NAMESPACE}/pods`)).body) as {
    items: { metadata: { name: string } }[];
  };
  pods = list.items.map((p) => p.metadata.name).sort();
  server = await onFreePort((port) => spawnServer(configPath, port, [BUILT_CLI]));
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await server?.stop();
  await sandbox?.close();
});

/** GET against the sandbox's Kubernetes API; with `countOnly`, the body's bytes are counted, not kept. */
function kubeGet(path: string, countOnly = false): Promise<{ status: number; body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, kube.server),
      { ca: kube.ca, headers: { authorization: `Bearer ${kube.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (!countOnly) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), bytes }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The process's memory figure `field` (VmRSS, VmHWM) in MiB, or undefined once it is gone. */
function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024; // none: a zombie
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Probe {
  at: number;
  status: number | string;
  ms: number;
}

/** GET /healthz: its status, or the error's code when it got no answer in time. */
function probeHealthz(url: string): Promise<Probe> {
  const at = Date.now();
  return new Promise((resolve) => {
    const req = httpRequest(`${url}/healthz`, { timeout: PROBE_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ at, status: res.statusCode ?? 0, ms: Date.now() - at }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ at, status: err.code ?? err.message, ms: Date.now() - at }),
    );
    req.end();
  });
}

async function connect(): Promise<Client> {
  const client = new Client({ name: 'log-flood-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
    }),
  );
  clients.push(client);
  return client;
}

type Outcome =
  | { kind: 'ok'; totalLines: number; ms: number }
  | { kind: 'tool-error'; text: string; ms: number }
  | { kind: 'transport'; error: string; ms: number };

describe('k8s_pod_logs storm against the sized heap', () => {
  it('the built command runs on the sized heap, and every pod holds more log than one read takes', async () => {
    const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
    for (const flag of HEAP_FLAGS) expect(argv).toContain(flag);
    const serving = server
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; heapLimitMiB?: number })
      .find((l) => l.msg === 'opswarden serving MCP over HTTP');
    expect(serving?.heapLimitMiB).toBeLessThan(512);

    expect(pods).toHaveLength(4);
    const sizes = await Promise.all(
      pods.map((pod) => kubeGet(`/api/v1/namespaces/${NAMESPACE}/pods/${pod}/log?timestamps=true`, true)),
    );
    console.info(
      `log-read-memory: server heap limit ${serving?.heapLimitMiB} MiB; pod logs ${sizes
        .map((s) => `${(s.bytes / MiB).toFixed(1)} MiB`)
        .join(', ')}`,
    );
    for (const size of sizes) {
      expect(size.status).toBe(200);
      expect(size.bytes).toBeGreaterThan(POD_READ_BYTES);
    }
  }, 30_000);

  it(`${CALLS} concurrent reads of 32-64 MB each: the server stays up, answers /healthz and stays under ${PEAK_RSS_LIMIT_MIB} MiB`, async () => {
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, connect));
    const url = server.url;
    const pid = server.pid;

    // Watch the process: its RSS, and whether it is still there.
    let storming = true;
    let rssMax = 0;
    let died: number | undefined;
    const gone = new Promise<void>((resolve) => {
      void (async () => {
        while (storming) {
          const rss = memoryMiB(pid, 'VmRSS');
          if (rss === undefined || !alive(pid)) {
            died = Date.now();
            return resolve();
          }
          rssMax = Math.max(rssMax, rss);
          await sleep(100);
        }
      })();
    });
    const probes: Probe[] = [];
    const probing = (async () => {
      while (storming) {
        probes.push(await probeHealthz(url));
        await sleep(PROBE_EVERY_MS);
      }
    })();

    // Every third call takes two pods by label (64 MB, the most one call may read), the
    // others one pod each (32 MB); none gives tailLines.
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: CALLS }, async (_, i): Promise<Outcome> => {
        const args =
          i % 3 === 2
            ? { namespace: NAMESPACE, labelSelector: 'app=chatty', maxPods: 2 }
            : { namespace: NAMESPACE, pod: pods[i % pods.length] };
        const call = sessions[i % SESSIONS]!.callTool({ name: 'k8s_pod_logs', arguments: args }, undefined, {
          timeout: CLIENT_TIMEOUT_MS,
        });
        const outcome = call.then(
          (result): Outcome => {
            const ms = Date.now() - started;
            const content = result.content as { type: string; text?: string }[];
            if (result.isError)
              return { kind: 'tool-error', text: content.map((c) => c.text).join('\n'), ms };
            const totalLines = (result.structuredContent as { totalLines?: number } | undefined)?.totalLines;
            return { kind: 'ok', totalLines: totalLines ?? -1, ms };
          },
          (err: Error): Outcome => ({ kind: 'transport', error: err.message, ms: Date.now() - started }),
        );
        // A dead server leaves a call's stream hanging until the client's timeout: stop at the death.
        return Promise.race([
          outcome,
          gone.then(
            (): Outcome => ({
              kind: 'transport',
              error: 'the server process died',
              ms: Date.now() - started,
            }),
          ),
        ]);
      }),
    );
    const stormMs = Date.now() - started;
    storming = false;
    await probing;

    const stillAlive = alive(pid);
    const peakMiB = memoryMiB(pid, 'VmHWM');
    const after = stillAlive ? await probeHealthz(url) : undefined;
    const during = probes.filter((p) => p.at >= started && p.at <= started + stormMs);
    const answered = during.filter((p) => p.status === 200);
    const counts = { ok: 0, 'tool-error': 0, transport: 0 };
    for (const o of outcomes) counts[o.kind]++;
    const tail = server.stderr().split('\n').slice(-15).join('\n');
    console.info(
      [
        `log-read-memory: ${CALLS} calls in ${(stormMs / 1000).toFixed(1)} s: ${counts.ok} ok, ${counts['tool-error']} tool errors, ${counts.transport} transport failures`,
        `  peak RSS (VmHWM) ${peakMiB === undefined ? 'n/a (process gone)' : `${peakMiB.toFixed(0)} MiB`}, max sampled VmRSS ${rssMax.toFixed(0)} MiB`,
        `  /healthz during the storm: ${answered.length}/${during.length} answered 200, slowest ${Math.max(0, ...during.map((p) => p.ms))} ms`,
        `  server ${stillAlive ? 'alive' : `died ${((died ?? Date.now()) - started) / 1000} s into the storm`}`,
        ...outcomes.map(
          (o, i) =>
            `  call ${i}: ${o.kind} after ${(o.ms / 1000).toFixed(1)} s${
              o.kind === 'ok'
                ? ` (${o.totalLines} lines)`
                : `: ${o.kind === 'tool-error' ? o.text : o.error}`.slice(0, 200)
            }`,
        ),
        ...(stillAlive ? [] : ['  server stderr (tail):', tail]),
      ].join('\n'),
    );

    expect(stillAlive, `the server died under the storm; its stderr ends:\n${tail}`).toBe(true);
    expect(after?.status).toBe(200);
    expect(outcomes.filter((o) => o.kind === 'transport')).toEqual([]);
    for (const o of outcomes) {
      if (o.kind === 'tool-error') expect(o.text).toMatch(/k8s_pod_logs failed: /);
      // A read of 32 MB of ~430-byte lines holds about 78,000 of them.
      else if (o.kind === 'ok') expect(o.totalLines).toBeGreaterThan(70_000);
    }
    expect(counts.ok).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((p) => p.status !== 200)).toEqual([]);
    expect(peakMiB, `peak RSS ${peakMiB?.toFixed(0)} MiB: over the container's memory limit`).toBeLessThan(
      PEAK_RSS_LIMIT_MIB,
    );
  }, 90_000);
});
