// Request bodies, read whole up to a limit, for every endpoint that takes one (/mcp,
// /v1/approvals, /v1/changes, /v1/alerts*). A body over its limit is answered 413 naming
// the config key, and the connection is not reset under a client still sending: the rest
// of the body is read and dropped first (up to DRAIN_BYTES; an endless body is cut off
// with `Connection: close`), so the client reads the answer instead of ECONNRESET.

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Past the limit, bytes read and dropped so the answer can be read; beyond, the connection is closed. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/** A body over its limit: the HTTP server answers 413 (`respondTooLarge`). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  readonly maxBytes: number;
  /** The config key that sets the limit, e.g. `limits.maxBodyBytes`. */
  readonly limit: string;
  /** False when the client was still sending past DRAIN_BYTES: the connection must close. */
  readonly drained: boolean;

  constructor(maxBytes: number, limit: string, drained: boolean) {
    super(`request body is larger than ${maxBytes} bytes (${limit})`);
    this.maxBytes = maxBytes;
    this.limit = limit;
    this.drained = drained;
  }
}

/** The whole body; rejects with BodyTooLargeError past `maxBytes`, once the rest is drained. */
export function readBody(req: IncomingMessage, maxBytes: number, limit: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (drained: boolean) => new BodyTooLargeError(maxBytes, limit, drained);
    const finish = (settle: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes + DRAIN_BYTES) finish(() => reject(tooLarge(false)));
      else if (size <= maxBytes) chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => (size > maxBytes ? reject(tooLarge(true)) : resolve(Buffer.concat(chunks))));
    const onError = (err: Error) => finish(() => reject(err));
    if (Number(req.headers['content-length']) > maxBytes + DRAIN_BYTES) return reject(tooLarge(false));
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The body as a JSON object ({} when empty); throws SyntaxError when it is not one. */
export async function readJsonObject(
  req: IncomingMessage,
  maxBytes: number,
  limit: string,
): Promise<Record<string, unknown>> {
  const text = (await readBody(req, maxBytes, limit)).toString('utf8').trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new SyntaxError('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** 413 with a JSON body naming the limit; `jsonRpc` wraps it as a JSON-RPC error (for /mcp). */
export function respondTooLarge(res: ServerResponse, err: BodyTooLargeError, jsonRpc = false): void {
  const detail = { limit: err.limit, maxBytes: err.maxBytes };
  const body = jsonRpc
    ? { jsonrpc: '2.0', error: { code: -32000, message: err.message, data: detail }, id: null }
    : { error: 'payload_too_large', message: err.message, ...detail };
  res.writeHead(413, {
    'content-type': 'application/json',
    ...(err.drained ? {} : { connection: 'close' }),
  });
  res.end(JSON.stringify(body));
}
