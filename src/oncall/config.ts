// The `oncall:` block of opswarden.yaml: where the humans are told that something waits for
// them (Slack, PagerDuty, signed webhooks) and who they are there (`people`: a Slack user or
// an email address mapped to a principal and its roles). Secrets (bot token, signing
// secrets, routing keys) come from `${VAR}` references, as everywhere in the config.

import { z } from 'zod';
import { INCIDENT_SEVERITIES } from '../incidents/records/model.ts';

const role = z.string().min(1);
const secret = (what: string) =>
  z
    .string()
    .min(8, `${what} looks too short to be real`)
    .describe(`${what}, from an environment variable reference`);
const name = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a name such as checkout');

/** The events a webhook can subscribe to (and that every sink derives from the audit log). */
export const ONCALL_EVENT_KINDS = [
  'approval.requested',
  'approval.decided',
  'approval.expired',
  'approval.executed',
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'runbook.finished',
] as const;
export type OnCallEventKind = (typeof ONCALL_EVENT_KINDS)[number];

const personSchema = z
  .strictObject({
    principal: z.string().min(1).describe('Principal id this person decides as (recorded in the audit log)'),
    roles: z
      .array(role)
      .default([])
      .describe('Roles the approver rules see when this person decides from Slack'),
    slackUser: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id such as U024BE7LH')
      .optional()
      .describe('Slack user id (profile → Copy member ID)'),
    email: z.email().optional().describe('Email address: matched to Slack profiles and PagerDuty users'),
  })
  .refine((p) => p.slackUser || p.email, 'set slackUser or email (or both)');

const slackChannelSchema = z
  .strictObject({
    channel: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel id such as C0123456789'),
    service: name.optional().describe('Only approvals and incidents of this service'),
    environment: z.string().min(1).optional().describe('Only targets in this environment'),
  })
  .describe('The first entry whose service and environment match (absent: any) gets the message');

const slackSchema = z
  .strictObject({
    botToken: secret('Bot token (xoxb-…)'),
    signingSecret: secret('Signing secret of the Slack app (Basic Information → App Credentials)'),
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .default('https://slack.com/api/')
      .describe('Slack Web API base URL (a proxy, or a test server)'),
    teamId: z.string().optional().describe('Only interactions from this workspace are accepted'),
    channels: z.array(slackChannelSchema).min(1).describe('Where approvals and incidents are posted'),
    incidents: z.boolean().default(true).describe('Post new incidents with their top hypotheses'),
    timestampWindow: z
      .number()
      .int()
      .min(30)
      .max(900)
      .default(300)
      .describe('Seconds a signed interaction stays acceptable (replays are refused)'),
  })
  .describe('Slack: interactive approval messages (interactivity URL: <server>/slack/interactions)');

const pagerdutyServiceSchema = z.strictObject({
  routingKey: secret('Events API v2 integration (routing) key').optional(),
  escalationPolicy: z
    .string()
    .regex(/^P[A-Z0-9]{5,}$/, 'a PagerDuty escalation policy id such as PABC123')
    .optional()
    .describe("Whose on-call is shown with this service's approvals"),
});

const pagerdutySchema = z
  .strictObject({
    routingKey: secret('Default Events API v2 routing key').optional(),
    apiToken: secret('REST API token (read-only is enough)').optional(),
    eventsServer: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/, 'a host[:port] such as events.pagerduty.com')
      .default('events.pagerduty.com')
      .describe('Events API v2 host (https)'),
    apiServer: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/, 'a host[:port] such as api.pagerduty.com')
      .default('api.pagerduty.com')
      .describe('REST API host (https)'),
    caFile: z.string().optional().describe('PEM CA bundle to trust for both hosts (a TLS-inspecting proxy)'),
    minSeverity: z
      .enum(INCIDENT_SEVERITIES)
      .default('critical')
      .describe('Incidents at or above this severity page'),
    services: z
      .record(name, pagerdutyServiceSchema)
      .default({})
      .describe('Per service: its routing key and escalation policy'),
    onCallRole: role
      .default('pagerduty-oncall')
      .describe(
        "A role a person holds while PagerDuty has them on call for the approval's service; name it in a rule's approvers to make the on-call the approver set",
      ),
  })
  .describe('PagerDuty: page incidents (Events API v2), show who is on call (REST API)');

const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).describe('Receiver URL'),
  secret: secret('HMAC-SHA256 key the receiver checks X-Opswarden-Signature with'),
  events: z
    .array(z.enum(ONCALL_EVENT_KINDS))
    .min(1)
    .default([...ONCALL_EVENT_KINDS])
    .describe('Which events to send (default: all)'),
});

export const oncallConfigSchema = z
  .strictObject({
    consoleUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('External URL of the console (…/console), for links in messages'),
    people: z.array(personSchema).default([]).describe('Who the humans in Slack and PagerDuty are here'),
    slack: slackSchema.optional(),
    pagerduty: pagerdutySchema.optional(),
    webhooks: z.array(webhookSchema).default([]).describe('Signed JSON events for anything else'),
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(20).default(5),
        backoff: z
          .string()
          .regex(/^\d+(ms|s|m)$/, 'a duration like 500ms or 2s')
          .default('1s'),
      })
      .prefault({})
      .describe('A failed delivery is retried this often, the wait doubling each time'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.people.forEach((p, i) => {
      for (const key of [p.slackUser, p.email?.toLowerCase()].filter(Boolean) as string[]) {
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['people', i], message: `${key} is also people[${first}]` });
        } else seen.set(key, i);
      }
    });
  })
  .describe('Tell the humans: Slack approvals, PagerDuty paging, signed webhooks');

export type OnCallConfig = z.output<typeof oncallConfigSchema>;
export type SlackConfig = NonNullable<OnCallConfig['slack']>;
export type PagerDutyConfig = NonNullable<OnCallConfig['pagerduty']>;
export type WebhookConfig = OnCallConfig['webhooks'][number];
export type Person = OnCallConfig['people'][number];
