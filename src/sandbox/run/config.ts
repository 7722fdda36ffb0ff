// The opswarden config a sandbox writes beside its kubeconfig: every backend pointed at the
// sandbox's loopback endpoints, the store and audit log in the sandbox directory (namespace
// environments are not mapped: the dispatcher reads the simulated namespaces' `environment`
// labels through the alias table, as against a real cluster), the service catalog from its
// `services`, an on-call human who may approve escalations from the CLI, (for HTTP)
// bearer API keys for the agent and for Alertmanager's webhook posts, and the user's
// `oncall:` block when given (`sandbox --oncall`: Slack, PagerDuty, webhooks). It is written as YAML
// and loaded back through the normal loader, so it is a config a human can reuse.

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { signerFromPem } from '../../approvals/proof.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { catalogFromScenario } from '../../incidents/catalog.ts';
import { hashApiKey } from '../../server/auth/api-keys.ts';
import type { Scenario } from '../scenario/schema.ts';

/** The human who approves escalations, with the signing key the sandbox makes for them. */
export const SANDBOX_APPROVER = 'oncall';
/** Their key in the sandbox directory: `opswarden approvals approve <id> --key <dir>/oncall.key`. */
export const SANDBOX_APPROVER_KEY = `${SANDBOX_APPROVER}.key`;
/** Who calls over stdio and, with the API key, over HTTP. */
export const SANDBOX_AGENT = 'assistant';
export const SANDBOX_REGION = 'us-east-1';
/** Who posts the sandbox's alerts to opswarden's webhook (role alert-writer). */
export const SANDBOX_ALERTMANAGER = 'alertmanager';

export interface SandboxEndpoints {
  kubeconfigPath: string;
  prometheus: string;
  alertmanager: string;
  cloudwatch: string;
}

export function writeSandboxConfig(
  dir: string,
  scenario: Scenario,
  endpoints: SandboxEndpoints,
  opts: {
    apiKey?: string;
    alertWriterKey?: string;
    approverToken?: string;
    port?: number;
    oncall?: unknown;
  } = {},
): { path: string; config: Config; approverKeyPath: string } {
  const apiKeys = [
    ...(opts.apiKey ? [{ id: SANDBOX_AGENT, type: 'agent', sha256: hashApiKey(opts.apiKey) }] : []),
    ...(opts.alertWriterKey
      ? [
          {
            id: SANDBOX_ALERTMANAGER,
            type: 'service',
            roles: ['alert-writer'],
            sha256: hashApiKey(opts.alertWriterKey),
          },
        ]
      : []),
    ...(opts.approverToken
      ? [
          {
            id: SANDBOX_APPROVER,
            type: 'human',
            roles: ['sre-oncall'],
            sha256: hashApiKey(opts.approverToken),
          },
        ]
      : []),
  ];
  const approverKeyPath = join(dir, SANDBOX_APPROVER_KEY);
  const raw = {
    server: { name: `opswarden-sandbox-${scenario.name}`, http: { port: opts.port ?? 8787 } },
    principal: { id: SANDBOX_AGENT, type: 'agent', roles: [] },
    principals: [
      {
        id: SANDBOX_APPROVER,
        type: 'human',
        roles: ['sre-oncall'],
        publicKey: approverPublicKey(approverKeyPath),
      },
    ],
    ...(apiKeys.length ? { auth: { apiKeys } } : {}),
    services: catalogFromScenario(scenario),
    kubernetes: { kubeconfig: endpoints.kubeconfigPath },
    prometheus: { url: endpoints.prometheus },
    alertmanager: { url: endpoints.alertmanager },
    cloudwatch: { region: SANDBOX_REGION, endpoint: endpoints.cloudwatch },
    store: { path: join(dir, 'opswarden.db') },
    audit: { jsonl: join(dir, 'audit.jsonl') },
    // Secrets stay `${VAR}` references here: the loader expands them, the file never holds them.
    ...(opts.oncall !== undefined ? { oncall: opts.oncall } : {}),
  };
  const path = join(dir, 'opswarden.yaml');
  const header = `# Written by \`opswarden sandbox\` for scenario ${scenario.name}: every backend is the sandbox on loopback.\n`;
  writeFileSync(path, header + yaml.dump(raw, { lineWidth: 120 }), { mode: 0o600 });
  return { path, config: loadConfig(path, process.env, { envOverrides: false }).config, approverKeyPath };
}

/**
 * The demo approver's public key; the private key is made (mode 600) on first use of the
 * directory and kept, so a sandbox restarted on the same --dir keeps its approver.
 */
function approverPublicKey(keyPath: string): string {
  if (!existsSync(keyPath)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return signerFromPem(readFileSync(keyPath, 'utf8')).publicKey;
}
