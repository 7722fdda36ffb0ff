// Who PagerDuty has on call for a service now: the people of the service's escalation policy
// (`oncall.pagerduty.services.<name>.escalationPolicy`), read from the REST API's
// `GET /oncalls` with the API token, each mapped by email to the principal `oncall.people`
// names, first responders first. Approvals show them, and the approver rules can make them the
// approver set (`pagerduty.onCallRole`). An answer is kept a minute per policy; a failed
// lookup throws (naming the service and policy, never the token) and is not kept, so a
// caller that grants something on it fails closed. What PagerDuty sends is bounded: at most
// MAX_PEOPLE people, names cut short, emails longer than an address can be dropped, control
// characters replaced.

import { api } from '@pagerduty/pdjs';
import type { Logger } from 'pino';
import { z } from 'zod';
import { printable } from '../../printable.ts';
import { clip } from '../../shape/logs/clip.ts';
import type { PagerDutyConfig, Person } from '../config.ts';
import { unansweredReason } from '../delivery-failure.ts';
import { clientOptions, PAGERDUTY_TIMEOUT_MS, refusalReason, serviceConfig } from './client.ts';

export interface OnCallPerson {
  name: string;
  email?: string;
  /** Escalation level (1: first responder). */
  level: number;
  /** The principal `oncall.people` maps their email to. */
  principal?: string;
}

export interface OnCallLookup {
  onCall(service: string | undefined): Promise<OnCallPerson[] | undefined>;
}

const CACHE_MS = 60_000;
const MAX_PEOPLE = 25;
const NAME_MAX = 128;
/** The longest an email address can be (RFC 5321). */
const EMAIL_MAX = 254;

/** The part of PagerDuty's `GET /oncalls` answer read here (users included). */
const oncallsAnswer = z.object({
  oncalls: z.array(
    z.object({
      escalation_level: z.number().int().min(1),
      user: z.object({
        id: z.string(),
        name: z.string().optional(),
        summary: z.string().optional(),
        email: z.string().optional(),
      }),
    }),
  ),
});

type OnCallEntry = z.output<typeof oncallsAnswer>['oncalls'][number];

export function pagerdutyOnCall(deps: {
  config: PagerDutyConfig;
  people: readonly Person[];
  logger: Logger;
}): OnCallLookup {
  const { config, logger } = deps;
  const options = clientOptions(config);
  const principalByEmail = new Map(
    deps.people.flatMap((p) => (p.email ? [[p.email.toLowerCase(), p.principal] as const] : [])),
  );
  const cache = new Map<string, { until: number; people: Promise<OnCallPerson[]> }>();

  async function lookup(service: string, policy: string, token: string): Promise<OnCallPerson[]> {
    const failed = (why: string) =>
      new Error(
        `PagerDuty on-call lookup for service ${service} (escalation policy ${policy}) failed: ${why}`,
      );
    const res = await api({
      server: config.apiServer,
      token,
      endpoint: 'oncalls',
      method: 'GET',
      queryParameters: {
        'escalation_policy_ids[]': [policy],
        'include[]': ['users'],
        earliest: 'true',
        limit: String(MAX_PEOPLE),
      },
      ...options(),
    }).catch((err: unknown) => {
      // pdjs rejects with the bare response when its body is not JSON.
      const status = (err as { status?: unknown }).status;
      throw failed(
        typeof status === 'number'
          ? `HTTP ${status} without a JSON body`
          : unansweredReason(err, PAGERDUTY_TIMEOUT_MS),
      );
    });
    if (res.status !== 200)
      throw failed(
        `HTTP ${res.status}: ${refusalReason((res.data as { error?: unknown } | undefined)?.error)}`,
      );
    const parsed = oncallsAnswer.safeParse(res.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw failed(`unexpected answer at ${issue?.path.join('.') || 'the top'}: ${issue?.message}`);
    }
    const people = peopleOf(parsed.data.oncalls);
    logger.debug({ service, policy, onCall: people.length }, 'PagerDuty on-call read');
    return people;
  }

  /** One entry per user, at their lowest level; first responders first. */
  function peopleOf(oncalls: readonly OnCallEntry[]): OnCallPerson[] {
    const byUser = new Map<string, OnCallEntry>();
    for (const entry of oncalls) {
      const seen = byUser.get(entry.user.id);
      if (!seen || entry.escalation_level < seen.escalation_level) byUser.set(entry.user.id, entry);
    }
    return [...byUser.values()]
      .sort((a, b) => a.escalation_level - b.escalation_level)
      .slice(0, MAX_PEOPLE)
      .map(({ escalation_level, user }) => {
        const email = user.email && user.email.length <= EMAIL_MAX ? printable(user.email) : undefined;
        const principal = email && principalByEmail.get(email.toLowerCase());
        return {
          name: clip(printable(user.name ?? user.summary ?? user.id), NAME_MAX),
          ...(email ? { email } : {}),
          level: escalation_level,
          ...(principal ? { principal } : {}),
        };
      });
  }

  return {
    async onCall(service) {
      const policy = serviceConfig(config, service)?.escalationPolicy;
      if (!service || !policy || !config.apiToken) return undefined;
      const now = Date.now();
      const cached = cache.get(policy);
      if (cached && cached.until > now) return cached.people;
      const people = lookup(service, policy, config.apiToken);
      cache.set(policy, { until: now + CACHE_MS, people });
      people.catch(() => {
        if (cache.get(policy)?.people === people) cache.delete(policy);
      });
      return people;
    },
  };
}
