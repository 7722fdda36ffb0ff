// The structured result of a call that waits for a human (DESIGN §4): what the agent
// gets back instead of an execution, and everything it needs to follow up.

import { z } from 'zod';

export const approvalRequiredSchema = z.object({
  status: z.literal('approval_required'),
  approvalId: z
    .string()
    .describe('Pass this as approvalId when re-calling the same tool with the same arguments'),
  expiresAt: z.string().describe('RFC 3339; after this the request is void and must be made again'),
  tool: z.string(),
  matchedRules: z.array(z.object({ name: z.string(), message: z.string().optional() })),
  approvers: z.array(z.string()).describe('Roles that may approve (never the requester)'),
  howToApprove: z.array(z.string()).describe('Commands or endpoints a human approver uses'),
  next: z.string().describe('What the agent should do now'),
});

export type ApprovalRequired = z.infer<typeof approvalRequiredSchema>;

/** Where else than the CLI and the API an approver decides (config `oncall`). */
export interface DecideElsewhere {
  /** The ticket is posted to Slack with Approve / Reject buttons. */
  slack: boolean;
  consoleUrl?: string;
}

declare module '../backends/types.ts' {
  interface Backends {
    /** Where approvers decide besides the CLI and the API, for the answers that say how to approve. */
    decideElsewhere?: DecideElsewhere;
  }
}

/** The ways a human approver decides a ticket, as the agent relays them. */
export function howToApprove(
  approvalId: string,
  approvers: readonly string[],
  elsewhere?: DecideElsewhere,
): string[] {
  return [
    ...(elsewhere?.slack
      ? ['Slack: the Approve button on the message opswarden posted for this request']
      : []),
    ...(elsewhere?.consoleUrl ? [`console: ${elsewhere.consoleUrl}#/approvals/${approvalId}`] : []),
    `opswarden approvals approve ${approvalId} --token-file <approver token file> (server over HTTP), or --key <approver signing key> (on the store)`,
    `POST /v1/approvals/${approvalId}/approve (bearer token of a human with role ${approvers.join(' or ')})`,
  ];
}
