// A bundle that is wrong must be refused at load with a message that says where: the YAML
// path, the rule and the expression. These are the mistakes a rule author makes at 3 a.m.

import { describe, expect, it } from 'vitest';
import { compileBundle, PolicyError } from '../../../src/policy/bundle.ts';
import { bundleDocument, bundleYaml, compileError, compileSpec, type TestRule } from './helpers.ts';

const rule = (match: string, extra: Partial<TestRule> = {}): TestRule => ({
  name: 'r',
  match,
  effect: 'deny',
  ...extra,
});

describe('compileBundle', () => {
  it('compiles a valid bundle and exposes its name, version, mode and rules', () => {
    const bundle = compileSpec({
      rules: [{ name: 'no-secrets', description: 'why', match: 'target.kind == "Secret"', effect: 'deny' }],
    });
    expect(bundle.ref).toMatchObject({ name: 'test', version: '1.0.0' });
    expect(bundle.ref.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.mode).toBe('enforce');
    expect(bundle.source).toBe('test.yaml');
    expect(bundle.rules).toEqual([{ name: 'no-secrets', effect: 'deny', description: 'why' }]);
  });

  it.each([
    'history.sameTarget["1h"] >= 3',
    'impact.fractionOfService > 0.5',
    'impact.fractionOfService >= 1',
    '"admin" in principal.roles',
    'request.args.replicas > 10',
    'request.args.replicas + 1 > 10',
    'has(request.args.force) && request.args.force == true',
    'target.labels.app == "checkout" && "tier" in target.labels',
    'incident.id != "" && incident.severity in ["sev1", "sev2"]',
    'principal.roles.exists(r, r.startsWith("sre")) && principal.client.name == "claude"',
    'context.now.getHours("Europe/Paris") < 6 || context.now.getDayOfWeek() == 0',
    'context.now > timestamp("2025-01-01T00:00:00Z") && duration("1h") < duration("2h")',
    'target.namespace.lowerAscii().matches("^kube-") && size(target.name) > 0',
    'history.sameTool["1h"] + history.approvalsRejected["24h"] > impact.pods',
    'impact.reversible == false && impact.estimatedCostUsd > 100.0 && context.rolloutInProgress',
    '[1, 2, 3].map(x, x * 2).exists(x, x > 4) && {"a": 1}["a"] == 1',
  ])('type-checks the natural rule %s', (match) => {
    expect(() => compileSpec({ rules: [rule(match)] })).not.toThrow();
  });

  it('names the rule, the YAML path and the expression for a misspelt field', () => {
    const message = compileError({
      rules: [
        rule('true'),
        { name: 'prod-only', match: 'target.enviroment == "production"', effect: 'deny' },
      ],
    });
    expect(message).toContain('test.yaml: spec.rules[1].match (rule prod-only)');
    expect(message).toContain("undefined field 'enviroment' on target; did you mean 'environment'?");
    expect(message).toContain('in: target.enviroment == "production"');
  });

  it.each([
    ['request.tool == 3', 'cannot compare string with int using =='],
    ['request.tool', 'must be bool, got string'],
    ['requst.tool == "x"', "undeclared reference to 'requst'; did you mean 'request'?"],
    ['history.sameTarget["2h"] > 1', "undefined field '2h' on history.sameTarget"],
    ['impact.pods + 1.5 > 2.0', "'+' cannot be applied to (int, double)"],
    ['target.name.getHours() > 1', '.getHours() cannot be applied to (string)'],
    ['nosuch(1)', 'unknown function nosuch()'],
    ['"x" in target', "'in' needs a list or map on its right, got target"],
    ['target.name == null', 'cannot compare string with null_type'],
    ['request.tool ==', 'syntax error at 1:'],
  ])('refuses %s', (match, problem) => {
    const message = compileError({ rules: [rule(match)] });
    expect(message).toContain('spec.rules[0].match (rule r)');
    expect(message).toContain(problem);
  });

  it('requires messageExpression to be a string', () => {
    expect(
      compileError({ rules: [rule('true', { messageExpression: 'history.sameTarget["1h"]' })] }),
    ).toContain('spec.rules[0].messageExpression (rule r): must be string, got int');
  });

  it('names unknown keys and missing keys by YAML path', () => {
    const message = compileError({
      rules: [rule('true'), rule('true'), { name: 'x', match: 'true', efect: 'deny' } as never],
    });
    expect(message).toContain('spec.rules[2].efect: unknown key');
    expect(message).toContain('spec.rules[2].effect: required');
  });

  it('refuses a version that is not semver and an unknown effect', () => {
    const doc = bundleDocument(
      { rules: [rule('true', { effect: 'block' })] },
      { name: 'test', version: '1.0' },
    );
    const message = compileError(JSON.stringify(doc));
    expect(message).toContain('metadata.version: must be a semantic version like 1.2.0');
    expect(message).toContain('spec.rules[0].effect:');
  });

  it('refuses duplicate rule and variable names', () => {
    const message = compileError({
      variables: [
        { name: 'isProd', expression: 'true' },
        { name: 'isProd', expression: 'false' },
      ],
      rules: [rule('true', { name: 'same' }), rule('false', { name: 'same' })],
    });
    expect(message).toContain(
      'spec.variables[1].name: duplicate variable name "isProd" (first at spec.variables[0])',
    );
    expect(message).toContain('spec.rules[1].name: duplicate rule name "same" (first at spec.rules[0])');
  });

  it('lists every problem in one error', () => {
    try {
      compileSpec({ rules: [rule('target.enviroment == ""'), { ...rule('request.tool'), name: 'second' }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).problems).toHaveLength(2);
      expect((error as PolicyError).source).toBe('test.yaml');
    }
  });

  it('lets a variable use earlier variables but not later ones', () => {
    expect(() =>
      compileSpec({
        variables: [
          { name: 'a', expression: 'request.tool == "x"' },
          { name: 'b', expression: 'variables.a && variables.c' },
          { name: 'c', expression: 'true' },
        ],
        rules: [rule('variables.b')],
      }),
    ).toThrow("spec.variables[1].expression: no variable 'c' is declared before this expression");
  });

  it('takes approval blocks only on escalate rules, with a valid ttl', () => {
    expect(compileError({ rules: [rule('true', { approval: { approvers: ['sre-oncall'] } })] })).toContain(
      'spec.rules[0].approval (rule r): only escalate rules take an approval block',
    );
    expect(
      compileError({ rules: [rule('true', { effect: 'escalate', approval: { ttl: 'soon' } })] }),
    ).toContain('spec.rules[0].approval.ttl: invalid duration "soon"');
    expect(
      compileError({ rules: [rule('true', { effect: 'escalate', approval: { channels: ['email'] } })] }),
    ).toContain('spec.rules[0].approval.channels[0]:');
  });

  it('names the source for YAML that does not parse', () => {
    expect(() => compileBundle('spec: [unclosed', 'policies/broken.yaml')).toThrow(
      /^policies\/broken\.yaml: not valid YAML/,
    );
  });

  it('refuses an empty file with the missing top-level keys', () => {
    expect(compileError('')).toContain('(top level)');
    expect(compileError(bundleYaml({ rules: [] }).replace('kind: PolicyBundle', 'kind: Policy'))).toContain(
      'kind:',
    );
  });
});
