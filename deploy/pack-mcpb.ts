// `npm run pack:mcpb`: the Claude Desktop bundle, opswarden-<version>.mcpb. A bundle is a zip
// of the server with its production node_modules and manifest.json, which a user opens to
// install it: Claude Desktop asks for the settings in manifest.json's user_config and starts
// the built CLI with them (see README "Claude Desktop: one-click install"). The bundle holds
// exactly what the npm package ships (`npm pack`'s file list, after `npm run build`), plus
// manifest.json and the dependencies `npm ci --omit=dev` installs from the lock; the official
// `mcpb pack` validates the manifest and writes the archive. Prints the archive's sha256,
// which a server.json entry of registryType "mcpb" needs.
//
// Usage: node deploy/pack-mcpb.ts [--out <file>]

import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };

/** The package root: this script lives in deploy/. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MCPB_CLI = join(ROOT, 'node_modules/@anthropic-ai/mcpb/dist/cli/cli.js');

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? `${pkg.name}-${pkg.version}.mcpb`);

const stage = mkdtempSync(join(tmpdir(), 'opswarden-mcpb-'));
try {
  run('npm', ['run', 'build'], { cwd: ROOT });
  copyFileSync(join(ROOT, 'deploy/mcpb/manifest.json'), join(stage, 'manifest.json'));
  for (const file of [...packageFiles(), 'package-lock.json']) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(stage, file));
  }
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: stage });
  run(process.execPath, [MCPB_CLI, 'pack', stage, out], { cwd: ROOT });
  const sha256 = createHash('sha256').update(readFileSync(out)).digest('hex');
  console.log(`pack-mcpb: ${out} (${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB), sha256 ${sha256}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** The files `npm publish` would ship, by their paths from the package root. */
function packageFiles(): string[] {
  const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`pack-mcpb: npm pack --dry-run failed:\n${res.stderr}`);
  const [listing] = JSON.parse(res.stdout) as { files: { path: string }[] }[];
  if (!listing?.files.some((f) => f.path === 'dist/cli.js'))
    throw new Error('pack-mcpb: the package ships no dist/cli.js; check "files" in package.json');
  return listing.files.map((f) => f.path);
}

function run(command: string, args: string[], options: SpawnSyncOptions): void {
  const res = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (res.status !== 0) {
    throw new Error(`pack-mcpb: ${command} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  }
}
