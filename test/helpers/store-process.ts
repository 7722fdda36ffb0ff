// Another process on the same store: how tests show that the store's guarantees (one write
// lock, one audit chain, migrations applied once) hold between processes and replicas, not
// only between two connections of one process. The child opens the store from its config
// (src/store/open.ts), runs `body` (an async function body with `db` and the named modules
// in scope) and exits 0, or prints the error and exits 1.

import { spawn } from 'node:child_process';
import type { StoreConfig } from '../../src/store/open.ts';

const SRC = new URL('../../src/', import.meta.url).href;

/** Modules the body may use, by the name it refers to them. */
const MODULES = {
  AuditLog: 'audit/log.ts',
  ApprovalStore: 'approvals/store.ts',
  IncidentRecords: 'incidents/records/store.ts',
  migrate: 'store/migrate.ts',
} as const;

export function runInStoreProcess(
  store: StoreConfig,
  body: string,
  args: readonly string[] = [],
  opts: { nodeFlags?: readonly string[] } = {},
): { exited: Promise<{ code: number; stderr: string }> } {
  const imports = Object.entries(MODULES)
    .map(([name, path]) => `const { ${name} } = await import(${JSON.stringify(SRC + path)});`)
    .join('\n');
  const script = `
    ${imports}
    const { openStore } = await import(${JSON.stringify(`${SRC}store/open.ts`)});
    const db = openStore(JSON.parse(process.argv[1]));
    const argv = process.argv.slice(2);
    try {
      await (async () => { ${body} })();
    } finally {
      db.close();
    }
  `;
  const child = spawn(
    process.execPath,
    [...(opts.nodeFlags ?? []), '--input-type=module', '-e', script, JSON.stringify(store), ...args],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr })),
  );
  return { exited };
}
