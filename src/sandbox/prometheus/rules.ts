// /api/v1/rules and /api/v1/alerts from a scenario's `alerts`: one alerting rule per alert
// name in one group named after the scenario, each alert firing from its startsAt until its
// endsAt (an incident alert only outside the incident's suppressions) as the rule's active alert. The rule's query is `vector(1)`: the scenario states
// that the alert fires, not why, so the rule carries the labels the alerts share.

import type { Clock } from '../../tool.ts';
import { episodeAt, firingEpisodes } from '../reactions/alert-episodes.ts';
import type { IncidentTimeline } from '../reactions/timeline.ts';
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
/** `vector(1)` as Prometheus formats an alert's value (Go's %e). */
const ALERT_VALUE = '1e+00';
const EVALUATION_SECONDS = 0.0002;

export interface ScenarioRules {
  alerts(): { alerts: ApiAlert[] };
  rules(form: Form): { groups: RuleGroup[] };
}

export function scenarioRules(scenario: Scenario, clock: Clock, timeline: IncidentTimeline): ScenarioRules {
  const byName = new Map<string, AlertSpec[]>();
  for (const alert of scenario.spec.alerts)
    byName.set(alert.name, [...(byName.get(alert.name) ?? []), alert]);
  const firing = (specs: readonly AlertSpec[], now: Date) =>
    specs.flatMap((spec) => {
      const episode = episodeAt(firingEpisodes(spec, timeline), now.getTime());
      return episode ? [apiAlert(spec, new Date(episode[0]))] : [];
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
        type === 'record'
          ? []
          : [...byName].map(([name, specs]) => rule(name, specs, firing(specs, now), now));
      return { groups: byName.size ? [group(now, rules)] : [] };
    },
  };
}

function rule(name: string, specs: readonly AlertSpec[], alerts: ApiAlert[], now: Date): AlertingRule {
  return {
    state: alerts.length ? 'firing' : 'inactive',
    name,
    query: RULE_QUERY,
    duration: 0,
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

function apiAlert(spec: AlertSpec, activeAt: Date): ApiAlert {
  return {
    labels: sortedLabels({ alertname: spec.name, ...spec.labels }),
    annotations: sortedLabels(spec.annotations),
    state: 'firing',
    activeAt: goTime(activeAt),
    value: ALERT_VALUE,
  };
}

/** The pairs every label set has. */
function shared(sets: readonly Labels[]): Labels {
  const [first = {}, ...rest] = sets;
  return sortedLabels(
    Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((set) => set[k] === v))),
  );
}
