// The real `opswarden` process as an operator runs it: `config check` output and exit
// codes, help, usage errors, and `approvals approve` acting on the store file a server
// shares with it.

import { chmodSync, copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { ApprovalStore } from '../../../src/approvals/store.ts';
import { AuditLog } from '../../../src/audit/log.ts';
import { hashApiKey } from '../../../src/server/auth/api-keys.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { runCli } from '../../helpers/spawn.ts';
import { makeWorld, type World } from '../../helpers/world.ts';
import { tempDir } from '../audit/helpers.ts';

const API_KEY = 'ow_live_0123456789abcdef';

function configFile(raw: unknown): string {
  const path = join(tempDir(), 'opswarden.yaml');
  writeFileSync(path, yaml.dump(raw));
  return path;
}

describe('opswarden config check', () => {
  const withApiKey = {
    auth: { apiKeys: [{ id: 'ci-bot', type: 'agent', roles: [], key: `\${OW_TEST_KEY}` }] },
    store: { path: 'state/opswarden.db' },
  };

  it('exits 0 and prints the effective config with the API key hash masked', () => {
    const path = configFile(withApiKey);
    const res = runCli(['config', 'check', '--config', path], { env: { OW_TEST_KEY: API_KEY } });
    expect(res.code).toBe(0);
    const [header, ...json] = res.stdout.split('\n');
    expect(header).toBe(`# config ${path} is valid; effective config:`);
    const printed = JSON.parse(json.join('\n'));
    expect(printed.auth.apiKeys).toEqual([{ id: 'ci-bot', type: 'agent', roles: [], sha256: '***' }]);
    expect(printed.store.path).toBe(join(path, '../state/opswarden.db'));
    expect(printed.server.http.port).toBe(8787);
    expect(res.stdout).not.toContain(API_KEY);
    expect(res.stdout).not.toContain(hashApiKey(API_KEY));
  });

  it('accepts --config=<file> too', () => {
    const path = configFile({ server: { name: 'edge' } });
    const res = runCli(['config', 'check', `--config=${path}`]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('"name": "edge"');
  });

  it('exits 2 naming the bad key, or the unset variable, on stderr', () => {
    const typo = runCli(['config', 'check', '--config', configFile({ server: { htpp: { port: 80 } } })]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('server.htpp: unknown key');
    expect(typo.stdout).toBe('');

    const unset = runCli(['config', 'check', '--config', configFile(withApiKey)], {
      env: { OW_TEST_KEY: undefined },
    });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('auth.apiKeys[0].key: environment variable OW_TEST_KEY is not set');
  });

  it.each([[['--config']], [['--config=']]])('exits 2 with a usage message for %j without a file', (flag) => {
    const res = runCli(['config', 'check', ...flag]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('opswarden config: --config needs a file path');
  });
});

describe('help and usage', () => {
  it('--help exits 0 and lists every command', () => {
    const res = runCli(['--help']);
    expect(res.code).toBe(0);
    for (const command of [
      'serve --http',
      'config check',
      'policy test',
      'policy lint',
      'approvals list|show|approve|reject',
      'audit verify',
      'audit query',
    ]) {
      expect(res.stdout).toContain(command);
    }
  });

  it('serve --help exits 0 and describes the transport options, without serving', () => {
    const res = runCli(['serve', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: opswarden serve/);
    for (const option of ['--http', '--host', '--port', '--stateless', '--read-only', '--config']) {
      expect(res.stdout).toContain(option);
    }
  });

  it('--version prints the package version', () => {
    expect(runCli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('an unknown command exits 2, naming it and showing the help', () => {
    const res = runCli(['frobnicate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown command "frobnicate"');
    expect(res.stderr).toContain('Usage: opswarden <command>');
  });
});

describe('opswarden approvals approve', () => {
  let world: World;
  afterEach(() => world?.cleanup());

  /** A pending ticket written to the world's store, as the server would. */
  function pendingTicket(): string {
    const db = openDatabase(world.config.store.path);
    try {
      const store = new ApprovalStore(db, AuditLog.open(db), { now: () => new Date() });
      return store.create({
        actionHash: 'c'.repeat(64),
        tool: 'k8s_deployment_scale',
        args: { namespace: 'shop', name: 'checkout', replicas: 6 },
        target: { namespace: 'shop', name: 'checkout', environment: 'production' },
        impact: { replicas: 6 },
        reason: 'checkout saturated',
        requester: 'claude-agent',
        requesterType: 'agent',
        requesterTransport: 'stdio',
        callId: 'call-1',
        matchedRules: [{ name: 'prod-scale-needs-approval', effect: 'escalate' }],
        approvers: ['sre-oncall'],
        channels: ['out-of-band'],
        ttlMs: 15 * 60_000,
        executionWindowMs: 15 * 60_000,
      }).id;
    } finally {
      db.close();
    }
  }

  function statusOf(id: string) {
    const db = openDatabase(world.config.store.path);
    try {
      return new ApprovalStore(db, AuditLog.open(db), { now: () => new Date() }).get(id);
    } finally {
      db.close();
    }
  }

  const approve = (id: string, ...flags: string[]) =>
    runCli(['approvals', 'approve', id, ...flags, '--config', world.configPath], {
      env: { OPSWARDEN_TOKEN: '', OPSWARDEN_APPROVER_KEY: '' },
    });

  it('without an id, fails with a message saying the id is needed', () => {
    world = makeWorld();
    const res = runCli(['approvals', 'approve', '--key', world.keyOf('alice'), '--config', world.configPath]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"approvals approve" needs an approval id (see "approvals list")');
  });

  it('refuses --as alone: a name proves nothing, and the ticket stays pending', () => {
    world = makeWorld();
    const id = pendingTicket();
    const res = approve(id, '--as', 'alice');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('needs proof of who decides');
    expect(res.stderr).toContain('--as alone is not accepted');
    expect(statusOf(id)?.status).toBe('pending');
  });

  it('decides a ticket in the shared store with a signed decision, refusing an approver without the role', () => {
    world = makeWorld();
    const id = pendingTicket();
    const bob = approve(id, '--key', world.keyOf('bob'));
    expect(bob.code).toBe(1);
    expect(bob.stderr).toContain(`bob has roles [developer]; ${id} needs one of [sre-oncall]`);

    const alice = approve(id, '--key', world.keyOf('alice'), '--comment', 'go');
    expect(alice.code, alice.stderr).toBe(0);
    expect(alice.stdout).toContain(
      `${id} approved by alice (signed): k8s_deployment_scale requested by claude-agent`,
    );
    expect(statusOf(id)).toMatchObject({
      status: 'approved',
      decidedBy: 'alice',
      comment: 'go',
      proof: { kind: 'signature' },
    });
  });

  it('refuses a key nobody in the config holds, a key readable by others, and --as naming someone else', () => {
    world = makeWorld();
    const id = pendingTicket();
    const stranger = join(world.dir, 'stranger.key');
    expect(runCli(['approvals', 'keygen', '--out', stranger]).code).toBe(0);
    const unknown = approve(id, '--key', stranger);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('this key belongs to no principal in the config');

    const shared = join(world.dir, 'shared.key');
    copyFileSync(world.keyOf('alice'), shared);
    chmodSync(shared, 0o644);
    const open = approve(id, '--key', shared);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(`is readable by others (mode 644); run: chmod 600 ${shared}`);

    const mismatch = approve(id, '--key', world.keyOf('alice'), '--as', 'bob');
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('--as bob: this key belongs to alice');
    expect(statusOf(id)?.status).toBe('pending');
  });

  it('keygen writes a private key only its owner can read and prints the public key line', () => {
    world = makeWorld();
    const out = join(world.dir, 'carol.key');
    const res = runCli(['approvals', 'keygen', '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(res.stdout).toMatch(/publicKey: MCowBQYDK2VwAyEA[A-Za-z0-9+/=]+/);
    const again = runCli(['approvals', 'keygen', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; keygen never overwrites a key');
  });
});
