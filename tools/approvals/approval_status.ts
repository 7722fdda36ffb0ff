// Lets an agent follow up on an approval_required result without re-calling the
// action. Read-only by construction: the AI can look at a ticket, never decide it. A pending
// ticket says who may decide it and where, which the approval card (MCP Apps) shows.

import { z } from 'zod';
import { howToApprove } from '../../src/approvals/result.ts';
import { canSee } from '../../src/approvals/store.ts';
import { defineTool } from '../../src/tool.ts';
import type { Target } from '../../src/types.ts';

export default defineTool({
  name: 'approval_status',
  title: 'Approvals: Status',
  description:
    "An approval's state (pending, approved, rejected, expired, used), who decided, when. Approved: re-call the tool with approvalId.",
  kind: 'read',
  input: z
    .object({
      id: z
        .string()
        .regex(/^apr_[A-Za-z0-9]+$/)
        .describe('From approval_required'),
    })
    .strict(),
  output: z.object({
    approvalId: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'expired', 'used']),
    tool: z.string(),
    target: z.string().optional(),
    requester: z.string(),
    expiresAt: z.string(),
    approvers: z.array(z.string()).describe('Roles that may decide (never the requester)'),
    howToApprove: z.array(z.string()).optional().describe('Pending: where a human approver decides'),
    executeBy: z.string().optional().describe('Approved: use it before this, or it expires'),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    comment: z.string().optional(),
    next: z.string(),
  }),
  target: () => ({ kind: 'Approval' }),
  handler: async (ctx, { id }) => {
    const found = ctx.backends.approvals.get(id);
    // Only the requester's own tickets (or any, for an approver): others' ids are "not found".
    const a = found && canSee(found, ctx.principal) ? found : undefined;
    if (!a) throw new Error(`no approval with id ${id}; approval ids come from an approval_required result`);
    const next: Record<typeof a.status, string> = {
      pending: `Still waiting for a human with role ${a.approvers.join(' or ')}; check again later.`,
      approved: `Approved: call ${a.tool} again with the same arguments and approvalId "${a.id}" before ${a.executeBy}. It can be used once, by its requester only.`,
      rejected: 'Rejected: do not retry the same action; reconsider or ask the approver.',
      expired: `Expired: call ${a.tool} again without approvalId to request a new approval.`,
      used: 'Already used: the action ran. Request a new approval to run it again.',
    };
    return {
      approvalId: a.id,
      status: a.status,
      tool: a.tool,
      ...(targetText(a.target) ? { target: targetText(a.target) } : {}),
      requester: a.requester,
      expiresAt: a.expiresAt,
      approvers: a.approvers,
      ...(a.status === 'pending'
        ? { howToApprove: howToApprove(a.id, a.approvers, ctx.backends.decideElsewhere) }
        : {}),
      ...(a.decidedBy ? { decidedBy: a.decidedBy } : {}),
      ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}),
      ...(a.executeBy ? { executeBy: a.executeBy } : {}),
      ...(a.comment ? { comment: a.comment } : {}),
      next: next[a.status],
    };
  },
});

/** "Deployment shop/checkout (production, cluster prod-eu-1)": what the ticket would act on. */
function targetText(t: Target): string | undefined {
  const where = [t.namespace, t.name].filter(Boolean).join('/');
  const what = [t.kind, where].filter(Boolean).join(' ');
  const context = [t.environment, t.cluster ? `cluster ${t.cluster}` : ''].filter(Boolean).join(', ');
  return what ? (context ? `${what} (${context})` : what) : undefined;
}
