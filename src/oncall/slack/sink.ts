// The Slack sink: approval tickets become interactive messages in the channel their target
// maps to, and every later event about a ticket (decided, expired, executed, the runbook run
// it was a step of) redraws that message; new incidents are posted with their top hypotheses,
// their updates go to the message's thread, and their resolution redraws the parent with the
// postmortem draft's link. Which message belongs to what is in the store (./messages.ts).

import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Incident } from '../../incidents/records/model.ts';
import type { SqlDatabase } from '../../store/sql.ts';
import type { SlackConfig } from '../config.ts';
import type { ApprovalView, OnCallEvent } from '../events.ts';
import type { OnCallPerson } from '../pagerduty/oncall.ts';
import type { OnCallSink } from '../sink.ts';
import { type ApprovalMessageExtras, approvalMessage } from './approval-message.ts';
import type { SlackMessage } from './blocks.ts';
import { type ChosenChannel, channelFor, configKeyOf } from './channels.ts';
import { slackCall } from './errors.ts';
import {
  type HypothesisLine,
  incidentMessage,
  incidentResolved,
  incidentUpdate,
} from './incident-message.ts';
import { type PostedMessage, SlackMessages } from './messages.ts';

export type { HypothesisLine } from './incident-message.ts';

export interface SlackSinkDeps {
  config: SlackConfig;
  client: WebClient;
  db: SqlDatabase;
  logger: Logger;
  consoleUrl?: string;
  environmentOf(incident: Incident): string;
  hypotheses(incident: Incident): Promise<HypothesisLine[]>;
  onCall(service: string | undefined): Promise<OnCallPerson[] | undefined>;
  /** A ticket as it stands now: a finished runbook run names its approval steps' tickets by id. */
  approval(id: string): ApprovalView | undefined;
}

export function slackSink(deps: SlackSinkDeps): OnCallSink {
  const { config, client, logger, consoleUrl } = deps;
  const messages = new SlackMessages(deps.db);
  const links = consoleUrl ? { consoleUrl } : {};

  async function post(chosen: ChosenChannel, content: SlackMessage, threadTs?: string): Promise<string> {
    const { channel, configKey } = chosen;
    const res = await slackCall({ method: 'chat.postMessage', channel, configKey }, () =>
      client.chat.postMessage({
        channel,
        text: content.text,
        blocks: content.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    if (!res.ts) throw new Error(`Slack answered chat.postMessage in ${channel} without the message's ts`);
    return res.ts;
  }

  async function update(posted: PostedMessage, content: SlackMessage): Promise<void> {
    const { channel, ts } = posted;
    const configKey = configKeyOf(config.channels, channel);
    await slackCall({ method: 'chat.update', channel, configKey }, () =>
      client.chat.update({ channel, ts, text: content.text, blocks: content.blocks }),
    );
  }

  /** Posts the message about `subject`, or redraws it when it was posted already (a record delivered twice). */
  async function postOrRedraw(
    subject: string,
    chosen: ChosenChannel,
    content: SlackMessage,
    hypotheses?: HypothesisLine[],
  ): Promise<void> {
    const posted = messages.get(subject);
    if (posted) return update(posted, content);
    const ts = await post(chosen, content);
    messages.remember(subject, { channel: chosen.channel, ts, ...(hypotheses ? { hypotheses } : {}) });
  }

  async function requested(approval: ApprovalView): Promise<void> {
    // Tickets the person at the requesting client confirms (elicitation) are not for Slack.
    if (!approval.channels.includes('out-of-band')) return;
    const { service, environment } = approval.target;
    const chosen = channelFor(config.channels, service, environment);
    if (!chosen) {
      logger.info(
        { approval: approval.id, service, environment },
        'no oncall.slack.channels entry matches the approval; not posted to Slack',
      );
      return;
    }
    const onCall =
      approval.status === 'pending'
        ? await deps.onCall(service).catch((err: unknown) => {
            logger.warn({ err, service }, 'on-call lookup failed; the approval message names nobody on call');
            return undefined;
          })
        : undefined;
    await postOrRedraw(
      approval.id,
      chosen,
      approvalMessage(approval, { ...links, ...(onCall ? { onCall } : {}) }),
    );
  }

  /** Redraws a ticket's message, if it has one (tickets not posted are passed over). */
  async function redrawApproval(approval: ApprovalView, extras: ApprovalMessageExtras = {}): Promise<void> {
    const posted = messages.get(approval.id);
    if (posted) await update(posted, approvalMessage(approval, { ...links, ...extras }));
  }

  async function opened(incident: Incident): Promise<void> {
    const environment = deps.environmentOf(incident);
    const chosen = channelFor(config.channels, incident.service, environment);
    if (!chosen) {
      logger.info(
        { incident: incident.id, service: incident.service, environment },
        'no oncall.slack.channels entry matches the incident; not posted to Slack',
      );
      return;
    }
    const hypotheses = messages.get(incident.id)?.hypotheses ?? (await deps.hypotheses(incident));
    await postOrRedraw(incident.id, chosen, incidentMessage(incident, hypotheses, consoleUrl), hypotheses);
  }

  /**
   * The parent redrawn as the incident stands now, then a reply in its thread (in this order,
   * so a retry after a failed redraw does not post the reply twice).
   */
  async function followUp(incident: Incident, reply: SlackMessage): Promise<void> {
    const posted = messages.get(incident.id);
    if (!posted) return;
    await update(posted, incidentMessage(incident, posted.hypotheses ?? [], consoleUrl));
    await post(
      { channel: posted.channel, configKey: configKeyOf(config.channels, posted.channel) },
      reply,
      posted.ts,
    );
  }

  return {
    name: 'slack',
    accepts: (kind) => !kind.startsWith('incident.') || config.incidents,
    async deliver(event: OnCallEvent): Promise<void> {
      switch (event.kind) {
        case 'approval.requested':
          return requested(event.approval);
        case 'approval.decided':
        case 'approval.expired':
          return redrawApproval(event.approval);
        case 'approval.executed':
          return redrawApproval(event.approval, {
            execution: { outcome: event.outcome, ...(event.error ? { error: event.error } : {}) },
          });
        case 'runbook.finished':
          for (const id of event.execution.approvals) {
            const approval = deps.approval(id);
            if (approval) await redrawApproval(approval, { run: event.execution });
          }
          return;
        case 'incident.opened':
          return opened(event.incident);
        case 'incident.updated':
          return followUp(event.incident, incidentUpdate(event.incident, event.change));
        case 'incident.resolved':
          return followUp(event.incident, incidentResolved(event.incident, event.reason, consoleUrl));
      }
    },
  };
}
