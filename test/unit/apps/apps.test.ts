// The server side of the MCP Apps views (src/apps): who counts as an Apps host, what its
// tools/list adds to the catalog (and what it leaves alone), and the view document's CSP.
// What the views show, and the attacks on them, run in Chromium (test/integration/apps.test.ts,
// test/security/apps.test.ts).

import { createHash } from 'node:crypto';
import {
  EXTENSION_ID,
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
} from '@modelcontextprotocol/ext-apps/server';
import { describe, expect, it } from 'vitest';
import { declaresApps } from '../../../src/apps/capability.ts';
import { viewDocument } from '../../../src/apps/document.ts';
import { TOOL_VIEWS, withAppsMeta } from '../../../src/apps/tool-links.ts';
import { VIEWS } from '../../../src/apps/views.ts';
import { createRegistry } from '../../../src/registry.ts';
import { allTools } from '../../../tools/index.ts';

describe('declaresApps', () => {
  it('is true only for the extension with the Apps MIME type, as the spec requires', () => {
    expect(declaresApps({ extensions: { [EXTENSION_ID]: { mimeTypes: [RESOURCE_MIME_TYPE] } } })).toBe(true);
    expect(declaresApps(undefined)).toBe(false);
    expect(declaresApps({})).toBe(false);
    expect(declaresApps({ extensions: { [EXTENSION_ID]: {} } })).toBe(false);
    expect(declaresApps({ extensions: { [EXTENSION_ID]: { mimeTypes: ['text/html'] } } })).toBe(false);
    expect(declaresApps({ extensions: { 'io.example/ui': { mimeTypes: [RESOURCE_MIME_TYPE] } } })).toBe(
      false,
    );
  });
});

describe('withAppsMeta', () => {
  const listed = createRegistry(allTools).list();
  const before = JSON.stringify(listed);
  const apps = new Map(withAppsMeta(listed).map((t) => [t.name, t]));

  it('links each view to its tools, in the current and the deprecated form', () => {
    for (const [tool, view] of Object.entries(TOOL_VIEWS)) {
      const meta = apps.get(tool)?._meta;
      expect(meta?.ui, tool).toEqual({ resourceUri: VIEWS[view].uri });
      expect(meta?.[RESOURCE_URI_META_KEY], tool).toBe(VIEWS[view].uri);
    }
  });

  it('keeps every change tool from views, keeps what tools already carry, and leaves the registry list alone', () => {
    for (const tool of listed) {
      const shown = apps.get(tool.name)!;
      if (!tool.annotations.readOnlyHint)
        expect(shown._meta?.ui, tool.name).toEqual({ visibility: ['model'] });
      else if (!TOOL_VIEWS[tool.name]) expect(shown, tool.name).toBe(tool);
      for (const [key, value] of Object.entries(tool._meta ?? {})) expect(shown._meta?.[key]).toEqual(value);
    }
    expect(JSON.stringify(listed)).toBe(before);
  });
});

describe('viewDocument', () => {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('allows its own inline script and style by hash, and nothing from anywhere', () => {
    const html = viewDocument({ title: 'A & <B>', script: 'console.log(1)', style: 'body{margin:0}' });
    expect(html).toContain(`script-src ${hash('console.log(1)')}`);
    expect(html).toContain(`style-src ${hash('body{margin:0}')}`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toMatch(/unsafe-|https?:/);
    expect(html).toContain('<title>A &#38; &#60;B&#62;</title>');
  });

  it('refuses a script or style that would close its own element', () => {
    expect(() => viewDocument({ title: 't', script: 'x="</script>"', style: '' })).toThrow(/<\/script/);
    expect(() => viewDocument({ title: 't', script: '', style: 'a{}</STYLE>' })).toThrow(/<\/style/);
  });
});
