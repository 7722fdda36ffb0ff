// Issue 18's end-to-end story on the sandbox: `opswarden sandbox --http --oncall <file>` (a
// child process, as a user starts it) posts an agent's escalated rollback to Slack (a local
// workspace speaking the Slack Web API); the on-call engineer, mapped from their Slack user,
// presses Approve (a signed interaction over HTTP); the agent's re-call executes; the message
// shows who decided and the result; the audit log says who decided, and where. The sandbox's
// own incident is posted too, with its top hypotheses.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { FakeSlack, type SlackMessageRecord } from '../helpers/fake-slack.ts';
import { callOk, type SandboxCli, startSandboxCli } from '../helpers/sandbox-cli.ts';
import { runCli } from '../helpers/spawn.ts';

const BOT_TOKEN = 'xoxb-sandbox-e2e-0123456789';
const SIGNING_SECRET = 'sandbox-e2e-signing-secret-0123456789';
const CHANNEL = 'C0SANDBOX1';
const ONCALL_USER = 'U0ONCALL01';
/** The environment the config's ${VAR} references are read from. */
const SECRETS = { E2E_SLACK_BOT_TOKEN: BOT_TOKEN, E2E_SLACK_SIGNING_SECRET: SIGNING_SECRET };

let slack: FakeSlack;
let sandbox: SandboxCli;
let agent: Client;
let dir: string;

const shown = (m: SlackMessageRecord | undefined) => JSON.stringify([m?.text, m?.blocks]);
const within = { timeoutMs: 30_000, intervalMs: 200 };

beforeAll(async () => {
  slack = await FakeSlack.start({
    token: BOT_TOKEN,
    channels: [CHANNEL],
    users: [{ id: ONCALL_USER, name: 'On Call', email: 'oncall@example.com' }],
  });
  dir = mkdtempSync(join(tmpdir(), 'opswarden-slack-e2e-'));
  const oncallFile = join(dir, 'oncall.yaml');
  // Secrets as ${VAR} references, as a user writes them; the test passes them in the environment.
  writeFileSync(
    oncallFile,
    [
      'oncall:',
      '  people:',
      `    - { principal: oncall, roles: [sre-oncall], slackUser: ${ONCALL_USER} }`,
      '  slack:',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} reference
      '    botToken: ${E2E_SLACK_BOT_TOKEN}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} reference
      '    signingSecret: ${E2E_SLACK_SIGNING_SECRET}',
      `    apiUrl: ${slack.apiUrl}`,
      `    channels: [{ channel: ${CHANNEL} }]`,
      '',
    ].join('\n'),
  );
  sandbox = await startSandboxCli(
    ['customer-etl', '--clock', 'live', '--speed', '30', '--dir', join(dir, 'world'), '--oncall', oncallFile],
    SECRETS,
  );
  agent = await sandbox.connect('slack-e2e-agent');
}, 60_000);

afterAll(async () => {
  await agent?.close();
  sandbox?.child.kill('SIGTERM');
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an escalated call on the sandbox, approved from Slack', () => {
  it('is posted, approved by the mapped on-call, executed on re-call, and the message and audit say so', async () => {
    const undo = { namespace: 'data', name: 'customer-etl', reason: 'v2.3.1 exhausts the DB pool' };
    const escalated = await callOk(agent, 'k8s_rollout_undo', undo);
    expect(escalated.status).toBe('approval_required');
    const approvalId = escalated.approvalId as string;
    // The agent is told where its human decides: Slack first.
    expect((escalated.howToApprove as string[])[0]).toMatch(/^Slack: the Approve button/);

    // The request appears in the channel with its buttons.
    const posted = await eventually(
      async () => slack.messages(CHANNEL).find((m) => shown(m).includes(approvalId)),
      (m) => expect(m, 'the approval message').toBeDefined(),
      within,
    );
    const text = shown(posted);
    expect(text).toContain('k8s_rollout_undo');
    expect(text).toContain('customer-etl');
    expect(text).toContain('v2.3.1 exhausts the DB pool');

    // Before the decision the agent's re-call is refused: nothing runs on a pending ticket.
    const early = await agent.callTool({ name: 'k8s_rollout_undo', arguments: { ...undo, approvalId } });
    expect(JSON.stringify(early)).toMatch(/approval_required|pending/);
    expect(JSON.stringify(early)).not.toContain('toRevision');

    const pressed = await slack.pressButton({
      url: new URL(sandbox.url).origin,
      signingSecret: SIGNING_SECRET,
      user: ONCALL_USER,
      action: 'approve',
      channel: CHANNEL,
      ts: posted!.ts,
    });
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(200);
    expect(slack.ephemerals, 'no refusal shown to the approver').toEqual([]);

    // The message follows the ticket: approved by the on-call, from Slack, buttons gone.
    await eventually(
      async () => shown(slack.message(CHANNEL, posted!.ts)),
      (now) => {
        expect(now).toMatch(/approved/i);
        expect(now).toContain('oncall');
        expect(now).not.toContain('"action_id":"approve"');
      },
      within,
    );

    const done = await callOk(agent, 'k8s_rollout_undo', { ...undo, approvalId });
    expect(done.toRevision).toBeTypeOf('number');
    await eventually(
      async () => shown(slack.message(CHANNEL, posted!.ts)),
      (now) => expect(now).toMatch(/executed/i),
      within,
    );

    // The audit log says who decided, and where.
    const config = join(dir, 'world', 'opswarden.yaml');
    const granted = runCli(['audit', 'query', '--type', 'approval.granted', '--json', '--config', config], {
      env: SECRETS,
    });
    expect(granted.code, granted.stderr).toBe(0);
    const records = granted.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { data: Record<string, unknown> });
    const decision = records.find((r) => r.data.approvalId === approvalId);
    expect(decision?.data).toMatchObject({ decidedBy: 'oncall', via: `slack (${ONCALL_USER})` });
  }, 120_000);

  it("posts the sandbox's incident with its top hypotheses", async () => {
    const incident = await eventually(
      async () =>
        slack
          .messages(CHANNEL)
          .find((m) => /INC-/.test(shown(m)) && /ETLTaskFailureRateHigh|customer-etl/.test(shown(m))),
      (m) => expect(m, 'the incident message').toBeDefined(),
      within,
    );
    expect(shown(incident)).toMatch(/hypothes/i);
  }, 60_000);
});
