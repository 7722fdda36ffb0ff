// Lets an agent follow up on an approval_required result without re-calling the
// action. Read-only by construction: the AI can look at a ticket, never decide it.

import { z } from 'zod';
import { canSee } from '../../src/approvals/store.ts';
import { defineTool } from '../../src/tool.ts';

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
    requester: z.string(),
    expiresAt: z.string(),
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
      requester: a.requester,
      expiresAt: a.expiresAt,
      ...(a.decidedBy ? { decidedBy: a.decidedBy } : {}),
      ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}),
      ...(a.executeBy ? { executeBy: a.executeBy } : {}),
      ...(a.comment ? { comment: a.comment } : {}),
      next: next[a.status],
    };
  },
});
