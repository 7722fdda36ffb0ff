// Surface: the MCP Apps views (issue 14), attacked from inside the view, in headless Chromium
// under a test host that follows the Apps spec (test/helpers/apps-host). A view acts only
// through tools/call via its host, so the policy gate judges it and the audit log records it
// as the host's principal; it can never approve (no tool approves, the endpoint needs an
// approver's proof, and the view has no network to reach it anyway); text from the observed
// systems (alert annotations, metric labels carrying <script> and <img onerror>) is shown as
// text and never runs; and every view carries a CSP that allows no origin at all. A
// compromised view is played by evaluating code inside the view's frame.

import { createHash } from 'node:crypto';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/apps/views.ts';
import type { AppsHost } from '../helpers/apps-host/server.ts';
import { type AppsWorld, startAppsWorld } from '../helpers/apps-world.ts';
import type { SecurityWorld } from './harness.ts';

type Json = Record<string, unknown>;

let world: AppsWorld;
let w: SecurityWorld;
let host: AppsHost;
let incident: string;

beforeAll(async () => {
  world = await startAppsWorld();
  ({ w, host, incident } = world);
}, 300_000);
afterAll(async () => world?.close());

/** A JSON-RPC request the view sends its host by hand, as a compromised view could; resolves with the answer. */
function fromView(
  frame: Frame,
  method: string,
  params: Json,
): Promise<{ result?: Json; error?: { message: string } }> {
  return frame.evaluate(
    (m, p) =>
      new Promise<{ result?: Json; error?: { message: string } }>((resolve) => {
        const id = 900_000 + Math.floor(Math.random() * 1000);
        window.addEventListener('message', (event) => {
          const data = event.data as { id?: number; result?: Json; error?: { message: string } };
          if (data?.id === id) resolve(data);
        });
        window.parent.postMessage({ jsonrpc: '2.0', id, method: m, params: p }, '*');
      }),
    method,
    params,
  );
}

/** What happens when the view tries to reach `url` itself: the CSP directive that stopped it, or "reached". */
function viewFetches(frame: Frame, url: string, init: RequestInit = {}): Promise<string> {
  return frame.evaluate(
    (u, i) =>
      new Promise<string>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve(`blocked: ${e.effectiveDirective}`),
          {
            once: true,
          },
        );
        fetch(u, i).then(
          () => resolve('reached'),
          () => setTimeout(() => resolve('failed without a CSP report'), 500),
        );
      }),
    url,
    init as Json,
  );
}

function scaleArgs(extra: Json = {}): Json {
  return { namespace: 'shop', name: 'checkout', replicas: 0, reason: 'the view says so', ...extra };
}

describe("a view's actions", () => {
  it('are tools/calls through the host, judged by the gate and audited as the host principal', async () => {
    const chart = await host.render('prom_query_range', {
      query: 'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))',
      start: '-30m',
    });
    await chart.frame.waitForSelector('svg path.series');
    const before = host.forwarded.length;
    await chart.frame.click('button');
    await chart.frame.waitForFunction(() =>
      document.querySelector('.legend')?.textContent?.includes('raw points.'),
    );
    const [asked] = host.forwarded.slice(before).filter((f) => f.from === 'view');
    const callId = (asked!.result!._meta as Json)['opswarden/callId'] as string;
    const records = w.auditRecords({ callId });
    expect(records.map((r) => r.type)).toEqual(['tool.call', 'decision', 'action.executed']);
    expect(records[0]).toMatchObject({
      principal: 'agent',
      tool: 'prom_query_range',
      data: { args: { raw: true }, principal: { client: { name: 'opswarden-test-host' } } },
    });
    expect(records[1]).toMatchObject({ effect: 'allow' });
  });

  it('cannot change anything: a spec host refuses a change tool to a view, and without it the gate escalates', async () => {
    const view = await host.render('incident_get', { incident });
    await view.frame.waitForSelector('li.alert');
    const refused = await fromView(view.frame, 'tools/call', {
      name: 'k8s_deployment_scale',
      arguments: scaleArgs(),
    });
    expect(refused.error?.message).toContain('not available to views (visibility: model)');
    expect(
      host.forwarded.filter((f) => f.from === 'view' && f.params.name === 'k8s_deployment_scale'),
    ).toEqual([]);

    // A host that forwards it anyway: the gate still decides, as for any call of the agent.
    const lax = await host.render('incident_get', { incident }, { enforceVisibility: false });
    await lax.frame.waitForSelector('li.alert');
    const answered = await fromView(lax.frame, 'tools/call', {
      name: 'k8s_deployment_scale',
      arguments: scaleArgs(),
    });
    expect(answered.result?.structuredContent).toMatchObject({
      status: 'approval_required',
      approvers: ['sre-oncall'],
    });
    expect(await w.replicas('shop', 'checkout')).toBe(3);
    const callId = (answered.result!._meta as Json)['opswarden/callId'] as string;
    expect(w.auditRecords({ callId }).map((r) => [r.type, r.principal, r.effect ?? null])).toEqual([
      ['tool.call', 'agent', null],
      ['decision', 'agent', 'escalate'],
      ['approval.requested', 'agent', null],
    ]);
  });
});

describe('a view can never approve', () => {
  let approvalId: string;
  const ticket = () => w.app.approvals.get(approvalId)!;

  beforeAll(async () => {
    const escalated = await w.call(
      'agent',
      'k8s_deployment_scale',
      scaleArgs({ replicas: 5, reason: 'more capacity' }),
    );
    approvalId = escalated.structuredContent?.approvalId as string;
    expect(approvalId).toMatch(/^apr_/);
  });

  it('no tool approves: the one approval tool only reads, and what the view asks for leaves the ticket pending', async () => {
    const { tools } = await host.client.listTools();
    const approvalTools = tools.filter((t) => /approv|decid|grant|reject/i.test(t.name));
    expect(approvalTools.map((t) => [t.name, t.annotations?.readOnlyHint])).toEqual([
      ['approval_status', true],
    ]);
    expect(Object.keys((approvalTools[0]!.inputSchema as { properties: Json }).properties)).toEqual(['id']);

    const card = await host.render('approval_status', { id: approvalId }, { enforceVisibility: false });
    await card.frame.waitForSelector('section.decide');
    const invented = await fromView(card.frame, 'tools/call', {
      name: 'approval_approve',
      arguments: { id: approvalId },
    });
    expect(JSON.stringify(invented)).toMatch(/approval_approve/);
    expect(invented.result?.structuredContent).toBeUndefined();
    // The change itself, with the pending ticket's id: it waits for a human again, and nothing runs.
    const spend = await fromView(card.frame, 'tools/call', {
      name: 'k8s_deployment_scale',
      arguments: scaleArgs({ replicas: 5, reason: 'more capacity', approvalId }),
    });
    expect(spend.result?.structuredContent).toMatchObject({ status: 'approval_required' });
    expect(ticket().status).toBe('pending');
    expect(await w.replicas('shop', 'checkout')).toBe(3);
  });

  it('the view cannot reach the approvals endpoint, which needs an approver proof anyway', async () => {
    const card = await host.render('approval_status', { id: approvalId });
    await card.frame.waitForSelector('section.decide');
    const approveUrl = `${w.url}/v1/approvals/${approvalId}/approve`;
    expect(await viewFetches(card.frame, approveUrl, { method: 'POST' })).toBe('blocked: connect-src');
    expect(await viewFetches(card.frame, `${w.url}/healthz`)).toBe('blocked: connect-src');
    expect(w.auditRecords({ type: 'approval.granted' })).toEqual([]);
    // Reached directly, the endpoint wants a human approver's own token: the agent's is refused.
    expect((await w.http('agent', 'POST', `/v1/approvals/${approvalId}/approve`)).status).toBe(403);
    expect((await w.http(undefined, 'POST', `/v1/approvals/${approvalId}/approve`)).status).toBe(401);
    expect(ticket().status).toBe('pending');

    // The on-call human decides out of band; the card shows it once refreshed, still without a control.
    expect((await w.http('oncall', 'POST', `/v1/approvals/${approvalId}/approve`)).status).toBe(200);
    await card.frame.click('button');
    await card.frame.waitForSelector('.badge.status-approved');
    expect(await card.frame.$$eval('button', (bs) => bs.map((b) => b.textContent))).toEqual([
      'Refresh status',
    ]);
    await host.screenshot(card, 'approval-approved');
  });
});

describe('untrusted text in results', () => {
  const INJECTED = ["<script>document.documentElement.dataset.pwned='script'", '<img src=x onerror='];

  async function expectInert(frame: Frame, console: string[], shown: string[]): Promise<void> {
    const state = await frame.evaluate(() => ({
      pwned: document.documentElement.dataset.pwned ?? null,
      images: document.querySelectorAll('img').length,
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].filter((e) =>
        [...e.attributes].some((a) => /^on/i.test(a.name)),
      ).length,
      text: document.body.textContent ?? '',
    }));
    expect(state).toMatchObject({ pwned: null, images: 0, scripts: 1, handlers: 0 });
    for (const s of shown) expect(state.text).toContain(s);
    expect(console.filter((l) => l.includes('PWNED'))).toEqual([]);
  }

  it('alert annotations with <script> and <img onerror> show as text in the incident view, and nothing runs', async () => {
    const view = await host.render('incident_get', { incident });
    await view.frame.waitForSelector('li.alert');
    await expectInert(view.frame, view.console, INJECTED);
    await host.screenshot(view, 'incident-untrusted');
  });

  it('a metric label with <img onerror> shows as text in the chart, and nothing runs', async () => {
    const view = await host.render('prom_query_range', { query: 'checkout_build_info', start: '-30m' });
    await view.frame.waitForSelector('svg path.series');
    await expectInert(view.frame, view.console, ['<img src=x onerror=']);
    expect(
      await view.frame.$$eval('.series-table td:first-child', (ts) => ts.map((t) => t.textContent)),
    ).toEqual([
      expect.stringContaining(`note="<img src=x onerror="document.documentElement.dataset.pwned='label'`),
    ]);
    await host.screenshot(view, 'prom-range-chart-untrusted');
  });
});

describe('the views allow no origin', () => {
  it('declare no domain in _meta.ui and carry a CSP of their own that allows only their own inline script and style', async () => {
    for (const view of Object.values(VIEWS)) {
      const { contents } = await host.client.readResource({ uri: view.uri });
      const [content] = contents as unknown as { text: string; _meta: { ui: Json } }[];
      expect(content!._meta.ui.csp).toEqual({
        connectDomains: [],
        resourceDomains: [],
        frameDomains: [],
        baseUriDomains: [],
      });
      expect(content!._meta.ui).not.toHaveProperty('permissions');
      expect(content!._meta.ui).not.toHaveProperty('domain');
      const html = content!.text;
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      const directives = Object.fromEntries(
        policy!.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values];
        }),
      );
      const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
      expect(directives, view.name).toEqual({
        'default-src': ["'none'"],
        'script-src': [hash(script)],
        'style-src': [hash(style)],
        'img-src': ['data:'],
        'font-src': ["'none'"],
        'connect-src': ["'none'"],
        'frame-src': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
      });
      expect(html.match(/<script/g), view.name).toHaveLength(1);
    }
  });

  it('in Chromium a view reaches no origin, loads no image from one, and runs no script it did not ship', async () => {
    const view = await host.render('approval_status', { id: 'apr_doesnotexist' });
    await view.frame.waitForSelector('p.error');
    expect(await viewFetches(view.frame, 'http://127.0.0.1:9/x')).toBe('blocked: connect-src');
    const outcome = await view.frame.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
          const img = document.createElement('img');
          img.src = 'http://127.0.0.1:9/beacon.gif';
          document.body.append(img);
          const s = document.createElement('script');
          s.textContent = "document.documentElement.dataset.injected = 'yes'";
          document.body.append(s);
          setTimeout(() => resolve([...seen, document.documentElement.dataset.injected ?? 'not run']), 300);
        }),
    );
    // Each policy in force (the view's own and the host's) reports the image; the script stays unrun.
    expect([...new Set(outcome)].sort()).toEqual(['img-src', 'not run', 'script-src-elem']);
  });
});
