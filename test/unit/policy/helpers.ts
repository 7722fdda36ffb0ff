// Builds small bundles for the policy tests: a valid envelope around the spec a test cares
// about, so each test states only the rules and variables it exercises.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { type CompiledBundle, compileBundle } from '../../../src/policy/bundle.ts';

export interface TestRule {
  name: string;
  match: string;
  effect: string;
  [key: string]: unknown;
}

export interface TestSpec {
  mode?: string;
  defaults?: { read: string; mutate: string };
  variables?: { name: string; expression: string }[];
  rules: TestRule[];
}

export function bundleDocument(spec: TestSpec, metadata = { name: 'test', version: '1.0.0' }) {
  return {
    apiVersion: 'opswarden.dev/v1',
    kind: 'PolicyBundle',
    metadata,
    spec: { mode: 'enforce', defaults: { read: 'allow', mutate: 'escalate' }, ...spec },
  };
}

export function bundleYaml(spec: TestSpec): string {
  return yaml.dump(bundleDocument(spec));
}

export function compileSpec(spec: TestSpec): CompiledBundle {
  return compileBundle(bundleYaml(spec), 'test.yaml');
}

/** The message compileBundle throws for `spec`, or a failure if it compiles. */
export function compileError(spec: TestSpec | string): string {
  try {
    compileBundle(typeof spec === 'string' ? spec : bundleYaml(spec), 'test.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the bundle to be refused, but it compiled');
}

/** A fresh directory holding the given files. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
