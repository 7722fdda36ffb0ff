// The benchmark's HTTP server, run as its own process so the load generator does not share
// its event loop: opswarden over Streamable HTTP on a loopback port, with the bench tool.
// Usage: node test/bench/http-server.ts <config.yaml>. Logs go to http-server.log beside the
// config. Talks to its parent in lines: prints {"url"} once listening; on stdin "mark" starts
// measuring its event-loop utilization, on "report" prints {"eventLoopUtilization"} since
// the mark; shuts down when stdin closes (the parent ended, however it ended).

import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startHttpServer } from '../../src/server/http.ts';
import { benchLogger, benchNoopGet } from './bench-app.ts';

const configPath = process.argv[2];
if (!configPath) throw new Error('usage: node test/bench/http-server.ts <config.yaml>');
const { config } = loadConfig(configPath);
const app = createApp({
  config,
  extraTools: [benchNoopGet],
  logger: benchLogger({ dir: dirname(configPath) }, 'http-server'),
});
const server = await startHttpServer(app, { host: '127.0.0.1', port: 0, stateless: false });
const reply = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ url: server.url });

let mark = performance.eventLoopUtilization();
createInterface({ input: process.stdin })
  .on('line', (command) => {
    if (command === 'mark') mark = performance.eventLoopUtilization();
    else if (command === 'report')
      reply({ eventLoopUtilization: performance.eventLoopUtilization(mark).utilization });
    else reply({ error: `unknown command ${JSON.stringify(command)} (known: mark, report)` });
  })
  .on('close', async () => {
    await server.close();
    await app.close();
    process.exit(0);
  });
