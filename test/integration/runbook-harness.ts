// A sandbox world in this process (live clock at high speed) with opswarden on top of it as
// the sandbox command builds it (world clock, reactions to executed fixes, timeScale =
// speed), and a real MCP client over the in-memory transport acting as the sandbox's
// agent. Approvals are given out of band by the sandbox's on-call human through the CLI.

import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pino from 'pino';
import { expect } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { ExecutionStatus } from '../../src/runbooks/service.ts';
import type { Runbook } from '../../src/runbooks/types.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/run/start.ts';
import { loadScenario } from '../../src/sandbox/scenario/load.ts';
import { connectSandboxAgent } from '../helpers/sandbox-agent.ts';
import { runCli } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';

export interface RunbookSandbox {
  sandbox: Sandbox;
  app: App;
  client: Client;
  /** Calls a tool and fails the test on a tool error. */
  call(
    name: string,
    args: Record<string, unknown>,
    onProgress?: (message: string) => void,
  ): Promise<Structured>;
  close(): Promise<void>;
}

type Structured = Record<string, unknown>;

export interface RunbookSandboxOptions {
  speed: number;
  /** Runbooks beyond the built-in ones. */
  runbooks?: Runbook[];
  /** Namespace -> environment overrides (e.g. a namespace treated as staging). */
  environments?: Record<string, string>;
}

export async function startRunbookSandbox(
  scenario: string,
  opts: RunbookSandboxOptions,
): Promise<RunbookSandbox> {
  const { speed } = opts;
  const sandbox = await startSandbox(loadScenario(join(REPO, 'scenarios', `${scenario}.yaml`)), {
    clock: 'live',
    speed,
  });
  Object.assign(sandbox.config.environments.namespaces, opts.environments);
  const app = createApp({
    config: sandbox.config,
    ...(opts.runbooks ? { extraRunbooks: opts.runbooks } : {}),
    logger: pino({ level: 'silent' }),
    worldClock: sandbox.clock,
    timeScale: speed,
  });
  const client = await connectSandboxAgent(app, 'runbook-test-agent');
  return {
    sandbox,
    app,
    client,
    async call(name, args, onProgress) {
      const res = await client.callTool({ name, arguments: args }, undefined, {
        timeout: 300_000,
        ...(onProgress ? { onprogress: (p) => onProgress(p.message ?? '') } : {}),
      });
      const text = (res.content as { text?: string }[])[0]?.text ?? '';
      expect(res.isError, `${name} failed: ${text}`).toBeFalsy();
      return res.structuredContent as Structured;
    },
    async close() {
      await client.close();
      await app.close();
      await sandbox.close();
    },
  };
}

/** The sandbox's on-call human approves from the command line with their key, as the banner tells them to. */
export function approveAsOncall(sandbox: Sandbox, approvalId: string): void {
  const res = runCli([
    'approvals',
    'approve',
    approvalId,
    '--key',
    sandbox.approverKeyPath,
    '--config',
    sandbox.configPath,
  ]);
  expect(res.code, res.stderr).toBe(0);
}

/**
 * Follows a run with runbook_status until it ends, approving every approval it stops at
 * (each one recorded in `approved`, with the step it was for).
 */
export async function followApproving(
  h: RunbookSandbox,
  first: Structured,
  opts: { approved?: { step: string; approvalId: string }[]; onProgress?: (message: string) => void } = {},
): Promise<ExecutionStatus> {
  let status = first as unknown as ExecutionStatus;
  for (let round = 0; status.state === 'running' && round < 20; round++) {
    if (status.pendingApproval) {
      approveAsOncall(h.sandbox, status.pendingApproval.approvalId);
      opts.approved?.push({
        step: status.pendingApproval.step,
        approvalId: status.pendingApproval.approvalId,
      });
    }
    const next = await h.call('runbook_status', { id: status.id, waitSeconds: 120 }, opts.onProgress);
    status = next as unknown as ExecutionStatus;
  }
  return status;
}
