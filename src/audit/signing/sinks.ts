// Where signed checkpoints go besides the store, so that rewriting the log also means
// reaching somewhere else: a JSON-lines file (another disk, host or account), a webhook
// (HTTP POST of the checkpoint JSON), or syslog (RFC 5424 over UDP, or TCP with RFC 6587
// octet counting). Each send resolves once the sink took the checkpoint and rejects
// otherwise; the shipper retries (src/audit/signing/shipper.ts).

import { createSocket } from 'node:dgram';
import { appendFileSync, mkdirSync } from 'node:fs';
import { connect, isIPv6 } from 'node:net';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ConfigError } from '../../config/load.ts';
import { parseDuration } from '../../duration.ts';
import type { SignedCheckpoint } from './checkpoint.ts';
import type { CheckpointSinkConfig } from './config.ts';
import { logDirectoryHolding } from './key.ts';

export interface CheckpointSink {
  /** Stable name: logs use it, and the store keeps the sink's delivery cursor under it. */
  readonly id: string;
  send(checkpoint: SignedCheckpoint, line: string, signal: AbortSignal): Promise<void>;
}

/** The configured sinks; a file sink in the log's own directories is refused (ConfigError). */
export function createSinks(
  configs: readonly CheckpointSinkConfig[],
  logFiles: { storePath: string; jsonlPath: string },
): CheckpointSink[] {
  return configs.map((config, i) => {
    if (config.type === 'webhook')
      return webhookSink(config.url, config.bearerToken, parseDuration(config.timeout));
    if (config.type === 'syslog') return syslogSink(config);
    const logDir = logDirectoryHolding(config.path, logFiles);
    if (logDir) {
      throw new ConfigError(
        `audit.checkpoints.sinks[${i}].path ${config.path} is inside ${logDir}: whoever rewrites the log would rewrite it too; put it elsewhere`,
      );
    }
    return fileSink(config.path);
  });
}

function fileSink(path: string): CheckpointSink {
  return {
    id: `file:${path}`,
    async send(_checkpoint, line) {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${line}\n`);
    },
  };
}

function webhookSink(url: string, bearerToken: string | undefined, timeoutMs: number): CheckpointSink {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearerToken) headers.authorization = `Bearer ${bearerToken}`;
  return {
    id: `webhook:${url}`,
    async send(_checkpoint, line, signal) {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: line,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the webhook answered ${res.status} ${res.statusText}`);
    },
  };
}

const SEVERITY_INFO = 6;

function syslogSink(config: Extract<CheckpointSinkConfig, { type: 'syslog' }>): CheckpointSink {
  const { host, port, protocol, facility } = config;
  const origin = hostname().replace(/[^\x21-\x7e]/g, '') || '-';
  const message = (checkpoint: SignedCheckpoint, line: string) =>
    `<${facility * 8 + SEVERITY_INFO}>1 ${checkpoint.ts} ${origin} opswarden ${process.pid} audit-checkpoint - ${line}`;
  return {
    id: `syslog:${protocol}://${host}:${port}`,
    send(checkpoint, line, signal) {
      const text = message(checkpoint, line);
      return protocol === 'udp'
        ? sendDatagram(host, port, text)
        : sendFrame(host, port, `${Buffer.byteLength(text)} ${text}`, signal);
    },
  };
}

function sendDatagram(host: string, port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    socket.send(text, port, host, (err) => {
      socket.close();
      if (err) reject(err);
      else resolve();
    });
  });
}

const TCP_TIMEOUT_MS = 10_000;

/** One connection per checkpoint: they are rare, and a fresh connection never writes into a dead one. */
function sendFrame(host: string, port: number, frame: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal, timeout: TCP_TIMEOUT_MS });
    socket.once('timeout', () => socket.destroy(new Error(`syslog ${host}:${port} timed out`)));
    socket.once('error', reject);
    // Flushed to the kernel: as much as TCP syslog can tell (it has no acknowledgement).
    socket.end(frame, () => {
      socket.destroy();
      resolve();
    });
  });
}
