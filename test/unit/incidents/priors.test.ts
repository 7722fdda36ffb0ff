// Priors from opswarden's own history, on a small in-memory past: a cause blamed in an
// incident since resolved weighs more when it shows up again, runbooks that resolved a
// service raise the kinds of cause they fix there and runbooks that failed lower them, no
// history means no opinion, and through correlation a prior moves the `prior` part and says why.

import { describe, expect, it } from 'vitest';
import type { AuditQuery, AuditRecord } from '../../../src/audit/log.ts';
import type { Backends } from '../../../src/backends/types.ts';
import { serviceCatalogSchema } from '../../../src/incidents/catalog.ts';
import { correlate } from '../../../src/incidents/correlate/index.ts';
import { historyPriors } from '../../../src/incidents/priors.ts';
import type { Incident, IncidentStore, TimelineEntry } from '../../../src/incidents/records/model.ts';
import type { RunbookService } from '../../../src/runbooks/service.ts';
import type { Runbook } from '../../../src/runbooks/types.ts';
import { at, fakeChanges, fakePrometheus, NOW, step } from './fakes.ts';

const DAY = 86_400_000;
const asOf = new Date(NOW);
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const catalog = serviceCatalogSchema.parse([
  { name: 'api', workload: 'Deployment/shop/api', dependsOn: ['recs'] },
  { name: 'recs', workload: 'Deployment/shop/recs' },
]);

interface PastIncident {
  id: string;
  status?: Incident['status'];
  detected: number;
  resolved?: number;
  /** Timeline notes as [by, text], oldest first. */
  notes: [string, string][];
}

/** incident_correlate's note of its top hypothesis. */
const correlationNote = (category: string, ref: string): [string, string] => [
  'opswarden',
  `correlation: most likely ${category} ${ref} (confidence 81%): ${ref} changed before the onset`,
];

/** The store as priors read it: resolved incidents listed newest first, and their timelines. */
function incidentStore(past: PastIncident[]): IncidentStore {
  const incidents = past.map((p) => ({
    incident: {
      id: p.id,
      title: `errors on api (${p.id})`,
      status: p.status ?? 'resolved',
      severity: 'major',
      service: 'api',
      services: ['api'],
      detectedAt: daysAgo(p.detected),
      openedAt: daysAgo(p.detected),
      ...(p.resolved !== undefined ? { resolvedAt: daysAgo(p.resolved) } : {}),
      alerts: [],
      context: { recentDeployments: [], downstreamImpact: [], gaps: [] },
    } satisfies Incident,
    timeline: p.notes.map(
      ([by, summary], i): TimelineEntry => ({
        at: new Date(Date.parse(daysAgo(p.detected)) + i * 60_000).toISOString(),
        kind: 'note',
        summary,
        by,
      }),
    ),
  }));
  const store: Pick<IncidentStore, 'list' | 'timeline'> = {
    list: (filter = {}) =>
      incidents
        .map((i) => i.incident)
        .filter((i) => !filter.status || i.status === filter.status)
        .filter((i) => !filter.since || Date.parse(i.detectedAt) >= filter.since.getTime())
        .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt)),
    timeline: (id) => incidents.find((i) => i.incident.id === id)?.timeline ?? [],
  };
  return store as IncidentStore;
}

interface PastRun {
  runbook: string;
  target: string;
  params?: Record<string, unknown>;
  outcome: 'resolved' | 'failed' | 'escalate' | 'cancelled';
  days: number;
  dryRun?: boolean;
}

/** The audit log's runbook.started and runbook.finished records of the runs, an hour apart. */
function auditOf(runs: PastRun[]): Backends['audit'] {
  const records: AuditRecord[] = runs.flatMap((run, i) => {
    const execution = `exec-${i}`;
    const common = { runbook: { name: run.runbook, version: '1.0.0', digest: 'd' }, execution };
    const dryRun = run.dryRun ?? false;
    const started = Date.parse(daysAgo(run.days));
    return [
      record('runbook.started', started, { ...common, target: run.target, params: run.params ?? {}, dryRun }),
      record('runbook.finished', started + 3_600_000, { ...common, outcome: run.outcome, dryRun }),
    ];
  });
  return {
    query: (q: AuditQuery) =>
      records.filter(
        (r) =>
          (!q.type || r.type === q.type) &&
          (!q.since || Date.parse(r.ts) >= q.since.getTime()) &&
          (!q.until || Date.parse(r.ts) < q.until.getTime()),
      ),
  };
}

function record(type: AuditRecord['type'], ms: number, data: Record<string, unknown>): AuditRecord {
  return { type, data, seq: 0, ts: new Date(ms).toISOString(), prevHash: '', hash: '' };
}

const CATEGORIES: Record<string, Runbook['matches']['categories']> = {
  'rollback-deployment': ['deploy'],
  'memory-leak-restart': ['capacity', 'deploy'],
  'db-connection-exhaustion': ['deploy', 'config', 'capacity'],
};

/** The loaded runbooks as priors read them: by name, their `spec.matches`. */
const runbooks = {
  get(name: string) {
    const categories = CATEGORIES[name];
    const matched: Pick<Runbook, 'name' | 'matches'> | undefined = categories
      ? { name, matches: { categories, signals: [] } }
      : undefined;
    return matched as Runbook | undefined;
  },
} as RunbookService;

function history(past: PastIncident[], runs: PastRun[] = []): Partial<Backends> {
  return { incidents: incidentStore(past), audit: auditOf(runs), runbooks, catalog };
}

const rollback = (outcome: PastRun['outcome'], days: number, extra: Partial<PastRun> = {}): PastRun => ({
  runbook: 'rollback-deployment',
  target: 'Deployment/shop/api',
  params: { namespace: 'shop', deployment: 'api', service: 'api' },
  outcome,
  days,
  ...extra,
});

describe('historyPriors', () => {
  it('weighs a cause blamed in a resolved incident up, naming the incident', () => {
    const priors = historyPriors(
      history([
        {
          id: 'INC-2026-04-02-001',
          detected: 23,
          resolved: 22,
          // The last correlation note is the incident's conclusion.
          notes: [
            correlationNote('config', 'Change/flag-old'),
            correlationNote('deploy', 'Deployment/shop/api'),
          ],
        },
        // Open, resolved after the question, too old, or noted by a person: no precedent.
        {
          id: 'INC-2026-04-24-001',
          status: 'open',
          detected: 1,
          notes: [correlationNote('config', 'Change/flag-old')],
        },
        {
          id: 'INC-2026-04-25-001',
          detected: 0.5,
          resolved: -0.1,
          notes: [correlationNote('config', 'Change/flag-old')],
        },
        {
          id: 'INC-2025-12-01-001',
          detected: 145,
          resolved: 144,
          notes: [correlationNote('config', 'Change/flag-old')],
        },
        {
          id: 'INC-2026-04-10-001',
          detected: 15,
          resolved: 14,
          notes: [['alice', correlationNote('config', 'Change/flag-old')[1]]],
        },
      ]),
      asOf,
    )!;
    expect(priors.weigh({ category: 'deploy', ref: 'Deployment/shop/api', service: 'api' })).toEqual({
      weight: 1.25,
      why: 'blamed in INC-2026-04-02-001 (resolved)',
    });
    expect(priors.weigh({ category: 'config', ref: 'Change/flag-old', service: 'api' })).toBeUndefined();
    expect(
      priors.weigh({ category: 'deploy', ref: 'Deployment/shop/recs', service: 'recs' }),
    ).toBeUndefined();
    expect(
      priors.weigh({ category: 'capacity', ref: 'Deployment/shop/api', service: 'api' }),
    ).toBeUndefined();
  });

  it('weighs a cause up more the more often it recurred, up to 1.5', () => {
    const blamedIn = (ids: string[]) =>
      historyPriors(
        history(
          ids.map((id, i) => ({
            id,
            detected: 10 + i,
            resolved: 9 + i,
            notes: [correlationNote('deploy', 'Deployment/shop/api')],
          })),
        ),
        asOf,
      )!.weigh({ category: 'deploy', ref: 'Deployment/shop/api', service: 'api' })!;
    expect(blamedIn(['INC-2026-04-15-001', 'INC-2026-04-14-001'])).toEqual({
      weight: 1.5,
      why: 'blamed in INC-2026-04-15-001, INC-2026-04-14-001 (resolved)',
    });
    expect(blamedIn(['INC-a', 'INC-b', 'INC-c', 'INC-d']).weight).toBe(1.5);
    expect(blamedIn(['INC-a', 'INC-b', 'INC-c', 'INC-d']).why).toBe(
      'blamed in INC-a, INC-b, INC-c and 1 more (resolved)',
    );
  });

  it('raises the categories of runbooks that resolved the service and lowers those of runbooks that failed', () => {
    const priors = historyPriors(
      history(
        [],
        [
          rollback('resolved', 30),
          rollback('resolved', 5),
          // Dry runs, cancelled runs, runs older than 90 days and runs elsewhere teach nothing.
          rollback('resolved', 4, { dryRun: true }),
          rollback('cancelled', 3),
          rollback('resolved', 120),
          rollback('resolved', 2, { target: 'Deployment/shop/recs', params: { service: 'recs' } }),
          { runbook: 'memory-leak-restart', target: 'shop/api', outcome: 'failed', days: 6 },
          { runbook: 'memory-leak-restart', target: 'shop/api', outcome: 'escalate', days: 7 },
          { runbook: 'no-longer-loaded', target: 'shop/api', outcome: 'resolved', days: 7 },
        ],
      ),
      asOf,
    )!;
    expect(priors.weigh({ category: 'capacity', ref: 'Deployment/shop/api', service: 'api' })).toEqual({
      weight: 0.903,
      why: 'runbook memory-leak-restart on api: 2 failed or escalated',
    });
    expect(priors.weigh({ category: 'deploy', ref: 'Change/rel-9', service: 'api' })).toEqual({
      weight: 1.092,
      why: 'runbook memory-leak-restart on api: 2 failed or escalated; runbook rollback-deployment on api: 2 resolved',
    });
    expect(priors.weigh({ category: 'deploy', ref: 'Deployment/shop/recs', service: 'recs' })).toEqual({
      weight: 1.1,
      why: 'runbook rollback-deployment on recs: 1 resolved',
    });
    expect(priors.weigh({ category: 'config', ref: 'Change/flag-x', service: 'api' })).toBeUndefined();
    expect(priors.weigh({ category: 'deploy', ref: 'Node/node-a' })).toBeUndefined();
  });

  it('keeps runbook weights within 0.7..1.5 and the combined weight within 0..2', () => {
    const many = (outcome: PastRun['outcome']) =>
      Array.from({ length: 12 }, (_, i) => rollback(outcome, i + 1));
    const failed = historyPriors(history([], many('failed')), asOf)!;
    expect(failed.weigh({ category: 'deploy', ref: 'Deployment/shop/api', service: 'api' })?.weight).toBe(
      0.7,
    );
    const recurring = [1, 2].map((n) => ({
      id: `INC-2026-04-0${n}-001`,
      detected: 20 + n,
      resolved: 19 + n,
      notes: [correlationNote('deploy', 'Deployment/shop/api')],
    }));
    const both = historyPriors(history(recurring, many('resolved')), asOf)!;
    expect(both.weigh({ category: 'deploy', ref: 'Deployment/shop/api', service: 'api' })).toEqual({
      weight: 2,
      why: 'blamed in INC-2026-04-01-001, INC-2026-04-02-001 (resolved); runbook rollback-deployment on api: 12 resolved',
    });
  });

  it('has no opinion without history', () => {
    expect(historyPriors({}, asOf)).toBeUndefined();
    expect(historyPriors(history([], []), asOf)).toBeUndefined();
    expect(
      historyPriors(
        history([{ id: 'INC-2026-04-20-001', detected: 5, resolved: 4, notes: [['alice', 'rolled back']] }]),
        asOf,
      ),
    ).toBeUndefined();
  });
});

describe('correlation with history priors', () => {
  it("scales a recurring cause's prior part and shows why as evidence", async () => {
    const flagOf = async (past: PastIncident[]) => {
      const priors = historyPriors(history(past), asOf);
      const correlation = await correlate(
        { service: 'api', at: asOf },
        {
          backends: {
            prometheus: fakePrometheus({ api: { errorRatio: step(-10, 0.002, 0.2), traffic: () => 100 } }),
            changes: fakeChanges([
              { id: 'flag-x', at: at(-12), kind: 'feature_flag', service: 'api', summary: 'x' },
            ]),
          },
          catalog,
          clock: { now: () => asOf },
          ...(priors ? { priors } : {}),
        },
      );
      return correlation.hypotheses.find((h) => h.ref === 'Change/flag-x')!;
    };
    const fresh = await flagOf([]);
    const recurring = await flagOf([
      {
        id: 'INC-2026-04-11-001',
        detected: 14,
        resolved: 14,
        notes: [correlationNote('config', 'Change/flag-x')],
      },
    ]);
    expect(fresh.evidence.map((e) => e.kind)).not.toContain('prior');
    // A flag's base prior is 0.8; the recurrence scales it by 1.25.
    expect(fresh.score.parts.prior).toBeCloseTo(1.5 * 0.8, 3);
    expect(recurring.score.parts.prior).toBeCloseTo(1.5 * 0.8 * 1.25, 3);
    expect(recurring.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'prior',
        summary: expect.stringContaining('blamed in INC-2026-04-11-001 (resolved)'),
      }),
    );
  });
});
