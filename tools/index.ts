// The explicit list of tool areas the AI sees, one toolset per tools/<area>/ directory: a
// server serves every toolset unless its config or command line picks some (src/toolsets.ts).
// Adding an area means adding it here; no tool registers itself by being imported.
import type { AnyTool } from '../src/tool.ts';
import { alertmanagerTools } from './alertmanager/index.ts';
import { approvalTools } from './approvals/index.ts';
import { cloudwatchTools } from './cloudwatch/index.ts';
import { deployTools } from './deploys/index.ts';
import { incidentTools } from './incidents/index.ts';
import { kubernetesTools } from './kubernetes/index.ts';
import { prometheusTools } from './prometheus/index.ts';
import { runbookTools } from './runbooks/index.ts';

/** Toolset name (its directory under tools/) → its tools, in the order tools/list shows them. */
export const toolsets: Readonly<Record<string, readonly AnyTool[]>> = {
  approvals: approvalTools,
  kubernetes: kubernetesTools,
  deploys: deployTools,
  alertmanager: alertmanagerTools,
  prometheus: prometheusTools,
  cloudwatch: cloudwatchTools,
  runbooks: runbookTools,
  incidents: incidentTools,
};

export const allTools: readonly AnyTool[] = Object.values(toolsets).flat();
