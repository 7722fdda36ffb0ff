// Which steps a test case must pass through, read from its expectation alone (outcome, the
// deciding step, the tools executed in order, how approvals are answered), without running
// it. A case whose expectation no path through the runbook can meet is a mistake in the test
// file; the steps common to every path that meets it are the ones the case is sure to visit,
// which is how a runbook's cases are shown to cover every step before anything runs.
//
// At an action step the tool may execute (next), fail (onFailure) or be stopped by the
// policy or a human (the run ends escalate); a check may go either way; an approval step
// follows the case's answer; a wait goes on.

import type { EndState, Runbook, RunbookStep } from './types.ts';

export interface Expectation {
  outcome: EndState;
  decidedBy?: string;
  actions?: string[];
  approvals: 'approve' | 'reject';
}

interface Branch {
  to: string;
  executed?: string;
}

/** Every path (the step ids in order) through `runbook` that meets the expectation. */
export function pathsMeeting(runbook: Runbook, expected: Expectation): string[][] {
  const byId = new Map(runbook.steps.map((step) => [step.id, step]));
  const maxLength = runbook.steps.length * 2;
  const found: string[][] = [];
  const walk = (id: string, path: string[], executed: string[]) => {
    const step = byId.get(id);
    if (!step) {
      const decidedBy = path.at(-1);
      if (
        id === expected.outcome &&
        (!expected.decidedBy || expected.decidedBy === decidedBy) &&
        sameList(executed, expected.actions)
      )
        found.push(path);
      return;
    }
    if (path.length >= maxLength) return;
    for (const branch of branches(step, expected.approvals)) {
      const nowExecuted = branch.executed ? [...executed, branch.executed] : executed;
      if (expected.actions && !isPrefix(nowExecuted, expected.actions)) continue;
      walk(branch.to, [...path, step.id], nowExecuted);
    }
  };
  walk(runbook.steps[0]!.id, [], []);
  return found;
}

/** The steps every path meeting the expectation visits (empty when none meets it). */
export function stepsSurelyVisited(runbook: Runbook, expected: Expectation): Set<string> {
  const paths = pathsMeeting(runbook, expected).map((path) => new Set(path));
  if (!paths.length) return new Set();
  return new Set([...paths[0]!].filter((id) => paths.every((path) => path.has(id))));
}

function branches(step: RunbookStep, approvals: Expectation['approvals']): Branch[] {
  switch (step.kind) {
    case 'action':
      return [{ to: step.next, executed: step.tool }, { to: step.onFailure }, { to: 'escalate' }];
    case 'check':
      return [{ to: step.onSuccess }, { to: step.onFailure }];
    case 'approval':
      return [{ to: approvals === 'approve' ? step.next : step.onReject }];
    case 'wait':
      return [{ to: step.next }];
  }
}

function isPrefix(prefix: readonly string[], list: readonly string[]): boolean {
  return prefix.length <= list.length && prefix.every((item, i) => item === list[i]);
}

function sameList(list: readonly string[], expected: readonly string[] | undefined): boolean {
  return !expected || (list.length === expected.length && isPrefix(list, expected));
}
