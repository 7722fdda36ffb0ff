// The benchmark's HTTP server, run as its own process so the load generator does not share
// its event loop: opswarden over Streamable HTTP on a loopback port, with the bench tool.
// Usage: node test/bench/http-server.ts <config.yaml>. Prints {"url": ...} on stdout when
// listening; logs go to http-server.log beside the config; shuts down when its stdin closes (the parent ended, however it ended).

import { dirname } from 'node:path';
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
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

process.stdin.resume();
process.stdin.on('close', async () => {
  await server.close();
  app.close();
  process.exit(0);
});
