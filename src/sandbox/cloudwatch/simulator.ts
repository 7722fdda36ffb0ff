// The sandbox CloudWatch Logs endpoint (DESIGN §7): the AWS JSON 1.1 protocol the real SDK
// speaks (`POST /`, `X-Amz-Target: Logs_20140328.<Operation>`), on a loopback port, over a
// scenario's CloudWatch sources. Any SigV4 signature is accepted (it is a sandbox), but a
// request without an Authorization header is refused as AWS would refuse it.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../tool.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
import type { Scenario } from '../scenario/schema.ts';
import { AwsError } from './errors.ts';
import { scenarioLogGroups } from './log-groups.ts';
import { cloudWatchOperations } from './operations.ts';

const TARGET_PREFIX = 'Logs_20140328.';

export interface CloudWatchRequest {
  operation: string;
  body: Record<string, unknown>;
}

export interface CloudWatchLogsSimulator {
  /** http://127.0.0.1:<port> — the SDK's `endpoint`. */
  url: string;
  /** Every well-formed request received, in order (tests check what a tool asked for). */
  requests: CloudWatchRequest[];
  close(): Promise<void>;
}

export async function startCloudWatchLogsSimulator(
  scenario: Scenario,
  clock: Clock,
  opts: { region?: string; port?: number; timeline?: IncidentTimeline } = {},
): Promise<CloudWatchLogsSimulator> {
  const groups = scenarioLogGroups(scenario, clock, opts.timeline);
  const operations = cloudWatchOperations(groups, opts.region ?? 'us-east-1');
  const requests: CloudWatchRequest[] = [];
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.method !== 'POST' || req.url !== '/')
        throw new AwsError('UnknownOperationException', `${req.method} ${req.url} is not an operation`, 404);
      if (!req.headers.authorization)
        throw new AwsError(
          'MissingAuthenticationTokenException',
          'Request is missing Authentication Token',
          403,
        );
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      const handler = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!handler)
        throw new AwsError('UnknownOperationException', `unknown X-Amz-Target ${JSON.stringify(target)}`);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      } catch {
        throw new AwsError('SerializationException', 'request body is not JSON');
      }
      requests.push({ operation, body });
      send(200, handler(body));
    } catch (err) {
      if (err instanceof AwsError) send(err.status, { __type: err.type, message: err.message });
      else send(500, { __type: 'ServiceUnavailableException', message: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
