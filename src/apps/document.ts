// The HTML document of a view: one self-contained file (its script and style inline, no
// fetch, no external origin) carrying its own Content-Security-Policy. The policy allows
// exactly the inline script and style it was built with (by sha256), images only as data:
// URLs and nothing else: no network, no frames, no forms, no plugins, no <base>. A host adds
// its own policy from the resource's `_meta.ui.csp` (which declares no domain); this one
// holds even under a host that is lax, so text from a tool result that ever reached the
// markup could still not run.

import { createHash } from 'node:crypto';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function viewPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "font-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A bundle that closes its own tag would end the script early: refuse it rather than serve a broken view. */
function checkInline(kind: 'script' | 'style', text: string): void {
  if (new RegExp(`</${kind}`, 'i').test(text))
    throw new Error(`a view's inline ${kind} contains "</${kind}": it would end the element early`);
}

export function viewDocument(opts: { title: string; script: string; style: string }): string {
  const { title, script, style } = opts;
  checkInline('script', script);
  checkInline('style', style);
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${viewPolicy(script, style)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapedTitle}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<main id="view" aria-live="polite"><p class="muted">Waiting for the tool result…</p></main>',
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
