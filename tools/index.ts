// The explicit list of tool areas the AI sees. Adding an area means adding it here; no
// tool registers itself by being imported.
import type { AnyTool } from '../src/tool.ts';
import { alertmanagerTools } from './alertmanager/index.ts';
import { approvalTools } from './approvals/index.ts';
import { cloudwatchTools } from './cloudwatch/index.ts';
import { deployTools } from './deploys/index.ts';
import { incidentTools } from './incidents/index.ts';
import { kubernetesTools } from './kubernetes/index.ts';
import { prometheusTools } from './prometheus/index.ts';
import { runbookTools } from './runbooks/index.ts';

export const allTools: readonly AnyTool[] = [
  ...approvalTools,
  ...kubernetesTools,
  ...deployTools,
  ...alertmanagerTools,
  ...prometheusTools,
  ...cloudwatchTools,
  ...runbookTools,
  ...incidentTools,
];
