// `limits`: how much of the server one call, one body, one principal may take. Every
// bound here is what stands between one bad input (a huge body, a thousand sessions, a
// call that never ends) and a stalled or exhausted server for everyone; at a limit the
// caller gets a clear refusal naming the key (413, 429 with Retry-After, a timed-out
// call), never a crash and never unbounded growth.

import { z } from 'zod';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration like 90s, 15m, 1h or 7d');
const count = (min: number) => z.number().int().min(min);

export const DEFAULT_LIMITS = {
  toolTimeout: '60s',
  maxBodyBytes: 1024 * 1024,
  maxAlertsBodyBytes: 8 * 1024 * 1024,
  sessionsPerPrincipal: 16,
  sessionsTotal: 256,
  concurrentCallsPerPrincipal: 16,
  sseReplayBytes: 256 * 1024,
  shutdownGrace: '5s',
} as const;

export const limitsConfigSchema = z
  .object({
    toolTimeout: duration
      .default(DEFAULT_LIMITS.toolTimeout)
      .describe('A tool call (handler and shaping) is stopped and audited as failed after this long'),
    maxBodyBytes: count(1024)
      .default(DEFAULT_LIMITS.maxBodyBytes)
      .describe('Largest request body on /mcp, /v1/approvals and /v1/changes; larger gets 413'),
    maxAlertsBodyBytes: count(1024)
      .default(DEFAULT_LIMITS.maxAlertsBodyBytes)
      .describe(
        'Largest body on /v1/alerts and /v1/alerts/alertmanager (a storm is one big webhook); larger gets 413',
      ),
    sessionsPerPrincipal: count(1)
      .default(DEFAULT_LIMITS.sessionsPerPrincipal)
      .describe(
        'MCP sessions one principal may hold; at the limit its least recently used idle session is closed, and when none is idle a new one gets 429',
      ),
    sessionsTotal: count(1)
      .default(DEFAULT_LIMITS.sessionsTotal)
      .describe('MCP sessions the server holds for everyone together, with the same rule'),
    concurrentCallsPerPrincipal: count(1)
      .default(DEFAULT_LIMITS.concurrentCallsPerPrincipal)
      .describe(
        'MCP requests (tool calls and others) one principal may have in flight over HTTP; more get 429',
      ),
    sseReplayBytes: count(16 * 1024)
      .default(DEFAULT_LIMITS.sseReplayBytes)
      .describe(
        'Bytes of recent SSE messages a session keeps so a dropped stream can resume; oldest go first',
      ),
    shutdownGrace: duration
      .default(DEFAULT_LIMITS.shutdownGrace)
      .describe('On SIGTERM/SIGINT, time to close connections and the store before the process exits anyway'),
  })
  .strict()
  .default(DEFAULT_LIMITS);

export type LimitsConfig = z.output<typeof limitsConfigSchema>;
