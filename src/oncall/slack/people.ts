// Who a Slack user is here: the `oncall.people` entry with their Slack user id, or else the
// entry (without a Slack user id of its own) whose email is the one on their Slack profile
// (users.info, scope users:read.email). Nobody else decides anything from Slack.

import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Principal } from '../../types.ts';
import type { Person } from '../config.ts';
import { slackCall } from './errors.ts';

export async function personOf(
  user: string,
  people: readonly Person[],
  client: WebClient,
  logger: Logger,
): Promise<Person | undefined> {
  const byId = people.find((p) => p.slackUser === user);
  if (byId) return byId;
  // A person pinned to a Slack user id is that user only: another account with their email is not them.
  const byEmail = people.filter((p) => p.email && !p.slackUser);
  if (!byEmail.length) return undefined;
  try {
    const { user: profile } = await slackCall({ method: 'users.info' }, () => client.users.info({ user }));
    if (!profile || profile.deleted || profile.is_bot) return undefined;
    const email = profile.profile?.email?.toLowerCase();
    return email ? byEmail.find((p) => p.email!.toLowerCase() === email) : undefined;
  } catch (err) {
    logger.warn(
      { err, user },
      'Slack users.info failed: the user cannot be matched to oncall.people by email',
    );
    return undefined;
  }
}

/** The principal a person decides as from Slack: a human, bound to their Slack account. */
export function slackPrincipal(person: Person, user: string, team: string): Principal {
  return {
    id: person.principal,
    type: 'human',
    roles: [...person.roles],
    transport: 'http',
    credential: `slack:${team}:${user}`,
  };
}
