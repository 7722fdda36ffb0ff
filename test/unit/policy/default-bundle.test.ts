// The shipped bundles pass their own tests and lint clean: every rule is reached by a case.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBundles, lintBundle, runPolicyTests } from '../../../src/policy/testing.ts';

const POLICIES = fileURLToPath(new URL('../../../policies/', import.meta.url));
const bundles = findBundles(POLICIES);

describe('shipped policy bundles', () => {
  it('include the default bundle', () => {
    expect(bundles.map((path) => path.slice(POLICIES.length))).toContain('default.yaml');
  });

  it.each(bundles)('%s passes its tests', (path) => {
    const report = runPolicyTests(path);
    expect(report.cases.filter((c) => !c.ok)).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  });

  it.each(bundles)('%s lints clean', (path) => {
    expect(lintBundle(path).problems).toEqual([]);
  });
});
