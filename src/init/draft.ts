// The opswarden.yaml `opswarden init` proposes, from what it found: every kubeconfig
// context as a cluster (the current one the default), the Prometheus and Alertmanager URLs
// (given by flag, or found in the cluster: the Service's in-cluster URL when opswarden
// runs in the cluster, a loopback URL and the port-forward to run when it runs on this
// machine), the store and audit log beside the file, and the AI over stdio as an agent.
// Notes say what was found and what is left to do; they go into the file's header too.
// The draft is validated by the config schema before anyone sees it.

import { dirname } from 'node:path';
import yaml from 'js-yaml';
import { parseConfig } from '../config/load.ts';
import { printable } from '../printable.ts';
import { type FoundService, inClusterUrl, MONITORING_PORTS, type MonitoringSystem } from './discover.ts';

export interface KubeconfigFacts {
  path: string;
  contexts: string[];
  current: string | undefined;
}

/** Where a monitoring system's URL comes from. */
export type MonitoringSource =
  | { kind: 'flag'; url: string }
  | { kind: 'found'; service: FoundService; others: FoundService[] }
  | { kind: 'missing'; why: string };

export interface DraftInput {
  /** Absent: no kubeconfig was found, and the config has no kubernetes section. */
  kube: KubeconfigFacts | undefined;
  /** opswarden will run in a pod of the current context's cluster. */
  inCluster: boolean;
  monitoring: Record<MonitoringSystem, MonitoringSource>;
  /** Where the file will be written (relative paths in it resolve against its directory). */
  path: string;
  now: Date;
}

export interface Draft {
  raw: Record<string, unknown>;
  notes: string[];
  /** The file's text: header comment with the notes, then the YAML. */
  text: string;
}

const TITLES: Record<MonitoringSystem, string> = { prometheus: 'Prometheus', alertmanager: 'Alertmanager' };
const FLAGS: Record<MonitoringSystem, string> = {
  prometheus: '--prometheus-url',
  alertmanager: '--alertmanager-url',
};

function kubernetesSection(input: DraftInput): Record<string, unknown> | undefined {
  const { kube } = input;
  if (!kube) return undefined;
  if (input.inCluster) {
    return { inCluster: true, ...(kube.current ? { defaultCluster: kube.current } : {}) };
  }
  return {
    kubeconfig: kube.path,
    clusters: Object.fromEntries(kube.contexts.map((context) => [context, { context }])),
    ...(kube.current ? { defaultCluster: kube.current } : {}),
  };
}

function monitoringUrl(
  system: MonitoringSystem,
  source: MonitoringSource,
  input: DraftInput,
): { url?: string; note: string } {
  const title = TITLES[system];
  if (source.kind === 'flag') return { url: source.url, note: `${title}: ${source.url} (${FLAGS[system]})` };
  if (source.kind === 'missing') {
    return { note: `${title}: not configured: ${source.why}; rerun with ${FLAGS[system]} <url> to add it` };
  }
  const { service, others } = source;
  const also = others.length
    ? ` (also found: ${others.map((o) => `${o.namespace}/${o.name}`).join(', ')})`
    : '';
  const where = `Service ${service.namespace}/${service.name} port ${service.port}${also}`;
  if (input.inCluster) {
    const url = inClusterUrl(service);
    return { url, note: `${title}: ${url}, the in-cluster address of ${where}` };
  }
  const local = MONITORING_PORTS[system];
  const context = input.kube?.current ? `--context ${input.kube.current} ` : '';
  return {
    url: `http://127.0.0.1:${local}`,
    note: `${title}: found ${where}; opswarden runs on this machine, so keep a port-forward open: kubectl ${context}-n ${service.namespace} port-forward svc/${service.name} ${local}:${service.port}`,
  };
}

export function draftConfig(input: DraftInput): Draft {
  const found: string[] = [];
  const kubernetes = kubernetesSection(input);
  if (input.kube) {
    const { contexts, current, path } = input.kube;
    found.push(
      input.inCluster
        ? `Kubernetes: in-cluster (the pod's service account), cluster name ${current ?? 'in-cluster'}`
        : `Kubernetes: ${contexts.length} context(s) of ${path} as clusters, default ${current ?? contexts[0]}`,
    );
  } else {
    found.push('Kubernetes: no kubeconfig found, so no kubernetes section (rerun with --kubeconfig <file>)');
  }
  const urls: Partial<Record<MonitoringSystem, string>> = {};
  for (const system of Object.keys(TITLES) as MonitoringSystem[]) {
    const { url, note } = monitoringUrl(system, input.monitoring[system], input);
    if (url) urls[system] = url;
    found.push(note);
  }
  // Notes quote context names and paths from the kubeconfig; they go into YAML comments.
  const notes = found.map(printable);
  const raw: Record<string, unknown> = {
    principal: { id: 'assistant', type: 'agent', roles: [] },
    ...(kubernetes ? { kubernetes } : {}),
    ...(urls.prometheus ? { prometheus: { url: urls.prometheus } } : {}),
    ...(urls.alertmanager ? { alertmanager: { url: urls.alertmanager } } : {}),
    store: { path: '.opswarden/opswarden.db' },
    audit: { jsonl: '.opswarden/audit.jsonl' },
  };
  // A draft the loader refuses is a bug here, not the user's problem: fail before writing.
  parseConfig(raw, input.path, {}, dirname(input.path));
  const header = [
    `Written by \`opswarden init\` on ${input.now.toISOString().slice(0, 10)}. Check it: opswarden doctor`,
    ...notes,
    'The AI calling over stdio is the agent "assistant". Escalated actions wait for a human approver:',
    'make a key with `opswarden approvals keygen --out <file>` and list yourself under `principals`',
    'with roles [sre-oncall] and the printed publicKey.',
  ];
  const text = `${header.map((line) => `# ${line}`).join('\n')}\n${yaml.dump(raw, { lineWidth: 120 })}`;
  return { raw, notes, text };
}
