// Where a runbook execution is: each step run so far with its outcome and evidence (the
// policy decision per call, check values, approvals), the approval it waits for and who
// can give it, and how it ended. Can wait for the end with progress per step.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { executionIdArg, executionStatusOutput, waitForRun, waitSecondsArg, withNext } from './common.ts';

export default defineTool({
  name: 'runbook_status',
  title: 'Runbooks: Status',
  description:
    'A runbook execution: state, steps with outcome and evidence, the approval it waits for. waitSeconds follows it.',
  kind: 'read',
  input: z.object({ id: executionIdArg, waitSeconds: waitSecondsArg }).strict(),
  output: executionStatusOutput,
  target: () => ({ kind: 'Runbook' }),
  handler: async (ctx, args) => withNext(await waitForRun(ctx, args.id, args.waitSeconds ?? 0)),
});
