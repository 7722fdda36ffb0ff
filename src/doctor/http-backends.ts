// Doctor's checks of the HTTP backends (Prometheus, Alertmanager, CloudWatch Logs), through
// the same clients the tools use, built from the same config: one cheap authenticated read
// each. An answer of any kind proves the URL reachable; 401 or 403 means the credentials
// were refused; no answer means nothing listens there (or a port-forward is not running).

import { BackendError } from '../backends/errors.ts';
import { createBackends } from '../backends/index.ts';
import { PromError } from '../backends/prometheus/types.ts';
import type { Config } from '../config/schema.ts';
import { type Check, errorText, failed, passed, shownUrl } from './check.ts';

interface Probe {
  subject: string;
  /** One authenticated read; resolves to what to say about the answer. */
  read(): Promise<string>;
  /** The HTTP status of a failed read, when the server answered at all. */
  statusOf(err: unknown): number | undefined;
  fixUnreachable: string;
  fixCredentials: string;
  fixOther: string;
}

async function probeChecks(probe: Probe): Promise<Check[]> {
  const { subject } = probe;
  try {
    const said = await probe.read();
    return [passed(subject, 'reachable'), passed(subject, `credentials accepted (${said})`)];
  } catch (err) {
    const status = probe.statusOf(err);
    if (status === undefined)
      return [failed(subject, `unreachable: ${errorText(err)}`, probe.fixUnreachable)];
    const reached = passed(subject, `reachable (HTTP ${status})`);
    if (status === 401 || status === 403)
      return [reached, failed(subject, `credentials refused (HTTP ${status})`, probe.fixCredentials)];
    return [reached, failed(subject, `answered with an error: ${errorText(err)}`, probe.fixOther)];
  }
}

const credentialsFix = (section: string) =>
  `set ${section}.basicAuth or ${section}.bearerToken (as \${VAR} references) to credentials it accepts`;

export async function httpBackendChecks(config: Config): Promise<Check[]> {
  const backends = createBackends({ ...config, kubernetes: undefined });
  const probes: Probe[] = [];
  if (backends.prometheus && config.prometheus) {
    const prometheus = backends.prometheus;
    probes.push({
      subject: `prometheus ${shownUrl(config.prometheus.url)}`,
      read: async () => `${(await prometheus.labelNames()).length} label names`,
      statusOf: (err) => (err instanceof PromError ? err.httpStatus : undefined),
      fixUnreachable: 'start Prometheus (or its port-forward), or fix prometheus.url',
      fixCredentials: credentialsFix('prometheus'),
      fixOther: 'point prometheus.url at the API base, e.g. http://prometheus:9090',
    });
  }
  if (backends.alertmanager && config.alertmanager) {
    const alertmanager = backends.alertmanager;
    probes.push({
      subject: `alertmanager ${shownUrl(config.alertmanager.url)}`,
      read: async () => `version ${(await alertmanager.status()).versionInfo.version ?? 'unknown'}`,
      statusOf: (err) => (err instanceof BackendError ? err.status : undefined),
      fixUnreachable: 'start Alertmanager (or its port-forward), or fix alertmanager.url',
      fixCredentials: credentialsFix('alertmanager'),
      fixOther: 'point alertmanager.url at the base URL (API v2), e.g. http://alertmanager:9093',
    });
  }
  const checks = (await Promise.all(probes.map(probeChecks))).flat();
  if (backends.cloudwatch && config.cloudwatch) {
    const subject = `cloudwatch ${config.cloudwatch.region}`;
    try {
      await backends.cloudwatch.describeLogGroups({ limit: 1 });
      checks.push(passed(subject, 'reachable, credentials accepted (DescribeLogGroups)'));
    } catch (err) {
      checks.push(
        failed(
          subject,
          `DescribeLogGroups failed: ${errorText(err)}`,
          'check the AWS credentials (environment, profile) and cloudwatch.region / cloudwatch.endpoint',
        ),
      );
    }
  }
  return checks;
}
