// The redaction suite's world and its scorekeeping: a sandbox scenario with every shape of
// the redaction corpus planted where on-call data really carries secrets (Deployment env in
// two revisions, ConfigMap data and a properties file, pod logs, CloudWatch Logs, alert
// annotations), each line tagged with a canary (`corpus-017`) that is no secret, so a test
// can tell that a planted line reached an exit (canary seen) without its secret (no needle
// seen). Needles are 12-character windows of each secret (../fixtures/redaction-corpus.ts).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { needles, ORDINARY_LINES, type SecretShape } from '../fixtures/redaction-corpus.ts';

export const NAMESPACE = 'shop';
export const DEPLOYMENT = 'leaky';
export const CONFIGMAP = 'leaky-config';
export const LOG_GROUP = '/shop/leaky';
/** Where ordinary lines (no secrets) are logged, for the false-positive count. */
export const ORDINARY_GROUP = '/shop/ordinary';
export const PROPERTIES_KEY = 'app.properties';

export const canary = (index: number) => `corpus-${String(index).padStart(3, '0')}`;
/** A planted line: its canary, then the corpus line. */
export const tagged = (shape: SecretShape, index: number) => `${canary(index)} ${shape.line}`;

/** Private keys go last in the logs, so one tail read sees them whole, body lines included. */
export const isMultiline = (shape: SecretShape) => shape.line.includes('\n');

/** Writes the scenario file and returns its path. */
export function writeRedactionScenario(corpus: readonly SecretShape[]): string {
  const env = (pick: (s: SecretShape) => string) => Object.fromEntries(corpus.map((s) => [s.env, pick(s)]));
  const ordered = corpus.map((shape, index) => ({ shape, index }));
  ordered.sort((a, b) => Number(isMultiline(a.shape)) - Number(isMultiline(b.shape)));
  // One line a minute, oldest first, ending a minute before now.
  const lines = ordered.map(({ shape, index }, i) => ({
    at: `-${ordered.length - i}m`,
    level: 'info',
    text: tagged(shape, index),
  }));
  const scenario = {
    apiVersion: 'opswarden.dev/v1',
    kind: 'Scenario',
    metadata: { name: 'redaction-world', description: 'Every redaction corpus shape planted in one world.' },
    spec: {
      now: '2026-04-25T14:30:00Z',
      history: '-6h',
      seed: 11,
      cluster: { name: 'test-redaction' },
      kubernetes: {
        namespaces: [{ name: NAMESPACE, labels: { environment: 'production' } }],
        nodes: [{ name: 'node-a', capacity: { cpu: '16', memory: '64Gi', pods: '110' } }],
        deployments: [
          {
            name: DEPLOYMENT,
            namespace: NAMESPACE,
            replicas: 2,
            containers: [{ name: 'app', ports: [8080] }],
            revisions: [
              {
                at: '-2d',
                image: 'registry.example/leaky:1.0.0',
                changeCause: 'release 1.0.0',
                env: env((s) => s.old),
              },
              {
                at: '-1d',
                image: 'registry.example/leaky:1.1.0',
                changeCause: 'rotate secrets',
                env: env((s) => s.value),
              },
            ],
          },
        ],
        configmaps: [
          {
            name: CONFIGMAP,
            namespace: NAMESPACE,
            data: { ...env((s) => s.value), [PROPERTIES_KEY]: corpus.map(tagged).join('\n') },
          },
        ],
      },
      logs: [
        { source: `Deployment/${NAMESPACE}/${DEPLOYMENT}`, lines },
        { source: { cloudwatch: { group: LOG_GROUP, stream: 'app' } }, lines },
        {
          source: { cloudwatch: { group: ORDINARY_GROUP, stream: 'app' } },
          lines: ORDINARY_LINES.map((text, i) => ({
            at: `-${ORDINARY_LINES.length - i}m`,
            level: 'info',
            text,
          })),
        },
      ],
      alerts: corpus.map((shape, index) => ({
        name: 'LeakyConfigDrift',
        labels: { service: DEPLOYMENT, severity: 'warning', canary: canary(index) },
        annotations: { summary: `${canary(index)} config drift`, description: tagged(shape, index) },
        startsAt: '-20m',
      })),
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-redaction-'));
  const path = join(dir, 'redaction-world.yaml');
  writeFileSync(path, yaml.dump(scenario, { lineWidth: -1 }));
  return path;
}

/**
 * Finds every shape whose secret (current or old value) shows in a text. One pass over the
 * text with a 12-character window looked up in a map, so megabytes of output cost little.
 */
export function leakedShapes(text: string, corpus: readonly SecretShape[]): SecretShape[] {
  const byNeedle = new Map<string, SecretShape>();
  const short: [string, SecretShape][] = [];
  for (const shape of corpus) {
    for (const needle of [...needles(shape.secret), ...needles(shape.oldSecret)]) {
      if (needle.length === 12) byNeedle.set(needle, shape);
      else short.push([needle, shape]);
    }
  }
  const leaked = new Set<SecretShape>();
  for (let i = 0; i + 12 <= text.length; i++) {
    const shape = byNeedle.get(text.slice(i, i + 12));
    if (shape) leaked.add(shape);
  }
  for (const [needle, shape] of short) if (text.includes(needle)) leaked.add(shape);
  return corpus.filter((s) => leaked.has(s));
}

/** Indexes of the shapes whose canary shows in a text. */
export function canariesSeen(text: string, count: number): number {
  let seen = 0;
  for (let i = 0; i < count; i++) if (text.includes(canary(i))) seen++;
  return seen;
}
