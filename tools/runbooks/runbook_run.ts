// Starts a runbook: every action inside goes through the gate on its own (policy,
// approvals, audit) as the caller, so starting one needs no approval itself. Returns the
// execution id at once, or with waitSeconds follows the run (progress per step) until it
// ends, stops at a human approval, or the wait runs out.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import {
  executionStatusOutput,
  paramsArg,
  runbookNameArg,
  runbookService,
  runbookTarget,
  waitForRun,
  waitSecondsArg,
  withNext,
} from './common.ts';

export default defineTool({
  name: 'runbook_run',
  title: 'Runbooks: Run',
  description:
    'Start a runbook; each action is gated on its own; a denied or rejected one ends the run. waitSeconds follows it. Next: runbook_status.',
  kind: 'mutate',
  annotations: { destructive: true, idempotent: false },
  input: z
    .object({
      runbook: runbookNameArg,
      params: paramsArg,
      waitSeconds: waitSecondsArg,
      ...mutateArgs,
    })
    .strict(),
  output: executionStatusOutput,
  target: (args, ctx) =>
    runbookTarget(
      ctx.backends,
      args.runbook,
      runbookService(ctx.backends).targetOf(args.runbook, args.params),
    ),
  // The run's own actions carry their impact to the policy, one by one.
  impact: () => ({}),
  handler: async (ctx, args) => {
    const started = runbookService(ctx.backends).start(args.runbook, args.params, {
      principal: ctx.principal,
      reason: args.reason,
      dryRun: args.dryRun,
    });
    return withNext(await waitForRun(ctx, started.id, args.waitSeconds ?? 0));
  },
});
