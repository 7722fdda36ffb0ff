// Tools of the Prometheus area: queries shaped to the signal, and the discovery and
// health views an agent needs to write them (metric names, alerts, rules, targets).
import promAlertsList from './prom_alerts_list.ts';
import promMetricsSearch from './prom_metrics_search.ts';
import promQuery from './prom_query.ts';
import promQueryRange from './prom_query_range.ts';
import promRulesList from './prom_rules_list.ts';
import promTargetsHealth from './prom_targets_health.ts';

export const prometheusTools = [
  promQuery,
  promQueryRange,
  promMetricsSearch,
  promAlertsList,
  promRulesList,
  promTargetsHealth,
];
