// Stops a runbook execution: no further step starts, a wait, check or approval wait ends
// now, and an action already under way completes and is recorded. Nothing done is undone.

import { z } from 'zod';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { executionIdArg, executionStatusOutput, runbookService, runbookTarget, withNext } from './common.ts';

export default defineTool({
  name: 'runbook_cancel',
  title: 'Runbooks: Cancel',
  description: 'Cancel a runbook execution: no further step starts; done steps stay done.',
  kind: 'mutate',
  annotations: { destructive: false, idempotent: false },
  input: z.object({ id: executionIdArg, ...mutateArgs }).strict(),
  output: executionStatusOutput,
  target: (args, ctx) => {
    const status = runbookService(ctx.backends).status(args.id);
    if (!status) throw new Error(`no runbook execution with id ${args.id}`);
    return runbookTarget(ctx.backends, status.runbook.name, status.target);
  },
  impact: () => ({}),
  handler: async (ctx, args) => {
    const runbooks = runbookService(ctx.backends);
    if (args.dryRun) {
      const status = runbooks.status(args.id);
      if (!status) throw new Error(`no runbook execution with id ${args.id}`);
      return {
        ...withNext(status),
        next: `dry run: would cancel ${args.id} at step ${status.currentStep ?? '-'}; nothing changed`,
      };
    }
    return withNext(runbooks.cancel(args.id, ctx.principal, args.reason));
  },
});
