// `opswarden doctor`: is this setup ready for an incident? Checks the config, the policy
// bundle, the store and the audit chain, and each configured backend with the credentials
// opswarden would use (reachable, credentials accepted, and for Kubernetes the RBAC the
// enabled tools need). One line per check, ✓ or ✗ with what to fix; exit 1 if any failed.

import { toolsets } from '../../tools/index.ts';
import { ConfigError, loadConfig, resolveConfigPath } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { type Check, errorText, failed, formatCheck, passed } from '../doctor/check.ts';
import { httpBackendChecks } from '../doctor/http-backends.ts';
import { kubernetesChecks } from '../doctor/kubernetes.ts';
import { auditCheck, policyCheck, storeCheck } from '../doctor/local.ts';
import { oncallChecks } from '../doctor/oncall.ts';
import { servedRegistry } from '../registry.ts';
import { parseArgs } from './args.ts';

export const DOCTOR_HELP = `Usage: opswarden doctor [--config <file>]

Checks that opswarden can do its job, and says what to fix where it cannot:
  config        the file loads and validates
  policy        the policy bundle compiles
  store         its directory takes writes
  audit log     the hash chain verifies (as \`opswarden audit verify\`)
  kubernetes    per cluster: API server reachable, credentials accepted, and the RBAC
                permissions the enabled tools need (asked with SelfSubjectAccessReview)
  prometheus, alertmanager, cloudwatch
                reachable, credentials accepted
  slack         the bot token works (auth.test), in the workspace oncall.slack.teamId names
  pagerduty     per service with an escalation policy: who is on call now (REST token)

One line per check (✓ or ✗ with the fix). Exit 0 when all pass, 1 when any fails.
Tokens, keys and passwords are never printed.`;

/** The config, and the tools it serves (a misspelt tool name is a config error too). */
function configCheck(path: string | undefined): { check: Check; config?: Config; enabled?: string[] } {
  const subject = `config ${path ?? '(none found)'}`;
  try {
    const { config } = loadConfig(path);
    const enabled = servedRegistry(toolsets, [], config)
      .tools()
      .map((tool) => tool.name);
    return { check: passed(subject, path ? 'valid' : 'none found, so built-in defaults'), config, enabled };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const detail = err.message
      .split('\n')
      .map((line) => errorText(new Error(line.trim())))
      .join('; ');
    return { check: failed(subject, detail, 'fix the keys named (`opswarden config check` shows the same)') };
  }
}

export async function doctorCommand(argv: string[], configFlag: string | undefined): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(DOCTOR_HELP);
    return 0;
  }
  const { check, config, enabled } = configCheck(resolveConfigPath(configFlag));
  const checks: Check[] = [check];
  if (config && enabled) {
    const remote = await Promise.all([
      kubernetesChecks(config, enabled),
      httpBackendChecks(config),
      oncallChecks(config),
    ]);
    checks.push(policyCheck(config), storeCheck(config), auditCheck(config), ...remote.flat());
    if (!config.kubernetes && !config.prometheus && !config.alertmanager && !config.cloudwatch) {
      checks.push(
        failed('backends', 'none configured', 'run `opswarden init` to write a config from your kubeconfig'),
      );
    }
  }
  for (const c of checks) console.log(formatCheck(c));
  const failures = checks.filter((c) => !c.ok).length;
  console.log(
    failures ? `\n${failures} of ${checks.length} checks failed.` : `\nAll ${checks.length} checks passed.`,
  );
  return failures ? 1 : 0;
}
