// The incident the correlation benchmark asks about, on the 50-service world: svc-24, in
// the middle of the chain, is released as 2.4.0 fifteen minutes ago and fails a third of
// its requests with a NullPointerException; its callers svc-23 and svc-22 pass the 500s
// on, and only svc-22 (the symptom, two hops away) alerts. Noise: harmless releases of an
// in-scope dependency (svc-23, 50 min ago), a downstream caller, an unrelated service and
// one outside the window; a slow memory leak on svc-23 (and every svc-x3); old warnings in
// scope and an unrelated error stream. Every pod writes a request line every 2.7 s, 8,000
// in 6 h; the pods of the five released services only since their release: about
// 1,100,000 lines in all with the incident's (log-lines.ts counts them).

import { deploymentRef, fiftyServiceScenarioYaml, serviceName } from './fifty-services.ts';

const CAUSE = 24;
const SYMPTOM = 22;
const REQUEST_LOG_EVERY = '2700ms';

export const SYMPTOMATIC_SERVICE = serviceName(SYMPTOM);
export const TRUE_CAUSE = deploymentRef(CAUSE);

const QUIET_ERRORS = { from: '-6h', ratio: 0.001 };
const HARMLESS_RELEASES: Record<number, string> = { 10: '-16m', 23: '-50m', 26: '-3h', 40: '-14m' };

export function badDeployScenarioYaml(): string {
  const cause = serviceName(CAUSE);
  const caller = serviceName(CAUSE - 1);
  return fiftyServiceScenarioYaml({
    name: 'incidents-bench-bad-deploy',
    description: `${cause} 2.4.0 fails orders without a currency; ${SYMPTOMATIC_SERVICE} alerts.`,
    requestLogEvery: REQUEST_LOG_EVERY,
    shape: (i) => ({
      ...(i === CAUSE ? { release: { at: '-15m', version: '2.4.0' } } : {}),
      ...(HARMLESS_RELEASES[i] ? { release: { at: HARMLESS_RELEASES[i], version: '1.0.1' } } : {}),
      ...(i === CAUSE
        ? { errors: [QUIET_ERRORS, { from: '-15m', ratio: 0.35, ramp: '1m' }] }
        : i === CAUSE - 1 || i === SYMPTOM
          ? { errors: [QUIET_ERRORS, { from: '-14m', ratio: i === SYMPTOM ? 0.15 : 0.22, ramp: '1m' }] }
          : {}),
      ...(i % 10 === 3 ? { memoryGrowth: '1Mi/min' } : {}),
    }),
    logs: [
      stream(CAUSE, [
        { at: '-14m', level: 'info', text: `Started ${cause} 2.4.0 in {float:3-6}s` },
        {
          from: '-15m',
          every: '1s',
          level: 'error',
          text: 'POST /api/orders 500: java.lang.NullPointerException: Cannot invoke "Currency.code()" because "order.currency" is null\n\tat com.example.orders.OrderMapper.map(OrderMapper.java:57)',
        },
      ]),
      stream(CAUSE - 1, [
        {
          from: '-14m',
          every: '2s',
          level: 'error',
          text: `upstream ${cause} answered 500 for POST /api/orders`,
        },
      ]),
      stream(SYMPTOM, [
        {
          from: '-14m',
          every: '2s',
          level: 'error',
          text: `upstream ${caller} answered 502 for POST /api/checkout`,
        },
      ]),
      stream(CAUSE - 1, [
        {
          from: '-6h',
          every: '60s',
          level: 'warning',
          text: 'slow query: SELECT * FROM orders took {int:900-1500}ms',
        },
      ]),
      stream(40, [
        {
          from: '-6h',
          every: '30s',
          level: 'warning',
          text: 'retrying connection to cache-{int:1-3} (attempt {int:1-3})',
        },
      ]),
      stream(12, [
        { from: '-25m', every: '20s', level: 'error', text: 'failed to refresh feature flags: timeout' },
      ]),
    ],
    alerts: [
      {
        service: SYMPTOM,
        name: 'HighErrorRate',
        severity: 'critical',
        summary: `${SYMPTOMATIC_SERVICE} 5xx above 5%`,
        startsAt: '-12m',
      },
    ],
    truth: {
      rootCause: {
        category: 'deploy',
        ref: TRUE_CAUSE,
        summary: `${cause} 2.4.0 fails every order without a currency; ${caller} and ${SYMPTOMATIC_SERVICE} pass the 500s on`,
      },
      remediation: { acceptable: [{ tool: 'k8s_rollout_undo', target: TRUE_CAUSE }] },
    },
  });
}

/** A log list of its own for a service's pods, so its request line goes on beside it. */
function stream(index: number, lines: object[]) {
  return { source: deploymentRef(index), lines };
}
