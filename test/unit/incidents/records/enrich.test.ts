// Enrichment off the post's path: a missing backend is a gap that says what is missing,
// an enrich function that throws leaves its error as a gap, a measured error-ratio spike
// raises the severity; and how a spike is read from a golden signal's samples.

import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../../../../src/backends/prometheus/types.ts';
import { createEnricher } from '../../../../src/incidents/records/enrich.ts';
import { signalsFor, spikeIn } from '../../../../src/incidents/records/spike.ts';
import { alert, catalog, records } from './fixture.ts';

const NOW = new Date('2026-04-25T14:30:00Z');
const [errorRatio, latency] = signalsFor(catalog.find((s) => s.name === 'checkout')!);

/** One sample a minute over [now − 75m, now], `before` until `minutesAgo`, then `after`. */
function series(before: number, after: number, minutesAgo: number): RangeSeries[] {
  const samples = Array.from({ length: 76 }, (_, i) => {
    const t = NOW.getTime() - (75 - i) * 60_000;
    return { t, v: 75 - i > minutesAgo ? before : after };
  });
  return [{ labels: {}, samples }];
}

describe('spikeIn', () => {
  it('compares the last 15 minutes peak with the hour before and dates the onset', () => {
    expect(spikeIn(errorRatio!, 'checkout', series(0.02, 0.78, 9), NOW)).toEqual({
      signal: 'error ratio',
      service: 'checkout',
      from: 0.02,
      to: 0.78,
      summary: 'checkout error ratio from 2% to 78%',
      onset: '2026-04-25T14:21:00.000Z',
    });
    expect(spikeIn(latency!, 'checkout', series(0.12, 2.4, 5), NOW)?.summary).toBe(
      'checkout p99 latency from 120ms to 2.4s',
    );
  });

  it('ignores changes too small to call a spike', () => {
    expect(spikeIn(errorRatio!, 'checkout', series(0.02, 0.025, 9), NOW)).toBeUndefined();
    expect(spikeIn(latency!, 'checkout', series(0.1, 0.12, 9), NOW)).toBeUndefined();
  });

  it('reads a missing error series before the spike as no errors', () => {
    const [{ samples }] = series(0, 0.4, 5) as [RangeSeries];
    const recentOnly = [{ labels: {}, samples: samples.filter((s) => s.v > 0) }];
    expect(spikeIn(errorRatio!, 'checkout', recentOnly, NOW)?.summary).toBe(
      'checkout error ratio from 0% to 40%',
    );
  });
});

describe('enrichment', () => {
  it('names what it could not gather when backends are missing', async () => {
    const enrich = createEnricher({ backends: {}, catalog, clock: { now: () => NOW } });
    const { store } = records({ enrich });
    const { incidents } = store.ingest(
      [alert('HighErrorRate', { service: 'checkout', namespace: 'shop' })],
      'am',
    );
    await store.idle();
    expect(store.get(incidents[0]!.id)!.context).toEqual({
      gatheredAt: NOW.toISOString(),
      recentDeployments: [],
      downstreamImpact: [],
      gaps: [
        'recent deployments: Kubernetes is not configured, so rollouts are not listed',
        'metric spike: Prometheus is not configured',
      ],
    });
  });

  it('says so when no affected service is in the catalog', async () => {
    const rangeQuery = async () => [];
    const enrich = createEnricher({
      backends: { prometheus: { rangeQuery } as never },
      catalog,
      clock: { now: () => NOW },
    });
    const { store } = records({ enrich });
    const { incidents } = store.ingest([alert('Down', { service: 'ledger' })], 'am');
    await store.idle();
    expect(store.get(incidents[0]!.id)!.context.gaps).toContain(
      'metric spike: no affected service is in the catalog (ledger), so no golden signals to read',
    );
  });

  it('keeps the incident and records the error when enrichment throws', async () => {
    const { store } = records({
      enrich: async () => {
        throw new Error('prometheus unreachable');
      },
    });
    const { incidents } = store.ingest([alert('HighErrorRate', { service: 'checkout' })], 'am');
    await store.idle();
    expect(store.get(incidents[0]!.id)!.context.gaps).toEqual(['enrichment failed: prometheus unreachable']);
  });

  it('raises the severity when the measured error ratio burns the SLO', async () => {
    const { store } = records({
      enrich: async (incident) => ({
        ...incident.context,
        metricSpike: { signal: 'error ratio', service: 'checkout', from: 0.01, to: 0.3, summary: '' },
      }),
    });
    const { incidents } = store.ingest(
      [alert('HighErrorRate', { service: 'checkout', severity: 'info' })],
      'am',
    );
    expect(store.get(incidents[0]!.id)!.severity).toBe('minor');
    await store.idle();
    expect(store.get(incidents[0]!.id)!.severity).toBe('major');
  });
});
