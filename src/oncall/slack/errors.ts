// What a failed Slack Web API call means for a delivery: Slack down, slow or rate limiting
// is retried; a refusal no retry can mend (a channel the bot is not in, a revoked token, a
// missing scope) is a PermanentDeliveryError that says which config key to fix.

import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { PermanentDeliveryError } from '../sink.ts';

export interface SlackCallSite {
  /** The Web API method, e.g. chat.postMessage. */
  method: string;
  channel?: string;
  /** Where the channel is configured, e.g. oncall.slack.channels[1]. */
  configKey?: string;
}

const TOKEN =
  'the bot token (oncall.slack.botToken) is not accepted: check it is the xoxb- token of the installed app';
const BUILT = 'Slack refused the message opswarden built; please report this as a bug';
const GONE = 'the message to update is gone, or was not posted by this app';

/** Slack error codes a retry cannot mend, with what to do about each. */
const PERMANENT: Record<string, (site: SlackCallSite, needed?: string) => string> = {
  channel_not_found: (s) =>
    `no such channel, or the bot cannot see it: check ${s.configKey ?? 'the channel id'}`,
  not_in_channel: (s) =>
    `the bot is not in the channel: invite the app to ${s.channel} (${s.configKey ?? 'channel'})`,
  is_archived: (s) => `the channel is archived: unarchive it or change ${s.configKey ?? 'the channel'}`,
  channel_is_archived: (s) =>
    `the channel is archived: unarchive it or change ${s.configKey ?? 'the channel'}`,
  restricted_action: () => 'a workspace preference keeps the bot from posting there',
  restricted_action_read_only_channel: () => 'the channel is read-only for the bot',
  missing_scope: (_s, needed) =>
    `the bot token lacks the scope ${needed ?? 'this method needs'}: add it under OAuth & Permissions and reinstall the app`,
  invalid_auth: () => TOKEN,
  not_authed: () => TOKEN,
  account_inactive: () => TOKEN,
  token_revoked: () => TOKEN,
  token_expired: () => TOKEN,
  no_permission: () => "the bot token has no permission for this: check the app's scopes and reinstall it",
  invalid_blocks: () => BUILT,
  invalid_blocks_format: () => BUILT,
  msg_too_long: () => BUILT,
  no_text: () => BUILT,
  invalid_arguments: () => BUILT,
  message_not_found: () => GONE,
  cant_update_message: () => GONE,
  edit_window_closed: () => GONE,
  user_not_in_channel: () => 'the user is not in the channel',
  user_not_found: () => 'no such user in the workspace',
};

/** The error a delivery throws for a failed call: permanent or retried, naming what to fix. */
function deliveryError(err: unknown, site: SlackCallSite): Error {
  const where = site.channel ? ` in ${site.channel}` : '';
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    const advice = PERMANENT[code];
    const { needed } = err.data as { needed?: unknown };
    const text = `Slack refused ${site.method}${where}: ${code}`;
    return advice
      ? new PermanentDeliveryError(
          `${text}: ${advice(site, typeof needed === 'string' ? needed : undefined)}`,
        )
      : new Error(text);
  }
  if (err instanceof WebAPIRateLimitedError) {
    return new Error(`Slack rate-limited ${site.method}${where}: retry after ${err.retryAfter}s`);
  }
  if (err instanceof WebAPIHTTPError) {
    const text = `Slack answered ${site.method} with HTTP ${err.statusCode}`;
    return err.statusCode >= 400 && err.statusCode < 500
      ? new PermanentDeliveryError(`${text}: check oncall.slack.apiUrl`)
      : new Error(text);
  }
  if (err instanceof WebAPIRequestError) {
    return new Error(
      `Slack (oncall.slack.apiUrl) could not be reached for ${site.method}: ${err.original.message}`,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs one Web API call; a failure is thrown as deliveryError says. */
export async function slackCall<T>(site: SlackCallSite, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw deliveryError(err, site);
  }
}
