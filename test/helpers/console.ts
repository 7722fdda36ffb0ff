// The web console (/console) in headless Chromium, for the tests that use it as a person
// would: a page on a served opswarden, logged in with a principal's token through the
// login form, every request it makes kept (to check that the token never travels in a
// URL), errors the page throws kept, and full-page screenshots in test-artifacts/console/
// (gitignored).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import type { SecurityWorld, Who } from '../security/harness.ts';
import { REPO } from './world.ts';

export const CONSOLE_SCREENSHOTS = join(REPO, 'test-artifacts', 'console');

export interface ConsolePage {
  page: Page;
  /** Every request the page made, in order. */
  requests: HTTPRequest[];
  /** The answer to the first load of the console's HTML. */
  shell: HTTPResponse;
  /** Uncaught errors in the page. */
  errors: string[];
  /** Fills the login form with `who`'s token (or any text) and waits for the approvals page or the refusal. */
  logIn(who: Who | { token: string }): Promise<void>;
  /** Goes to a hash route (`#/audit?...`), unless there already, and waits for its heading. */
  go(hash: string): Promise<void>;
  /** The text a person sees in the first element matching `selector` (waiting for it), spaces collapsed. */
  text(selector: string): Promise<string>;
  /** Saves a full-page PNG as test-artifacts/console/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
}

export async function openConsole(browser: Browser, w: SecurityWorld): Promise<ConsolePage> {
  mkdirSync(CONSOLE_SCREENSHOTS, { recursive: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const requests: HTTPRequest[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('pageerror', (e) => errors.push((e as Error).message));
  const shell = await page.goto(`${w.url}/console/#/approvals`);
  if (!shell) throw new Error(`no answer loading ${w.url}/console/`);
  await page.waitForSelector('form.login input[name="token"]');
  const text = async (selector: string) => {
    const el = await page.waitForSelector(selector);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, with the breaks between a label and its value
    return (await el!.evaluate((e) => (e as HTMLElement).innerText)).replace(/\s+/g, ' ').trim();
  };
  return {
    page,
    requests,
    shell,
    errors,
    async logIn(who) {
      const token = typeof who === 'string' ? w.tokens[who] : who.token;
      await page.waitForSelector('form.login input[name="token"]');
      await page.type('form.login input[name="token"]', token);
      await page.click('form.login button[type="submit"]');
      await page.waitForSelector('main#page h1, form.login [role="alert"]');
    },
    async go(hash) {
      // The page drawn before is marked, so the wait below sees the new one, not it.
      const moved = await page.evaluate((h) => {
        if (location.hash === h) return false;
        document.querySelector('main#page')?.setAttribute('data-left', '');
        location.hash = h;
        return true;
      }, hash);
      await page.waitForSelector(moved ? 'main#page:not([data-left]) h1' : 'main#page h1');
    },
    text,
    async screenshot(name) {
      const path = join(CONSOLE_SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
