// Generated scenarios (src/sandbox/scenario/generate) are what the engine is measured on at
// scale, so each must be a scenario a user could have written: it loads, states the truth of
// the category asked, has a fix the sandbox can read as a world condition, pages at now with
// rules that fire when the alert says (as the library's alerts must), and is the same for the
// same seed while other seeds give other worlds. Names never reuse the library's services.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertEpisodes } from '../../../../src/sandbox/reactions/alert-episodes.ts';
import { incidentTimeline } from '../../../../src/sandbox/reactions/timeline.ts';
import { generateScenarios } from '../../../../src/sandbox/scenario/generate/index.ts';
import { loadScenario, parseScenario } from '../../../../src/sandbox/scenario/load.ts';
import { ROOT_CAUSE_CATEGORIES } from '../../../../src/sandbox/scenario/schema.ts';
import { REPO } from '../../../helpers/world.ts';

const SEEDS = [1, 2, 3, 42, 977];
const TOLERANCE_MS = 60_000;

const load = (g: { name: string; yaml: string }) => parseScenario(g.yaml, g.name);

describe.each(ROOT_CAUSE_CATEGORIES)('generated %s scenarios', (category) => {
  const generated = SEEDS.flatMap((seed) => generateScenarios({ category, seed, count: 2 }));

  it('load, with the truth of the category, a fix, and 3 to 30 services', () => {
    for (const g of generated) {
      const scenario = load(g);
      expect(g.category).toBe(category);
      expect(scenario.name).toBe(g.name);
      expect(scenario.truth?.rootCause.category, g.name).toBe(category);
      expect(scenario.truth?.rootCause.summary.length).toBeGreaterThan(20);
      expect(scenario.resolution?.fixes.length, g.name).toBeGreaterThan(0);
      const internal = scenario.spec.services.filter((s) => s.kind !== 'external');
      expect(internal.length).toBeGreaterThanOrEqual(3);
      expect(internal.length).toBeLessThanOrEqual(30);
      expect(
        internal.some((s) => s.dependsOn.length),
        `${g.name} has dependency edges`,
      ).toBe(true);
      const start = scenario.resolution!.incidentStart.getTime() - scenario.spec.now.getTime();
      expect(start).toBeLessThanOrEqual(-10 * 60_000);
      expect(start).toBeGreaterThanOrEqual(-50 * 60_000);
    }
  });

  it('point the truth at what the category blames', () => {
    const kinds = {
      deploy: 'Deployment',
      config: 'ConfigMap',
      capacity: 'Deployment',
      dependency: 'StatefulSet',
      infrastructure: 'Node',
      external: 'Service',
    };
    const tools = {
      deploy: 'k8s_rollout_undo',
      config: 'k8s_configmap_patch',
      capacity: 'k8s_deployment_scale',
      dependency: 'k8s_rollout_restart',
      infrastructure: 'k8s_node_drain',
      external: 'k8s_configmap_patch',
    };
    for (const g of generated) {
      const scenario = load(g);
      expect(scenario.truth!.rootCause.ref.split('/')[0], g.name).toBe(kinds[category]);
      expect(scenario.resolution!.fixes[0]!.tool, g.name).toBe(tools[category]);
      if (category === 'external') {
        const name = scenario.truth!.rootCause.ref.split('/')[1];
        expect(scenario.spec.services.find((s) => s.name === name)?.kind).toBe('external');
      }
    }
  });

  it('have rules that fire within a minute of startsAt, and an incident alert firing at now', () => {
    for (const g of generated.slice(0, 6)) {
      const scenario = load(g);
      const now = scenario.spec.now.getTime();
      const episodes = alertEpisodes(
        scenario,
        { now: () => new Date(now) },
        incidentTimeline(scenario.resolution),
      );
      const incidentStart = scenario.resolution!.incidentStart.getTime();
      const paging = scenario.spec.alerts.filter((a) => a.startsAt.getTime() >= incidentStart && !a.endsAt);
      expect(paging.length, `${g.name} pages`).toBeGreaterThan(0);
      for (const alert of scenario.spec.alerts) {
        const what = `${g.name} ${alert.name}`;
        expect(alert.expr, `${what} is a rule`).toBeDefined();
        const fired = episodes.of(alert, now);
        expect(fired, `${what} fires once`).toHaveLength(1);
        expect(Math.abs(fired[0]![0] - alert.startsAt.getTime()), `${what} onset`).toBeLessThanOrEqual(
          TOLERANCE_MS,
        );
        const end = fired[0]![1];
        if (alert.endsAt)
          expect(Math.abs(end - alert.endsAt.getTime()), `${what} end`).toBeLessThanOrEqual(TOLERANCE_MS);
        else expect(end, `${what} still fires at now`).toBe(Number.POSITIVE_INFINITY);
      }
    }
  });
});

describe('generateScenarios', () => {
  it('gives the same YAML for the same category and seed, other worlds for other seeds', () => {
    const a = generateScenarios({ category: 'config', seed: 5, count: 3 });
    expect(generateScenarios({ category: 'config', seed: 5, count: 3 })).toEqual(a);
    const b = generateScenarios({ category: 'config', seed: 6, count: 3 });
    const services = (yaml: string) =>
      load({ name: 'x', yaml })
        .spec.services.map((s) => s.name)
        .join(',');
    for (let i = 0; i < 3; i++) {
      expect(b[i]!.name).not.toBe(a[i]!.name);
      expect(services(b[i]!.yaml)).not.toBe(services(a[i]!.yaml));
    }
    expect(new Set(a.map((g) => services(g.yaml))).size, 'scenarios of one seed differ too').toBe(3);
    // Scenario i depends on (category, seed, i) only, not on how many were asked for.
    expect(generateScenarios({ category: 'config', seed: 5, count: 1 })[0]).toEqual(a[0]);
  });

  it('rotates through the six categories without one, and fixes now per seed', () => {
    const all = generateScenarios({ seed: 11, count: 8 });
    expect(all.map((g) => g.category)).toEqual([...ROOT_CAUSE_CATEGORIES, 'deploy', 'config']);
    for (const g of all) expect(load(g).truth!.rootCause.category).toBe(g.category);
    const nows = new Set(all.map((g) => load(g).spec.now.toISOString()));
    expect(nows.size).toBe(1);
    expect(new Set(all.map((g) => g.name)).size).toBe(8);
  });

  it('never names a service, namespace or workload after one of the library scenarios', () => {
    const library = new Set<string>();
    for (const file of readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml'))) {
      const s = loadScenario(join(REPO, 'scenarios', file));
      for (const svc of s.spec.services) library.add(svc.name);
      for (const ns of s.spec.kubernetes.namespaces) library.add(ns.name);
    }
    for (const g of generateScenarios({ seed: 3, count: 12 })) {
      const s = load(g);
      const names = [
        ...s.spec.services.map((x) => x.name),
        ...s.spec.kubernetes.namespaces.map((n) => n.name),
      ];
      expect(
        names.filter((n) => library.has(n)),
        g.name,
      ).toEqual([]);
    }
  });

  it('refuses a bad category, seed or count, naming it', () => {
    expect(() => generateScenarios({ category: 'network' as 'deploy', seed: 1, count: 1 })).toThrow(
      /unknown category "network"/,
    );
    expect(() => generateScenarios({ seed: -1, count: 1 })).toThrow(
      /seed must be a non-negative integer, not -1/,
    );
    expect(() => generateScenarios({ seed: 1, count: 0 })).toThrow(/count must be a positive integer, not 0/);
  });
});
