// The Slack messages opswarden builds (src/oncall/slack/): untrusted text (an agent's reason
// and arguments, rule messages, alert annotations) can neither mention nor link, because
// mrkdwn's control characters are escaped; however long that text is, the blocks stay
// within what Slack accepts (checked by the same Block Kit rules the fake Slack applies);
// the channel is the first configured entry that matches; and each state of a ticket or an
// incident shows what the approver needs (buttons while pending, who decided and how after).

import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/incidents/records/model.ts';
import type { SlackConfig } from '../../../src/oncall/config.ts';
import type { ApprovalView } from '../../../src/oncall/events.ts';
import { approvalMessage } from '../../../src/oncall/slack/approval-message.ts';
import { channelFor } from '../../../src/oncall/slack/channels.ts';
import {
  type HypothesisLine,
  incidentMessage,
  incidentResolved,
} from '../../../src/oncall/slack/incident-message.ts';
import { mrkdwn } from '../../../src/oncall/slack/text.ts';
import { blockProblems, entitiesOf, textObjects, visibleText } from '../../helpers/slack-block-kit.ts';

const CONSOLE = 'https://ops.example/console';
const INJECTION =
  '<!channel> look <@U0ADMIN1> at <https://evil.example/steal|this doc> & <#C0SECRET> <!subteam^S0X>';

function ticket(over: Partial<ApprovalView> = {}): ApprovalView {
  return {
    id: 'apr_abc123',
    actionHash: 'f'.repeat(64),
    tool: 'k8s_deployment_scale',
    args: { namespace: 'shop', name: 'checkout', replicas: 1, reason: 'scale down' },
    target: {
      cluster: 'prod-eu-1',
      namespace: 'shop',
      kind: 'Deployment',
      name: 'checkout',
      service: 'checkout',
      environment: 'production',
    },
    impact: { pods: 2, fractionOfService: 0.667, reversible: true },
    reason: 'the node is overloaded',
    requester: 'claude-agent',
    requesterType: 'agent',
    requesterTransport: 'http',
    callId: 'call-1',
    matchedRules: [
      {
        name: 'production-mutation-needs-approval',
        effect: 'escalate',
        message: 'Production changes need a human.',
      },
    ],
    approvers: ['sre-oncall'],
    channels: ['out-of-band'],
    executionWindowMs: 300_000,
    status: 'pending',
    createdAt: '2026-04-25T14:30:00.000Z',
    expiresAt: '2026-04-25T14:45:00.000Z',
    ...over,
  };
}

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: 'INC-2026-04-25-001',
    title: 'checkout: HighErrorRate',
    status: 'open',
    severity: 'critical',
    service: 'checkout',
    namespace: 'shop',
    services: ['checkout', 'payments'],
    detectedAt: '2026-04-25T14:15:00.000Z',
    openedAt: '2026-04-25T14:16:00.000Z',
    alerts: [
      {
        fingerprint: 'a1',
        alertname: 'HighErrorRate',
        service: 'checkout',
        namespace: 'shop',
        severity: 'critical',
        labels: {},
        annotations: { summary: 'checkout 5xx above 5%' },
        status: 'firing',
        startsAt: '2026-04-25T14:15:00.000Z',
      },
    ],
    context: {
      recentDeployments: [
        { at: '2026-04-25T14:11:00.000Z', ref: 'Deployment/shop/checkout', summary: 'release 1.42.0' },
      ],
      metricSpike: {
        signal: 'errors',
        service: 'checkout',
        from: 0.002,
        to: 0.31,
        summary: 'error ratio from 0.2% to 31%',
      },
      downstreamImpact: ['storefront'],
      gaps: [],
    },
    ...over,
  };
}

const HYPOTHESES: HypothesisLine[] = [
  {
    rank: 1,
    category: 'deploy',
    summary: 'checkout 1.42.0 rolled out 1 min before the onset',
    confidence: 0.977,
    runbooks: ['rollback-deployment'],
  },
  { rank: 2, category: 'external', summary: 'orders-db times out', confidence: 0.488, runbooks: [] },
];

/** Entities opswarden itself adds: dates and links into the configured console. */
const ours = (entity: string) => entity.startsWith('!date^') || entity.startsWith(`${CONSOLE}#/`);

/** Every `&` in mrkdwn must start one of Slack's three escapes: a cut never leaves half of one. */
function expectWholeEscapes(message: { blocks: unknown[]; text: string }) {
  for (const t of [
    message.text,
    ...textObjects(message.blocks)
      .filter((o) => o.type === 'mrkdwn')
      .map((o) => o.text),
  ]) {
    expect(t.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
  }
}

describe('approval messages', () => {
  it('escape mentions and links in everything the agent or the rules wrote', () => {
    const m = approvalMessage(
      ticket({
        reason: INJECTION,
        requester: 'agent <!here>',
        args: { note: INJECTION, nested: { link: '<https://evil.example|x>' } },
        matchedRules: [{ name: 'rule <!everyone>', effect: 'escalate', message: INJECTION }],
        target: { namespace: '<!channel>', name: 'x', environment: 'production' },
      }),
      { consoleUrl: CONSOLE, onCall: [{ name: 'Eve <@U0EVE>', level: 1 }] },
    );
    expect(blockProblems(m.blocks)).toEqual([]);
    const entities = entitiesOf(m);
    expect(entities.filter((e) => !ours(e))).toEqual([]);
    expect(entities).toContain(`${CONSOLE}#/approvals/apr_abc123|Open in the console`);
    // Shown as the text it is, not swallowed.
    const shown = visibleText(m);
    expect(shown).toContain(
      '<!channel> look <@U0ADMIN1> at <https://evil.example/steal|this doc> & <#C0SECRET>',
    );
    expect(shown).toContain('Eve <@U0EVE> (level 1)');
    expect(m.text).not.toMatch(/<[!@#]/);
  });

  it('stay within Block Kit limits however long the ticket is, cutting without splitting an escape', () => {
    const huge = `${'<&>'.repeat(40_000)} end`;
    const m = approvalMessage(
      ticket({
        reason: huge,
        tool: `tool_${'x'.repeat(500)}`,
        args: { blob: huge, list: Array.from({ length: 5000 }, (_, i) => ({ i, s: '&&' })) },
        matchedRules: Array.from({ length: 300 }, (_, i) => ({
          name: `rule-${i}-${'n'.repeat(200)}`,
          effect: 'escalate' as const,
          message: huge,
        })),
        requester: 'r'.repeat(10_000),
        approvers: Array.from({ length: 200 }, (_, i) => `role-${i}`),
      }),
      {
        consoleUrl: CONSOLE,
        onCall: Array.from({ length: 50 }, (_, i) => ({ name: `Person ${i} ${'&'.repeat(100)}`, level: i })),
      },
    );
    expect(blockProblems(m.blocks)).toEqual([]);
    expect(m.text.length).toBeLessThanOrEqual(3000);
    expectWholeEscapes(m);
    expect(visibleText(m)).toMatch(/… and \d+ more/);
  });

  it('while pending, offer Approve (confirmed in a dialog) and Reject for this ticket, with who is on call', () => {
    const m = approvalMessage(ticket(), {
      consoleUrl: CONSOLE,
      onCall: [
        { name: 'Alice', level: 1 },
        { name: 'Bob', level: 2 },
      ],
    });
    const actions = m.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    const [approve, reject] = (
      actions[0] as { elements: { action_id: string; value: string; confirm?: unknown }[] }
    ).elements;
    expect([approve?.action_id, approve?.value, reject?.action_id, reject?.value]).toEqual([
      'approve',
      'apr_abc123',
      'reject',
      'apr_abc123',
    ]);
    expect(approve?.confirm).toBeDefined();
    expect(reject?.confirm).toBeUndefined();
    const shown = visibleText(m);
    for (const part of [
      'Approval needed: k8s_deployment_scale',
      'Deployment shop/checkout (cluster prod-eu-1)',
      'production · service checkout',
      'claude-agent (agent)',
      '2 pods · 67% of the service · reversible',
      'the node is overloaded',
      '{"namespace":"shop","name":"checkout","replicas":1,"reason":"scale down"}',
      'production-mutation-needs-approval*: Production changes need a human.',
      'On call now: Alice (level 1), Bob (level 2)',
      '2026-04-25T14:45:00.000Z',
    ])
      expect(shown).toContain(part);
    expect(m.text).toBe(
      'Approval needed: k8s_deployment_scale on Deployment shop/checkout (cluster prod-eu-1), requested by claude-agent',
    );
  });

  it('once decided, expired or spent, drop the buttons and say what happened, by whom and where', () => {
    const decided = {
      decidedBy: 'oncall',
      decidedVia: 'slack (U0ONCALL1)',
      decidedAt: '2026-04-25T14:32:00.000Z',
      executeBy: '2026-04-25T14:37:00.000Z',
    };
    const cases: [Partial<ApprovalView>, Parameters<typeof approvalMessage>[1], string[]][] = [
      [
        { status: 'approved', ...decided, comment: 'go <!here>' },
        {},
        [
          '✅ *Approved* by *oncall* via slack (U0ONCALL1) at 2026-04-25T14:32:00.000Z',
          '> go <!here>',
          'may run it until 2026-04-25T14:37:00.000Z',
        ],
      ],
      [
        { status: 'rejected', ...decided, decidedVia: 'console' },
        {},
        ['❌ *Rejected* by *oncall* via console'],
      ],
      [{ status: 'expired' }, {}, ['⌛ *Expired* at 2026-04-25T14:45:00.000Z before anyone decided']],
      [
        { status: 'expired', ...decided },
        {},
        ['⌛ *Expired*: approved by *oncall*', 'not used before 2026-04-25T14:37:00.000Z'],
      ],
      [
        { status: 'used', ...decided, usedAt: '2026-04-25T14:33:00.000Z' },
        { execution: { outcome: 'executed' } },
        ['✅ *Approved* by *oncall*', '▶️ *Executed* at 2026-04-25T14:33:00.000Z'],
      ],
      [
        { status: 'used', ...decided },
        { execution: { outcome: 'failed', error: 'deployments "checkout" is forbidden <!channel>' } },
        ['⚠️ *Failed*: deployments "checkout" is forbidden <!channel>'],
      ],
    ];
    for (const [over, extras, expected] of cases) {
      const m = approvalMessage(ticket(over), extras);
      expect(
        m.blocks.some((b) => b.type === 'actions'),
        over.status,
      ).toBe(false);
      expect(blockProblems(m.blocks)).toEqual([]);
      expect(entitiesOf(m).filter((e) => !ours(e))).toEqual([]);
      for (const line of expected) expect(visibleText(m), JSON.stringify(over)).toContain(line);
      expect(visibleText(m)).not.toContain('On call now');
    }
  });

  it('show a runbook approval step as the run and its step, not as tool arguments', () => {
    const m = approvalMessage(
      ticket({
        tool: 'runbook_run',
        args: {
          runbook: 'rollback-deployment',
          execution: 'rbx_1',
          step: 'confirm',
          message: 'Roll checkout back to 1.41.0?',
        },
        matchedRules: [
          {
            name: 'runbook rollback-deployment step confirm',
            effect: 'escalate',
            message: 'Roll checkout back to 1.41.0?',
          },
        ],
        impact: {},
      }),
      {
        run: {
          id: 'rbx_1',
          runbook: 'rollback-deployment',
          outcome: 'succeeded',
          requester: 'claude-agent',
          dryRun: false,
          durationMs: 1200,
          approvals: ['apr_abc123'],
        },
      },
    );
    const shown = visibleText(m);
    expect(shown).toContain('Approval needed: runbook rollback-deployment, step confirm');
    expect(shown).toContain('Roll checkout back to 1.41.0?');
    expect(shown).not.toContain('Arguments');
    expect(shown).not.toContain('Impact');
  });
});

describe('incident messages', () => {
  it('show the incident, its alerts, its context and the top hypotheses with their runbooks', () => {
    const m = incidentMessage(incident(), HYPOTHESES, CONSOLE);
    expect(blockProblems(m.blocks)).toEqual([]);
    const shown = visibleText(m);
    for (const part of [
      'INC-2026-04-25-001 (critical): checkout: HighErrorRate',
      'checkout (namespace shop)',
      'checkout, payments',
      '*HighErrorRate* critical · firing · checkout: checkout 5xx above 5%',
      'Deployment/shop/checkout: release 1.42.0',
      'Metric spike: error ratio from 0.2% to 31%',
      'Downstream impact: storefront',
      '1. *deploy* (98%): checkout 1.42.0 rolled out 1 min before the onset',
      '`rollback-deployment`',
      '2. *external* (49%): orders-db times out',
    ])
      expect(shown).toContain(part);
    expect(entitiesOf(m)).toContain(`${CONSOLE}#/incidents/INC-2026-04-25-001|Open in the console`);
  });

  it('escape what the alerts carry and stay within limits with a thousand alerts', () => {
    const alerts = Array.from({ length: 1000 }, (_, i) => ({
      ...incident().alerts[0]!,
      fingerprint: `f${i}`,
      alertname: `Alert<!channel>${i}`,
      annotations: { summary: `${INJECTION} ${'x'.repeat(5000)}` },
    }));
    const m = incidentMessage(
      incident({
        title: `<!channel> ${'t'.repeat(1000)}`,
        alerts,
        services: Array.from({ length: 500 }, (_, i) => `svc-${i}`),
      }),
      [{ ...HYPOTHESES[0]!, summary: INJECTION.repeat(100) }],
      CONSOLE,
    );
    expect(blockProblems(m.blocks)).toEqual([]);
    expect(entitiesOf(m).filter((e) => !ours(e))).toEqual([]);
    expectWholeEscapes(m);
    expect(visibleText(m)).toContain('… and 990 more');
  });

  it('link the postmortem draft once resolved (or name the tool without a console URL)', () => {
    const resolved = incident({ status: 'resolved', resolvedAt: '2026-04-25T15:00:00.000Z' });
    const withConsole = incidentMessage(resolved, HYPOTHESES, CONSOLE);
    expect(entitiesOf(withConsole)).toContain(
      `${CONSOLE}#/incidents/INC-2026-04-25-001/postmortem|open in the console`,
    );
    expect(visibleText(withConsole)).toContain('✅ *Resolved* 2026-04-25T15:00:00.000Z');
    const reply = incidentResolved(resolved, 'all alerts resolved for 10m', undefined);
    expect(visibleText(reply)).toContain(
      'Postmortem draft: the postmortem_draft tool, incident `INC-2026-04-25-001`',
    );
    expect(entitiesOf(reply).filter((e) => !ours(e))).toEqual([]);
  });
});

describe('channel choice', () => {
  const channels: SlackConfig['channels'] = [
    { channel: 'C0CHECKOUT', service: 'checkout', environment: 'production' },
    { channel: 'C0PROD', environment: 'production' },
    { channel: 'C0CHECKOUTANY', service: 'checkout' },
  ];

  it('takes the first entry whose service and environment match, an absent one matching any', () => {
    expect(channelFor(channels, 'checkout', 'production')).toEqual({
      channel: 'C0CHECKOUT',
      configKey: 'oncall.slack.channels[0]',
    });
    expect(channelFor(channels, 'payments', 'production')).toEqual({
      channel: 'C0PROD',
      configKey: 'oncall.slack.channels[1]',
    });
    expect(channelFor(channels, undefined, 'production')?.channel).toBe('C0PROD');
    expect(channelFor(channels, 'checkout', 'staging')?.channel).toBe('C0CHECKOUTANY');
    expect(channelFor(channels, 'payments', 'staging')).toBeUndefined();
    expect(channelFor(channels, undefined, undefined)).toBeUndefined();
    expect(channelFor([...channels, { channel: 'C0ALL' }], 'payments', 'staging')?.channel).toBe('C0ALL');
  });
});

describe('mrkdwn escaping', () => {
  it('escapes &, < and > and cuts to the limit with an ellipsis, never inside an escape or a surrogate pair', () => {
    expect(mrkdwn('a <b> & c', 100)).toBe('a &lt;b&gt; &amp; c');
    expect(mrkdwn('<<<<', 10)).toBe('&lt;&lt;…');
    expect(mrkdwn('😀😀😀', 4)).toBe('😀…');
    for (let max = 2; max < 30; max++) {
      const out = mrkdwn('x<&>'.repeat(10), max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
  });
});
