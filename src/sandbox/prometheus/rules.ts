// /api/v1/rules and /api/v1/alerts from a scenario's `alerts`: one alerting rule per alert
// name and expression in one group named after the scenario, its active alerts those firing
// now (reactions/alert-episodes.ts). An alert with an `expr` is that rule, with its `for`; a
// scripted alert's rule is `vector(1)`: the scenario states that it fires, not why. Each
// rule carries the labels its alerts share.

import type { Clock } from '../../tool.ts';
import { type AlertEpisodes, episodeAt } from '../reactions/alert-episodes.ts';
import type { AlertSpec, Scenario } from '../scenario/schema.ts';
import { invalidParam } from './api-error.ts';
import { goTime, sortedLabels } from './api-format.ts';
import type { Form } from './params.ts';

type Labels = Record<string, string>;

export interface ApiAlert {
  labels: Labels;
  annotations: Labels;
  state: 'firing';
  activeAt: string;
  value: string;
}

interface AlertingRule {
  state: 'firing' | 'inactive';
  name: string;
  query: string;
  duration: number;
  keepFiringFor: number;
  labels: Labels;
  annotations: Labels;
  alerts: ApiAlert[];
  health: 'ok';
  evaluationTime: number;
  lastEvaluation: string;
  type: 'alerting';
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: AlertingRule[];
  interval: number;
  limit: number;
  evaluationTime: number;
  lastEvaluation: string;
}

const RULE_QUERY = 'vector(1)';
const EVALUATION_SECONDS = 0.0002;

export interface ScenarioRules {
  alerts(): { alerts: ApiAlert[] };
  rules(form: Form): { groups: RuleGroup[] };
}

export function scenarioRules(scenario: Scenario, clock: Clock, episodes: AlertEpisodes): ScenarioRules {
  /** One rule per alert name and expression; a scripted alert's rule is `vector(1)`. */
  const byRule = new Map<string, AlertSpec[]>();
  for (const alert of scenario.spec.alerts) {
    const key = `${alert.name}\n${alert.expr ?? RULE_QUERY}`;
    byRule.set(key, [...(byRule.get(key) ?? []), alert]);
  }
  const firing = (specs: readonly AlertSpec[], now: Date) =>
    specs.flatMap((spec) => {
      const episode = episodeAt(episodes.of(spec, now.getTime()), now.getTime());
      return episode ? [apiAlert(spec, new Date(episode[0]), episodes.value(spec, now.getTime()))] : [];
    });
  const group = (now: Date, rules: AlertingRule[]): RuleGroup => ({
    name: scenario.name,
    file: `/etc/prometheus/rules/${scenario.name}.yaml`,
    rules,
    interval: scenario.spec.step / 1000,
    limit: 0,
    evaluationTime: EVALUATION_SECONDS * rules.length,
    lastEvaluation: goTime(now),
  });

  return {
    alerts: () => ({ alerts: firing(scenario.spec.alerts, clock.now()) }),
    rules(form) {
      const type = (form.get('type') ?? '').toLowerCase();
      if (type !== '' && type !== 'alert' && type !== 'record') {
        throw invalidParam('type', `not supported value ${JSON.stringify(type)}`);
      }
      const now = clock.now();
      const rules =
        type === 'record' ? [] : [...byRule.values()].map((specs) => rule(specs, firing(specs, now), now));
      return { groups: byRule.size ? [group(now, rules)] : [] };
    },
  };
}

function rule(specs: readonly AlertSpec[], alerts: ApiAlert[], now: Date): AlertingRule {
  const [first] = specs;
  return {
    state: alerts.length ? 'firing' : 'inactive',
    name: first!.name,
    query: first!.expr ?? RULE_QUERY,
    duration: first!.for / 1000,
    keepFiringFor: 0,
    labels: shared(specs.map((a) => a.labels)),
    annotations: shared(specs.map((a) => a.annotations)),
    alerts,
    health: 'ok',
    evaluationTime: EVALUATION_SECONDS,
    lastEvaluation: goTime(now),
    type: 'alerting',
  };
}

function apiAlert(spec: AlertSpec, activeAt: Date, value: number): ApiAlert {
  return {
    labels: sortedLabels({ alertname: spec.name, ...spec.labels }),
    annotations: sortedLabels(spec.annotations),
    state: 'firing',
    activeAt: goTime(activeAt),
    value: goExponent(value),
  };
}

/** A value as Prometheus prints an alert's (Go's %e, shortest): 0.23 → "2.3e-01", 1 → "1e+00". */
export function goExponent(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The pairs every label set has. */
function shared(sets: readonly Labels[]): Labels {
  const [first = {}, ...rest] = sets;
  return sortedLabels(
    Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((set) => set[k] === v))),
  );
}
