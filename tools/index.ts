// The explicit list of tool areas the AI sees. Adding an area means adding it here; no
// tool registers itself by being imported.
import type { AnyTool } from '../src/tool.ts';
import { approvalTools } from './approvals/index.ts';
import { deployTools } from './deploys/index.ts';
import { kubernetesTools } from './kubernetes/index.ts';

export const allTools: readonly AnyTool[] = [...approvalTools, ...kubernetesTools, ...deployTools];
