// The built-in runbook library in runbooks/: every runbook loads and has a test file beside
// it; every case names a scenario that loads, parameters the runbook accepts, and arguments
// each action accepts once rendered; a case that expects `resolved` executes one of its
// scenario's fixes, and every runbook that can fix something has such a case (the two that
// cannot are named, with the reason checked); and each runbook's cases together pass
// through every one of its steps. Running the cases in the sandbox is `opswarden runbook
// test`; this checks them statically.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathsMeeting, stepsSurelyVisited } from '../../../src/runbooks/expected-paths.ts';
import { loadRunbooks, resolveParams, resolveStep } from '../../../src/runbooks/load.ts';
import { loadRunbookTests, type RunbookTestCase, runbookTestPath } from '../../../src/runbooks/tests-file.ts';
import type { ActionStep, Runbook } from '../../../src/runbooks/types.ts';
import { fixDataMatches } from '../../../src/sandbox/scenario/fix-data.ts';
import { loadScenario } from '../../../src/sandbox/scenario/load.ts';
import { parseRef } from '../../../src/sandbox/scenario/refs.ts';
import { allTools } from '../../../tools/index.ts';
import { REPO } from '../../helpers/world.ts';

const DIR = join(REPO, 'runbooks');
const runbooks = loadRunbooks(DIR);
const testsOf = (runbook: Runbook) => loadRunbookTests(runbookTestPath(runbook.source), runbooks);
const resolvedCases = (runbook: Runbook) =>
  testsOf(runbook).cases.filter((c) => c.expect.outcome === 'resolved');

/**
 * Whether an action executed by `testCase` ends its scenario's incident for good: it is one
 * of the scenario's fixes (same tool and object), setting what the fix's `data` asks for.
 * The sandbox reads the fix as a condition on the world; `opswarden runbook test` checks it there.
 */
function isFix(testCase: RunbookTestCase, action: ActionStep): boolean {
  const { resolution } = loadScenario(testCase.scenario);
  const args = action.args as {
    name: string;
    namespace?: string;
    data?: Record<string, unknown>;
    replicas?: number;
  };
  const sets = action.tool === 'k8s_deployment_scale' ? { replicas: args.replicas } : (args.data ?? {});
  return resolution!.fixes.some((fix) => {
    const ref = parseRef(fix.target!);
    return (
      fix.tool === action.tool &&
      ref.name === args.name &&
      ref.namespace === args.namespace &&
      Object.entries(fix.data ?? {}).every(([key, pattern]) => fixDataMatches(pattern, sets[key]))
    );
  });
}

/** Whether the runbook has an action of a mutating tool: the only way it can fix anything. */
const mutates = (runbook: Runbook) =>
  runbook.steps.some(
    (step) => step.kind === 'action' && allTools.find((t) => t.name === step.tool)!.kind === 'mutate',
  );
/** Whether some path through the runbook ends resolved (approvals granted). */
const canEndResolved = (runbook: Runbook) =>
  pathsMeeting(runbook, { outcome: 'resolved', approvals: 'approve' }).length > 0;

/** The action steps of a case, rendered with its parameters. */
function renderedActions(runbook: Runbook, testCase: RunbookTestCase): ActionStep[] {
  const scope = {
    params: resolveParams(runbook, testCase.params),
    runbook: { name: runbook.name, version: runbook.version },
    execution: { id: 'library-test' },
  };
  return runbook.steps.flatMap((step) =>
    step.kind === 'action' ? [resolveStep(step, scope) as ActionStep] : [],
  );
}

describe.each(runbooks.map((runbook) => [runbook.name, runbook] as const))('runbook %s', (_, runbook) => {
  it('has a test file beside it whose cases validate against it', () => {
    expect(existsSync(runbookTestPath(runbook.source))).toBe(true);
    const tests = testsOf(runbook);
    expect(tests.runbook).toBe(runbook.name);
    expect(tests.cases.length).toBeGreaterThan(0);
  });

  it('says what it is for: a title, a description, categories and signals', () => {
    expect(runbook.title.length).toBeGreaterThan(20);
    expect(runbook.description.length).toBeGreaterThan(200);
    expect(runbook.matches.categories.length).toBeGreaterThan(0);
    expect(runbook.matches.signals.length).toBeGreaterThan(0);
  });

  it('runs its cases on scenarios that load, with arguments every tool accepts', () => {
    for (const testCase of testsOf(runbook).cases) {
      expect(() => loadScenario(testCase.scenario), testCase.name).not.toThrow();
      for (const action of renderedActions(runbook, testCase)) {
        const tool = allTools.find((t) => t.name === action.tool)!;
        const parsed = tool.input.safeParse(action.args);
        expect(parsed.error?.issues ?? [], `${testCase.name}: step ${action.id}`).toEqual([]);
      }
    }
  });

  it('executes one of the scenario fixes in every case that expects the incident resolved', () => {
    const cases = resolvedCases(runbook);
    if (mutates(runbook) && canEndResolved(runbook)) {
      expect(
        cases.length,
        `${runbook.name} can fix an incident but no case expects resolved`,
      ).toBeGreaterThan(0);
    } else {
      // It fixes nothing itself (the library test below names these runbooks and why).
      expect(
        cases.map((c) => c.name),
        `${runbook.name} fixes nothing, yet cases expect resolved`,
      ).toEqual([]);
    }
    for (const testCase of cases) {
      const executed = renderedActions(runbook, testCase).filter((a) =>
        testCase.expect.actions?.includes(a.tool),
      );
      expect(
        executed.filter((action) => isFix(testCase, action)).map((a) => a.id),
        testCase.name,
      ).not.toEqual([]);
    }
  });

  it('is visited step by step by its cases together', () => {
    const visited = new Set(
      testsOf(runbook).cases.flatMap((c) => [
        ...stepsSurelyVisited(runbook, { ...c.expect, approvals: c.approvals }),
      ]),
    );
    expect(runbook.steps.map((step) => step.id).filter((id) => !visited.has(id))).toEqual([]);
  });
});

describe('the runbook library', () => {
  it('holds the six built-in runbooks and no test file without its runbook', () => {
    expect(runbooks.map((r) => r.name)).toEqual([
      'crashloop-after-deploy',
      'db-connection-exhaustion',
      'dependency-outage',
      'memory-leak-restart',
      'node-disk-pressure',
      'rollback-deployment',
    ]);
    const testFiles = readdirSync(DIR).filter((file) => file.endsWith('.test.yaml'));
    expect(testFiles.map((file) => file.replace('.test.yaml', '')).sort()).toEqual(
      runbooks.map((r) => r.name),
    );
  });

  it('has cases that end resolved for every runbook that can fix something; two cannot', () => {
    const fixing = runbooks.filter((r) => mutates(r) && canEndResolved(r));
    expect(fixing.map((r) => r.name)).toEqual([
      'crashloop-after-deploy',
      'db-connection-exhaustion',
      'node-disk-pressure',
      'rollback-deployment',
    ]);
    expect(fixing.map((r) => [r.name, resolvedCases(r).length > 0])).toEqual(
      fixing.map((r) => [r.name, true]),
    );
    const named = (name: string) => runbooks.find((r) => r.name === name)!;
    // dependency-outage only reads; memory-leak-restart restarts but always hands over.
    expect(mutates(named('dependency-outage'))).toBe(false);
    expect([mutates(named('memory-leak-restart')), canEndResolved(named('memory-leak-restart'))]).toEqual([
      true,
      false,
    ]);
  });

  it('fixes customer-etl in db-connection-exhaustion by raising the pool to 40, not by setting it to 8', () => {
    const runbook = runbooks.find((r) => r.name === 'db-connection-exhaustion')!;
    const etlCases = testsOf(runbook).cases.filter((c) => c.scenario.endsWith('/customer-etl.yaml'));
    const raised = etlCases.map((c) => {
      const raise = renderedActions(runbook, c).find((a) => a.id === 'raise-pool')!;
      return [(raise.args.data as Record<string, string>).db_pool_max, isFix(c, raise), c.expect.decidedBy];
    });
    // The pool at 8 is the incident: setting it again leaves the failures, and the run rolls back.
    expect(raised).toEqual([
      ['40', true, 'failures-recovered'],
      ['8', false, 'failures-recovered-after-rollback'],
    ]);
  });

  it('never mutates in dependency-outage: every action is a read tool', () => {
    const outage = runbooks.find((r) => r.name === 'dependency-outage')!;
    const kinds = outage.steps.flatMap((s) =>
      s.kind === 'action' ? [allTools.find((t) => t.name === s.tool)!.kind] : [],
    );
    expect(new Set(kinds)).toEqual(new Set(['read']));
  });

  it('rolls back in db-connection-exhaustion only when the larger pool did not bring failures down', () => {
    const runbook = runbooks.find((r) => r.name === 'db-connection-exhaustion')!;
    const leakCase = testsOf(runbook).cases.find(
      (c) => c.scenario.endsWith('orders-db-connection-leak.yaml') && c.approvals === 'approve',
    )!;
    expect(leakCase.expect).toEqual({
      outcome: 'resolved',
      decidedBy: 'failures-recovered-after-rollback',
      actions: ['k8s_configmap_patch', 'k8s_rollout_restart', 'k8s_rollout_undo'],
    });
    const leak = loadScenario(leakCase.scenario);
    expect(leak.resolution!.fixes).toEqual([
      { tool: 'k8s_rollout_undo', target: 'Deployment/orders/order-sync' },
    ]);
  });
});
