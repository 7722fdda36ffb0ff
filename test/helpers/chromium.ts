// Headless Chromium for the tests that look at what a person sees (the MCP Apps views):
// Debian's chromium (installed through ./debian-package.ts when missing), driven with
// puppeteer-core over the DevTools protocol. puppeteer-core downloads no browser; it attaches
// to the frames of other processes (a sandboxed view iframe is one) as if they were in the
// page, and takes screenshots. Nothing leaves the machine: every host name but 127.0.0.1
// fails to resolve, and Chromium's own background traffic is switched off.

import puppeteer, { type Browser } from 'puppeteer-core';
import { requireDebianPackage } from './debian-package.ts';

export async function launchChromium(): Promise<Browser> {
  const executablePath = requireDebianPackage('chromium', '/usr/bin/chromium');
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Chromium refuses its OS sandbox to root (CI runs as root); iframe sandboxes and CSP,
    // what the tests check, are the web platform's and hold either way.
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--no-pings',
    ],
  });
}
