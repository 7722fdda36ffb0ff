// Incident severity as documented in src/incidents/records/severity.ts: the worst alert
// severity mapped to critical/major/minor, one level up for three or more affected
// services, at least major once a measured error ratio burns the SLO.

import { describe, expect, it } from 'vitest';
import type { MetricSpike } from '../../../../src/incidents/records/model.ts';
import { incidentSeverity } from '../../../../src/incidents/records/severity.ts';
import { alert, records } from './fixture.ts';

const sev = (...labels: string[]) => labels.map((severity) => ({ severity }));
const spike = (to: number, signal = 'error ratio'): MetricSpike => ({
  signal,
  service: 'checkout',
  from: 0.01,
  to,
  summary: '',
});

describe('incidentSeverity', () => {
  it('takes the worst alert: critical, then warning/error/major/high, then anything else', () => {
    expect(incidentSeverity(sev('info', 'critical'), 1)).toBe('critical');
    expect(incidentSeverity(sev('info', 'warning'), 1)).toBe('major');
    expect(incidentSeverity(sev('ERROR'), 1)).toBe('major');
    expect(incidentSeverity(sev('info', 'none', 'page-me-maybe'), 1)).toBe('minor');
  });

  it('raises one level when three or more services are affected', () => {
    expect(incidentSeverity(sev('info'), 2)).toBe('minor');
    expect(incidentSeverity(sev('info'), 3)).toBe('major');
    expect(incidentSeverity(sev('warning'), 3)).toBe('critical');
    expect(incidentSeverity(sev('critical'), 5)).toBe('critical');
  });

  it('is at least major when the error ratio reaches 5%', () => {
    expect(incidentSeverity(sev('info'), 1, spike(0.04))).toBe('minor');
    expect(incidentSeverity(sev('info'), 1, spike(0.05))).toBe('major');
    expect(incidentSeverity(sev('info'), 1, spike(3, 'p99 latency'))).toBe('minor');
  });
});

describe('an incident record', () => {
  it('carries the severity of its alerts and breadth as they arrive', () => {
    const { store } = records();
    store.ingest([alert('HighLatency', { service: 'frontend', severity: 'info' })], 'am');
    expect(store.list()[0]!.severity).toBe('minor');
    store.ingest([alert('HighErrorRate', { service: 'checkout', severity: 'warning' }, 1)], 'am');
    expect(store.list()[0]!.severity).toBe('major');
    store.ingest([alert('PaymentsDown', { service: 'payments', severity: 'warning' }, 2)], 'am');
    expect(store.list()[0]!.severity).toBe('critical');
  });
});
