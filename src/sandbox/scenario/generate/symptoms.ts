// How trouble shows on a generated service and travels up its callers: incident segments on
// its errors and latency, and log lines in the service's own language (a Java stack trace,
// a Go panic, a Node TypeError, a Python traceback) or naming the callee that failed. Every
// cause uses these, so the categories differ in what breaks, not in how symptoms are drawn.

import {
  between,
  callersOf,
  current,
  type ErrorSeg,
  type Lang,
  type LogSource,
  MIN,
  type Service,
  serviceHost,
  type World,
  workloadRef,
} from './world.ts';

export interface Degradation {
  at: number;
  ramp: number;
  /** 5xx share (or the codes' shares) from `at` on. */
  errors?: Omit<ErrorSeg, 'from' | 'ramp'>;
  /** New p50, and p99 as a multiple of it. */
  p50?: number;
  tail?: number;
}

export function degrade(s: Service, d: Degradation): void {
  if (d.errors) s.errors.push({ from: d.at, ramp: d.ramp, ...d.errors });
  if (d.p50 !== undefined) {
    const p50 = Number(d.p50.toPrecision(2));
    s.latency.push({ from: d.at, ramp: d.ramp, p50, p99: Number((p50 * (d.tail ?? 4)).toPrecision(2)) });
  }
}

/** Adds log lines to a workload's pods (or one pod, `#index`), as a source of their own. */
export function logTo(world: World, s: Service, lines: LogSource['lines'], pod?: number): void {
  const source = pod === undefined ? workloadRef(s) : `Pod/${s.namespace}/${s.name}#${pod}`;
  world.logs.push({
    source,
    ...(s.lang === 'node' || world.random.next() < 0.3 ? {} : { format: 'json' as const }),
    lines,
  });
}

const CLASSES = ['Handler', 'Repository', 'Client', 'Service', 'Controller', 'Processor', 'Mapper'];

function frame(world: World, s: Service): { cls: string; method: string; line: number; stem: string } {
  const r = world.random;
  const stem = s.name.split('-')[0]!;
  const cls = `${stem[0]!.toUpperCase()}${stem.slice(1)}${r.pick(CLASSES)}`;
  return {
    cls,
    method: r.pick(['handle', 'load', 'apply', 'resolve', 'build', 'submit']),
    line: r.int(30, 480),
    stem,
  };
}

/** An application error with the stack its language prints. */
export function exceptionText(
  world: World,
  s: Service,
  kind: 'null' | 'parse' | 'state',
  message: string,
): string {
  const { cls, method, line, stem } = frame(world, s);
  const byLang: Record<Lang, () => string> = {
    java: () =>
      `${{ null: 'java.lang.NullPointerException', parse: 'com.fasterxml.jackson.databind.exc.MismatchedInputException', state: 'java.lang.IllegalStateException' }[kind]}: ${message}\n\tat com.example.${stem}.${cls}.${method}(${cls}.java:${line})\n\tat com.example.${stem}.api.${cls}Endpoint.${method}(${cls}Endpoint.java:${line - 17})`,
    go: () =>
      `panic: ${kind === 'null' ? 'runtime error: invalid memory address or nil pointer dereference' : message}\n\ngoroutine ${world.random.int(20, 900)} [running]:\ngithub.com/example/${stem}/internal.(*${cls}).${method[0]!.toUpperCase()}${method.slice(1)}(...)\n\t/src/internal/${stem}/${method}.go:${line} +0x1c4`,
    node: () =>
      `${kind === 'null' ? 'TypeError' : 'Error'}: ${message}\n    at ${cls}.${method} (/app/dist/${stem}/${method}.js:${line}:${world.random.int(5, 60)})\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
    python: () =>
      `Traceback (most recent call last):\n  File "/app/${stem}/${method}.py", line ${line}, in ${method}\n${{ null: 'AttributeError', parse: 'ValueError', state: 'RuntimeError' }[kind]}: ${message}`,
  };
  return byLang[s.lang]();
}

export type CallFailure = 'timeout' | 'refused' | 'unavailable' | 'reset';

/** A caller's log line for a failed call to `host`. */
export function callFailureText(world: World, caller: Service, host: string, failure: CallFailure): string {
  const r = world.random;
  const ms = r.pick([800, 1000, 2000, 3000, 5000]);
  const path = `${caller.route.split(' ')[0]} http://${host}/${r.pick(['v1', 'v2', 'internal'])}/${r.pick(['items', 'lookup', 'batch', 'status'])}`;
  return {
    timeout: `upstream call failed: ${path}: context deadline exceeded (timeout ${ms}ms) request={uuid}`,
    refused: `upstream call failed: ${path}: dial tcp {ip}:${host.split(':').at(-1)}: connect: connection refused`,
    unavailable: `upstream call failed: ${path}: 503 Service Unavailable after {int:1-3} retries request={uuid}`,
    reset: `upstream call failed: ${path}: read: connection reset by peer request={uuid}`,
  }[failure];
}

export interface Spread {
  at: number;
  /** 5xx share of the service the trouble starts at; callers see a fraction of it. */
  ratio: number;
  /** Latency multiple callers see (1: none). */
  slowdown: number;
  failure: CallFailure;
  /** Whether callers log which callee failed. */
  explicit: boolean;
}

/**
 * Symptoms travel to the callers of `name` (a service or a third party), and from them one
 * more level up, each level seeing a share of the errors a little later. Returns the callers
 * that degraded, nearest first.
 */
export function spreadToCallers(world: World, name: string, host: string, spread: Spread): Service[] {
  const r = world.random;
  const affected: Service[] = [];
  let level = callersOf(world, name).map((caller) => ({ caller, host, ratio: spread.ratio }));
  for (let depth = 0; depth < 2 && level.length; depth++) {
    const next: typeof level = [];
    for (const { caller, host: callee, ratio } of level) {
      // A caller already degraded (by another path, or as a victim itself) keeps its symptoms.
      const degraded = caller.errors.some((e) => e.from >= world.incidentStart);
      if (affected.includes(caller) || degraded || !caller.traffic.length) continue;
      affected.push(caller);
      const share = Math.min(0.9, ratio * between(r, 0.3, 0.8));
      const at = spread.at + r.int(2, 6) * 15 * (depth + 1);
      const base = current(caller.latency);
      degrade(caller, {
        at,
        ramp: r.pick([30, MIN, 2 * MIN]),
        errors: { ratio: Number(share.toPrecision(2)) },
        ...(spread.slowdown > 1
          ? { p50: base.p50 * Math.max(1, spread.slowdown * between(r, 0.4, 0.9)), tail: r.int(3, 6) }
          : {}),
      });
      if (depth === 0 && spread.explicit) {
        logTo(world, caller, [
          {
            from: at,
            every: `${r.int(2, 8)}s`,
            level: 'error',
            text: callFailureText(world, caller, callee, spread.failure),
          },
        ]);
      }
      for (const up of callersOf(world, caller.name))
        next.push({ caller: up, host: serviceHost(caller), ratio: share });
    }
    level = next;
  }
  return affected;
}

/** `service` and the callers its symptoms spread to (spreadToCallers) join the incident's involved services. */
export function involveWithCallers(world: World, service: Service, spread: Spread): void {
  world.involved.push(
    service.name,
    ...spreadToCallers(world, service.name, serviceHost(service), spread).map((c) => c.name),
  );
}
