// The digest identifies what a bundle says: every decision and audit record carries it, so
// reformatting the YAML must not change it and any change of content must.

import { describe, expect, it } from 'vitest';
import { compileBundle } from '../../../src/policy/bundle.ts';

const BLOCK = `# the bundle, block style
apiVersion: opswarden.dev/v1
kind: PolicyBundle
metadata:
  name: digest
  version: 1.0.0
spec:
  mode: enforce
  defaults:
    read: allow
    mutate: escalate
  rules:
    - name: no-secrets
      match: target.kind == "Secret"   # comment
      effect: deny
`;

const FLOW = `{ kind: PolicyBundle, apiVersion: "opswarden.dev/v1",
  spec: { rules: [ { effect: deny, name: no-secrets, match: 'target.kind == "Secret"' } ],
          defaults: { mutate: escalate, read: allow }, mode: enforce },
  metadata: { version: "1.0.0", name: digest } }
`;

describe('bundle digest', () => {
  it('is the same across YAML layout, key order and comments', () => {
    expect(compileBundle(FLOW, 'flow.yaml').ref.digest).toBe(compileBundle(BLOCK, 'block.yaml').ref.digest);
  });

  it('changes when the content changes', () => {
    const base = compileBundle(BLOCK, 'a.yaml').ref.digest;
    expect(compileBundle(BLOCK.replace('effect: deny', 'effect: escalate'), 'a.yaml').ref.digest).not.toBe(
      base,
    );
    expect(compileBundle(BLOCK.replace('"Secret"', '"ConfigMap"'), 'a.yaml').ref.digest).not.toBe(base);
    expect(compileBundle(BLOCK.replace('version: 1.0.0', 'version: 1.0.1'), 'a.yaml').ref.digest).not.toBe(
      base,
    );
  });
});
