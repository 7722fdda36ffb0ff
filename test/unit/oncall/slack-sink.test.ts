// The Slack sink (src/oncall/slack/sink.ts) over the wire: the official WebClient against
// a fake Slack workspace on loopback (test/helpers/fake-slack.ts) that validates what it is
// sent as Slack would. A ticket is posted once in its channel and every later event redraws
// that message; an incident is posted with its hypotheses, updates go to its thread; Slack's
// refusals become permanent errors naming the config key to fix, its outages retried ones.

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/records/model.ts';
import { oncallConfigSchema, type SlackConfig } from '../../../src/oncall/config.ts';
import type { ApprovalView, OnCallEvent } from '../../../src/oncall/events.ts';
import { deliverWithRetry, type OnCallSink, PermanentDeliveryError } from '../../../src/oncall/sink.ts';
import { slackClient } from '../../../src/oncall/slack/client.ts';
import { type HypothesisLine, type SlackSinkDeps, slackSink } from '../../../src/oncall/slack/sink.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { visibleText } from '../../helpers/slack-block-kit.ts';

const TOKEN = 'xoxb-1111-2222-fakebottokenvalue';
const CONSOLE = 'https://ops.example/console';
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });

let slack: FakeSlack;
beforeAll(async () => {
  slack = await FakeSlack.start({
    token: TOKEN,
    channels: ['C0CHECKOUT', 'C0PROD', 'C0GONE'],
    notIn: ['C0GONE'],
  });
});
afterAll(async () => {
  await slack?.close();
});

function slackConfig(over: Record<string, unknown> = {}): SlackConfig {
  return oncallConfigSchema.parse({
    slack: {
      botToken: TOKEN,
      signingSecret: 'signing-secret-0123456789',
      apiUrl: slack.apiUrl,
      channels: [
        { channel: 'C0CHECKOUT', service: 'checkout', environment: 'production' },
        { channel: 'C0PROD', environment: 'production' },
      ],
      ...over,
    },
  }).slack!;
}

const tickets = new Map<string, ApprovalView>();

function sinkWith(config = slackConfig(), deps: Partial<SlackSinkDeps> = {}): OnCallSink {
  return slackSink({
    config,
    client: slackClient(config, logger),
    db: openDatabase(':memory:'),
    logger,
    consoleUrl: CONSOLE,
    environmentOf: () => 'production',
    hypotheses: async () => HYPOTHESES,
    onCall: async (service) =>
      service === 'checkout' ? [{ name: 'Alice Oncall', level: 1, principal: 'alice' }] : undefined,
    approval: (id) => tickets.get(id),
    ...deps,
  });
}

let seq = 0;
/** An event as the sink gets it: `at` and `seq` added (Omit spread over each kind). */
type EventBody = OnCallEvent extends infer E ? (E extends unknown ? Omit<E, 'at' | 'seq'> : never) : never;
const event = (e: EventBody) => ({ ...e, at: new Date().toISOString(), seq: ++seq }) as OnCallEvent;

let n = 0;
function ticket(over: Partial<ApprovalView> = {}): ApprovalView {
  const t: ApprovalView = {
    id: `apr_sink${++n}`,
    actionHash: 'a'.repeat(64),
    tool: 'k8s_deployment_scale',
    args: { namespace: 'shop', name: 'checkout', replicas: 6 },
    target: {
      namespace: 'shop',
      kind: 'Deployment',
      name: 'checkout',
      service: 'checkout',
      environment: 'production',
    },
    impact: { pods: 3 },
    reason: 'absorb the evening peak',
    requester: 'claude-agent',
    requesterType: 'agent',
    requesterTransport: 'http',
    callId: `call-${n}`,
    matchedRules: [{ name: 'production-mutation-needs-approval', effect: 'escalate' }],
    approvers: ['sre-oncall'],
    channels: ['out-of-band'],
    executionWindowMs: 300_000,
    status: 'pending',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
    ...over,
  };
  tickets.set(t.id, t);
  return t;
}

const HYPOTHESES: HypothesisLine[] = [
  {
    rank: 1,
    category: 'deploy',
    summary: 'checkout 1.42.0 rolled out before the onset',
    confidence: 0.9,
    runbooks: ['rollback-deployment'],
  },
];

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-2026-04-25-007',
    title: 'checkout: HighErrorRate',
    status: 'open',
    severity: 'critical',
    service: 'checkout',
    namespace: 'shop',
    services: ['checkout'],
    detectedAt: '2026-04-25T14:15:00.000Z',
    openedAt: '2026-04-25T14:16:00.000Z',
    alerts: [],
    context: { recentDeployments: [], downstreamImpact: [], gaps: [] },
    ...over,
  };
}

const hasButtons = (blocks: unknown[] | undefined) =>
  (blocks ?? []).some((b) => (b as { type: string }).type === 'actions');

describe('approval messages', () => {
  it('posts a pending ticket in the first matching channel, once, and redraws it on every later event', async () => {
    const sink = sinkWith();
    const t = ticket();
    await sink.deliver(event({ kind: 'approval.requested', approval: t }));
    const [posted] = slack.messages('C0CHECKOUT').slice(-1);
    expect(posted && hasButtons(posted.blocks)).toBe(true);
    expect(visibleText(posted!)).toContain('On call now: Alice Oncall (level 1)');
    expect(visibleText(posted!)).toContain(`Open in the console`);

    // The same record delivered again (a crash before the cursor moved): redrawn, not posted twice.
    const before = slack.messages().length;
    await sink.deliver(event({ kind: 'approval.requested', approval: t }));
    expect(slack.messages().length).toBe(before);
    expect(posted!.history).toHaveLength(1);

    const approved = {
      ...t,
      status: 'approved' as const,
      decidedBy: 'oncall',
      decidedVia: 'slack (U0ONCALL1)',
      decidedAt: new Date().toISOString(),
    };
    await sink.deliver(event({ kind: 'approval.decided', approval: approved }));
    expect(hasButtons(posted!.blocks)).toBe(false);
    expect(visibleText(posted!)).toContain('✅ *Approved* by *oncall* via slack (U0ONCALL1)');

    const used = { ...approved, status: 'used' as const, usedAt: new Date().toISOString() };
    await sink.deliver(
      event({
        kind: 'approval.executed',
        approval: used,
        callId: 'c',
        outcome: 'failed',
        error: 'timed out',
      }),
    );
    expect(visibleText(posted!)).toContain('⚠️ *Failed*');
    expect(visibleText(posted!)).toContain(': timed out');
    expect(slack.messages().length).toBe(before);
  });

  it('posts to the catch-all entry when the service has none, and not at all when nothing matches', async () => {
    const sink = sinkWith();
    await sink.deliver(
      event({
        kind: 'approval.requested',
        approval: ticket({ target: { service: 'payments', environment: 'production' } }),
      }),
    );
    expect(visibleText(slack.messages('C0PROD').at(-1)!)).not.toContain('On call now');
    const before = slack.messages().length;
    const staging = ticket({ target: { service: 'checkout', environment: 'staging' } });
    await sink.deliver(event({ kind: 'approval.requested', approval: staging }));
    await sink.deliver(event({ kind: 'approval.expired', approval: { ...staging, status: 'expired' } }));
    expect(slack.messages().length).toBe(before);
    expect(
      logLines.some(
        (l) => l.includes('no oncall.slack.channels entry matches the approval') && l.includes(staging.id),
      ),
    ).toBe(true);
  });

  it('leaves tickets the requesting client confirms (elicitation) out of Slack', async () => {
    const before = slack.calls.length;
    await sinkWith().deliver(
      event({ kind: 'approval.requested', approval: ticket({ channels: ['elicitation'] }) }),
    );
    expect(slack.calls.length).toBe(before);
  });

  it('shows a finished runbook run on the messages of its approval steps', async () => {
    const sink = sinkWith();
    const step = ticket({
      tool: 'runbook_run',
      args: { runbook: 'rollback-deployment', execution: 'rbx_9', step: 'confirm', message: 'Roll back?' },
    });
    await sink.deliver(event({ kind: 'approval.requested', approval: step }));
    tickets.set(step.id, { ...step, status: 'used', decidedBy: 'oncall', decidedVia: 'console' });
    await sink.deliver(
      event({
        kind: 'runbook.finished',
        execution: {
          id: 'rbx_9',
          runbook: 'rollback-deployment',
          outcome: 'succeeded',
          requester: 'claude-agent',
          dryRun: false,
          durationMs: 4000,
          approvals: [step.id, 'apr_unknown'],
        },
      }),
    );
    const message = slack.messages('C0CHECKOUT').at(-1)!;
    expect(visibleText(message)).toContain('Runbook run `rbx_9` finished: *succeeded*');
    expect(hasButtons(message.blocks)).toBe(false);
  });
});

describe('incident messages', () => {
  it('posts a new incident with its hypotheses, replies in its thread, and marks it resolved', async () => {
    const sink = sinkWith();
    const inc = incident();
    await sink.deliver(event({ kind: 'incident.opened', incident: inc }));
    const parent = slack.messages('C0CHECKOUT').at(-1)!;
    expect(visibleText(parent)).toContain('1. *deploy* (90%): checkout 1.42.0 rolled out before the onset');

    await sink.deliver(
      event({
        kind: 'incident.updated',
        incident: { ...inc, status: 'mitigated' },
        change: 'open → mitigated: rolled back',
      }),
    );
    await sink.deliver(
      event({
        kind: 'incident.resolved',
        incident: { ...inc, status: 'resolved', resolvedAt: '2026-04-25T15:00:00.000Z' },
        reason: 'alerts resolved',
      }),
    );
    const replies = slack.replies('C0CHECKOUT', parent.ts);
    expect(replies.map((r) => visibleText(r).split('\n')[0])).toEqual([
      '*Update* (now mitigated)',
      '✅ *Resolved* 2026-04-25T15:00:00.000Z',
    ]);
    expect(visibleText(parent)).toContain('Postmortem draft: open in the console');
    // The parent keeps the hypotheses it was posted with.
    expect(visibleText(parent)).toContain('1. *deploy* (90%)');
  });

  it('takes no incident events when oncall.slack.incidents is false', () => {
    const sink = sinkWith(slackConfig({ incidents: false }));
    expect(
      ['incident.opened', 'incident.updated', 'incident.resolved'].map((k) => sink.accepts(k as never)),
    ).toEqual([false, false, false]);
    expect(sink.accepts('approval.requested')).toBe(true);
  });
});

describe('Slack refusing or failing', () => {
  const refused = async (sink: OnCallSink, approval = ticket()) =>
    sink.deliver(event({ kind: 'approval.requested', approval })).then(
      () => undefined,
      (err: Error) => err,
    );

  it('a channel that does not exist or the bot is not in: permanent, naming the config entry', async () => {
    const missing = await refused(sinkWith(slackConfig({ channels: [{ channel: 'C0NOSUCH' }] })));
    expect(missing).toBeInstanceOf(PermanentDeliveryError);
    expect(missing?.message).toBe(
      'Slack refused chat.postMessage in C0NOSUCH: channel_not_found: no such channel, or the bot cannot see it: check oncall.slack.channels[0]',
    );
    const notIn = await refused(
      sinkWith(slackConfig({ channels: [{ channel: 'C0PROD', service: 'x' }, { channel: 'C0GONE' }] })),
    );
    expect(notIn).toBeInstanceOf(PermanentDeliveryError);
    expect(notIn?.message).toContain(
      'not_in_channel: the bot is not in the channel: invite the app to C0GONE (oncall.slack.channels[1])',
    );
  });

  it('a token Slack does not accept: permanent, naming oncall.slack.botToken without showing it', async () => {
    const err = await refused(sinkWith(slackConfig({ botToken: 'xoxb-9999-wrong-token-value' })));
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect(err?.message).toContain('invalid_auth: the bot token (oncall.slack.botToken) is not accepted');
    expect(err?.message).not.toContain('xoxb-9999-wrong-token-value');
  });

  it('an error Slack may get over (internal_error, HTTP 503, a rate limit) is retried, and the retry delivers', async () => {
    const sink = sinkWith();
    for (const failure of [
      { error: 'internal_error' },
      { httpStatus: 503 },
      { httpStatus: 429 },
      { error: 'ratelimited' },
    ]) {
      slack.failNext('chat.postMessage', failure);
      const t = ticket();
      const first = await refused(sink, t);
      expect(first, JSON.stringify(failure)).toBeInstanceOf(Error);
      expect(first).not.toBeInstanceOf(PermanentDeliveryError);
      slack.failNext('chat.postMessage', failure);
      const before = slack.messages().length;
      await deliverWithRetry(
        sink,
        event({ kind: 'approval.requested', approval: t }),
        { attempts: 2, backoffMs: 1 },
        logger,
      );
      expect(slack.messages().length).toBe(before + 1);
    }
  });

  it('Slack unreachable: retried, naming oncall.slack.apiUrl', async () => {
    const err = await refused(sinkWith(slackConfig({ apiUrl: 'http://127.0.0.1:9/api/' })));
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err?.message).toMatch(
      /^Slack \(oncall\.slack\.apiUrl\) could not be reached for chat\.postMessage/,
    );
  });

  it('logs none of this with the bot token in it', () => {
    expect(logLines.some((l) => l.includes('on-call delivery failed; retrying'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
