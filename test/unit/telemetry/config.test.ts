// The `telemetry` key as an operator meets it: off unless configured, where spans are sent
// (endpoint + /v1/traces, or tracesEndpoint as it is), the standard OTEL_EXPORTER_OTLP_*
// variables filling in only when the file names no collector, and header values masked
// where `config check` prints the config.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, maskSecrets } from '../../../src/config/load.ts';
import { tracesUrl } from '../../../src/telemetry/config.ts';
import { runCli } from '../../helpers/spawn.ts';
import { tempDir } from '../audit/helpers.ts';

function configFile(raw: unknown): string {
  const path = join(tempDir(), 'opswarden.yaml');
  writeFileSync(path, yaml.dump(raw));
  return path;
}

const otlpOf = (raw: unknown, env: NodeJS.ProcessEnv = {}) =>
  loadConfig(configFile(raw), env).config.telemetry?.otlp;

describe('telemetry config', () => {
  it('is off unless configured', () => {
    expect(loadConfig(undefined, {}).config.telemetry).toBeUndefined();
    expect(otlpOf({ server: { name: 'edge' } })).toBeUndefined();
  });

  it('defaults the service name, the timeout and the headers', () => {
    expect(otlpOf({ telemetry: { otlp: { endpoint: 'http://collector:4318' } } })).toEqual({
      endpoint: 'http://collector:4318',
      headers: {},
      serviceName: 'opswarden',
      timeout: '3s',
    });
  });

  it.each([
    [{ endpoint: 'http://collector:4318' }, 'http://collector:4318/v1/traces'],
    [{ endpoint: 'http://collector:4318/' }, 'http://collector:4318/v1/traces'],
    [{ endpoint: 'https://gateway.example/otlp' }, 'https://gateway.example/otlp/v1/traces'],
    [{ tracesEndpoint: 'https://gateway.example/ingest/spans' }, 'https://gateway.example/ingest/spans'],
    [
      { endpoint: 'http://collector:4318', tracesEndpoint: 'http://other:4318/v1/traces' },
      'http://other:4318/v1/traces',
    ],
  ])('sends %j to %s', (otlp, url) => {
    expect(tracesUrl(otlpOf({ telemetry: { otlp } })!)).toBe(url);
  });
});

describe('OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', () => {
  it('turn export on when the file has no telemetry, as `config check` shows', () => {
    const { config, fromEnv } = loadConfig(undefined, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(tracesUrl(config.telemetry!.otlp)).toBe('http://collector:4318/v1/traces');
    expect(fromEnv).toEqual([{ env: 'OTEL_EXPORTER_OTLP_ENDPOINT', key: ['telemetry', 'otlp', 'endpoint'] }]);

    const res = runCli(['config', 'check', '--config', configFile({ server: { name: 'edge' } })], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('# telemetry.otlp.endpoint set by $OTEL_EXPORTER_OTLP_ENDPOINT\n');
  });

  it('the signal-specific variable is used as it is, and wins over the base one', () => {
    const { config } = loadConfig(undefined, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces.example:4318/custom',
    });
    expect(tracesUrl(config.telemetry!.otlp)).toBe('http://traces.example:4318/custom');
  });

  it('fill in a file that configures telemetry without a collector, keeping its headers', () => {
    const otlp = otlpOf(
      { telemetry: { otlp: { headers: { 'x-api-key': 'k' }, serviceName: 'ops-eu' } } },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
    );
    expect(otlp).toMatchObject({
      endpoint: 'http://collector:4318',
      headers: { 'x-api-key': 'k' },
      serviceName: 'ops-eu',
    });
  });

  it('set nothing when the file names a collector: the file wins', () => {
    const path = configFile({ telemetry: { otlp: { tracesEndpoint: 'http://file:4318/v1/traces' } } });
    const { config, fromEnv } = loadConfig(path, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://env:4318/v1/traces',
    });
    expect(tracesUrl(config.telemetry!.otlp)).toBe('http://file:4318/v1/traces');
    expect(config.telemetry!.otlp.endpoint).toBeUndefined();
    expect(fromEnv).toEqual([]);
  });

  it('count as unset when empty, and are ignored by the sandbox', () => {
    expect(loadConfig(undefined, { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }).config.telemetry).toBeUndefined();
    const path = configFile({ server: { name: 'sandbox' } });
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig(path, env, { envOverrides: false }).config.telemetry).toBeUndefined();
  });
});

describe('config check', () => {
  it('masks every header value, whatever the header is called', () => {
    const masked = maskSecrets({
      telemetry: {
        otlp: {
          endpoint: 'http://c:4318',
          headers: { authorization: 'Bearer t0k3n', 'x-honeycomb-team': 'abc' },
        },
      },
    });
    expect(masked).toEqual({
      telemetry: {
        otlp: { endpoint: 'http://c:4318', headers: { authorization: '***', 'x-honeycomb-team': '***' } },
      },
    });
  });
});
