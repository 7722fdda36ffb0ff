// What the Alertmanager tools share: the backend lookup, the matcher argument, the target
// a silence acts on (service, namespace and environment read from its matchers), and the
// firing alerts a set of matchers would catch.

import { z } from 'zod';
import { matchesLabels, parseMatcher, parseMatchers } from '../../src/backends/alertmanager/matchers.ts';
import type { Alert, AlertmanagerBackend, Matcher } from '../../src/backends/alertmanager/types.ts';
import type { Target } from '../../src/types.ts';

/** One matcher as text, checked at validation so the error names the field and the matcher. */
export const matcherText = z.string().superRefine((text, issue) => {
  try {
    parseMatcher(text);
  } catch (err) {
    issue.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

export const matchersArg = z.array(matcherText).min(1).max(20).describe('Each like alertname="X"');

export function alertmanager(backends: { alertmanager?: AlertmanagerBackend }): AlertmanagerBackend {
  if (!backends.alertmanager) {
    throw new Error('Alertmanager is not configured: add an `alertmanager:` section (url) to opswarden.yaml');
  }
  return backends.alertmanager;
}

/** The value of an equality matcher on one of `names`, if the matchers have one. */
function equalValue(matchers: readonly Matcher[], ...names: string[]): string | undefined {
  return matchers.find((m) => names.includes(m.name) && m.isEqual && !m.isRegex)?.value;
}

/**
 * A silence's target: the service, namespace and alert it names (equality matchers only;
 * a regex names no one service). The environment comes from an `environment`/`env`
 * matcher; the dispatcher's namespace mapping wins over it, and none means production.
 */
export function silenceTarget(matchers: readonly Matcher[]): Target {
  const service = equalValue(matchers, 'service');
  const namespace = equalValue(matchers, 'namespace');
  const name = equalValue(matchers, 'alertname');
  const environment = equalValue(matchers, 'environment', 'env');
  return {
    kind: 'Silence',
    ...(name ? { name } : {}),
    ...(service ? { service } : {}),
    ...(namespace ? { namespace } : {}),
    ...(environment ? { environment } : {}),
  };
}

export function silenceTargetOf(texts: readonly string[]): Target {
  return silenceTarget(parseMatchers(texts));
}

/**
 * Firing alerts (not silenced or inhibited; just-posted unprocessed ones count, as they are
 * about to notify), and those of them the matchers catch.
 */
export async function firingCaughtBy(
  backend: AlertmanagerBackend,
  matchers: readonly Matcher[],
): Promise<{ firing: Alert[]; caught: Alert[] }> {
  const firing = await backend.alerts({
    active: true,
    silenced: false,
    inhibited: false,
    unprocessed: true,
  });
  return { firing, caught: firing.filter((a) => matchesLabels(matchers, a.labels)) };
}

/** One alert in a line an agent can read: its name, the labels that tell it apart, since when. */
export function alertBrief(alert: Alert) {
  return {
    alertname: alert.labels.alertname ?? '',
    labels: alert.labels,
    startsAt: alert.startsAt,
    ...(alert.annotations.summary ? { summary: alert.annotations.summary } : {}),
  };
}

export const alertBriefSchema = z.object({
  alertname: z.string(),
  labels: z.record(z.string(), z.string()),
  startsAt: z.string(),
  summary: z.string().optional(),
});
