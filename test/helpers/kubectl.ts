// Finds (or installs) the real kubectl and runs it against a kubeconfig (the Kubernetes
// simulator's), asynchronously: a simulator running in the test process cannot answer a
// kubectl that a blocking spawn (execFileSync) waits on. A missing
// kubectl is installed from Debian when the tests run as root, and otherwise the tests fail
// saying what to install (DESIGN §7: never a skip).

import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The absolute path of kubectl on PATH, if there is one. */
function findKubectl(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The kubectl binary, installing Debian's kubernetes-client first when missing and running as root. */
export function requireKubectl(): string {
  const found = findKubectl();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'kubectl is not on PATH: install it (as root: apt-get install -y kubernetes-client) and run the tests again',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', 'kubernetes-client'], { stdio: 'ignore', env });
  const installed = findKubectl();
  if (!installed)
    throw new Error('apt-get install -y kubernetes-client finished but kubectl is still not on PATH');
  return installed;
}

/** A kubectl bound to one kubeconfig, with its own discovery cache and HOME. */
export function kubectlFor(kubeconfigPath: string) {
  const bin = requireKubectl();
  const home = mkdtempSync(join(tmpdir(), 'opswarden-kubectl-'));
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(home, 'cache'), HOME: home };
  return (args: string[], timeoutMs = 30_000): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(
        bin,
        args,
        { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
}
