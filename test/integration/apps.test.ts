// The MCP Apps views (issue 14) as a person sees them: opswarden serves apps-world.yaml over
// HTTP; a test host page that follows the Apps spec (AppBridge, a sandbox proxy on another
// origin, the view in a sandboxed iframe) runs in headless Chromium and shows each view with
// a real result of its tool, fetched from opswarden over MCP. The tests assert what a user
// relies on and keep a screenshot of each view in test-artifacts/apps/ (gitignored). The
// views and the tools' `_meta.ui` are offered only to clients that declare the extension.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/apps/views.ts';
import { APPS_CAPABILITIES, type AppsHost, type RenderedView } from '../helpers/apps-host/server.ts';
import { type AppsWorld, startAppsWorld } from '../helpers/apps-world.ts';
import type { SecurityWorld } from '../security/harness.ts';

type Json = Record<string, unknown>;

const ERRORS_BY_CODE = 'sum by (code) (rate(http_requests_total{service="checkout"}[5m]))';

let world: AppsWorld;
let w: SecurityWorld;
let host: AppsHost;
let incident: string;
const clients: Client[] = [];

async function client(opts: { apps: boolean; era: 'modern' | 'legacy' }): Promise<Client> {
  const c = new Client(
    { name: `apps-${opts.era}-${opts.apps}`, version: '1.0.0' },
    {
      ...(opts.apps ? { capabilities: APPS_CAPABILITIES } : {}),
      ...(opts.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  await c.connect(
    new StreamableHTTPClientTransport(new URL(`${w.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${w.tokens.agent}` } },
    }),
  );
  clients.push(c);
  return c;
}

/** The structured result of the call the host page made to show a view (the last one of `tool`). */
function shownResult(tool: string): Json {
  const call = host.forwarded
    .filter((f) => f.from === 'host' && f.method === 'tools/call' && f.params.name === tool)
    .at(-1);
  expect(call?.error).toBeUndefined();
  return (call!.result as { structuredContent: Json }).structuredContent;
}

const texts = (frame: Frame, selector: string) =>
  frame.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

beforeAll(async () => {
  world = await startAppsWorld();
  ({ w, host, incident } = world);
}, 300_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await world?.close();
});

describe('offered to MCP Apps hosts only', () => {
  for (const era of ['legacy', 'modern'] as const) {
    it(`${era === 'modern' ? '2026-07-28' : '2025'}: tools/list and resources/list carry the views only for a client that declares the extension`, async () => {
      const plain = await client({ apps: false, era });
      const apps = await client({ apps: true, era });
      const plainTools = (await plain.listTools()).tools;
      expect(plainTools.filter((t) => (t._meta as Json | undefined)?.ui !== undefined)).toEqual([]);
      const plainResources = (await plain.listResources()).resources.map((r) => r.uri);
      expect(plainResources.filter((u) => u.startsWith('ui://'))).toEqual([]);

      const appsTools = new Map((await apps.listTools()).tools.map((t) => [t.name, t]));
      const uiOf = (name: string) => (appsTools.get(name)?._meta as Json | undefined)?.ui as Json | undefined;
      expect(uiOf('prom_query_range')).toEqual({ resourceUri: VIEWS['prom-range-chart'].uri });
      expect(uiOf('incident_get')).toEqual({ resourceUri: VIEWS.incident.uri });
      expect(uiOf('incident_correlate')).toEqual({ resourceUri: VIEWS.incident.uri });
      expect(uiOf('approval_status')).toEqual({ resourceUri: VIEWS.approval.uri });
      expect(appsTools.get('approval_status')?._meta?.[RESOURCE_URI_META_KEY]).toBe(VIEWS.approval.uri);
      // Changes are the model's only: a host refuses them to a view.
      for (const t of appsTools.values())
        if (!t.annotations?.readOnlyHint) expect(uiOf(t.name), t.name).toEqual({ visibility: ['model'] });
      // Everything else is as a plain client sees it.
      expect([...appsTools.keys()]).toEqual(plainTools.map((t) => t.name));
      const appsResources = (await apps.listResources()).resources.filter((r) => r.uri.startsWith('ui://'));
      expect(appsResources.map((r) => r.uri).sort()).toEqual(
        Object.values(VIEWS)
          .map((v) => v.uri)
          .sort(),
      );
      for (const r of appsResources) expect(r.mimeType).toBe(RESOURCE_MIME_TYPE);
    });
  }

  it('each view reads as one self-contained HTML document with the Apps MIME type and CSP meta', async () => {
    const apps = await client({ apps: true, era: 'modern' });
    for (const view of Object.values(VIEWS)) {
      const { contents } = await apps.readResource({ uri: view.uri });
      const [content] = contents as { uri: string; mimeType: string; text: string; _meta: Json }[];
      expect(content!.mimeType).toBe(RESOURCE_MIME_TYPE);
      expect(content!._meta.ui).toEqual({
        csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] },
        prefersBorder: true,
      });
      expect(content!.text).toMatch(/^<!doctype html>/);
      expect(content!.text).not.toMatch(/<script[^>]+src=|<link\b/i);
    }
    await expect(apps.readResource({ uri: 'ui://opswarden/nothing' })).rejects.toThrow(/unknown view/);
  });
});

describe('the views in Chromium', () => {
  let chart: RenderedView;

  it('the range chart draws one path per series, marks each change point and the onset', async () => {
    chart = await host.render('prom_query_range', { query: ERRORS_BY_CODE, start: '-1h' });
    await chart.frame.waitForSelector('svg path.series');
    const result = shownResult('prom_query_range');
    const series = result.series as { changePoints: { at: string }[] }[];
    expect(series.length).toBeGreaterThan(1);
    expect(
      await chart.frame.$$eval('svg path.series', (ps) => ps.map((p) => p.getAttribute('d')?.length ?? 0)),
    ).toHaveLength(series.length);
    const changePoints = series.flatMap((s) => s.changePoints);
    expect(changePoints.length).toBeGreaterThan(0);
    expect(await chart.frame.$$eval('svg circle.change-point', (cs) => cs.length)).toBe(changePoints.length);
    const onset = changePoints.map((c) => c.at).sort()[0]!;
    expect(await chart.frame.$$eval('svg line.onset', (ls) => ls.length)).toBe(1);
    expect(await texts(chart.frame, 'svg text.onset-label')).toEqual([`onset ${onset.slice(11, 16)} UTC`]);
    await host.screenshot(chart, 'prom-range-chart');
  });

  it('Refresh asks for the raw points through the host, and the lines become exact', async () => {
    const before = host.forwarded.length;
    await chart.frame.click('button');
    await chart.frame.waitForFunction(() =>
      document.querySelector('.legend')?.textContent?.includes('raw points.'),
    );
    const asked = host.forwarded.slice(before).filter((f) => f.from === 'view');
    expect(asked.map((f) => [f.method, f.params.name, (f.params.arguments as Json).raw])).toEqual([
      ['tools/call', 'prom_query_range', true],
    ]);
    await host.screenshot(chart, 'prom-range-chart-raw');
  });

  it('the incident view lists the hypotheses in rank order, with the timeline and its onset', async () => {
    const view = await host.render('incident_correlate', { incident });
    await view.frame.waitForSelector('li.hypothesis');
    const result = shownResult('incident_correlate');
    const ranks = await view.frame.$$eval('li.hypothesis', (ls) =>
      ls.map((l) => Number(l.getAttribute('data-rank'))),
    );
    const hypotheses = result.hypotheses as { rank: number; ref: string }[];
    expect(ranks).toEqual(hypotheses.map((h) => h.rank).sort((a, b) => a - b));
    expect(ranks.length).toBeGreaterThan(1);
    expect((await texts(view.frame, 'li.hypothesis code.ref'))[0]).toBe('Deployment/shop/checkout');
    expect(await view.frame.$$eval('ol.timeline li.onset', (ls) => ls.length)).toBe(1);
    await host.screenshot(view, 'incident-correlate');
  });

  it('incident_get shows the incident and its alerts; Correlate fills in the hypotheses through the host', async () => {
    const view = await host.render('incident_get', { incident });
    await view.frame.waitForSelector('li.alert');
    expect((await texts(view.frame, 'h1'))[0]).toContain(incident);
    await host.screenshot(view, 'incident-get');
    const before = host.forwarded.length;
    await view.frame.click('button');
    await view.frame.waitForSelector('li.hypothesis');
    expect(host.forwarded.slice(before).map((f) => [f.from, f.method, f.params.name])).toEqual([
      ['view', 'tools/call', 'incident_correlate'],
    ]);
    await host.screenshot(view, 'incident-get-correlated');
  });

  it('the approval card names what waits, who can decide and the CLI command, and has no approve control', async () => {
    const escalated = await w.call('agent', 'k8s_deployment_scale', {
      namespace: 'shop',
      name: 'checkout',
      replicas: 4,
      reason: 'apps test: a change that waits',
    });
    const approvalId = escalated.structuredContent?.approvalId as string;
    expect(approvalId).toMatch(/^apr_/);
    const view = await host.render('approval_status', { id: approvalId });
    await view.frame.waitForSelector('section.decide');
    const text = await view.frame.$eval('main', (m) => m.textContent ?? '');
    expect(text).toContain('k8s_deployment_scale');
    expect(text).toContain('Deployment shop/checkout (production');
    expect(text).toContain('sre-oncall');
    expect(await texts(view.frame, 'ul.where code')).toEqual([
      expect.stringContaining(`opswarden approvals approve ${approvalId} --token-file`),
      expect.stringContaining(`POST /v1/approvals/${approvalId}/approve`),
    ]);
    expect(await texts(view.frame, 'button')).toEqual(['Refresh status']);
    expect(await view.frame.$$eval('form, input, select, textarea, a[href]', (els) => els.length)).toBe(0);
    await host.screenshot(view, 'approval');
  });
});
