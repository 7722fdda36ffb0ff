// An OTLP/HTTP trace receiver on 127.0.0.1, standing in for a team's collector: it takes
// what opswarden's exporter posts to /v1/traces, keeps the raw bodies (to search them for
// what must never leave) and decodes OTLP JSON into flat spans. It can also misbehave as
// collectors do: answer 503, or accept the request and never answer.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the body had arrived. */
  at: number;
}

/** One span as a collector sees it, attributes decoded from OTLP's AnyValue. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  /** OTLP's StatusCode: 0 unset, 1 ok, 2 error. */
  status: number;
  resource: Record<string, unknown>;
  scope: string;
}

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface OtlpReceiver {
  /** http://127.0.0.1:port, the collector's base URL (spans go to /v1/traces). */
  url: string;
  /** Every request received, answered or not. */
  requests: ReceivedExport[];
  /** Spans of every request decoded so far. */
  spans(): ReceivedSpan[];
  mode: ReceiverMode;
  close(): Promise<void>;
}

export async function startOtlpReceiver(mode: ReceiverMode = 'ok'): Promise<OtlpReceiver> {
  const requests: ReceivedExport[] = [];
  const receiver = {
    url: '',
    requests,
    mode,
    spans: () => requests.filter((r) => r.path === '/v1/traces').flatMap((r) => decode(r.body)),
    close: () => closeServer(server),
  } satisfies OtlpReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      });
      if (receiver.mode === 'hang') return;
      if (receiver.mode === 'fail') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** A base URL where nothing listens (connections are refused). */
export async function deadCollectorUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}
type OtlpKeyValue = { key: string; value: OtlpAnyValue };

function anyValue(v: OtlpAnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValue);
  return undefined;
}

function attributes(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, anyValue(value)]));
}

/** ExportTraceServiceRequest as OTLP/JSON: resourceSpans → scopeSpans → spans, ids in hex. */
function decode(body: string): ReceivedSpan[] {
  // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON, walked by its documented shape
  const request = JSON.parse(body) as any;
  const spans: ReceivedSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
          ...(s.traceState ? { traceState: s.traceState } : {}),
          name: s.name,
          kind: s.kind,
          startNs: BigInt(s.startTimeUnixNano),
          endNs: BigInt(s.endTimeUnixNano),
          attributes: attributes(s.attributes),
          status: s.status?.code ?? 0,
          resource,
          scope: ss.scope?.name ?? '',
        });
      }
    }
  }
  return spans;
}
