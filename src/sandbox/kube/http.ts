// The request and response plumbing shared by the route handlers: one parsed request
// object (method, URL, query, body), JSON replies, and the checks every write shares
// (JSON body, `dryRun=All`). Replies are always JSON: client-go lists JSON after protobuf
// in its Accept header, and decodes a reply by the reply's Content-Type.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, KubeError, unsupportedMediaType } from './errors.ts';
import { objectFromProtobuf } from './protobuf.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** Bodies above this are refused, as the API server refuses requests over 3 MiB. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ApiRequest {
  method: string;
  url: URL;
  params: URLSearchParams;
  accept: string | undefined;
  contentType: string;
  /** The body as text (read once, lazily). */
  body(): Promise<string>;
  /** The body's bytes (protobuf bodies are not text). */
  bytes(): Promise<Buffer>;
  raw: IncomingMessage;
  res: ServerResponse;
}

/** What a handler answers; undefined when it has written a streamed response itself. */
export interface Reply {
  code: number;
  body: unknown;
}

export function apiRequest(raw: IncomingMessage, res: ServerResponse): ApiRequest {
  const url = new URL(raw.url ?? '/', 'https://localhost');
  let bytes: Promise<Buffer> | undefined;
  const readOnce = () => {
    bytes ??= readBody(raw);
    return bytes;
  };
  return {
    method: raw.method ?? 'GET',
    url,
    params: url.searchParams,
    accept: raw.headers.accept,
    contentType: raw.headers['content-type'] ?? '',
    body: async () => (await readOnce()).toString('utf8'),
    bytes: readOnce,
    raw,
    res,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new KubeError(
        413,
        'RequestEntityTooLarge',
        `the request body is larger than ${MAX_BODY_BYTES} bytes`,
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON object body of a create, update or subresource write. */
export async function jsonBody(req: ApiRequest): Promise<Record<string, unknown>> {
  const mediaType = req.contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === PROTOBUF) {
    const decoded = objectFromProtobuf(await req.bytes());
    if (decoded) return decoded;
    throw unsupportedMediaType(
      req.contentType,
      ['application/json'],
      'protobuf is not supported by the simulator (beyond a Secret and an access review): send JSON, as `kubectl create -f` and `kubectl apply -f` do',
    );
  }
  if (mediaType !== 'application/json' && mediaType !== '')
    throw unsupportedMediaType(req.contentType, ['application/json']);
  const text = await req.body();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** `dryRun=All` (query) or `dryRun: ["All"]` (DeleteOptions body). */
export function isDryRun(req: ApiRequest, fromBody?: unknown): boolean {
  const values = [...req.params.getAll('dryRun'), ...(Array.isArray(fromBody) ? fromBody : [])];
  for (const value of values) {
    if (value !== 'All')
      throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(value)}: supported values: "All"`);
  }
  return values.length > 0;
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function successStatus(code: number, details?: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    ...(details ? { details } : {}),
    code,
  };
}
