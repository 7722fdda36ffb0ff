// The built-in runbook library in runbooks/: every runbook loads and has a test file beside
// it; every case names a scenario that loads, parameters the runbook accepts, and arguments
// each action accepts once rendered; a case that expects `resolved` executes one of its
// scenario's fixes; and each runbook's cases together pass through every one of its steps.
// Running the cases in the sandbox is `opswarden runbook test`; this checks them statically.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepsSurelyVisited } from '../../../src/runbooks/expected-paths.ts';
import { loadRunbooks, resolveParams, resolveStep } from '../../../src/runbooks/load.ts';
import { loadRunbookTests, type RunbookTestCase, runbookTestPath } from '../../../src/runbooks/tests-file.ts';
import type { ActionStep, Runbook } from '../../../src/runbooks/types.ts';
import { reactionTo } from '../../../src/sandbox/reactions/fixes.ts';
import { loadScenario } from '../../../src/sandbox/scenario/load.ts';
import { parseRef } from '../../../src/sandbox/scenario/refs.ts';
import { allTools } from '../../../tools/index.ts';
import { REPO } from '../../helpers/world.ts';

const DIR = join(REPO, 'runbooks');
const runbooks = loadRunbooks(DIR);
const testsOf = (runbook: Runbook) => loadRunbookTests(runbookTestPath(runbook.source), runbooks);

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
    for (const testCase of testsOf(runbook).cases.filter((c) => c.expect.outcome === 'resolved')) {
      const { resolution } = loadScenario(testCase.scenario);
      const executed = renderedActions(runbook, testCase).filter((a) =>
        testCase.expect.actions?.includes(a.tool),
      );
      const fixes = executed.filter((action) =>
        resolution!.fixes.some((fix) => {
          const { kind } = parseRef(fix.target!);
          const { name, namespace } = action.args as { name: string; namespace?: string };
          const target = { kind, name, ...(namespace ? { namespace } : {}) };
          return (
            reactionTo(resolution!, { tool: action.tool, target, args: action.args }, 0)?.until === Infinity
          );
        }),
      );
      expect(
        fixes.map((a) => a.id),
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
