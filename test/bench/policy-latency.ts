// Goal 1: one policy decision with the default bundle stays well under a millisecond.
// Evaluates a realistic round-robin mix of inputs (a read, a production change, a dry run,
// a restart with history counts, a Secret), timing each decision with hrtime.

import { loadBundleFile } from '../../src/policy/bundle.ts';
import type { Effect, PolicyInput } from '../../src/types.ts';
import { DEFAULT_POLICY } from '../helpers/world.ts';
import { type Summary, summarize } from './stats.ts';

const WARMUP = 2_000;
const DECISIONS = 20_000;

interface MixCase {
  label: string;
  expect: Effect;
  input: PolicyInput;
}

export interface PolicyLatency {
  overall: Summary;
  cases: { label: string; expect: Effect; got: Effect; summary: Summary }[];
}

function input(over: {
  request: Partial<PolicyInput['request']> & { tool: string };
  target?: Partial<PolicyInput['target']>;
  impact?: PolicyInput['impact'];
  sameTarget1h?: number;
}): PolicyInput {
  return {
    request: { kind: 'read', args: {}, dryRun: false, reason: '', ...over.request },
    target: {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'checkout',
      environment: 'production',
      ...over.target,
    },
    principal: { id: 'claude-agent', type: 'agent', roles: ['responder'], transport: 'http' },
    impact: over.impact ?? {},
    history: {
      sameTarget: { '10m': 0, '1h': over.sameTarget1h ?? 0, '24h': over.sameTarget1h ?? 0 },
      sameTool: { '1h': 0 },
      approvalsRejected: { '24h': 0 },
      restarts: { '10m': 0, '1h': 0, '24h': 0 },
      capacityRemoved: { '1h': 0, '24h': 0 },
      principalChanges: { '10m': 0, '1h': 0 },
    },
    context: { now: new Date(), changeFreeze: false, rolloutInProgress: false },
  };
}

const scale = { tool: 'k8s_deployment_scale', kind: 'mutate', reason: 'traffic spike' } as const;

const MIX: MixCase[] = [
  {
    label: 'read (pod logs, production)',
    expect: 'allow',
    input: input({ request: { tool: 'k8s_pod_logs', args: { namespace: 'shop', pod: 'web-0' } } }),
  },
  {
    label: 'production mutation (scale)',
    expect: 'escalate',
    input: input({
      request: { ...scale, args: { namespace: 'shop', name: 'checkout', replicas: 6 } },
      impact: { replicas: 6, pods: 2, fractionOfService: 0, reversible: true },
    }),
  },
  {
    label: 'dry run (scale down, staging)',
    expect: 'allow',
    input: input({
      request: { ...scale, dryRun: true, args: { namespace: 'staging', name: 'checkout', replicas: 1 } },
      target: { namespace: 'staging', environment: 'staging' },
      impact: { replicas: 1, pods: 1, fractionOfService: 0.5, reversible: true },
    }),
  },
  {
    label: 'restart, 3 already this hour',
    expect: 'deny',
    input: input({
      request: { tool: 'k8s_rollout_restart', kind: 'mutate', reason: 'pods stuck', args: {} },
      sameTarget1h: 3,
    }),
  },
  {
    label: 'Secret read',
    expect: 'deny',
    input: input({
      request: { tool: 'k8s_resource_get', args: { kind: 'Secret', name: 'db-password' } },
      target: { kind: 'Secret', name: 'db-password' },
    }),
  },
];

export function measurePolicyLatency(): PolicyLatency {
  const bundle = loadBundleFile(DEFAULT_POLICY);
  for (let i = 0; i < WARMUP; i++) bundle.evaluate(MIX[i % MIX.length]!.input);

  const all = new Float64Array(DECISIONS);
  const perCase = MIX.map(() => [] as number[]);
  for (let i = 0; i < DECISIONS; i++) {
    const which = i % MIX.length;
    const started = process.hrtime.bigint();
    bundle.evaluate(MIX[which]!.input);
    const ns = Number(process.hrtime.bigint() - started);
    all[i] = ns;
    perCase[which]!.push(ns);
  }
  return {
    overall: summarize(all),
    cases: MIX.map((c, i) => ({
      label: c.label,
      expect: c.expect,
      got: bundle.evaluate(c.input).effect,
      summary: summarize(perCase[i]!),
    })),
  };
}
