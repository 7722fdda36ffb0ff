// Which Slack channel hears about an approval or an incident: the first `oncall.slack.channels`
// entry whose service and environment match (an entry without one matches any), and the
// config key of that entry, so a channel Slack refuses is named where the operator fixes it.

import type { SlackConfig } from '../config.ts';

export interface ChosenChannel {
  channel: string;
  /** `oncall.slack.channels[2]`. */
  configKey: string;
}

export function channelFor(
  channels: SlackConfig['channels'],
  service: string | undefined,
  environment: string | undefined,
): ChosenChannel | undefined {
  const index = channels.findIndex(
    (c) =>
      (c.service === undefined || c.service === service) &&
      (c.environment === undefined || c.environment === environment),
  );
  return index < 0
    ? undefined
    : { channel: channels[index]!.channel, configKey: `oncall.slack.channels[${index}]` };
}

/** The config key of a channel a message was posted to (it may have left the config since). */
export function configKeyOf(channels: SlackConfig['channels'], channel: string): string {
  const index = channels.findIndex((c) => c.channel === channel);
  return index < 0 ? 'no longer in oncall.slack.channels' : `oncall.slack.channels[${index}]`;
}
