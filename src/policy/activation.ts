// Turns a PolicyInput into CEL bindings, once per evaluation, so every rule reads the same
// prebuilt maps instead of converting the input again.
//
// Convention for absent values: every field declared in cel-types.ts is always present, so a
// rule never errors because the caller left something out. Missing strings are "", numbers
// 0, booleans false, maps and lists empty; no incident is an incident with id "" (test it
// with `incident.id != ""`); a missing or empty environment (or one that is not a string) is
// "production" and an unknown request kind is "mutate" (fail closed); a missing `context.now` is the current time; a
// missing `impact.cumulativeFractionOfService` is the call's own fractionOfService.
// Counts (history, impact.pods, impact.replicas) are CEL ints; shares are doubles. In `request.args`, whole
// numbers become ints and fractions doubles, so `request.args.replicas > 10` and
// `request.args.replicas + 1` both work.

import { type CelInput, type CelMap, type CelResult, celList, celMap, isCelError } from '@bufbuild/cel';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { PolicyInput } from '../types.ts';

export type Bindings = Record<string, CelInput>;
export type Program = (bindings: Bindings) => CelResult;

export function inputBindings(input: PolicyInput): Bindings {
  const { request, target, principal, impact, history, incident, context } = input;
  return {
    request: record({
      tool: request.tool ?? '',
      kind: request.kind === 'read' ? 'read' : 'mutate',
      args: toDyn(request.args ?? {}) ?? null,
      dryRun: request.dryRun === true,
      reason: request.reason ?? '',
    }),
    target: record({
      cluster: target.cluster ?? '',
      namespace: target.namespace ?? '',
      kind: target.kind ?? '',
      name: target.name ?? '',
      service: target.service ?? '',
      environment:
        typeof target.environment === 'string' && target.environment ? target.environment : 'production',
      declaredEnvironment: target.declaredEnvironment ?? '',
      labels: celMap(new Map(Object.entries(target.labels ?? {}))),
      workload: record({ kind: target.workload?.kind ?? '', name: target.workload?.name ?? '' }),
    }),
    principal: record({
      id: principal.id ?? '',
      type: principal.type ?? '',
      roles: celList(principal.roles ?? []),
      client: record({ name: principal.client?.name ?? '', version: principal.client?.version ?? '' }),
      transport: principal.transport ?? '',
    }),
    impact: record({
      pods: int(impact?.pods),
      replicas: int(impact?.replicas),
      fractionOfService: impact?.fractionOfService ?? 0,
      cumulativeFractionOfService: impact?.cumulativeFractionOfService ?? impact?.fractionOfService ?? 0,
      estimatedCostUsd: impact?.estimatedCostUsd ?? 0,
      reversible: impact?.reversible === true,
    }),
    history: record({
      sameTarget: record({
        '10m': int(history?.sameTarget?.['10m']),
        '1h': int(history?.sameTarget?.['1h']),
        '24h': int(history?.sameTarget?.['24h']),
      }),
      sameTool: record({ '1h': int(history?.sameTool?.['1h']) }),
      approvalsRejected: record({ '24h': int(history?.approvalsRejected?.['24h']) }),
      restarts: record({
        '10m': int(history?.restarts?.['10m']),
        '1h': int(history?.restarts?.['1h']),
        '24h': int(history?.restarts?.['24h']),
      }),
      capacityRemoved: record({
        '1h': history?.capacityRemoved?.['1h'] ?? 0,
        '24h': history?.capacityRemoved?.['24h'] ?? 0,
      }),
      principalChanges: record({
        '10m': int(history?.principalChanges?.['10m']),
        '1h': int(history?.principalChanges?.['1h']),
      }),
    }),
    incident: record({
      id: incident?.id ?? '',
      severity: incident?.severity ?? '',
      status: incident?.status ?? '',
    }),
    context: record({
      now: timestampFromDate(context?.now ?? new Date()),
      changeFreeze: context?.changeFreeze === true,
      rolloutInProgress: context?.rolloutInProgress === true,
    }),
  };
}

/**
 * `variables.<name>`: each variable is evaluated on first use and cached for the rest of
 * this evaluation. A variable that fails makes the expression reading it fail.
 */
export function lazyVariables(programs: ReadonlyMap<string, Program>, bindings: Bindings): CelMap {
  return celMap(new LazyVariables(programs, bindings));
}

class LazyVariables extends Map<string, CelInput> {
  readonly #programs: ReadonlyMap<string, Program>;
  readonly #bindings: Bindings;

  constructor(programs: ReadonlyMap<string, Program>, bindings: Bindings) {
    super();
    this.#programs = programs;
    this.#bindings = bindings;
  }

  override get(name: string): CelInput | undefined {
    if (super.has(name)) return super.get(name);
    const program = this.#programs.get(name);
    if (!program) return undefined;
    const value = program(this.#bindings);
    if (isCelError(value)) throw new Error(`variables.${name}: ${value.message}`);
    super.set(name, value as CelInput);
    return value as CelInput;
  }
}

function record(fields: Record<string, CelInput>): CelMap {
  return celMap(new Map(Object.entries(fields)));
}

function int(value: number | undefined): bigint {
  return BigInt(Math.trunc(value ?? 0));
}

/** JSON-ish tool arguments as CEL values; undefined entries are dropped. */
function toDyn(value: unknown): CelInput | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'object':
      if (Array.isArray(value)) return celList(value.map((item) => toDyn(item) ?? null));
      if (value instanceof Date) return timestampFromDate(value);
      return celMap(
        new Map(
          Object.entries(value).flatMap(([key, item]) => {
            const converted = toDyn(item);
            return converted === undefined ? [] : [[key, converted] as const];
          }),
        ),
      );
    default:
      return undefined;
  }
}
