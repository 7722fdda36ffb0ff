// The served world of the MCP Apps tests (test/integration/apps.test.ts,
// test/security/apps.test.ts): apps-world.yaml under opswarden over HTTP (the security
// suite's harness), its alerts posted so an incident is open, a feature flag change from CI,
// headless Chromium, and the test host page with its MCP connection as the agent.

import type { Browser } from 'puppeteer-core';
import { type SecurityWorld, startSecurityWorld } from '../security/harness.ts';
import { type AppsHost, startAppsHost } from './apps-host/server.ts';
import { launchChromium } from './chromium.ts';
import { REPO } from './world.ts';

export const APPS_SCENARIO = `${REPO}/test/fixtures/scenarios/apps-world.yaml`;

export interface AppsWorld {
  w: SecurityWorld;
  browser: Browser;
  /** The test host, connected as the agent. */
  host: AppsHost;
  /** The open incident on checkout. */
  incident: string;
  close(): Promise<void>;
}

export async function startAppsWorld(): Promise<AppsWorld> {
  const w = await startSecurityWorld({ scenario: APPS_SCENARIO });
  let browser: Browser | undefined;
  try {
    await w.sandbox.notifyAlerts(`${w.url}/v1/alerts/alertmanager`, w.tokens.alertWriter);
    // A flag CI flipped before the deploy: a second candidate cause, so the hypotheses have a rank order.
    const flag = await w.http('changeWriter', 'POST', '/v1/changes', {
      body: {
        kind: 'feature_flag',
        service: 'checkout',
        namespace: 'shop',
        at: '2026-04-25T14:10:00Z',
        summary: 'new-pricing enabled for 50% of traffic',
        actor: 'ci',
        source: 'launchdarkly',
      },
    });
    if (flag.status !== 201) throw new Error(`POST /v1/changes: ${flag.status} ${JSON.stringify(flag.body)}`);
    const listed = await w.call('agent', 'incident_list', {});
    const incidents = (listed.structuredContent?.incidents ?? []) as { id: string; service: string }[];
    const incident = incidents.find((i) => i.service === 'checkout')?.id;
    if (!incident) throw new Error(`no incident on checkout: ${listed.content[0]?.text}`);
    browser = await launchChromium();
    const host = await startAppsHost({ browser, mcpUrl: w.url, token: w.tokens.agent });
    const opened = browser;
    return {
      w,
      browser,
      host,
      incident,
      async close() {
        await host.close();
        await opened.close();
        await w.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await w.close();
    throw err;
  }
}
