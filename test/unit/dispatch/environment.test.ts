// Where a target's environment comes from: the config's namespace mapping, then what the
// tool found (a namespace's `environment` label), then the default, production unless
// changed. Fail closed: nothing known means production.

import { expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.ts';
import { resolveEnvironment } from '../../../src/dispatch/policy-input.ts';

const config = parseConfig({ environments: { namespaces: { shop: 'production' } } }, 'test', {}, '/tmp');

it('the config mapping wins over the namespace label', () => {
  expect(resolveEnvironment({ namespace: 'shop', environment: 'staging' }, config).environment).toBe(
    'production',
  );
});

it('the namespace label counts when the config does not map the namespace', () => {
  expect(resolveEnvironment({ namespace: 'qa', environment: 'staging' }, config).environment).toBe('staging');
});

it('anything unknown is production', () => {
  expect(resolveEnvironment({ namespace: 'qa' }, config).environment).toBe('production');
  expect(resolveEnvironment({ kind: 'Node', name: 'n1' }, config).environment).toBe('production');
});
