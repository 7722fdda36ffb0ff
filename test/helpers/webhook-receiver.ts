// A webhook receiver for tests, over HTTP on 127.0.0.1: it records every request with its
// headers and raw body and checks the signature as a real receiver would (verifyWebhook),
// and it can misbehave the ways receivers do: fail the next requests (500: retried; 4xx: not),
// never answer (the sender's timeout), or answer 200 with an endless body.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { verifyWebhook, type WebhookBody, type WebhookVerdict } from '../../src/oncall/webhook.ts';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the keys of each kind's event
  body: Omit<WebhookBody, 'data'> & { data: any };
  verdict: WebhookVerdict;
  /** What it was answered (0: nothing, it hung). */
  status: number;
}

export type ReceiverMode = 'ok' | 'hang' | 'endless';

export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order (failed ones too). */
  received: ReceivedWebhook[];
  /** The ones answered 2xx. */
  delivered(): ReceivedWebhook[];
  /** Requests the sender gave up on before an answer (hang) or while reading it (endless). */
  abandoned: number;
  /** The next `count` requests are answered `status` (default 500). */
  failNext(count: number, status?: number): void;
  behave(mode: ReceiverMode): void;
  close(): Promise<void>;
}

const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x');

export async function startWebhookReceiver(opts: {
  secret: string;
  path?: string;
}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  let failStatus = 500;
  let mode: ReceiverMode = 'ok';
  const receiver = { abandoned: 0 };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-opswarden-signature'];
      const status = failures > 0 ? failStatus : mode === 'hang' ? 0 : 200;
      if (failures > 0) failures--;
      received.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as WebhookBody,
        verdict: verifyWebhook(opts.secret, raw, typeof header === 'string' ? header : undefined),
        status,
      });
      res.on('close', () => {
        if (!res.writableFinished) receiver.abandoned++;
      });
      if (status === 0) return; // hang: no answer until the sender gives up
      if (status === 200 && mode === 'endless') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const pump = () => {
          while (!res.destroyed && res.write(ENDLESS_CHUNK)) {}
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status === 200 ? 'ok' : 'failing on purpose');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}${opts.path ?? '/hooks/opswarden'}`,
    received,
    delivered: () => received.filter((r) => r.status === 200),
    get abandoned() {
      return receiver.abandoned;
    },
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    behave(next) {
      mode = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
