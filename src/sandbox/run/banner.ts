// What `opswarden sandbox` tells the human who started it: what is running where, the MCP
// client config to paste (Claude Desktop, VS Code, Kiro, HTTP with its token), and how to
// approve the escalations the policy raises. Plain text, no colours: it goes to a terminal
// or a log file alike.

import { mcpClientConfigLines } from '../../mcp-clients.ts';
import type { Sandbox } from './start.ts';

export interface BannerInput {
  sandbox: Pick<Sandbox, 'scenario' | 'urls' | 'kubeconfigPath' | 'configPath' | 'clock' | 'approverKeyPath'>;
  clockMode: string;
  speed: number;
  /** How to start this same sandbox over stdio: the command and its arguments. */
  command: { command: string; args: string[] };
  /** How to run the CLI for approvals: e.g. `node /repo/src/cli.ts`. */
  cli: string;
  /** With --http: the agent's token, and the demo approver's token for the approvals API. */
  http?: { mcpUrl: string; token: string; approverToken: string };
}

export function sandboxBanner(input: BannerInput): string {
  const { sandbox, command, cli, http } = input;
  const { scenario, urls } = sandbox;
  const clock =
    input.clockMode === 'live'
      ? `live (scenario ${scenario.spec.now.toISOString()} = start${input.speed === 1 ? '' : `, ×${input.speed}`})`
      : `frozen at ${scenario.spec.now.toISOString()}`;
  const stdioServer = { command: command.command, args: command.args };
  const httpServer = http
    ? { url: http.mcpUrl, headers: { Authorization: `Bearer ${http.token}` } }
    : undefined;
  const lines = [
    `opswarden sandbox: scenario ${scenario.name}, clock ${clock}`,
    ...(scenario.description ? [`  ${scenario.description.trim()}`] : []),
    '',
    'Running on loopback:',
    `  Kubernetes API    ${urls.kubernetes}   kubectl --kubeconfig ${sandbox.kubeconfigPath} get pods -A`,
    `  Prometheus API    ${urls.prometheus}`,
    `  Alertmanager API  ${urls.alertmanager}`,
    `  CloudWatch Logs   ${urls.cloudwatch}`,
    `  opswarden MCP     ${http ? http.mcpUrl : 'stdio (this process)'}`,
    `  opswarden config  ${sandbox.configPath}`,
    '',
    'MCP client config (Claude Desktop starts its own sandbox):',
    ...mcpClientConfigLines({ stdio: stdioServer, ...(httpServer ? { http: httpServer } : {}) }),
    ...(http
      ? [
          '  Any HTTP client: POST the MCP messages to the URL above with the header',
          `    Authorization: Bearer ${http.token}`,
        ]
      : ['  For a headless agent over HTTP, start the sandbox with --http.']),
    '',
    'Escalated actions wait for a human. Approve them from another terminal as the on-call',
    "approver, with the demo approver's signing key (the decision is signed; a name alone is not enough):",
    `  ${cli} approvals list --config ${sandbox.configPath}`,
    `  ${cli} approvals approve <id> --key ${sandbox.approverKeyPath} --config ${sandbox.configPath}`,
    ...(http
      ? [
          "or through this server's approvals API with the demo approver's token:",
          `  OPSWARDEN_TOKEN=${http.approverToken} ${cli} approvals approve <id> --server ${http.mcpUrl.replace(/\/mcp$/, '')}`,
        ]
      : []),
    'then the assistant repeats the call with the approvalId. Ctrl-C stops the sandbox.',
  ];
  return `${lines.join('\n')}\n`;
}
