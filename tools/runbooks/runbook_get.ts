// One runbook in full: parameters, what it matches, and its steps as written (templates
// not yet rendered), each with where its results lead.

import { z } from 'zod';
import type { RunbookStep } from '../../src/runbooks/types.ts';
import { defineTool } from '../../src/tool.ts';
import { runbookNameArg, runbookService } from './common.ts';

interface StepView {
  id: string;
  title: string;
  kind: RunbookStep['kind'];
  transitions: Record<string, string>;
  [detail: string]: unknown;
}

function stepView(step: RunbookStep): StepView {
  const base = { id: step.id, title: step.title, kind: step.kind };
  switch (step.kind) {
    case 'action':
      return {
        ...base,
        tool: step.tool,
        args: step.args,
        transitions: { executed: step.next, failed: step.onFailure },
      };
    case 'check':
      return {
        ...base,
        check: {
          ...step.condition,
          forMs: step.forMs,
          intervalMs: step.intervalMs,
          timeoutMs: step.timeoutMs,
        },
        transitions: { passed: step.onSuccess, timed_out: step.onFailure },
      };
    case 'approval':
      return {
        ...base,
        approval: { message: step.message, approvers: step.approvers, ttlMs: step.ttlMs },
        transitions: { approved: step.next, rejected: step.onReject },
      };
    case 'wait':
      return { ...base, wait: { durationMs: step.durationMs }, transitions: { waited: step.next } };
  }
}

export default defineTool({
  name: 'runbook_get',
  title: 'Runbooks: Get',
  description:
    'One runbook: parameters, what it matches, its steps (tool and templated args, checks, approvals, waits). Next: runbook_plan.',
  kind: 'read',
  input: z.object({ name: runbookNameArg }).strict(),
  output: z.object({
    name: z.string(),
    version: z.string(),
    digest: z.string(),
    title: z.string(),
    description: z.string(),
    matches: z.object({ categories: z.array(z.string()), signals: z.array(z.string()) }),
    params: z.array(z.record(z.string(), z.unknown())),
    steps: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(['action', 'check', 'approval', 'wait']),
        tool: z.string().optional(),
        args: z.record(z.string(), z.unknown()).optional(),
        check: z.record(z.string(), z.unknown()).optional(),
        approval: z.record(z.string(), z.unknown()).optional(),
        wait: z.object({ durationMs: z.number() }).optional(),
        transitions: z.record(z.string(), z.string()),
      }),
    ),
  }),
  target: (args) => ({ kind: 'Runbook', name: args.name }),
  handler: async (ctx, args) => {
    const service = runbookService(ctx.backends);
    const runbook = service.get(args.name);
    const unavailable = service.unavailable(args.name);
    if (unavailable) throw new Error(`runbook ${args.name} cannot run here: ${unavailable}`);
    if (!runbook) {
      const known = service.list().map((r) => r.name);
      throw new Error(`no runbook named ${args.name} (known: ${known.join(', ') || 'none'})`);
    }
    return {
      name: runbook.name,
      version: runbook.version,
      digest: runbook.digest,
      title: runbook.title,
      description: runbook.description,
      matches: runbook.matches,
      params: runbook.params.map((p) => ({ ...p })),
      steps: runbook.steps.map(stepView),
    };
  },
});
