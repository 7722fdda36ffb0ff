// A dry look at a run before starting it: parameters resolved, each step's rendered
// arguments, and what the policy would decide for each action right now (who must
// approve), with bad arguments named per step. Nothing is called or recorded.

import { z } from 'zod';
import { defineTool } from '../../src/tool.ts';
import { paramsArg, runbookNameArg, runbookService } from './common.ts';

export default defineTool({
  name: 'runbook_plan',
  title: 'Runbooks: Plan',
  description:
    "What a run would do, without running: params, target, each step's arguments and today's policy decision. Next: runbook_run.",
  kind: 'read',
  input: z.object({ runbook: runbookNameArg, params: paramsArg }).strict(),
  output: z.object({
    runbook: z.object({ name: z.string(), version: z.string(), digest: z.string(), title: z.string() }),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    target: z.object({
      key: z.string(),
      kind: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
    }),
    steps: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(['action', 'check', 'approval', 'wait']),
        transitions: z.record(z.string(), z.string()),
        action: z
          .object({
            tool: z.string(),
            args: z.record(z.string(), z.unknown()),
            effect: z.enum(['allow', 'escalate', 'deny']).optional(),
            rules: z.array(z.string()).optional(),
            impact: z
              .object({
                pods: z.number().optional(),
                replicas: z.number().optional(),
                fractionOfService: z.number().optional(),
                estimatedCostUsd: z.number().optional(),
                reversible: z.boolean().optional(),
              })
              .optional(),
            approval: z
              .object({ approvers: z.array(z.string()), channels: z.array(z.string()), ttlMs: z.number() })
              .optional(),
          })
          .optional(),
        check: z.record(z.string(), z.unknown()).optional(),
        approval: z
          .object({ message: z.string(), approvers: z.array(z.string()), ttlMs: z.number() })
          .optional(),
        wait: z.object({ durationMs: z.number() }).optional(),
        error: z.string().optional(),
      }),
    ),
    needsApproval: z.array(z.string()).describe('Steps that will wait for a human'),
    denied: z.array(z.string()).describe('Steps the policy denies now: the run would end escalate there'),
    errors: z.array(z.object({ step: z.string(), message: z.string() })),
  }),
  target: (args) => ({ kind: 'Runbook', name: args.runbook }),
  handler: async (ctx, args) => runbookService(ctx.backends).plan(args.runbook, args.params, ctx.principal),
});
