// `audit.checkpoints` in opswarden.yaml: the signing key, how often the chain head is
// signed, and the sinks each checkpoint is shipped to besides the store. At least one
// sink: a checkpoint kept only in the store can be deleted by whoever rewrites the log.

import { z } from 'zod';
import { parseDuration } from '../../duration.ts';

const duration = z.string().superRefine((text, ctx) => {
  try {
    parseDuration(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

const fileSink = z
  .object({
    type: z.literal('file').describe('Append each checkpoint as one JSON line to a file'),
    path: z
      .string()
      .min(1)
      .describe('The file; keep it on another disk, host or account than the store (not its directory)'),
  })
  .strict();

const webhookSink = z
  .object({
    type: z.literal('webhook').describe('POST each checkpoint as JSON to a URL'),
    url: z.url({ protocol: /^https?$/ }).describe('Where to POST'),
    bearerToken: z
      .string()
      .min(1)
      .optional()
      .describe('Sent as `Authorization: Bearer <token>`; an environment variable reference'),
    timeout: duration.default('10s').describe('How long one delivery may take before it is retried'),
  })
  .strict();

const syslogSink = z
  .object({
    type: z.literal('syslog').describe('Send each checkpoint as an RFC 5424 syslog message'),
    host: z.string().min(1).describe('Syslog server host'),
    port: z.number().int().min(1).max(65535).default(514).describe('Syslog server port'),
    protocol: z
      .enum(['udp', 'tcp'])
      .default('udp')
      .describe('udp: one datagram per message; tcp: octet-counted frames (RFC 6587)'),
    facility: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(13)
      .describe('Syslog facility number (default 13, log audit)'),
  })
  .strict();

export const checkpointSinkSchema = z.discriminatedUnion('type', [fileSink, webhookSink, syslogSink]);
export type CheckpointSinkConfig = z.infer<typeof checkpointSinkSchema>;

export const checkpointsConfigSchema = z
  .object({
    keyFile: z
      .string()
      .min(1)
      .describe(
        'Ed25519 private key from `opswarden audit keygen` (mode 600), outside the store and mirror directories',
      ),
    every: z.number().int().min(1).default(100).describe('Sign the chain head every this many records'),
    interval: duration
      .default('60s')
      .describe('…and at least this often while records arrive (also at start and on shutdown)'),
    sinks: z
      .array(checkpointSinkSchema)
      .min(1, 'at least one sink: checkpoints kept only in the store can be deleted with it')
      .describe('Where each checkpoint is shipped besides the store: file, webhook, syslog'),
  })
  .strict()
  .describe(
    'Signed checkpoints of the audit chain head, so a rewritten or truncated log is caught by `audit verify --public-key`',
  );
export type CheckpointsConfig = z.infer<typeof checkpointsConfigSchema>;
