// The Debian packages the tests run for real (prometheus-alertmanager, chromium): a missing
// one is installed with apt-get when the tests run as root (CI does); otherwise the error
// says what to install (DESIGN §7: never a skip). Test files run in parallel, and apt takes
// one caller at a time: every install holds one lock file (flock, util-linux), so a second
// file waits for the first and then finds the package there.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const LOCK = '/tmp/opswarden-tests-apt.lock';

/** The path of `binary`, installing `pkg` first when it is missing. */
export function requireDebianPackage(pkg: string, binary: string): string {
  if (existsSync(binary)) return binary;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${binary} is missing: install it (as root: apt-get install -y ${pkg}) and run the tests again`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args: string[]) =>
    execFileSync('flock', [LOCK, 'apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args], {
      stdio: 'ignore',
      env,
    });
  try {
    apt('install', '-y', pkg);
  } catch {
    // Package lists not fetched yet, or stale: update them and try once more.
    apt('update');
    apt('install', '-y', pkg);
  }
  if (!existsSync(binary))
    throw new Error(`apt-get install -y ${pkg} finished but ${binary} is still missing`);
  return binary;
}
