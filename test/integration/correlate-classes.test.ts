// Shapes of incident the engine used to get wrong (issue 17), one small fixture each, paged
// into opswarden and correlated through incident_correlate as an agent would: the true cause
// ranks first with the category its evidence shows, and every runbook it suggests passes
// runbook_plan as given.
//
//   node-disk-pressure-no-service   only node alerts (node/instance labels, no service): the
//                                   incident is scoped to the node and its workloads
//   pricing-release-dependency      a dependency's own release explains its trouble: deploy,
//   pricing-flag-dependency         and its own flag: config; "pricing is in trouble" yields
//   orders-release-names-db         errors name a healthy downstream but began with the
//                                   upstream's rollout: the rollout, not the database
//   renderer-memory-limit           containers OOM-killed at their memory limit, a release of
//                                   theirs an hour before that left memory where it was:
//                                   capacity, not deploy
//   ledger-volume-full              a StatefulSet's volume claim full, writes failing with "No
//                                   space left on device", a caller's release on screen:
//                                   capacity of the StatefulSet, not dependency nor deploy

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { pageAndCorrelate } from '../helpers/page-correlate.ts';
import { REPO } from '../helpers/world.ts';

const FIXTURES = join(REPO, 'test/fixtures/scenarios');
const TIMEOUT = 120_000;

function truthOf(file: string): { category: string; ref: string } {
  const raw = yaml.load(readFileSync(join(FIXTURES, file), 'utf8'), { schema: yaml.CORE_SCHEMA }) as {
    spec: { truth: { rootCause: { category: string; ref: string } } };
  };
  const { category, ref } = raw.spec.truth.rootCause;
  return { category, ref };
}

describe('correlation of the issue 17 shapes', () => {
  it.each([
    'node-disk-pressure-no-service.yaml',
    'pricing-release-dependency.yaml',
    'pricing-flag-dependency.yaml',
    'orders-release-names-db.yaml',
    'renderer-memory-limit.yaml',
    'ledger-volume-full.yaml',
  ])(
    '%s: the true cause ranks first, with its category',
    async (file) => {
      const { hypotheses, plans } = await pageAndCorrelate(join(FIXTURES, file));
      const truth = truthOf(file);
      const top = hypotheses[0]!;
      expect(
        { ref: top.ref, category: top.category },
        hypotheses.map((h) => `${h.category} ${h.ref}`).join(', '),
      ).toEqual(truth);
      for (const plan of plans)
        expect(plan.ok && (plan.out.errors as unknown[]).length === 0, plan.text).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'scopes an incident without a service to its node and the workloads on it',
    async () => {
      const { request, hypotheses } = await pageAndCorrelate(
        join(FIXTURES, 'node-disk-pressure-no-service.yaml'),
      );
      expect(request).toMatchObject({ node: 'ip-10-20-3-7' });
      expect(request.service).toBeUndefined();
      expect(hypotheses[0]!.suggestedRunbooks.map((r) => r.name)).toContain('node-disk-pressure');
    },
    TIMEOUT,
  );

  it(
    "says a dependency's trouble is explained by its own change",
    async () => {
      const { hypotheses } = await pageAndCorrelate(join(FIXTURES, 'pricing-flag-dependency.yaml'));
      const dependency = hypotheses.find((h) => h.ref === 'Deployment/shop/pricing');
      if (dependency) expect(dependency.rank).toBeGreaterThan(1);
    },
    TIMEOUT,
  );
});
