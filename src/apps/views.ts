// The MCP Apps views opswarden serves (issue 14): what each one is called, its `ui://`
// resource, what it shows and the browser module it is built from (./views/<entry>.ts).
// One table, so the resource list, the tool links (./tool-links.ts), the build
// (deploy/build.ts) and the on-first-read bundling (./load.ts) cannot disagree.

export const VIEW_NAMES = ['prom-range-chart', 'incident', 'approval'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface ViewSpec {
  name: ViewName;
  uri: string;
  title: string;
  description: string;
  /** The browser module under src/apps/views/ (without .ts). */
  entry: string;
}

export const VIEWS: Record<ViewName, ViewSpec> = {
  'prom-range-chart': {
    name: 'prom-range-chart',
    uri: 'ui://opswarden/prom-range-chart',
    title: 'PromQL range chart',
    description:
      'Chart of a prom_query_range result: one line per series, its change points, the onset (the first change) marked.',
    entry: 'chart',
  },
  incident: {
    name: 'incident',
    uri: 'ui://opswarden/incident',
    title: 'Incident',
    description:
      'An incident from incident_get or incident_correlate: timeline with the onset, ranked hypotheses with their evidence, alerts by service.',
    entry: 'incident',
  },
  approval: {
    name: 'approval',
    uri: 'ui://opswarden/approval',
    title: 'Approval status',
    description:
      'An approval_status card: what waits for a human, who may decide and where (CLI, /v1/approvals). It cannot approve.',
    entry: 'approval',
  },
};

export function viewByUri(uri: string): ViewSpec | undefined {
  return Object.values(VIEWS).find((v) => v.uri === uri);
}
