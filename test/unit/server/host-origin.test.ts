// DNS-rebinding guard: the Host and Origin a browser would send for a rebinding page are
// refused, the names the server is really reached by are accepted. Includes the exchange the
// MCP conformance scenario `dns-rebinding-protection` performs, over a real socket.

import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRequestGuard, isLoopbackHost } from '../../../src/server/host-origin.ts';

const PORT = 8787;
const loopbackGuard = createRequestGuard({ host: '127.0.0.1', port: PORT });

describe('on a loopback bind', () => {
  it.each([
    ['localhost with the port', { host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` }],
    ['127.0.0.1 with the port', { host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}` }],
    ['[::1] with the port', { host: `[::1]:${PORT}`, origin: `http://[::1]:${PORT}` }],
    ['a loopback name without a port', { host: 'localhost', origin: 'http://localhost' }],
    ['no Origin (non-browser client)', { host: `localhost:${PORT}` }],
    ['an upper-case Host', { host: `LOCALHOST:${PORT}` }],
  ])('accepts %s', (_, headers) => {
    expect(loopbackGuard(headers)).toEqual({ ok: true });
  });

  it.each([
    [
      'a rebinding page',
      { host: 'evil.example.com', origin: 'http://evil.example.com' },
      'Host "evil.example.com"',
    ],
    [
      'a foreign Origin on a local Host',
      { host: `localhost:${PORT}`, origin: 'https://evil.example.com' },
      'Origin',
    ],
    [
      'a local page on another port',
      { host: `localhost:${PORT}`, origin: 'http://localhost:3000' },
      'Origin',
    ],
    ['the null Origin of sandboxed pages', { host: `localhost:${PORT}`, origin: 'null' }, 'Origin "null"'],
    ['a loopback Host on another port', { host: 'localhost:9999' }, 'Host "localhost:9999"'],
    ['a Host with userinfo', { host: `localhost:${PORT}@evil.example.com` }, 'Host'],
    ['a missing Host', {}, 'Missing Host header'],
  ])('refuses %s with 403 and a JSON-RPC error body', (_, headers, named) => {
    const result = loopbackGuard(headers);
    expect(result).toMatchObject({ ok: false, status: 403, message: expect.stringContaining(named) });
    expect(result).toHaveProperty('body', {
      jsonrpc: '2.0',
      error: { code: -32000, message: expect.stringContaining(named) },
      id: null,
    });
  });

  it('accepts configured browser origins and hosts', () => {
    const guard = createRequestGuard({
      host: '127.0.0.1',
      port: PORT,
      allowedHosts: ['mcp.dev.internal'],
      allowedOrigins: ['https://console.example'],
    });
    expect(guard({ host: `localhost:${PORT}`, origin: 'https://console.example' })).toEqual({ ok: true });
    expect(guard({ host: 'mcp.dev.internal', origin: 'http://mcp.dev.internal' })).toEqual({ ok: true });
  });
});

describe('on a non-loopback bind', () => {
  it('accepts the bind address and configured hosts, not loopback names', () => {
    const guard = createRequestGuard({
      host: '10.0.0.5',
      port: PORT,
      allowedHosts: ['opswarden.example.com'],
    });
    expect(guard({ host: `10.0.0.5:${PORT}` })).toEqual({ ok: true });
    expect(guard({ host: 'opswarden.example.com', origin: 'https://opswarden.example.com' })).toEqual({
      ok: true,
    });
    expect(guard({ host: `localhost:${PORT}` })).toMatchObject({ ok: false, status: 403 });
  });

  it('on a wildcard bind accepts loopback names and configured hosts, not the wildcard address', () => {
    const guard = createRequestGuard({
      host: '0.0.0.0',
      port: PORT,
      allowedHosts: ['opswarden.example.com'],
    });
    expect(guard({ host: `localhost:${PORT}` })).toEqual({ ok: true });
    expect(guard({ host: 'opswarden.example.com' })).toEqual({ ok: true });
    expect(guard({ host: `0.0.0.0:${PORT}` })).toMatchObject({ ok: false, status: 403 });
  });

  it("on a wildcard bind accepts this machine's interface addresses (a pod IP), not other addresses", () => {
    const interfaceAddresses = ['10.244.1.17', 'fd00::17'];
    const guard = createRequestGuard({ host: '0.0.0.0', port: PORT, interfaceAddresses });
    expect(guard({ host: `10.244.1.17:${PORT}` })).toEqual({ ok: true });
    expect(guard({ host: `[fd00::17]:${PORT}` })).toEqual({ ok: true });
    expect(guard({ host: `10.244.1.18:${PORT}` })).toMatchObject({ ok: false, status: 403 });
    const bound = createRequestGuard({ host: '10.0.0.5', port: PORT, interfaceAddresses });
    expect(bound({ host: `10.244.1.17:${PORT}` })).toMatchObject({ ok: false, status: 403 });
  });

  it('brackets an IPv6 bind address the way Host headers carry it', () => {
    const guard = createRequestGuard({ host: 'fd00::5', port: PORT });
    expect(guard({ host: `[fd00::5]:${PORT}` })).toEqual({ ok: true });
  });
});

describe('misconfiguration', () => {
  it('refuses port 0: the guard needs the port the server actually listens on', () => {
    expect(() => createRequestGuard({ host: '127.0.0.1', port: 0 })).toThrow(/port the server listens on/);
  });

  it('refuses an allowedOrigins entry that is not an origin', () => {
    expect(() =>
      createRequestGuard({ host: '127.0.0.1', port: PORT, allowedOrigins: ['console.example'] }),
    ).toThrow('allowedOrigins entry "console.example" is not an http(s) origin');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.200.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['localhost.evil.example', false],
  ])('%s -> %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('the conformance dns-rebinding-protection exchange', () => {
  it('gets 4xx for an evil Host/Origin and 2xx for the URL it was given', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const guard = createRequestGuard({ host: '127.0.0.1', port });
    server.on('request', (req, res) => {
      const verdict = guard({ host: req.headers.host, origin: req.headers.origin });
      const [status, body] = verdict.ok
        ? [200, { jsonrpc: '2.0', id: 1, result: {} }]
        : [verdict.status, verdict.body];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const post = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/mcp',
          headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end('{}');
      });
    try {
      expect(await post('evil.example.com')).toBe(403);
      expect(await post(`localhost:${port}`)).toBe(200);
      expect(await post(`127.0.0.1:${port}`)).toBe(200);
    } finally {
      server.close();
    }
  });
});
