// POST /slack/interactions: an approver pressed Approve or Reject on a ticket's message.
// The request must be signed by Slack, fresh and new (./signature.ts), from the configured
// workspace, by a Slack user `oncall.people` maps to a principal; the decision is then the
// approval store's, with its two-person rule (a human holding an approver role who is not
// the requester), recorded as made `via slack (<user id>)`. Whatever refuses it is told to
// that user alone (an ephemeral message); the ticket's message itself is redrawn by the
// Slack sink once the decision is in the audit log, on whichever replica delivers it.

import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { type Approval, ApprovalError, type ApprovalStore } from '../../approvals/store.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { Principal } from '../../types.ts';
import type { Person, SlackConfig } from '../config.ts';
import type { SlackReply, SlackRequest } from '../index.ts';
import { slackCall } from './errors.ts';
import { type ButtonPress, parseInteraction } from './payload.ts';
import { personOf, slackPrincipal } from './people.ts';
import { SlackRequestVerifier } from './signature.ts';
import { mrkdwn } from './text.ts';

export interface SlackInteractionDeps {
  config: SlackConfig;
  people: readonly Person[];
  client: WebClient;
  db: SqlDatabase;
  approvals: ApprovalStore;
  approverFor(principal: Principal, approval: Approval): Promise<Principal>;
  logger: Logger;
}

/** Slack wants an answer within 3 s; a decision still under way then finishes after the answer. */
const ANSWER_WITHIN_MS = 2_500;

export function slackInteractions(deps: SlackInteractionDeps): (req: SlackRequest) => Promise<SlackReply> {
  const { config, client, approvals } = deps;
  const logger = deps.logger.child({ component: 'slack-interactions' });
  const verifier = new SlackRequestVerifier(deps.db, {
    signingSecret: config.signingSecret,
    windowSeconds: config.timestampWindow,
  });

  /** Tells the user alone why nothing happened. */
  async function tell(press: ButtonPress, text: string): Promise<void> {
    const { channel, user } = press;
    if (!channel) {
      logger.warn({ user }, 'the interaction names no channel: the user cannot be told why it was refused');
      return;
    }
    try {
      await slackCall({ method: 'chat.postEphemeral', channel }, () =>
        client.chat.postEphemeral({ channel, user, text: mrkdwn(text, 3000) }),
      );
    } catch (err) {
      logger.warn({ err, user, channel }, 'could not tell the Slack user why their press was refused');
    }
  }

  async function decide(press: ButtonPress): Promise<void> {
    const { approvalId, decision, user, team } = press;
    const person = await personOf(user, deps.people, client, logger);
    if (!person) {
      logger.warn({ user, team, approvalId }, 'Slack user not in oncall.people: press refused');
      return tell(
        press,
        `opswarden does not know who you are: your Slack user (${user}) is not in oncall.people (by Slack user id or profile email), so you cannot decide approvals from Slack. Ask an opswarden admin to add you.`,
      );
    }
    const approval = approvals.get(approvalId);
    if (!approval) return tell(press, `There is no approval ${approvalId}.`);
    const principal = await deps.approverFor(slackPrincipal(person, user, team), approval);
    try {
      approvals.decide(approvalId, principal, decision, undefined, `slack (${user})`);
      logger.info({ approvalId, approver: principal.id, user, decision }, 'approval decided from Slack');
    } catch (err) {
      if (!(err instanceof ApprovalError)) throw err;
      logger.warn(
        { approvalId, approver: principal.id, user, decision, code: err.code, reason: err.message },
        'approval decision from Slack refused',
      );
      await tell(press, `Not ${decision === 'approve' ? 'approved' : 'rejected'}: ${err.message}`);
    }
  }

  return async (req) => {
    const checked = verifier.verify(req.headers, req.body);
    if (!checked.ok) {
      logger.warn({ reason: checked.reason }, 'Slack interaction refused');
      return { status: 401, body: { error: 'unauthorized', message: checked.reason } };
    }
    const parsed = parseInteraction(req.headers, req.body);
    if (parsed.kind === 'invalid') {
      logger.warn({ reason: parsed.message }, 'Slack interaction not understood');
      return { status: 400, body: { error: 'bad_request', message: parsed.message } };
    }
    if (parsed.kind === 'ignored') {
      logger.debug({ why: parsed.why }, 'Slack interaction ignored');
      return { status: 200, body: {} };
    }
    const { press } = parsed;
    if (config.teamId && press.team !== config.teamId) {
      logger.warn({ team: press.team, user: press.user }, 'Slack interaction from another workspace refused');
      return {
        status: 403,
        body: {
          error: 'forbidden',
          message: 'this interaction comes from another Slack workspace (oncall.slack.teamId)',
        },
      };
    }
    const decided = decide(press).catch(async (err: unknown) => {
      logger.error({ err, approvalId: press.approvalId, user: press.user }, 'Slack decision failed');
      await tell(
        press,
        'opswarden could not record your decision; its logs say why. Try again, or decide in the console.',
      );
    });
    const answerBy = new AbortController();
    await Promise.race([
      decided,
      sleep(ANSWER_WITHIN_MS, undefined, { signal: answerBy.signal }).catch(() => {}),
    ]);
    answerBy.abort();
    return { status: 200, body: {} };
  };
}
