// The opswarden config a sandbox writes beside its kubeconfig: every backend pointed at the
// sandbox's loopback endpoints, the store and audit log in the sandbox directory, namespace
// environments taken from the scenario's namespace labels, the service catalog from its
// `services`, an on-call human who may approve escalations from the CLI, and (for HTTP)
// bearer API keys for the agent and for Alertmanager's webhook posts. It is written as YAML
// and loaded back through the normal loader, so it is a config a human can reuse.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { catalogFromScenario } from '../../incidents/catalog.ts';
import { hashApiKey } from '../../server/auth/api-keys.ts';
import type { Scenario } from '../scenario/schema.ts';

/** The human who approves escalations: `opswarden approvals approve <id> --as oncall`. */
export const SANDBOX_APPROVER = 'oncall';
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
  opts: { apiKey?: string; alertWriterKey?: string; port?: number } = {},
): { path: string; config: Config } {
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
  ];
  const namespaces = Object.fromEntries(
    scenario.spec.kubernetes.namespaces.flatMap((ns) =>
      ns.labels?.environment ? [[ns.name, ns.labels.environment]] : [],
    ),
  );
  const raw = {
    server: { name: `opswarden-sandbox-${scenario.name}`, http: { port: opts.port ?? 8787 } },
    principal: { id: SANDBOX_AGENT, type: 'agent', roles: [] },
    principals: [{ id: SANDBOX_APPROVER, type: 'human', roles: ['sre-oncall'] }],
    ...(apiKeys.length ? { auth: { apiKeys } } : {}),
    environments: { namespaces, default: 'production' },
    services: catalogFromScenario(scenario),
    kubernetes: { kubeconfig: endpoints.kubeconfigPath },
    prometheus: { url: endpoints.prometheus },
    alertmanager: { url: endpoints.alertmanager },
    cloudwatch: { region: SANDBOX_REGION, endpoint: endpoints.cloudwatch },
    store: { path: join(dir, 'opswarden.db') },
    audit: { jsonl: join(dir, 'audit.jsonl') },
  };
  const path = join(dir, 'opswarden.yaml');
  const header = `# Written by \`opswarden sandbox\` for scenario ${scenario.name}: every backend is the sandbox on loopback.\n`;
  writeFileSync(path, header + yaml.dump(raw, { lineWidth: 120 }), { mode: 0o600 });
  return { path, config: loadConfig(path).config };
}
