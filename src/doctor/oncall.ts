// Doctor's checks of the on-call channels: Slack's bot token (auth.test, and the workspace
// against `teamId`) and PagerDuty's REST token (who is on call for each service with an
// escalation policy). Events and webhooks are not probed: a probe would page somebody or
// post a fake event.

import pino from 'pino';
import type { Config } from '../config/schema.ts';
import { pagerdutyOnCall } from '../oncall/pagerduty/oncall.ts';
import { slackClient } from '../oncall/slack/client.ts';
import { type Check, errorText, failed, passed } from './check.ts';

const quiet = pino({ level: 'silent' });

export async function oncallChecks(config: Config): Promise<Check[]> {
  const { slack, pagerduty, people } = config.oncall;
  const checks: Check[] = [];
  if (slack) checks.push(await slackCheck(slack));
  if (pagerduty?.apiToken) {
    const lookup = pagerdutyOnCall({ config: pagerduty, people, logger: quiet });
    for (const [service, { escalationPolicy }] of Object.entries(pagerduty.services)) {
      if (!escalationPolicy) continue;
      const subject = `pagerduty on-call ${service} (${escalationPolicy})`;
      try {
        const onCall = (await lookup.onCall(service)) ?? [];
        const names = onCall.map(
          (p) => `${p.name}${p.principal ? ` = ${p.principal}` : ' (not in oncall.people)'}`,
        );
        checks.push(
          onCall.length
            ? passed(subject, `on call now: ${names.join(', ')}`)
            : failed(
                subject,
                'nobody on call now',
                'check the escalation policy has a schedule with someone on it',
              ),
        );
      } catch (err) {
        checks.push(
          failed(
            subject,
            errorText(err),
            'set oncall.pagerduty.apiToken to a REST API token (read-only is enough) and check apiServer',
          ),
        );
      }
    }
  }
  return checks;
}

async function slackCheck(slack: NonNullable<Config['oncall']['slack']>): Promise<Check> {
  const subject = `slack ${new URL(slack.apiUrl).host}`;
  try {
    const answer = await slackClient(slack, quiet).auth.test();
    if (slack.teamId && answer.team_id !== slack.teamId) {
      return failed(
        subject,
        `the bot token belongs to workspace ${answer.team_id}, not oncall.slack.teamId ${slack.teamId}`,
        'use the bot token of the workspace named by teamId (or correct teamId)',
      );
    }
    return passed(subject, `bot ${answer.user ?? answer.user_id} in ${answer.team ?? answer.team_id}`);
  } catch (err) {
    return failed(
      subject,
      errorText(err),
      "set oncall.slack.botToken to the app's bot token (xoxb-…, OAuth & Permissions) and check apiUrl",
    );
  }
}
