// The shape every source of `deploys_history` reduces to: one timeline entry per change
// (when, from which system, on what, what changed, who did it), and the scope and window
// the sources are read for. Sources fill entries; the tool merges and orders them.

import { z } from 'zod';
import type { KubeObject } from '../../src/backends/kubernetes/types.ts';

export const CHANGE_TYPES = [
  'image',
  'config',
  'rollback',
  'restart',
  'deploy',
  'flag',
  'migration',
  'infrastructure',
  'sync',
  'third_party',
  'other',
] as const;

export const entrySchema = z.object({
  time: z.string().describe('RFC 3339'),
  source: z.enum(['kubernetes', 'argocd', 'change-event']),
  target: z
    .string()
    .describe(
      'What changed: Deployment/<ns>/<name>, Application/<ns>/<name>, Service/<name>, Namespace/<name>',
    ),
  ref: z.string().optional().describe('Change/<id> of a change event: how to cite it'),
  change: z.object({
    type: z.enum(CHANGE_TYPES),
    summary: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    fields: z.array(z.string()).optional().describe('Pod-template fields that changed'),
  }),
  by: z.string().optional().describe('Who or what made the change, when the source says'),
  url: z.string().optional(),
});

export type Entry = z.infer<typeof entrySchema>;

/** What the call asks about: a service, a namespace, or (neither) the whole cluster. */
export interface Scope {
  cluster?: string;
  service?: string;
  namespace?: string;
}

/** Inclusive at both ends. */
export interface Window {
  since: Date;
  until: Date;
}

export function inWindow(time: string | undefined, window: Window): time is string {
  if (!time) return false;
  const t = Date.parse(time);
  return t >= window.since.getTime() && t <= window.until.getTime();
}

/** How a source fared: `ok`, or why its entries are missing. */
export type SourceStatus = string;

export function unavailable(err: unknown): SourceStatus {
  return `unavailable: ${(err as Error).message}`;
}

/** The Deployments the scope resolved to, which the other sources match against. */
export interface Workloads {
  deployments: KubeObject[];
}

/** Labels that name the service a workload belongs to. */
export const SERVICE_LABELS = ['app', 'app.kubernetes.io/name'] as const;

/** Names a service goes by in a workload: the Deployment's name and its app labels. */
export function serviceNames(workloads: Workloads): Set<string> {
  const names = new Set<string>();
  for (const { metadata } of workloads.deployments) {
    names.add(metadata.name);
    for (const label of SERVICE_LABELS) {
      const value = metadata.labels?.[label];
      if (value) names.add(value);
    }
  }
  return names;
}
