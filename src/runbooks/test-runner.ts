// `opswarden runbook test`: runs each runbook test case for real. A sandbox of the case's
// scenario starts in this process (live clock at high speed), opswarden runs on it as the
// sandbox command builds it (world clock, reactions to fixes), an agent starts the runbook,
// and the sandbox's on-call human answers every approval as the case says. The outcome, the
// deciding step and the tools that executed are compared with the case; steps no case
// visits are reported, as policy lint reports rules no test reaches.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../app.ts';
import { SANDBOX_AGENT, SANDBOX_APPROVER } from '../sandbox/run/config.ts';
import { startSandbox } from '../sandbox/run/start.ts';
import { loadScenario } from '../sandbox/scenario/load.ts';
import type { Principal } from '../types.ts';
import type { ExecutionStatus } from './service.ts';
import type { RunbookTestCase, RunbookTestFile } from './tests-file.ts';
import type { Runbook } from './types.ts';

/** Scenario seconds per wall second: a 5-minute verification takes 2.5 s. */
export const TEST_SPEED = 120;
/** Wall time one case may take before it counts as failed. */
const CASE_TIMEOUT_MS = 120_000;

const agent: Principal = { id: SANDBOX_AGENT, type: 'agent', roles: [], transport: 'cli' };
const oncall: Principal = { id: SANDBOX_APPROVER, type: 'human', roles: ['sre-oncall'], transport: 'cli' };

export interface CaseResult {
  runbook: string;
  case: string;
  passed: boolean;
  /** What differed from the expectation (empty when passed). */
  problems: string[];
  outcome?: string;
  decidedBy?: string;
  actions: string[];
  visited: string[];
  durationMs: number;
}

export interface TestRun {
  results: CaseResult[];
  /** Per runbook, the steps no case visited. */
  unvisited: { runbook: string; steps: string[] }[];
}

/** Runs every case of `files`; opswarden loads its runbooks from `runbooksDir` (where `runbooks` came from). */
export async function runRunbookTests(
  files: readonly RunbookTestFile[],
  runbooksDir: string,
  runbooks: readonly Runbook[],
  onResult: (result: CaseResult) => void = () => {},
): Promise<TestRun> {
  const results: CaseResult[] = [];
  for (const file of files) {
    const runbook = runbooks.find((r) => r.name === file.runbook);
    if (!runbook) throw new Error(`${file.source}: runbook ${file.runbook} is not loaded`);
    for (const testCase of file.cases) {
      const result = await runCase(runbook, testCase, runbooksDir);
      results.push(result);
      onResult(result);
    }
  }
  const unvisited = [...new Set(files.map((f) => f.runbook))].flatMap((name) => {
    const runbook = runbooks.find((r) => r.name === name)!;
    const visited = new Set(results.filter((r) => r.runbook === name).flatMap((r) => r.visited));
    const steps = runbook.steps.map((s) => s.id).filter((id) => !visited.has(id));
    return steps.length ? [{ runbook: name, steps }] : [];
  });
  return { results, unvisited };
}

async function runCase(
  runbook: Runbook,
  testCase: RunbookTestCase,
  runbooksDir: string,
): Promise<CaseResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-runbook-test-'));
  const sandbox = await startSandbox(loadScenario(testCase.scenario), {
    clock: 'live',
    speed: TEST_SPEED,
    dir,
  });
  const app = createApp({
    config: { ...sandbox.config, runbooks: { dir: runbooksDir } },
    logger: pino({ level: 'silent' }),
    worldClock: sandbox.clock,
    timeScale: TEST_SPEED,
  });
  try {
    const status = await runToEnd(app, runbook, testCase);
    const actions = executedTools(runbook, status);
    return {
      runbook: runbook.name,
      case: testCase.name,
      ...compare(testCase, status, actions),
      ...(status.outcome ? { outcome: status.outcome } : {}),
      ...(status.decidedBy ? { decidedBy: status.decidedBy } : {}),
      actions,
      visited: status.steps.map((s) => s.id),
      durationMs: performance.now() - started,
    };
  } catch (err) {
    return {
      runbook: runbook.name,
      case: testCase.name,
      passed: false,
      problems: [(err as Error).message],
      actions: [],
      visited: [],
      durationMs: performance.now() - started,
    };
  } finally {
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the run as the agent and answers each approval it stops at as the case says. */
async function runToEnd(
  app: ReturnType<typeof createApp>,
  runbook: Runbook,
  testCase: RunbookTestCase,
): Promise<ExecutionStatus> {
  const answered = new Set<string>();
  const answer = (status: ExecutionStatus) => {
    const pending = status.pendingApproval;
    if (!pending || answered.has(pending.approvalId)) return;
    answered.add(pending.approvalId);
    app.approvals.decide(pending.approvalId, oncall, testCase.approvals, `runbook test: ${testCase.name}`);
  };
  const first = app.runbooks.start(runbook.name, testCase.params, {
    principal: agent,
    reason: `runbook test: ${testCase.name}`,
    dryRun: false,
  });
  answer(first);
  const status = await app.runbooks.wait(first.id, { timeoutMs: CASE_TIMEOUT_MS, onChange: answer });
  if (status.state === 'running') {
    throw new Error(`still running at step ${status.currentStep} after ${CASE_TIMEOUT_MS / 1000} s`);
  }
  return status;
}

function executedTools(runbook: Runbook, status: ExecutionStatus): string[] {
  return status.steps.flatMap((s) => {
    const step = runbook.steps.find((r) => r.id === s.id);
    return step?.kind === 'action' && s.outcome === 'executed' ? [step.tool] : [];
  });
}

function compare(
  testCase: RunbookTestCase,
  status: ExecutionStatus,
  actions: string[],
): { passed: boolean; problems: string[] } {
  const { expect } = testCase;
  const problems: string[] = [];
  if (status.outcome !== expect.outcome) {
    problems.push(
      `outcome ${status.outcome} (expected ${expect.outcome})${status.message ? `: ${status.message}` : ''}`,
    );
  }
  if (expect.decidedBy && status.decidedBy !== expect.decidedBy) {
    problems.push(`decided by ${status.decidedBy} (expected ${expect.decidedBy})`);
  }
  if (expect.actions && actions.join(',') !== expect.actions.join(',')) {
    problems.push(`executed [${actions.join(', ')}] (expected [${expect.actions.join(', ')}])`);
  }
  return { passed: problems.length === 0, problems };
}
