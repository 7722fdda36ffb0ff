// The on-call channels the config names, connected: the Slack client, sink and interactivity
// handler, the PagerDuty sink and on-call lookup, the webhook sinks. Loaded only when
// `oncall` configures something (./index.ts imports it on demand), so a server without
// them never loads the Slack or PagerDuty clients.

import type { Logger } from 'pino';
import type { Approval } from '../approvals/store.ts';
import type { Config } from '../config/schema.ts';
import { correlate } from '../incidents/correlate/index.ts';
import { correlationDeps, correlationRequestFor } from '../incidents/correlate-deps.ts';
import type { Incident } from '../incidents/records/model.ts';
import type { Principal } from '../types.ts';
import { approvalView, type EventSources } from './events.ts';
import type { OnCallDeps, SlackReply, SlackRequest } from './index.ts';
import { pagerdutySink } from './pagerduty/events.ts';
import { type OnCallLookup, pagerdutyOnCall } from './pagerduty/oncall.ts';
import type { OnCallSink } from './sink.ts';
import { slackClient } from './slack/client.ts';
import { slackInteractions } from './slack/interactions.ts';
import { type HypothesisLine, slackSink } from './slack/sink.ts';
import { webhookSink } from './webhook.ts';

const HYPOTHESES_SHOWN = 3;

export interface Channels {
  sinks: OnCallSink[];
  lookup: OnCallLookup;
  slackInteractions?: (req: SlackRequest) => Promise<SlackReply>;
}

const NOBODY_ON_CALL: OnCallLookup = { onCall: async () => undefined };

export function connectChannels(
  deps: OnCallDeps,
  sources: EventSources,
  approverFor: (principal: Principal, approval: Approval) => Promise<Principal>,
  logger: Logger,
): Channels {
  const { oncall } = deps.config;
  const lookup = oncall.pagerduty
    ? pagerdutyOnCall({ config: oncall.pagerduty, people: oncall.people, logger })
    : NOBODY_ON_CALL;
  const slack = oncall.slack && slackClient(oncall.slack, logger);
  const consoleUrl = oncall.consoleUrl ? { consoleUrl: oncall.consoleUrl } : {};
  const sinks: OnCallSink[] = [
    ...(oncall.slack && slack
      ? [
          slackSink({
            config: oncall.slack,
            client: slack,
            db: deps.db,
            logger,
            ...consoleUrl,
            environmentOf: (incident) => incidentEnvironment(deps.config, incident),
            hypotheses: (incident) => topHypotheses(deps, incident, logger),
            onCall: (service) => lookup.onCall(service),
            approval: (id) => {
              const ticket = sources.approval(id);
              return ticket && approvalView(ticket);
            },
          }),
        ]
      : []),
    ...(oncall.pagerduty ? [pagerdutySink({ config: oncall.pagerduty, logger, ...consoleUrl })] : []),
    ...oncall.webhooks.map((hook) => webhookSink(hook)),
  ];
  return {
    sinks,
    lookup,
    ...(oncall.slack && slack
      ? {
          slackInteractions: slackInteractions({
            config: oncall.slack,
            people: oncall.people,
            client: slack,
            db: deps.db,
            approvals: deps.approvals,
            approverFor,
            logger,
          }),
        }
      : {}),
  };
}

/** The environment of an incident's namespace, as the config maps it (production when unmapped). */
function incidentEnvironment(config: Config, incident: Incident): string {
  const { environments } = config;
  return (incident.namespace && environments.namespaces[incident.namespace]) || environments.default;
}

/** The correlation engine's best guesses for a new incident; none when it cannot run. */
async function topHypotheses(
  deps: OnCallDeps,
  incident: Incident,
  logger: Logger,
): Promise<HypothesisLine[]> {
  try {
    const now = deps.worldClock.now();
    const correlation = await correlate(
      correlationRequestFor(incident, now),
      correlationDeps(deps.backends, deps.worldClock, new Date(incident.detectedAt)),
    );
    return correlation.hypotheses.slice(0, HYPOTHESES_SHOWN).map((h) => ({
      rank: h.rank,
      category: h.category,
      summary: h.summary,
      confidence: h.confidence,
      runbooks: (h.suggestedRunbooks ?? []).map((r) => r.name),
    }));
  } catch (err) {
    logger.warn({ err, incident: incident.id }, 'no hypotheses for the incident message');
    return [];
  }
}
