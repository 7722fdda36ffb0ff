// Role -> tool kinds (config `access`): the ingest-only keys of Alertmanager and CI reach no
// tool, other roles get the default, and a principal's kinds are the union over its roles.

import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/load.ts';
import {
  type AccessConfig,
  accessConfigSchema,
  mcpAccessDenial,
  toolAccessDenial,
  toolKindsOf,
} from '../../../src/dispatch/access.ts';
import { ALERT_WRITER_ROLE } from '../../../src/server/alerts-api.ts';
import { CHANGE_WRITER_ROLE } from '../../../src/server/changes-api.ts';
import type { Principal } from '../../../src/types.ts';

const access = (raw: unknown): AccessConfig => accessConfigSchema.parse(raw);
const principal = (roles: string[]): Principal => ({ id: 'p1', type: 'service', roles, transport: 'http' });
const kinds = (roles: string[], config: AccessConfig) => [...toolKindsOf(principal(roles), config)].sort();

describe('access defaults', () => {
  const defaults = access({});

  it('give the alert and change writer roles no tool, and every other role read and mutate', () => {
    expect(defaults.tools[ALERT_WRITER_ROLE]).toEqual([]);
    expect(defaults.tools[CHANGE_WRITER_ROLE]).toEqual([]);
    expect(kinds([ALERT_WRITER_ROLE], defaults)).toEqual([]);
    expect(kinds([CHANGE_WRITER_ROLE], defaults)).toEqual([]);
    expect(kinds([ALERT_WRITER_ROLE, CHANGE_WRITER_ROLE], defaults)).toEqual([]);
    expect(kinds(['responder'], defaults)).toEqual(['mutate', 'read']);
    expect(kinds([], defaults)).toEqual(['mutate', 'read']); // anonymous loopback callers, stdio without roles
  });

  it('are what a config without an access block gets', () => {
    const config = parseConfig({}, 'test', {}, '/tmp');
    expect(config.access).toEqual(defaults);
  });

  it('refuse /mcp to an ingest-only key, naming the principal, its roles and the config key', () => {
    const message = mcpAccessDenial(principal([ALERT_WRITER_ROLE]), defaults);
    expect(message).toContain('"p1"');
    expect(message).toContain('[alert-writer]');
    expect(message).toContain('access.tools');
    expect(mcpAccessDenial(principal(['responder']), defaults)).toBeUndefined();
  });
});

describe('access configured', () => {
  it("a principal's kinds are the union over its roles", () => {
    const config = access({ tools: { viewer: ['read'], fixer: ['mutate'] } });
    expect(kinds(['viewer'], config)).toEqual(['read']);
    expect(kinds(['viewer', 'fixer'], config)).toEqual(['mutate', 'read']);
    expect(kinds([ALERT_WRITER_ROLE, 'viewer'], config)).toEqual(['read']);
    expect(kinds([ALERT_WRITER_ROLE, 'responder'], config)).toEqual(['mutate', 'read']);
  });

  it('listing other roles keeps the ingest-only defaults; listing a writer role replaces its default', () => {
    expect(access({ tools: { viewer: ['read'] } }).tools[ALERT_WRITER_ROLE]).toEqual([]);
    const config = access({ tools: { [ALERT_WRITER_ROLE]: ['read'] } });
    expect(kinds([ALERT_WRITER_ROLE], config)).toEqual(['read']);
    expect(kinds([CHANGE_WRITER_ROLE], config)).toEqual([]);
  });

  it('defaultTools: [] turns the list into an allowlist, principals without roles included', () => {
    const config = access({ tools: { responder: ['read', 'mutate'] }, defaultTools: [] });
    expect(kinds(['responder'], config)).toEqual(['mutate', 'read']);
    expect(kinds(['developer'], config)).toEqual([]);
    expect(kinds([], config)).toEqual([]);
  });

  it('a role named like an Object property gets defaultTools, not whatever the prototype holds', () => {
    const config = access({ defaultTools: ['read'] });
    expect(kinds(['constructor'], config)).toEqual(['read']);
    expect(kinds(['__proto__', 'toString'], config)).toEqual(['read']);
  });

  it('a mutate call by a read-only principal is refused naming it, what it may use and the config key', () => {
    const config = access({ tools: { viewer: ['read'] } });
    const message = toolAccessDenial(principal(['viewer']), 'mutate', config);
    expect(message).toMatch(/principal "p1" \(roles \[viewer\]\) may use read tools only, not mutate tools/);
    expect(message).toContain('access.tools');
    expect(toolAccessDenial(principal(['viewer']), 'read', config)).toBeUndefined();
    expect(toolAccessDenial(principal([CHANGE_WRITER_ROLE]), 'read', config)).toMatch(/may use no tools/);
  });

  it('refuses an unknown tool kind or an unknown key, naming the key path', () => {
    expect(() => parseConfig({ access: { tools: { viewer: ['write'] } } }, 'cfg', {}, '/tmp')).toThrow(
      /access\.tools\.viewer\[0\]/,
    );
    expect(() => parseConfig({ access: { defaultTool: ['read'] } }, 'cfg', {}, '/tmp')).toThrow(
      /access\.defaultTool: unknown key/,
    );
    expect(() => parseConfig({ access: { tools: { viewer: 'read' } } }, 'cfg', {}, '/tmp')).toThrow(
      ConfigError,
    );
  });
});
