// Loopback ports for the real components the tests start (Prometheus, Alertmanager). A
// free port is found by binding port 0 and letting go, so another test starting at the
// same moment may take it first: starts are retried on a fresh port when the component
// reports the address in use.

import { createServer } from 'node:net';

const ATTEMPTS = 3;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `start(port)` on a free loopback port, again on another when it fails with "address already in use". */
export async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (err) {
      if (attempt >= ATTEMPTS || !/address already in use/.test((err as Error).message)) throw err;
    }
  }
}
