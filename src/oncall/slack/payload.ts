// What a signed interaction from Slack asks for. Slack posts
// `application/x-www-form-urlencoded` with one field, `payload`, holding JSON
// (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload). Only a
// press of one of opswarden's own buttons (action_id approve or reject, the ticket's id as
// its value) is acted on; any other interaction is acknowledged and ignored.

import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { describeIssues } from '../../yaml-path.ts';

export interface ButtonPress {
  decision: 'approve' | 'reject';
  approvalId: string;
  /** The Slack user who pressed it, and their workspace. */
  user: string;
  team: string;
  /** The channel of the message, where an ephemeral answer can reach the user. */
  channel?: string;
}

export type ParsedInteraction =
  | { kind: 'press'; press: ButtonPress }
  | { kind: 'ignored'; why: string }
  | { kind: 'invalid'; message: string };

const slackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack id such as U024BE7LH');

const blockActions = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: slackId }).nullish(),
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  channel: z.object({ id: slackId }).optional(),
  container: z.object({ channel_id: slackId.optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

const APPROVAL_ID = /^apr_[A-Za-z0-9]{1,64}$/;

export function parseInteraction(headers: IncomingHttpHeaders, body: Buffer): ParsedInteraction {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return invalid(`expected Content-Type application/x-www-form-urlencoded, got "${type.slice(0, 80)}"`);
  }
  const field = new URLSearchParams(body.toString('utf8')).get('payload');
  if (field === null) return invalid('the form has no payload field');
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch (err) {
    return invalid(`payload is not JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return invalid('payload is not a JSON object');
  const kind = (json as { type?: unknown }).type;
  if (kind !== 'block_actions')
    return { kind: 'ignored', why: `interaction type ${String(kind).slice(0, 40)}` };
  const parsed = blockActions.safeParse(json);
  if (!parsed.success) return invalid(`payload: ${describeIssues(parsed.error.issues, 3)}`);
  const p = parsed.data;
  const [action, ...others] = p.actions;
  if (!action || others.length || (action.action_id !== 'approve' && action.action_id !== 'reject')) {
    return { kind: 'ignored', why: 'not one press of Approve or Reject' };
  }
  if (!action.value || !APPROVAL_ID.test(action.value)) {
    return invalid('payload: actions[0].value: not an approval id such as apr_…');
  }
  const team = p.team?.id ?? p.user.team_id;
  if (!team) return invalid('payload: names no team (team.id or user.team_id)');
  const channel = p.channel?.id ?? p.container?.channel_id;
  return {
    kind: 'press',
    press: {
      decision: action.action_id,
      approvalId: action.value,
      user: p.user.id,
      team,
      ...(channel ? { channel } : {}),
    },
  };
}

function invalid(message: string): ParsedInteraction {
  return { kind: 'invalid', message };
}
