import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/audit/log.ts';
import { planCheckpoints, startCheckpointSigning } from '../../../src/audit/signing/signer.ts';
import { auditCommand } from '../../../src/cli/audit.ts';
import { NOT_CHECKED } from '../../../src/cli/audit-signing.ts';
import { openDatabase } from '../../../src/store/sqlite.ts';
import { auditFixture, dropGuards, rewriteHistory, tempDir, toolCall } from './helpers.ts';

async function run(argv: string[], opts: { dbPath: string; jsonlPath?: string }) {
  let stdout = '';
  let stderr = '';
  const code = await auditCommand(argv, {
    store: { path: opts.dbPath },
    ...(opts.jsonlPath ? { jsonlPath: opts.jsonlPath } : {}),
    io: {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    },
  });
  return { code, stdout, stderr };
}

/** Records stamped with the real clock, so `--since 1h` is meaningful. */
function recentLog() {
  const fixture = auditFixture();
  const log = AuditLog.open(fixture.db, { jsonlPath: fixture.jsonlPath });
  log.append(toolCall(1, { principal: 'alice', tool: 'k8s_pod_logs' }));
  log.append({
    type: 'decision',
    callId: 'call-1',
    principal: 'alice',
    tool: 'k8s_pod_logs',
    effect: 'allow',
    data: { rules: ['read-default'] },
  });
  log.append(toolCall(2, { principal: 'bob', tool: 'k8s_rollout_restart' }));
  log.append({
    type: 'decision',
    callId: 'call-2',
    principal: 'bob',
    tool: 'k8s_rollout_restart',
    effect: 'deny',
    data: { message: 'Restart loop suspected; investigate instead.' },
  });
  return fixture;
}

describe('opswarden audit verify', () => {
  it('prints the count and head and exits 0 when intact, saying checkpoints were not checked', async () => {
    const { dbPath, jsonlPath, log } = recentLog();
    const head = log.query({}).at(-1)!.hash;
    expect(await run(['verify'], { dbPath, jsonlPath })).toEqual({
      code: 0,
      stdout: `audit log intact: 4 records, head ${head}\n${NOT_CHECKED}\n`,
      stderr: '',
    });
  });

  it('names the first bad record and exits 1 when tampered', async () => {
    const { dbPath, jsonlPath, db } = recentLog();
    dropGuards(db);
    db.exec(`UPDATE audit_log SET effect = 'allow' WHERE seq = 4`);
    const result = await run(['verify'], { dbPath, jsonlPath });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'audit log TAMPERED at record #4: contents do not match the record hash (record edited)\n',
    );
  });

  it('exits 1 when the database does not exist', async () => {
    const dbPath = join(tempDir(), 'missing.db');
    expect(await run(['verify'], { dbPath })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        new RegExp(`^opswarden audit: no store at ${dbPath} \\(.*\\); nothing was created\\. .*\n$`),
      ),
    });
    expect(existsSync(dbPath)).toBe(false);
  });

  it('prints help with --help and rejects unknown flags with exit 2', async () => {
    const { dbPath } = recentLog();
    expect(await run(['verify', '--help'], { dbPath })).toMatchObject({
      code: 0,
      stdout: /Usage: opswarden audit verify/,
    });
    const bad = await run(['verify', '--fast'], { dbPath });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/opswarden audit verify: Unknown option '--fast'/);
  });
});

describe('opswarden audit query', () => {
  it('prints a table of matching records', async () => {
    const { dbPath } = recentLog();
    const { code, stdout } = await run(['query', '--principal', 'bob'], { dbPath });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+CALL\s+TYPE\s+PRINCIPAL\s+TOOL\s+EFFECT\s+SUMMARY$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+call-2\s+tool\.call\s+bob\s+k8s_rollout_restart\s+-\s+n=2$/,
    );
    expect(lines[2]).toMatch(
      /call-2\s+decision\s+bob\s+k8s_rollout_restart\s+deny\s+message="Restart loop suspected;/,
    );
  });

  it('prints JSON lines with --json, combining filters', async () => {
    const { dbPath } = recentLog();
    const { code, stdout } = await run(
      [
        'query',
        '--json',
        '--type',
        'decision',
        '--effect',
        'allow',
        '--since',
        '1h',
        '--tool',
        'k8s_pod_logs',
      ],
      { dbPath },
    );
    expect(code).toBe(0);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      seq: 2,
      callId: 'call-1',
      effect: 'allow',
      data: { rules: ['read-default'] },
    });
  });

  it('keeps the most recent records with --limit and says so', async () => {
    const { dbPath } = recentLog();
    const { stdout } = await run(['query', '--limit', '2'], { dbPath });
    expect(stdout).toMatch(/call-2\s+tool\.call/);
    expect(stdout).not.toMatch(/call-1/);
    expect(stdout).toMatch(/showing the most recent 2/);
  });

  it('says when nothing matches and how to widen the search', async () => {
    const { dbPath } = recentLog();
    const { code, stdout } = await run(
      ['query', '--since', '2000-01-01T00:00:00Z', '--until', '2000-01-02T00:00:00Z'],
      {
        dbPath,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`no audit records in ${dbPath} match; widen --since or drop a filter\n`);
  });

  it.each([
    [['--effect', 'maybe'], /--effect must be one of allow, escalate, deny, got "maybe"/],
    [['--type', 'decisions'], /--type must be one of .*, got "decisions"/],
    [['--since', 'yesterday'], /--since: invalid time "yesterday"/],
    [['--limit', '0'], /--limit must be a positive integer, got "0"/],
    [['--tool'], /Option '--tool <value>' argument missing/],
    [['--principle', 'bob'], /Unknown option '--principle'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('rejects %j with exit 2, naming the flag', async (flags, message) => {
    const { dbPath } = recentLog();
    const { code, stderr, stdout } = await run(['query', ...flags], { dbPath });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Run `opswarden audit query --help` for usage/);
    expect(stdout).toBe('');
  });

  it('prints help with --help', async () => {
    const { dbPath } = recentLog();
    const { code, stdout } = await run(['query', '--help'], { dbPath });
    expect(code).toBe(0);
    expect(stdout).toMatch(/--since WHEN/);
  });
});

describe('opswarden audit', () => {
  it('rejects an unknown command with exit 2 and prints usage without one', async () => {
    const dbPath = join(tempDir(), 'a.db');
    openDatabase(dbPath).close();
    expect(await run(['vrify'], { dbPath })).toMatchObject({ code: 2, stderr: /unknown command "vrify"/ });
    expect(await run([], { dbPath })).toMatchObject({ code: 2, stdout: /Usage: opswarden audit <command>/ });
    expect(await run(['--help'], { dbPath })).toMatchObject({ code: 0, stdout: /verify/ });
  });
});

describe('opswarden audit keygen and verify --public-key', () => {
  /** A log of `count` records whose server signed a checkpoint after `signedUpTo` of them, shipped to a file. */
  async function signedLog(count: number, signedUpTo: number) {
    const fixture = auditFixture();
    const keyDir = tempDir();
    const keyFile = join(keyDir, 'checkpoint.key');
    const keygen = await run(['keygen', '--out', keyFile], { dbPath: fixture.dbPath });
    expect(keygen.code).toBe(0);
    const publicKey = keygen.stdout.trimEnd().split('\n').at(-1)!.trim();
    const sinkFile = join(keyDir, 'checkpoints.jsonl');
    const signing = startCheckpointSigning(
      planCheckpoints(
        { keyFile, every: 1000, interval: '1h', sinks: [{ type: 'file', path: sinkFile }] },
        { storePath: fixture.dbPath, jsonlPath: fixture.jsonlPath },
      ),
      { db: fixture.db, logger: pino({ level: 'silent' }), clock: fixture.clock },
    );
    for (let n = 1; n <= count; n++) {
      fixture.log.append(toolCall(n));
      if (n === signedUpTo) await signing.close(); // signs the head
    }
    return { ...fixture, keyFile, publicKey, sinkFile };
  }

  it('keygen writes a mode-600 key, prints its public half, and never overwrites one', async () => {
    const dir = tempDir();
    const out = join(dir, 'k.key');
    const { code, stdout } = await run(['keygen', '--out', out], { dbPath: join(dir, 'a.db') });
    expect(code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(stdout).toMatch(/keyFile: .*k\.key/);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^ {2}[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(await run(['keygen', '--out', out], { dbPath: join(dir, 'a.db') })).toMatchObject({
      code: 2,
      stderr: `opswarden audit keygen: ${out} already exists; keygen never overwrites a key\nRun \`opswarden audit keygen --help\` for usage.\n`,
    });
  });

  it('verifies the checkpoints and names the records no checkpoint covers yet', async () => {
    const { dbPath, jsonlPath, publicKey, sinkFile } = await signedLog(7, 4);
    const result = await run(['verify', '--public-key', publicKey, '--checkpoints', sinkFile], {
      dbPath,
      jsonlPath,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^audit log intact: 7 records/);
    expect(lines[1]).toMatch(
      new RegExp(`^checkpoints verified: 1 signed by key [0-9a-f]{16}, read from ${sinkFile} and the store$`),
    );
    expect(lines[2]).toBe(
      'records 5–7 are after the last checkpoint (#1 at seq 4): an attacker could still rewrite them',
    );
    expect(lines).toHaveLength(3);
  });

  it('takes the public key from a file, and says the store alone cannot show deleted checkpoints', async () => {
    const { dbPath, jsonlPath, publicKey } = await signedLog(3, 3);
    const keyText = join(tempDir(), 'checkpoint.pub');
    writeFileSync(keyText, `${publicKey}\n`);
    const result = await run(['verify', '--public-key', keyText], { dbPath, jsonlPath });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('every record is covered: the last checkpoint (#1) is at record #3\n');
    expect(result.stdout).toContain(
      'note: checkpoints deleted from the store go unnoticed without --checkpoints',
    );
  });

  it('exits 1 naming the checkpoint a re-hashed rewrite contradicts', async () => {
    const { db, dbPath, jsonlPath, publicKey, sinkFile } = await signedLog(6, 6);
    rewriteHistory(db, jsonlPath, 2, (record) => {
      record.data = { n: 'quiet' };
    });
    expect(await run(['verify'], { dbPath, jsonlPath })).toMatchObject({ code: 0 });
    expect(
      await run(['verify', '--public-key', publicKey, '--checkpoints', sinkFile], { dbPath, jsonlPath }),
    ).toEqual({
      code: 1,
      stdout: `audit log TAMPERED at checkpoint #1 (${sinkFile} line 1; the store, row 1): record #6 does not have the hash this checkpoint signed: a record in #1–#6 was rewritten and the chain re-hashed after it\n`,
      stderr: '',
    });
  });

  it('rejects bad checkpoint flags with exit 2', async () => {
    const { dbPath, sinkFile, publicKey } = await signedLog(1, 1);
    expect(await run(['verify', '--checkpoints', sinkFile], { dbPath })).toMatchObject({
      code: 2,
      stderr: /--checkpoints needs --public-key/,
    });
    expect(await run(['verify', '--public-key', 'not-a-key'], { dbPath })).toMatchObject({
      code: 2,
      stderr: /--public-key not-a-key: neither a file holding an Ed25519 public key nor the base64 line/,
    });
    const missing = join(tempDir(), 'none.jsonl');
    expect(
      await run(['verify', '--public-key', publicKey, '--checkpoints', missing], { dbPath }),
    ).toMatchObject({ code: 2, stderr: new RegExp(`--checkpoints ${missing}: no such file`) });
  });
});
