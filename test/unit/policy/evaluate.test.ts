// What a compiled bundle decides: the most restrictive matched effect wins, defaults apply
// when nothing matches, shadow mode allows but reports, escalations carry merged approval
// requirements, and anything that cannot be evaluated is a deny.

import { describe, expect, it } from 'vitest';
import { compileBundle } from '../../../src/policy/bundle.ts';
import { caseInput, type PartialPolicyInput } from '../../../src/policy/test-file.ts';
import type { PolicyInput } from '../../../src/types.ts';
import { bundleYaml, compileSpec, type TestRule } from './helpers.ts';

const always = (name: string, effect: string, extra: Partial<TestRule> = {}): TestRule => ({
  name,
  match: 'true',
  effect,
  ...extra,
});
const input = (partial: PartialPolicyInput = {}) => caseInput(partial);
const mutation = input({ request: { tool: 'k8s_rollout_restart', kind: 'mutate' } });

describe('CompiledBundle.evaluate', () => {
  it('lets the most restrictive matched effect win and lists every matched rule', () => {
    const bundle = compileSpec({
      rules: [
        always('a', 'allow'),
        always('e', 'escalate'),
        always('d', 'deny'),
        { ...always('n', 'deny'), match: 'false' },
      ],
    });
    const decision = bundle.evaluate(input());
    expect(decision).toMatchObject({
      effect: 'deny',
      decidedEffect: 'deny',
      mode: 'enforce',
      defaulted: false,
    });
    expect(decision.matched.map((m) => [m.name, m.effect])).toEqual([
      ['a', 'allow'],
      ['e', 'escalate'],
      ['d', 'deny'],
    ]);
    expect(decision.bundle).toEqual(bundle.ref);
    expect(decision.approval).toBeUndefined();

    const escalating = compileSpec({ rules: [always('a', 'allow'), always('e', 'escalate')] });
    expect(escalating.evaluate(input()).decidedEffect).toBe('escalate');
  });

  it('applies the default for the request kind when no rule matches', () => {
    const bundle = compileSpec({
      defaults: { read: 'allow', mutate: 'deny' },
      rules: [{ name: 'never', match: 'false', effect: 'deny' }],
    });
    expect(bundle.evaluate(input())).toMatchObject({ effect: 'allow', defaulted: true, matched: [] });
    expect(bundle.evaluate(mutation)).toMatchObject({ effect: 'deny', defaulted: true, matched: [] });
  });

  it('in shadow mode allows but reports what it decided', () => {
    const bundle = compileSpec({ mode: 'shadow', rules: [always('d', 'deny')] });
    expect(bundle.mode).toBe('shadow');
    expect(bundle.evaluate(input())).toMatchObject({
      effect: 'allow',
      decidedEffect: 'deny',
      mode: 'shadow',
    });
  });

  it('computes messageExpression, falling back to message when it fails', () => {
    const bundle = compileSpec({
      rules: [
        always('count', 'deny', {
          match: 'history.sameTarget["1h"] >= 3',
          message: 'static',
          messageExpression: '"restarted " + string(history.sameTarget["1h"]) + " times in 1h"',
        }),
        always('broken', 'deny', { message: 'fallback', messageExpression: 'string(int(request.reason))' }),
        always('plain', 'allow', { message: 'just text' }),
        always('silent', 'allow'),
      ],
    });
    const decision = bundle.evaluate(
      input({ request: { reason: 'not a number' }, history: { sameTarget: { '1h': 4 } } }),
    );
    expect(decision.error).toBeUndefined();
    expect(decision.matched).toEqual([
      { name: 'count', effect: 'deny', message: 'restarted 4 times in 1h' },
      { name: 'broken', effect: 'deny', message: 'fallback' },
      { name: 'plain', effect: 'allow', message: 'just text' },
      { name: 'silent', effect: 'allow' },
    ]);
  });

  it('evaluates variables only when used, and lets them build on earlier ones', () => {
    const bundle = compileSpec({
      variables: [
        { name: 'fails', expression: 'int(request.reason) > 0' },
        { name: 'isRestart', expression: 'request.tool == "k8s_rollout_restart"' },
        { name: 'prodRestart', expression: 'variables.isRestart && target.environment == "production"' },
      ],
      rules: [
        always('prod-restart', 'escalate', { match: 'variables.prodRestart' }),
        always('uses-failing', 'deny', { match: 'request.tool == "boom" && variables.fails' }),
      ],
    });
    const restart = bundle.evaluate(
      input({ request: { tool: 'k8s_rollout_restart', kind: 'mutate', reason: 'x' } }),
    );
    expect(restart).toMatchObject({ decidedEffect: 'escalate', matched: [{ name: 'prod-restart' }] });
    expect(restart.error).toBeUndefined();

    const staging = bundle.evaluate(
      input({ request: { tool: 'k8s_rollout_restart' }, target: { environment: 'staging' } }),
    );
    expect(staging).toMatchObject({ defaulted: true, matched: [] });

    const boom = bundle.evaluate(input({ request: { tool: 'boom', reason: 'x' } }));
    expect(boom.decidedEffect).toBe('deny');
    expect(boom.error).toContain('variables.fails');
  });

  it('merges the approval blocks of escalating rules: union of approvers and channels, shortest ttl and window; in-client approvers only from rules that list elicitation', () => {
    const bundle = compileSpec({
      rules: [
        always('a', 'escalate', {
          approval: {
            approvers: ['sre-oncall'],
            channels: ['out-of-band'],
            ttl: '30m',
            executionWindow: '2m',
          },
        }),
        always('b', 'escalate', {
          approval: { approvers: ['db-owner'], channels: ['elicitation'], ttl: '5m' },
        }),
        always('ok', 'allow'),
      ],
    });
    expect(bundle.evaluate(mutation).approval).toEqual({
      approvers: ['sre-oncall', 'db-owner'],
      channels: ['out-of-band', 'elicitation'],
      inClientApprovers: ['db-owner'],
      ttlMs: 5 * 60_000,
      executionWindowMs: 2 * 60_000,
    });
  });

  it('fills approval defaults: sre-oncall, out-of-band, 15 minutes to decide and 15 to use the grant', () => {
    const defaults = {
      approvers: ['sre-oncall'],
      channels: ['out-of-band'],
      inClientApprovers: [],
      ttlMs: 15 * 60_000,
      executionWindowMs: 15 * 60_000,
    };
    const partial = compileSpec({ rules: [always('a', 'escalate', { approval: { approvers: ['dba'] } })] });
    expect(partial.evaluate(mutation).approval).toEqual({ ...defaults, approvers: ['dba'] });
    expect(compileSpec({ rules: [always('a', 'escalate')] }).evaluate(mutation).approval).toEqual(defaults);
    const defaulted = compileSpec({ rules: [{ name: 'never', match: 'false', effect: 'deny' }] }).evaluate(
      mutation,
    );
    expect(defaulted).toMatchObject({ decidedEffect: 'escalate', defaulted: true, approval: defaults });
  });

  it('denies when a rule cannot be evaluated (fail closed), even if others allow', () => {
    const bundle = compileSpec({
      rules: [
        always('ok', 'allow'),
        { name: 'scale', match: 'request.args.replicas > 10', effect: 'escalate' },
      ],
    });
    const decision = bundle.evaluate(input({ request: { args: { name: 'checkout' } } }));
    expect(decision).toMatchObject({ effect: 'deny', decidedEffect: 'deny', defaulted: false });
    expect(decision.error).toMatch(/^rule scale: /);
    expect(decision.matched.map((m) => m.name)).toEqual(['ok']);

    const shadow = compileBundle(
      bundleYaml({
        mode: 'shadow',
        rules: [{ name: 'scale', match: 'request.args.replicas > 10', effect: 'deny' }],
      }),
      'shadow.yaml',
    );
    expect(shadow.evaluate(input())).toMatchObject({ effect: 'allow', decidedEffect: 'deny' });
  });

  it('denies an input it cannot even read instead of throwing', () => {
    const bundle = compileSpec({ rules: [always('ok', 'allow')] });
    const broken = { ...input(), history: { sameTarget: { '1h': Number.NaN } } } as unknown as PolicyInput;
    expect(bundle.evaluate(broken)).toMatchObject({
      effect: 'deny',
      error: expect.stringContaining('cannot evaluate'),
    });
  });

  it('fills absent optional input with neutral values so rules never error on them', () => {
    const bundle = compileSpec({
      rules: [
        always('neutral', 'deny', {
          match:
            'incident.id == "" && target.service == "" && size(target.labels) == 0 && principal.client.name == "" && ' +
            'impact.pods == 0 && impact.fractionOfService == 0.0 && !impact.reversible && size(request.args) == 0',
        }),
      ],
    });
    const minimal = {
      request: { tool: 'k8s_pod_logs', kind: 'read', args: {}, dryRun: false, reason: '' },
      target: { environment: 'production' },
      principal: { id: 'p', type: 'agent', roles: [], transport: 'stdio' },
      impact: {},
      history: {
        sameTarget: { '10m': 0, '1h': 0, '24h': 0 },
        sameTool: { '1h': 0 },
        approvalsRejected: { '24h': 0 },
        restarts: { '10m': 0, '1h': 0, '24h': 0 },
        capacityRemoved: { '1h': 0, '24h': 0 },
        principalChanges: { '10m': 0, '1h': 0 },
      },
      context: { now: new Date(), changeFreeze: false, rolloutInProgress: false },
    } satisfies PolicyInput;
    const decision = bundle.evaluate(minimal);
    expect(decision.error).toBeUndefined();
    expect(decision.matched.map((m) => m.name)).toEqual(['neutral']);
  });

  it('treats an empty environment as production and whole-number args as ints', () => {
    const bundle = compileSpec({
      rules: [
        always('prod', 'deny', { match: 'target.environment == "production"' }),
        always('ints', 'deny', {
          match: 'request.args.replicas + 1 == 11 && request.args.ratio * 2.0 == 1.0',
        }),
      ],
    });
    const decision = bundle.evaluate(
      input({ target: { environment: '' }, request: { args: { replicas: 10, ratio: 0.5 } } }),
    );
    expect(decision.error).toBeUndefined();
    expect(decision.matched.map((m) => m.name)).toEqual(['prod', 'ints']);
  });

  it('reads context.now as a timestamp', () => {
    const bundle = compileSpec({
      rules: [always('night', 'escalate', { match: 'context.now.getHours("UTC") < 6' })],
    });
    expect(bundle.evaluate(input({ context: { now: '2025-01-06T03:00:00Z' } })).decidedEffect).toBe(
      'escalate',
    );
    expect(bundle.evaluate(input({ context: { now: '2025-01-06T13:00:00Z' } })).defaulted).toBe(true);
  });
});
