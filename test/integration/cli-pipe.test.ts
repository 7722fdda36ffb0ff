// CLI output read through a pipe arrives whole. A consumer that reads slower than the CLI
// writes (a pipeline, a log shipper, another process) fills the pipe; what the CLI has not
// handed over yet must not be dropped when the command finishes. Here the reader, another
// process, reads nothing until the CLI has long finished its command, then reads to the end.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/log.ts';
import { openDatabase } from '../../src/store/sqlite.ts';
import { CLI } from '../helpers/spawn.ts';
import { REPO } from '../helpers/world.ts';
import { tempDir } from '../unit/audit/helpers.ts';

const RECORDS = 3000;

/** A config whose store holds `count` audit records, each a few hundred bytes of JSON. */
function storeWithRecords(count: number): string {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'opswarden.db'));
  const log = AuditLog.open(db);
  for (let i = 0; i < count; i++) {
    log.append({
      type: 'tool.call',
      callId: `call-${i}`,
      principal: 'claude-agent',
      tool: 'k8s_pods_list',
      data: {
        args: { namespace: 'shop', labelSelector: `app=checkout,replica=${i}` },
        note: 'x'.repeat(200),
      },
    });
  }
  db.close();
  const config = join(dir, 'opswarden.yaml');
  writeFileSync(config, yaml.dump({ store: { path: 'opswarden.db' }, audit: { jsonl: 'audit.jsonl' } }));
  return config;
}

/** Reads nothing for `delayMs`, then reads stdin to the end: a consumer slower than the writer. */
const SLOW_READER = `setTimeout(() => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => {
    const lines = text.trimEnd().split('\\n');
    const ids = new Set(lines.map((line) => JSON.parse(line).callId));
    console.log(JSON.stringify({ lines: lines.length, ids: ids.size }));
  });
}, Number(process.env.DELAY_MS));`;

describe('output through a pipe to a slow reader', () => {
  it(`audit query --json delivers all ${RECORDS} records to another process and exits 0`, () => {
    const config = storeWithRecords(RECORDS);
    // A shell pipeline, as an operator or a script runs it: opswarden ... | consumer.
    const res = spawnSync(
      'bash',
      [
        '-c',
        `"$NODE" "$CLI" audit query --json --limit 100000 --config "$CONFIG" | "$NODE" -e "$READER"; echo "opswarden exit \${PIPESTATUS[0]}" >&2`,
      ],
      {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          NODE: process.execPath,
          CLI,
          CONFIG: config,
          READER: SLOW_READER,
          DELAY_MS: '2000',
        },
      },
    );
    expect(res.stderr).toBe('opswarden exit 0\n');
    expect(JSON.parse(res.stdout)).toEqual({ lines: RECORDS, ids: RECORDS });
  }, 60_000);
});
