// The web console (issue 18) as the on-call human uses it, in headless Chromium against a
// served opswarden on the security sandbox world (test/security/harness.ts): an agent's
// escalated scale waits in #/approvals with what an approver needs; the approver approves
// it there with a comment, the agent's re-call executes and the card follows it to the
// end; the audit view finds the ticket's records under a verified chain; the requester
// cannot approve their own request; an alert posted over HTTP shows as an incident with
// its timeline, its likely causes found on a click through the gate (incident_correlate as
// the user, audited) and its postmortem drafted the same way; a runbook run is watched
// live until it resolves. Screenshots of each step
// land in test-artifacts/console/.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { type ConsolePage, openConsole } from '../helpers/console.ts';
import {
  type CallResult,
  type SecurityWorld,
  scaleCheckout,
  startSecurityWorld,
} from '../security/harness.ts';

/** An escalated action (the scale needs the on-call in production), then a short wait. */
const RUNBOOK = `apiVersion: opswarden.dev/v1
kind: Runbook
metadata: { name: scale-checkout-up, version: 1.0.0, title: Give checkout more replicas }
spec:
  description: Scales shop/checkout to five replicas, which waits for the on-call, then lets it settle.
  steps:
    - id: scale
      title: Scale checkout to five replicas
      action:
        tool: k8s_deployment_scale
        args: { namespace: shop, name: checkout, replicas: 5, reason: "runbook {{ runbook.name }}: absorb the peak" }
      onFailure: escalate
    - id: settle
      title: Let the new replicas settle
      wait: 2s
      next: resolved
`;

function approvalIdOf(res: CallResult): string {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent!.approvalId as string;
}

let w: SecurityWorld;
let browser: Browser;
let c: ConsolePage;
let runbooks: string;

beforeAll(async () => {
  runbooks = mkdtempSync(join(tmpdir(), 'console-runbooks-'));
  writeFileSync(join(runbooks, 'scale-checkout-up.yaml'), RUNBOOK);
  w = await startSecurityWorld({
    config: (raw) => {
      raw.runbooks = { dir: runbooks };
    },
  });
  browser = await launchChromium();
  c = await openConsole(browser, w);
  await c.logIn('oncall');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  rmSync(runbooks, { recursive: true, force: true });
});

describe('approving in the console', () => {
  let id: string;
  const card = () => `article[data-approval-id="${id}"]`;

  it('shows the agent’s escalated call with what an approver needs to decide it', async () => {
    id = approvalIdOf(
      await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4, 'absorb the evening peak')),
    );
    await c.page.waitForSelector(`#pending ${card()}`);
    const text = await c.text(card());
    expect(text).toContain('k8s_deployment_scale on Deployment shop/checkout');
    expect(text).toContain('pending');
    expect(text).toContain('Requested by agent (agent)');
    expect(text).toContain('absorb the evening peak');
    expect(text).toMatch(/"replicas": 4/);
    expect(text).toContain('production-mutation-needs-approval');
    expect(text).toContain('Approvers a human with sre-oncall, not the requester');
    expect(text).toMatch(/Decide within 1[45]m \d\ds/);
    expect(text).toContain('On call not known (PagerDuty is not configured)');
    await c.screenshot('01-approvals-pending');
  });

  it('approves it with a comment; the decision is audited as made in the console, and the card follows the re-call to executed', async () => {
    await c.page.type(`${card()} textarea[name="comment"]`, 'ok for the peak, watch the p99');
    await c.page.click(`${card()} button.approve`);
    await c.page.waitForSelector(`#decided ${card()}.status-approved`);
    expect(await c.text(card())).toContain('approved by oncall via console');
    expect(await c.text(card())).toContain('waiting for the agent to call again');
    expect(w.app.approvals.get(id)).toMatchObject({ status: 'approved', decidedVia: 'console' });
    expect(w.auditRecords({ type: 'approval.granted' }).at(-1)?.data).toMatchObject({
      approvalId: id,
      decidedBy: 'oncall',
      via: 'console',
      comment: 'ok for the peak, watch the p99',
    });
    await c.screenshot('02-approvals-approved');

    const done = await w.call('agent', 'k8s_deployment_scale', { ...scaleCheckout(4), approvalId: id });
    expect(done.isError, done.content[0]?.text).toBeFalsy();
    expect(await w.replicas('shop', 'checkout')).toBe(4);
    await c.page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('executed'),
      { timeout: 15_000 },
      card(),
    );
    const followed = await c.text(card());
    expect(followed).toMatch(/used .*executed/);
    expect(await c.text(`${card()} .badge`)).toBe('used');
    await c.screenshot('03-approvals-executed');
  });

  it('the audit view finds the ticket’s records, newest first, under a verified chain', async () => {
    await c.go(`#/audit?approvalId=${id}`);
    await c.page.waitForSelector('table.audit tbody tr');
    const types = await c.page.$$eval('table.audit tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-type')),
    );
    for (const type of ['approval.requested', 'approval.granted', 'approval.used', 'action.executed'])
      expect(types).toContain(type);
    expect(types.indexOf('action.executed')).toBeLessThan(types.indexOf('approval.requested'));
    expect(await c.text('.verify')).toMatch(/^chain verified: \d+ records/);
    await c.screenshot('04-audit-ticket');

    // The search form: one type only, through the hash like any link.
    await c.page.select('form.search select[name="type"]', 'approval.granted');
    await c.page.click('form.search button[type="submit"]');
    await c.page.waitForFunction(() => location.hash.includes('type=approval.granted'));
    await c.page.waitForFunction(
      () =>
        [...document.querySelectorAll('table.audit tbody tr')].every(
          (r) => r.getAttribute('data-type') === 'approval.granted',
        ) && document.querySelectorAll('table.audit tbody tr').length === 1,
    );
    const granted = await c.page.$eval('table.audit tbody tr details pre', (pre) =>
      JSON.parse(pre.textContent ?? ''),
    );
    expect(granted).toMatchObject({ approvalId: id, via: 'console', decidedBy: 'oncall' });
  });

  it('#/approvals/<id> shows the ticket with its audit trail', async () => {
    await c.go(`#/approvals/${id}`);
    await c.page.waitForSelector(`${card()}.status-used`);
    await c.page.waitForSelector('table.audit tbody tr[data-type="action.executed"]');
    await c.screenshot('05-approval-detail');
  });

  it('the requester cannot approve their own request: the console shows the server’s refusal', async () => {
    const own = approvalIdOf(await w.call('oncall', 'k8s_deployment_scale', scaleCheckout(6, 'my own idea')));
    await c.go('#/approvals');
    const mine = `article[data-approval-id="${own}"]`;
    await c.page.waitForSelector(`#pending ${mine}`);
    await c.page.click(`${mine} button.approve`);
    await c.page.waitForSelector(`${mine} [role="alert"]`);
    expect(await c.text(`${mine} [role="alert"]`)).toBe(
      `403: oncall requested ${own} and cannot also approve or reject it`,
    );
    expect(w.app.approvals.get(own)?.status).toBe('pending');
    expect(await c.page.$eval(`${mine} button.approve`, (b) => (b as HTMLButtonElement).disabled)).toBe(
      false,
    );
    await c.screenshot('06-approvals-two-person-rule');
  });
});

describe('incidents in the console', () => {
  let incident: string;
  let change: string;
  const correlations = () => w.auditRecords({ tool: 'incident_correlate', type: 'tool.call' });

  it('an alert posted to /v1/alerts shows in #/incidents, and its page has the alert and the timeline', async () => {
    // A flag flipped on checkout ten minutes before the alert: the cause correlation should find.
    const flipped = await w.http('changeWriter', 'POST', '/v1/changes', {
      body: {
        kind: 'feature_flag',
        service: 'checkout',
        namespace: 'shop',
        at: new Date(w.app.worldClock.now().getTime() - 10 * 60_000).toISOString(),
        summary: 'checkout-new-payment-client turned on for 100%',
        actor: 'ci',
        source: 'launchdarkly',
      },
    });
    expect(flipped.status, JSON.stringify(flipped.body)).toBe(201);
    change = flipped.body.events[0].id as string;
    const posted = await w.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        labels: {
          alertname: 'CheckoutHighErrorRate',
          service: 'checkout',
          namespace: 'shop',
          severity: 'critical',
        },
        annotations: { summary: '5xx ratio of checkout above 5%' },
        status: 'firing',
        startsAt: w.app.worldClock.now().toISOString(),
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    incident = posted.body.incidents[0].id as string;

    await c.go('#/incidents');
    await c.page.waitForSelector(`table.incidents a[href="#/incidents/${incident}"]`);
    await c.screenshot('07-incidents');
    await c.page.click(`table.incidents a[href="#/incidents/${incident}"]`);
    await c.page.waitForSelector('table.timeline tbody tr');
    expect(await c.text('table.alerts tbody')).toContain('CheckoutHighErrorRate');
    expect(await c.text('table.alerts tbody')).toContain('5xx ratio of checkout above 5%');
    const kinds = await c.page.$$eval('table.timeline tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-kind')),
    );
    expect(kinds).toContain('alert');
    // Correlation is asked for, not run by the page's polling.
    expect(await c.text('button.correlate')).toBe('Find likely causes');
    expect(correlations()).toEqual([]);
    await c.screenshot('08-incident');
  });

  it('"Find likely causes" runs incident_correlate through the gate as the user: ranked hypotheses with their evidence', async () => {
    // The click draws the progress before the call leaves.
    const progress = await c.page.evaluate(() => {
      const find = document.querySelector<HTMLButtonElement>('button.correlate')!;
      find.click();
      return [document.querySelector('.causes')?.textContent, find.disabled];
    });
    expect(progress).toEqual(['correlating…', true]);
    await c.page.waitForSelector('.causes ol.hypotheses li.hypothesis');
    expect(await c.page.$eval('button.correlate', (b) => (b as HTMLButtonElement).disabled)).toBe(false);

    const ranks = await c.page.$$eval('li.hypothesis', (lis) =>
      lis.map((li) => li.getAttribute('data-rank')),
    );
    expect(ranks).toEqual(ranks.map((_, i) => String(i + 1)));
    const cause = await c.page.$$eval(
      'li.hypothesis',
      (lis, ref) => lis.findIndex((li) => li.querySelector('h3 code')?.textContent === ref),
      `Change/${change}`,
    );
    expect(cause, 'the flag flip is among the hypotheses').toBeGreaterThanOrEqual(0);
    const item = `li.hypothesis:nth-child(${cause + 1})`;
    const text = await c.text(item);
    expect(text).toMatch(new RegExp(`^#${cause + 1} config \\d+% confidence Change/${change}`));
    expect(await c.text(`${item} .score`)).toMatch(/^score [\d.]+: .*proximity [\d.]+/);
    expect(await c.text(`${item} table.evidence tr[data-kind="change"]`)).toContain(
      'checkout-new-payment-client turned on for 100%',
    );
    expect(await c.text(`${item} .runbooks`)).toMatch(/^Runbooks that fit: /);
    expect(await c.text('.causes dl.facts')).toMatch(/^Onset /);
    expect(await c.text('.causes dl.signals')).toContain('prometheus ok');
    await c.screenshot('09-incident-hypotheses');

    // Audited as the logged-in human, by the console's MCP client, allowed by the policy.
    const [call] = correlations();
    expect(call).toMatchObject({ principal: 'oncall', data: { args: { incident } } });
    expect((call!.data.principal as Record<string, unknown>).client).toMatchObject({
      name: 'opswarden-console',
    });
    expect(w.auditRecords({ callId: call!.callId, type: 'decision' })[0]?.effect).toBe('allow');
    expect(await c.text('.causes p.called')).toContain(`audited as call ${call!.callId}`);

    // The page's next redraw keeps the answer and runs nothing again.
    await c.page.$eval('table.timeline', (t) => t.setAttribute('data-old', ''));
    await c.page.waitForSelector('table.timeline:not([data-old])', { timeout: 10_000 });
    expect(await c.page.$$eval('li.hypothesis', (lis) => lis.length)).toBe(ranks.length);
    expect(correlations()).toHaveLength(1);
  });

  it('the postmortem page shows the draft of postmortem_draft, run as the user', async () => {
    await c.page.click(`a[href="#/incidents/${incident}/postmortem"]`);
    await c.page.waitForSelector('.postmortem article.draft pre');
    expect(await c.text('main#page h1')).toBe(`Postmortem of ${incident}`);
    const headings = await c.page.$$eval('article.draft :is(h2, h3)', (hs) => hs.map((x) => x.textContent));
    expect(headings[0]).toBe('Postmortem draft: checkout: CheckoutHighErrorRate');
    expect(headings).toEqual(expect.arrayContaining(['Summary', 'Impact', 'Timeline', 'Root cause']));
    expect(await c.text('.postmortem dl.facts')).toMatch(/Root cause config Change\/\S+ \(\d+% confidence\)/);
    expect(await c.text('article.draft')).toContain('checkout-new-payment-client turned on for 100%');
    const [call] = w.auditRecords({ tool: 'postmortem_draft', type: 'tool.call' });
    expect(call).toMatchObject({ principal: 'oncall', data: { args: { incident } } });
    expect(await c.text('.postmortem p.called')).toContain(`audited as call ${call!.callId}`);
    await c.screenshot('10-postmortem');

    // Drafted again on request only, as a new audited call.
    await c.page.click('button.redraft');
    await c.page.waitForFunction(
      (id) => {
        const shown = document.querySelector('.postmortem p.called a code')?.textContent;
        return shown && shown !== id;
      },
      {},
      call!.callId,
    );
    expect(w.auditRecords({ tool: 'postmortem_draft', type: 'tool.call' })).toHaveLength(2);
  });

  it('reads the answer as well when it comes as an SSE stream, after a notification', async () => {
    // The server's real answer, streamed as the SDK streams a call that notifies before its result.
    const streamed = await openConsole(browser, w);
    await streamed.logIn('oncall');
    await streamed.page.setRequestInterception(true);
    let streams = 0;
    streamed.page.on('request', async (r) => {
      if (new URL(r.url()).pathname !== '/mcp') return void r.continue();
      streams++;
      const answer = await fetch(r.url(), { method: 'POST', headers: r.headers(), body: r.postData() });
      const notice = {
        jsonrpc: '2.0',
        method: 'notifications/message',
        params: { level: 'info', data: 'drafting' },
      };
      await r.respond({
        status: 200,
        contentType: 'text/event-stream',
        body: `event: message\ndata: ${JSON.stringify(notice)}\n\nevent: message\ndata: ${await answer.text()}\n\n`,
      });
    });
    await streamed.go(`#/incidents/${incident}/postmortem`);
    await streamed.page.waitForSelector('.postmortem p.called');
    expect(await streamed.text('article.draft h2')).toBe('Postmortem draft: checkout: CheckoutHighErrorRate');
    expect(streams).toBe(1);
    expect(streamed.errors).toEqual([]);
    await streamed.page.close();
  });
});

describe('runbook runs in the console', () => {
  it('a run is watched live: waiting for its approval, then resolved, without reloading', async () => {
    const started = await w.call('agent', 'runbook_run', {
      runbook: 'scale-checkout-up',
      params: {},
      reason: 'checkout is saturated',
    });
    expect(started.isError, started.content[0]?.text).toBeFalsy();
    const execution = started.structuredContent!.id as string;
    const run = `article[data-execution="${execution}"]`;
    await c.go('#/runbooks');
    await c.page.waitForSelector(`${run} .waiting`, { timeout: 15_000 });
    expect(await c.text(`${run} tr[data-step="scale"]`)).toContain('awaiting_approval');
    expect(await c.text('p.live')).toMatch(/1 running/);
    await c.screenshot('11-runbook-waiting');

    const approvalId = w.app.runbooks.status(execution)!.pendingApproval!.approvalId;
    const approved = await w.http('oncall2', 'POST', `/v1/approvals/${approvalId}/approve`, { body: {} });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await c.page.waitForFunction(
      (sel) => document.querySelector(`${sel} .badge`)?.textContent === 'resolved',
      { timeout: 30_000 },
      run,
    );
    expect(await c.text(`${run} tr[data-step="scale"]`)).toContain('executed');
    expect(await c.text(`${run} tr[data-step="settle"]`)).toContain('waited');
    expect(await c.text('p.live')).toBe('Nothing running.');
    expect(await w.replicas('shop', 'checkout')).toBe(5);
    await c.screenshot('12-runbook-resolved');
    const ids = async (status: string) =>
      (await w.http('oncall', 'GET', `/v1/runbooks/executions?status=${status}`)).body.executions.map(
        (e: { id: string }) => e.id,
      );
    expect(await ids('resolved')).toEqual([execution]);
    expect(await ids('running')).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});
