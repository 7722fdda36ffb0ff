// OpenMetrics text as promtool's backfill reads it: one TYPE/HELP per family with all its
// series together, counters named by family without `_total`, escaped label values,
// timestamps in seconds, `# EOF` last; and the CLI that writes it for a scenario file.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { writeOpenMetrics } from '../../../../src/sandbox/metrics/openmetrics.ts';
import type { SeriesStream } from '../../../../src/sandbox/metrics/series.ts';
import { runCli } from '../../../helpers/spawn.ts';
import { baseSpec, document } from '../scenario/helpers.ts';

const T0 = Date.parse('2026-04-25T14:30:00Z');
const samples = (...values: number[]) => values.map((v, i) => ({ t: T0 + i * 15_000, v }));

async function text(series: SeriesStream[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeOpenMetrics(series, out);
  return Buffer.concat(chunks).toString();
}

const requests = (code: string): SeriesStream => ({
  name: 'http_requests_total',
  family: 'http_requests',
  type: 'counter',
  help: 'Total HTTP requests.',
  labels: { code, path: 'say "hi"\\now' },
  samples: samples(1, 2.5),
});
const up: SeriesStream = {
  name: 'up',
  family: 'up',
  type: 'gauge',
  help: 'Up.',
  labels: {},
  samples: samples(1),
};

describe('writeOpenMetrics', () => {
  it('writes each family once with its series together and ends with # EOF', async () => {
    expect(await text([requests('200'), up, requests('500')])).toBe(
      [
        '# TYPE http_requests counter',
        '# HELP http_requests Total HTTP requests.',
        'http_requests_total{code="200",path="say \\"hi\\"\\\\now"} 1 1777127400',
        'http_requests_total{code="200",path="say \\"hi\\"\\\\now"} 2.5 1777127415',
        'http_requests_total{code="500",path="say \\"hi\\"\\\\now"} 1 1777127400',
        'http_requests_total{code="500",path="say \\"hi\\"\\\\now"} 2.5 1777127415',
        '# TYPE up gauge',
        '# HELP up Up.',
        'up 1 1777127400',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('refuses a family that is two types, naming it', async () => {
    await expect(text([up, { ...up, name: 'up_total', type: 'counter' }])).rejects.toThrow(
      /metric family up is both a gauge and a counter/,
    );
  });
});

describe('opswarden scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opswarden-scenario-cli-'));
  const spec = {
    ...baseSpec(),
    history: '-1m',
    services: [
      { name: 'checkout', namespace: 'shop', workload: 'Deployment/shop/checkout', traffic: { rps: 10 } },
    ],
  };
  const file = join(dir, 'small.yaml');
  writeFileSync(file, yaml.dump(document(spec)));

  it('exports a scenario as OpenMetrics to stdout or to a file', () => {
    const stdout = runCli(['scenario', 'export-openmetrics', file]);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toMatch(/^# TYPE up gauge\n/);
    expect(stdout.stdout).toContain('# TYPE http_request_duration_seconds histogram');
    expect(stdout.stdout.endsWith('# EOF\n')).toBe(true);
    const out = join(dir, 'out.om');
    expect(runCli(['scenario', 'export-openmetrics', file, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout);
  });

  it('validates a scenario, naming the YAML path of each problem', () => {
    expect(runCli(['scenario', 'validate', file])).toMatchObject({
      code: 0,
      stdout: `OK ${file}: scenario test-scenario\n`,
    });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      yaml.dump(document({ ...spec, services: [{ name: 'checkout', trafic: { rps: 1 } }] })),
    );
    const result = runCli(['scenario', 'validate', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}: spec.services[0].trafic: unknown key`);
  });

  it('explains its usage', () => {
    expect(runCli(['scenario', '--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('export-openmetrics <file> [-o out]'),
    });
    expect(runCli(['scenario', 'frobnicate', file]).code).toBe(2);
  });
});
