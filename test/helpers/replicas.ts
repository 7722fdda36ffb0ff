// Team mode for tests: what a test of several `opswarden serve --http` replicas on one
// PostgreSQL store needs around the security world (test/security/harness.ts): its scenario
// with a ConfigMap a runbook can patch, the store URL as an operator writes it (the password
// from the environment), the callId a tool result carries, a 2025-11-25 client whose session
// the test can name, and a replica killed the hard way.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import yaml from 'js-yaml';
import { SECURITY_SCENARIO, type ServedChild } from '../security/harness.ts';

/** The security world plus a ConfigMap in staging; the scenario file written to `dir`. */
export function securityWorldWithConfigMap(
  dir: string,
  configMap: { namespace: string; name: string; data: Record<string, string> },
): string {
  // biome-ignore lint/suspicious/noExplicitAny: a scenario is raw YAML here
  const scenario = yaml.load(readFileSync(SECURITY_SCENARIO, 'utf8')) as Record<string, any>;
  const kubernetes = scenario.spec.kubernetes;
  kubernetes.configmaps = [...(kubernetes.configmaps ?? []), configMap];
  const path = join(dir, 'security-world-with-configmap.yaml');
  writeFileSync(path, yaml.dump(scenario));
  return path;
}

/** `url` with its password replaced by a reference to the environment variable `variable`. */
export function withPasswordFrom(url: string, variable: string): string {
  const configured = new URL(url);
  configured.password = '';
  return configured.href.replace(`${configured.username}@`, `${configured.username}:\${${variable}}@`);
}

/** The callId the server names in a tools/call result (`_meta["opswarden/callId"]`). */
export function callIdOf(result: unknown): string {
  const callId = (result as { _meta?: Record<string, unknown> })._meta?.['opswarden/callId'];
  if (typeof callId !== 'string') throw new Error(`no callId in ${JSON.stringify(result).slice(0, 300)}`);
  return callId;
}

/** A 2025-11-25 client (the v1 SDK) with a session on the server at `baseUrl`; `sessionId` names it. */
export async function sessionClient(
  baseUrl: string,
  token: string,
): Promise<{ client: Client; sessionId: string }> {
  const client = new Client({ name: 'replicas-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  if (!transport.sessionId) throw new Error(`${baseUrl} opened no session`);
  return { client, sessionId: transport.sessionId };
}

/** SIGKILL: no shutdown, no lease released, nothing flushed; resolves once the process is gone. */
export async function sigkill(replica: ServedChild): Promise<void> {
  process.kill(replica.pid, 'SIGKILL');
  // stop() of an exited process only waits for its exit.
  await replica.stop();
}
