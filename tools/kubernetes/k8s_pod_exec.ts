// Run one command in a running container: the last resort of a diagnosis (what env a
// process really got, which config file it mounted), and a way to change anything inside,
// so it is a mutation the default policy escalates in every environment. The command is
// an argv array, never a shell string: metacharacters reach the program as text. The pod
// and container are checked before the policy decides, so nobody is asked to approve a
// command that cannot run. Output comes back as the tail of each stream (what it printed
// last), with how many bytes were cut. Secret-backed values never come back: a command that
// names one is refused and `NAME=value` lines of them are masked (exec-secrets.ts); the
// gate redacts what else looks like a secret and records the result in the audit log.

import { z } from 'zod';
import type { KubeObject, KubernetesBackend } from '../../src/backends/kubernetes/types.ts';
import { defineTool, mutateArgs } from '../../src/tool.ts';
import { clusterArg, kubeRef, kubernetes, kubeTarget, namespaceNameArg } from './common.ts';
import { maskSecretEnv, type SecretSources, secretReadProblem, secretSources } from './exec-secrets.ts';

/** Bytes of stdout kept (its end), and of stderr: within the gate's default 16 KB budget. */
const STDOUT_KEEP = 6_000;
const STDERR_KEEP = 2_000;
const MAX_ARGS = 64;
const MAX_ARG_CHARS = 4_096;
const MAX_COMMAND_CHARS = 16_384;

const argument = z
  .string()
  .max(MAX_ARG_CHARS)
  .refine((s) => !s.includes('\0'), 'an argument cannot hold a NUL byte');

export default defineTool({
  name: 'k8s_pod_exec',
  title: 'Pods: Exec',
  description:
    'Run a command (argv, no shell) in a running container: exit code, stdout and stderr tails. Command and output are audited.',
  kind: 'mutate',
  annotations: { destructive: true, idempotent: false },
  untrusted: ['$.stdout', '$.stderr'],
  auditResult: true,
  input: z
    .object({
      cluster: clusterArg,
      namespace: namespaceNameArg,
      pod: z
        .string()
        .max(253)
        .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a pod name (lowercase letters, digits, - and .)'),
      container: z
        .string()
        .max(63)
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name (lowercase RFC 1123 label)')
        .optional()
        .describe('Omit when the pod has one'),
      command: z
        .array(argument)
        .min(1)
        .max(MAX_ARGS)
        .refine((argv) => argv[0] !== '', 'the program (the first item) cannot be empty')
        .refine(
          (argv) => argv.reduce((n, arg) => n + arg.length, 0) <= MAX_COMMAND_CHARS,
          `at most ${MAX_COMMAND_CHARS} characters in all`,
        )
        .describe('argv, e.g. ["printenv","HOME"]'),
      timeoutSeconds: z.number().int().min(1).max(300).default(30),
      ...mutateArgs,
    })
    .strict(),
  output: z.object({
    pod: z.string(),
    container: z.string(),
    command: z.array(z.string()),
    dryRun: z.boolean(),
    exitCode: z.number().int().optional(),
    timedOut: z.boolean(),
    stdout: z.string(),
    stderr: z.string(),
    cut: z.array(z.string()).optional(),
    message: z.string(),
  }),
  target: async (args, ctx) => {
    await runningContainer(kubernetes(ctx.backends), args);
    return kubeTarget(ctx.backends, { ...args, kind: 'Pod', name: args.pod });
  },
  impact: () => ({ pods: 1, fractionOfService: 0, reversible: false }),
  snapshot: (args, ctx) => kubernetes(ctx.backends).get(kubeRef('Pod', { ...args, name: args.pod })),
  handler: async (ctx, args) => {
    const kube = kubernetes(ctx.backends);
    const { container, secrets } = await runningContainer(kube, args);
    const common = { pod: `${args.namespace}/${args.pod}`, container, command: args.command };
    if (args.dryRun)
      return {
        ...common,
        dryRun: true,
        timedOut: false,
        stdout: '',
        stderr: '',
        message: `dry run: would run the command in container ${container} of pod ${common.pod}`,
      };
    const run = await kube.exec({
      ...(args.cluster ? { cluster: args.cluster } : {}),
      namespace: args.namespace,
      pod: args.pod,
      container,
      command: args.command,
      timeoutMs: args.timeoutSeconds * 1000,
      keepBytes: STDOUT_KEEP,
      signal: ctx.signal,
    });
    const stdout = tail(run.stdout.tail, run.stdout.bytes, STDOUT_KEEP);
    const stderr = tail(run.stderr.tail, run.stderr.bytes, STDERR_KEEP);
    stdout.text = maskSecretEnv(stdout.text, secrets);
    stderr.text = maskSecretEnv(stderr.text, secrets);
    const cut = [
      ...(stdout.cut ? [`stdout: the first ${stdout.cut} of ${run.stdout.bytes} bytes`] : []),
      ...(stderr.cut ? [`stderr: the first ${stderr.cut} of ${run.stderr.bytes} bytes`] : []),
    ];
    return {
      ...common,
      dryRun: false,
      ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
      timedOut: run.timedOut,
      stdout: stdout.text,
      stderr: stderr.text,
      ...(cut.length ? { cut } : {}),
      message: run.timedOut
        ? `timed out after ${args.timeoutSeconds}s; the command may still be running in the container`
        : `exited with code ${run.exitCode}${cut.length ? '; output cut: narrow the command (printenv NAME, cat one file)' : ''}`,
    };
  },
});

/**
 * The container a call names (or the pod's only one), checked to be running and not asked
 * for a Secret (exec-secrets.ts): errors name the pod and its containers, and say what to
 * look at when it is not running.
 */
async function runningContainer(
  kube: KubernetesBackend,
  args: {
    cluster?: string | undefined;
    namespace: string;
    pod: string;
    container?: string | undefined;
    command: string[];
  },
): Promise<{ container: string; secrets: SecretSources }> {
  const pod = await kube.get(kubeRef('Pod', { ...args, name: args.pod }));
  const where = `pod ${args.namespace}/${args.pod}`;
  const names = containerNames(pod);
  if (!args.container && names.length !== 1)
    throw new Error(`${where} has ${names.length} containers (${names.join(', ')}): name one in container`);
  const name = args.container ?? names[0]!;
  if (!names.includes(name))
    throw new Error(`${where} has no container ${name} (it has ${names.join(', ')})`);
  const phase = String(pod.status?.phase ?? 'Unknown');
  const statuses = (pod.status?.containerStatuses ?? []) as {
    name: string;
    state?: { running?: object; waiting?: { reason?: string }; terminated?: { reason?: string } };
  }[];
  const state = statuses.find((s) => s.name === name)?.state;
  if (!state?.running) {
    const why = state?.waiting?.reason ?? state?.terminated?.reason ?? phase;
    throw new Error(
      `container ${name} of ${where} is not running (${why}): nothing to exec into; see k8s_pod_logs with previous: true`,
    );
  }
  const secrets = secretSources(pod, name);
  const problem = secretReadProblem(args.command, secrets);
  if (problem)
    throw new Error(
      `command: k8s_pod_exec does not read Secrets: ${problem}. opswarden never returns Secret values; ask someone with access to the Secret`,
    );
  return { container: name, secrets };
}

function containerNames(pod: KubeObject): string[] {
  return ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
}

/** The last `keep` bytes as text, from the first whole line when a line break is near, and the bytes cut. */
function tail(bytes: Buffer, total: number, keep: number): { text: string; cut: number } {
  if (total <= keep && bytes.length === total) return { text: bytes.toString('utf8'), cut: 0 };
  let kept = bytes.subarray(Math.max(0, bytes.length - keep));
  const newline = kept.indexOf(10);
  if (newline >= 0 && newline < kept.length - 1 && newline < 200) kept = kept.subarray(newline + 1);
  const text = kept.toString('utf8').replace(/^\uFFFD+/, '');
  return { text, cut: total - Buffer.byteLength(text) };
}
