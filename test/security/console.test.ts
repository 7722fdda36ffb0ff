// Attacks on the web console (issue 18), through the wire and in headless Chromium against
// a served opswarden on the security sandbox world: the static files hold no data and
// need no token, while every API the console reads needs one (the audit log a human's);
// hostile text an agent writes (a reason, an alert annotation) renders as text under a
// strict CSP, and so does hostile change text that correlation quotes in its hypotheses,
// their evidence and the postmortem draft; the console's tool calls go through /mcp as the
// logged-in principal and are audited as theirs, and a principal whose roles allow no tool
// is shown the server's refusal; the token never travels in a URL or lands in persistent
// storage; a decision made in the console obeys the two-person rule; paths under /console
// outside its three files get nothing; the audit and runbook-run APIs refuse bad
// parameters by name.

import { request } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { type ConsolePage, openConsole } from '../helpers/console.ts';
import { type CallResult, type SecurityWorld, scaleCheckout, startSecurityWorld } from './harness.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const CONSOLE_FILES = ['/console', '/console/', '/console/app.js', '/console/app.css'];

function approvalIdOf(res: CallResult): string {
  expect(res.structuredContent?.status, res.content[0]?.text).toBe('approval_required');
  return res.structuredContent!.approvalId as string;
}

/** GET with the path exactly as written (no URL normalization of `..` or escapes). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

let w: SecurityWorld;
let browser: Browser;

beforeAll(async () => {
  w = await startSecurityWorld();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
});

describe('what the console serves without a token', () => {
  it('its three files, the same bytes whatever the store holds, under a strict CSP, nosniff, no referrer, no caching', async () => {
    const before = await Promise.all(CONSOLE_FILES.map((path) => w.http(undefined, 'GET', path)));
    const id = approvalIdOf(
      await w.call('agent', 'k8s_deployment_scale', scaleCheckout(7, 'served-bytes probe')),
    );
    const after = await Promise.all(CONSOLE_FILES.map((path) => w.http(undefined, 'GET', path)));
    for (const [i, reply] of after.entries()) {
      expect(reply.status, CONSOLE_FILES[i]).toBe(200);
      expect(reply.body).toEqual(before[i]!.body);
      const text = String(reply.body);
      for (const secret of [id, 'served-bytes probe', ...Object.values(w.tokens)])
        expect(text).not.toContain(secret);
      expect(reply.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
    expect(after[0]!.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(after[2]!.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(after[3]!.headers.get('content-type')).toBe('text/css; charset=utf-8');
    // No inline script or style for the CSP to have to allow.
    expect(String(after[0]!.body)).not.toMatch(/<script>|<style|\son\w+=/i);
    await w.http('oncall', 'POST', `/v1/approvals/${id}/reject`, { body: { comment: 'probe only' } });
  });

  it('every API the console reads needs a token; the audit log only a human’s', async () => {
    for (const path of [
      '/v1/approvals?status=pending',
      '/v1/audit',
      '/v1/runbooks/executions',
      '/v1/incidents',
      '/v1/oncall',
    ]) {
      const anonymous = await w.http(undefined, 'GET', path);
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.headers.get('www-authenticate'), path).toMatch(/^Bearer /);
    }
    for (const who of ['agent', 'alertWriter'] as const) {
      const refused = await w.http(who, 'GET', '/v1/audit');
      expect(refused.status, who).toBe(403);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
      expect(refused.body.error_description).toMatch(/readable by humans only/);
      expect(JSON.stringify(refused.body)).not.toContain('"records"');
    }
    const viewer = await w.http('viewer', 'GET', '/v1/audit?limit=1');
    expect(viewer.status).toBe(200);
    expect(viewer.body.records).toHaveLength(1);
  });

  it('nothing outside the three files: unknown names, traversal and encoded traversal get a 404, never a file', async () => {
    for (const path of [
      '/console/index.html',
      '/console/app.js.map',
      '/console/browser/main.ts',
      '/console/assets.ts',
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/..%2fpackage.json',
      '/console/%2e%2e%2fpackage.json',
      '/console/..%5cpackage.json',
      '/console/app.js/../../package.json',
      '/console//etc/passwd',
      '/console/app.js%00.css',
      '/consoleX',
    ]) {
      const reply = await rawGet(w.url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('"name": "opswarden"');
      expect(reply.body, path).not.toContain('root:');
    }
    const posted = await w.http(undefined, 'POST', '/console/app.js', { body: {} });
    expect(posted.status).toBe(405);
  });
});

describe('the console in Chromium against hostile data', () => {
  let c: ConsolePage;
  let id: string;
  let incident: string;

  beforeAll(async () => {
    id = approvalIdOf(await w.call('agent', 'k8s_deployment_scale', scaleCheckout(8, HOSTILE)));
    // A change CI reports just before the alert: correlation quotes its text as the likely cause.
    const changed = await w.http('changeWriter', 'POST', '/v1/changes', {
      body: {
        kind: 'feature_flag',
        service: 'checkout',
        namespace: 'shop',
        at: new Date(w.app.worldClock.now().getTime() - 10 * 60_000).toISOString(),
        summary: `flag flipped ${HOSTILE}`,
        actor: 'ci',
        source: 'launchdarkly',
      },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    const posted = await w.http('alertWriter', 'POST', '/v1/alerts', {
      body: {
        labels: {
          alertname: 'HostileAnnotation',
          service: 'checkout',
          namespace: 'shop',
          severity: 'warning',
        },
        annotations: { summary: HOSTILE },
        status: 'firing',
        startsAt: w.app.worldClock.now().toISOString(),
      },
    });
    incident = posted.body.incidents[0].id as string;
    c = await openConsole(browser, w);
  });

  /** Nothing hostile became an element or ran, and the page threw nothing. */
  async function nothingRan(): Promise<void> {
    expect(await c.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await c.page.$$eval('main img, main script', (els) => els.length)).toBe(0);
    expect(c.errors).toEqual([]);
  }

  it('a refused token brings the login back with the server’s reason, and nothing is kept', async () => {
    await c.logIn({ token: 'not-a-token' });
    expect(await c.text('form.login [role="alert"]')).toMatch(/^The server refused the token \(401\): /);
    expect(await c.page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
  });

  it('an agent’s reason and an alert’s annotation render as text: no element made, no script run', async () => {
    await c.logIn('oncall');
    const card = `article[data-approval-id="${id}"]`;
    await c.page.waitForSelector(card);
    expect(await c.page.$eval(`${card} q.untrusted`, (q) => q.textContent)).toBe(HOSTILE);
    await c.go(`#/audit?approvalId=${id}`);
    await c.page.waitForSelector('table.audit tbody tr[data-type="approval.requested"]');
    await c.go('#/incidents?status=open');
    const link = await c.page.waitForSelector('table.incidents tbody a');
    await link!.click();
    await c.page.waitForSelector('table.alerts tbody q.untrusted');
    expect(await c.page.$$eval('table.alerts q.untrusted', (qs) => qs.map((q) => q.textContent))).toContain(
      HOSTILE,
    );
    await nothingRan();
    expect(await c.page.$$eval('script', (ss) => ss.map((s) => s.getAttribute('src')))).toEqual([
      '/console/app.js',
    ]);
    expect(c.shell.headers()['content-security-policy']).toContain("script-src 'self'");
  });

  it('hypotheses, their evidence and the postmortem draft quote hostile change text as text; the calls are the logged-in human’s, through /mcp, audited', async () => {
    await c.go(`#/incidents/${incident}`);
    await c.page.click('button.correlate');
    await c.page.waitForSelector('li.hypothesis');
    const quotes = await c.page.$$eval('li.hypothesis q.untrusted', (qs) => qs.map((q) => q.textContent));
    expect(quotes.filter((q) => q?.includes(HOSTILE)).length).toBeGreaterThanOrEqual(2); // summary and evidence
    await nothingRan();
    await c.screenshot('security-hostile-hypotheses');

    await c.go(`#/incidents/${incident}/postmortem`);
    await c.page.waitForSelector('article.draft pre');
    const draft = await c.page.$$eval('article.draft pre', (pres) =>
      pres.map((p) => p.textContent).join('\n'),
    );
    expect(draft).toContain(HOSTILE);
    expect(await c.page.$eval('.postmortem dl.facts q.untrusted', (q) => q.textContent)).toContain(HOSTILE);
    await nothingRan();

    // One stateless 2026-07-28 request per call, with the user's token and nothing else saying who.
    const calls = c.requests.filter((r) => new URL(r.url()).pathname === '/mcp');
    expect(calls.map((r) => JSON.parse(r.postData() ?? '{}').params?.name)).toEqual([
      'incident_correlate',
      'postmortem_draft',
    ]);
    for (const r of calls) {
      expect(r.method()).toBe('POST');
      expect(r.headers()).toMatchObject({
        authorization: `Bearer ${w.tokens.oncall}`,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
      });
      expect(r.headers()['mcp-session-id']).toBeUndefined();
      expect(r.postData()).not.toContain(w.tokens.oncall);
    }
    for (const tool of ['incident_correlate', 'postmortem_draft']) {
      const records = w.auditRecords({ tool, type: 'tool.call' });
      expect(records, tool).toHaveLength(1);
      expect(records[0]!.principal).toBe('oncall');
      expect(records[0]!.data.principal).toMatchObject({
        id: 'oncall',
        roles: ['sre-oncall'],
        client: { name: 'opswarden-console' },
      });
    }
  });

  it('the token travels only in the Authorization header: never in a URL, a cookie or localStorage; log out forgets it', async () => {
    const token = w.tokens.oncall;
    for (const r of c.requests) {
      expect(r.url()).not.toContain(token);
      expect(r.url()).not.toContain(encodeURIComponent(token));
      expect(r.url().startsWith(`${w.url}/`), r.url()).toBe(true);
    }
    const apiCalls = c.requests.filter((r) => /^\/(v1\/|mcp$)/.test(new URL(r.url()).pathname));
    expect(apiCalls.length).toBeGreaterThan(3);
    for (const r of apiCalls) {
      if (r.headers().authorization === 'Bearer not-a-token') continue;
      expect(r.headers().authorization).toBe(`Bearer ${token}`);
    }
    expect(await c.page.evaluate(() => [localStorage.length, document.cookie])).toEqual([0, '']);
    expect(await c.page.evaluate(() => Object.values(sessionStorage))).toEqual([token]);
    await c.page.click('button.logout');
    await c.page.waitForSelector('form.login');
    expect(await c.page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('a decision in the console obeys the two-person rule: the requesting agent is refused, in its own words', async () => {
    await c.logIn('agent');
    await c.go('#/approvals');
    const card = `article[data-approval-id="${id}"]`;
    // The requester sees its own ticket (and only that: the other pending tickets are not its).
    await c.page.waitForSelector(`#pending ${card}`);
    await c.page.click(`${card} button.approve`);
    expect(await c.text(`${card} [role="alert"]`)).toBe(
      '403: agent is an agent; only a human can decide approvals',
    );
    expect(w.app.approvals.get(id)?.status).toBe('pending');
    await c.screenshot('security-agent-refused');
  });

  it('a principal whose roles allow no tool asks for causes and a draft: the server’s refusal shows as text, nothing runs', async () => {
    await c.page.click('button.logout');
    await c.logIn('alertWriter');
    await c.go(`#/incidents/${incident}`);
    await c.page.click('button.correlate');
    const refusal =
      'access denied: principal "alertmanager" (roles [alert-writer]) may use no MCP tools (config access.tools, access.defaultTools)';
    expect(await c.text('.causes [role="alert"]')).toBe(`403: incident_correlate: ${refusal}`);
    expect(await c.page.$eval('button.correlate', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    await c.screenshot('security-no-tools-refused');
    await c.go(`#/incidents/${incident}/postmortem`);
    expect(await c.text('.postmortem [role="alert"]')).toBe(`403: postmortem_draft: ${refusal}`);
    // Refused at /mcp, before the gate: no call of theirs, and still logged in.
    expect(w.auditRecords({ principal: 'alertmanager', type: 'tool.call' })).toEqual([]);
    expect(await c.page.$('button.logout')).not.toBeNull();
    expect(c.errors).toEqual([]);
  });
});

describe('the decision API as the console calls it', () => {
  it('refuses the requesting human and a human without an approver role; nothing is granted', async () => {
    const viaConsole = { headers: { 'x-opswarden-via': 'console' }, body: { comment: 'from the console' } };
    const own = approvalIdOf(await w.call('oncall', 'k8s_deployment_scale', scaleCheckout(9, 'mine')));
    const self = await w.http('oncall', 'POST', `/v1/approvals/${own}/approve`, viaConsole);
    expect(self.status).toBe(403);
    expect(self.body.error_description).toBe(`oncall requested ${own} and cannot also approve or reject it`);
    const viewer = await w.http('viewer', 'POST', `/v1/approvals/${own}/approve`, viaConsole);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error_description).toMatch(
      /^viewer has roles \[viewer\]; .* needs one of \[sre-oncall\]/,
    );
    expect(w.app.approvals.get(own)?.status).toBe('pending');
    expect(w.auditRecords({ type: 'approval.granted' }).filter((r) => r.data.approvalId === own)).toEqual([]);
  });
});

describe('the console’s data APIs refuse bad parameters by name', () => {
  it('GET /v1/audit', async () => {
    const bad: [string, RegExp][] = [
      [
        'type=approval.stolen',
        /^type: expected one of tool\.call, .*approval\.granted.*, got "approval\.stolen"$/,
      ],
      ['effect=maybe', /^effect: expected one of allow, escalate, deny/],
      ['limit=0', /^limit: expected an integer from 1 to 500, got "0"$/],
      ['limit=501', /^limit: expected an integer from 1 to 500/],
      ['limit=1000000000', /^limit: expected an integer from 1 to 500/],
      ['limit=1e3', /^limit: expected an integer from 1 to 500/],
      ['limit=-5', /^limit: expected an integer from 1 to 500/],
      ['since=yesterday', /^since: invalid time "yesterday"/],
      ['until=2026-13-45', /^until: invalid time/],
      ['verify=yes', /^verify: expected 1/],
      ['approvalid=apr_x', /^unknown parameter "approvalid"; known: principal, tool, callId, approvalId/],
      [`principal=${'x'.repeat(500)}`, /^principal: at most 200 characters, got 500$/],
    ];
    for (const [query, message] of bad) {
      const reply = await w.http('oncall', 'GET', `/v1/audit?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.message, query).toMatch(message);
    }
    const missing = await w.http('oncall', 'GET', '/v1/audit?approvalId=apr_nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('no approval with id apr_nothing');
    const max = await w.http('oncall', 'GET', '/v1/audit?limit=500&verify=1');
    expect(max.status).toBe(200);
    expect(max.body.verify).toMatchObject({ ok: true });
  });

  it('GET /v1/runbooks/executions, and another principal’s run is not found', async () => {
    for (const [query, message] of [
      ['status=lost', /^status: expected one of running, finished, resolved, escalate, failed, cancelled/],
      ['limit=201', /^limit: expected an integer from 1 to 200/],
      ['owner=me', /^unknown parameter "owner"/],
    ] as const) {
      const reply = await w.http('oncall', 'GET', `/v1/runbooks/executions?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.message, query).toMatch(message);
    }
    const started = await w.call('agent', 'runbook_run', {
      runbook: 'rollback-deployment',
      params: { namespace: 'shop', deployment: 'checkout', service: 'checkout' },
      reason: 'visibility probe',
      dryRun: true,
    });
    expect(started.isError, started.content[0]?.text).toBeFalsy();
    const run = started.structuredContent!.id as string;
    expect((await w.http('agent', 'GET', `/v1/runbooks/executions/${run}`)).status).toBe(200);
    expect((await w.http('oncall', 'GET', `/v1/runbooks/executions/${run}`)).status).toBe(200);
    expect((await w.http('agent2', 'GET', `/v1/runbooks/executions/${run}`)).status).toBe(404);
    const others = await w.http('agent2', 'GET', '/v1/runbooks/executions');
    expect(others.body.executions).toEqual([]);
    const humans = await w.http('viewer', 'GET', '/v1/runbooks/executions');
    expect(humans.body.executions.map((e: { id: string }) => e.id)).toContain(run);
    expect((await w.http('oncall', 'GET', '/v1/runbooks/executions/..%2f..%2fetc')).status).toBe(404);
  });
});

describe('a tampered audit log in the console', () => {
  it('the audit view says BROKEN at the edited record, with the reason', async () => {
    const id = approvalIdOf(
      await w.call('agent', 'k8s_deployment_scale', scaleCheckout(4, 'to be rewritten')),
    );
    const [victim] = w.auditRecords({ type: 'approval.requested' }).filter((r) => r.data.approvalId === id);
    w.app.db.exec('DROP TRIGGER audit_log_no_update'); // an attacker with write access to the store
    w.app.db
      .prepare('UPDATE audit_log SET data = ? WHERE seq = ?')
      .run(JSON.stringify({ ...victim!.data, reason: 'nothing to see here' }), victim!.seq);
    // A new record moves the head, so no verdict from before the edit is reused.
    await w.call('agent', 'k8s_deployment_scale', scaleCheckout(3, 'after the edit'));
    const c = await openConsole(browser, w);
    await c.logIn('oncall');
    await c.go('#/audit');
    await c.page.waitForSelector('.verify .broken');
    expect(await c.text('.verify')).toMatch(
      new RegExp(`^BROKEN at seq ${victim!.seq}: contents do not match the record hash \\(record edited\\)`),
    );
    expect(await c.page.$eval('table.audit tr.broken', (tr) => tr.querySelector('td')?.textContent)).toBe(
      String(victim!.seq),
    );
    await c.screenshot('security-audit-broken');
  });
});
