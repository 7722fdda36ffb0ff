// The Slack Web API client every Slack part shares: the official WebClient pointed at
// `oncall.slack.apiUrl`, with its own retries off (a failed delivery is retried by the
// sink's retry, which knows the event and logs it; an interaction must answer in seconds),
// rate limits reported at once rather than slept through, a timeout on every call, and
// its log lines sent to opswarden's logger at warn and above (redacted there like every
// line, so the token never reaches a log).

import { LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackConfig } from '../config.ts';

/** Per Web API call; Slack answers in well under a second. */
const CALL_TIMEOUT_MS = 10_000;

export function slackClient(config: SlackConfig, logger: Logger): WebClient {
  return new WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: CALL_TIMEOUT_MS,
    logger: slackLogger(logger.child({ component: 'slack-web-api' })),
  });
}

/** The WebClient's logger interface over pino: its debug and info lines (requests, bodies) are dropped. */
function slackLogger(logger: Logger): SlackLogger {
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => logger.warn(text(parts)),
    error: (...parts: unknown[]) => logger.error(text(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}
