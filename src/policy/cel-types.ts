// The types policy expressions are checked against. CEL's own types cover scalars, lists,
// maps, timestamps and durations; the input (request, target, ...) is a set of records with
// fixed fields, so a typo such as `target.enviroment` fails at load instead of at 3 a.m.
// At runtime a record is a CEL map holding every declared field (see activation.ts).

import { CelScalar, type CelType, listType, mapType, objectType } from '@bufbuild/cel';

export interface RecordType {
  kind: 'record';
  name: string;
  fields: Readonly<Record<string, PolicyType>>;
}

export type PolicyType = CelType | RecordType;

export const TIMESTAMP_NAME = 'google.protobuf.Timestamp';
export const DURATION_NAME = 'google.protobuf.Duration';

export function recordType(name: string, fields: Record<string, PolicyType>): RecordType {
  return { kind: 'record', name, fields };
}

/** The type as a rule author writes about it: `map(string, int)`, `timestamp`, `target`. */
export function typeName(type: PolicyType): string {
  switch (type.kind) {
    case 'record':
      return type.name;
    case 'list':
      return `list(${typeName(type.element)})`;
    case 'map':
      return `map(${typeName(type.key)}, ${typeName(type.value)})`;
    case 'object':
      if (type.name === TIMESTAMP_NAME) return 'timestamp';
      if (type.name === DURATION_NAME) return 'duration';
      return type.name;
    case 'scalar':
      return type.name;
  }
}

export function isScalar(type: PolicyType, ...names: string[]): boolean {
  return type.kind === 'scalar' && names.includes(type.name);
}

export const isDyn = (type: PolicyType): boolean => isScalar(type, 'dyn');
export const isNumeric = (type: PolicyType): boolean => isScalar(type, 'int', 'uint', 'double');

const { STRING, INT, DOUBLE, BOOL, DYN } = CelScalar;
const stringRecord = (name: string, keys: string[]) =>
  recordType(name, Object.fromEntries(keys.map((key) => [key, STRING])));
const byWindow = (name: string, windows: string[], type: PolicyType) =>
  recordType(name, Object.fromEntries(windows.map((window) => [window, type])));
const countsByWindow = (name: string, windows: string[]) => byWindow(name, windows, INT);

/** The policy input (DESIGN §4, PolicyInput in src/types.ts) as CEL sees it. */
export const INPUT_TYPES: Readonly<Record<string, RecordType>> = {
  request: recordType('request', {
    tool: STRING,
    kind: STRING,
    args: mapType(STRING, DYN),
    dryRun: BOOL,
    reason: STRING,
  }),
  target: recordType('target', {
    cluster: STRING,
    namespace: STRING,
    kind: STRING,
    name: STRING,
    service: STRING,
    environment: STRING,
    declaredEnvironment: STRING,
    labels: mapType(STRING, STRING),
    workload: stringRecord('target.workload', ['kind', 'name']),
  }),
  principal: recordType('principal', {
    id: STRING,
    type: STRING,
    roles: listType(STRING),
    client: stringRecord('principal.client', ['name', 'version']),
    transport: STRING,
  }),
  impact: recordType('impact', {
    pods: INT,
    replicas: INT,
    fractionOfService: DOUBLE,
    cumulativeFractionOfService: DOUBLE,
    estimatedCostUsd: DOUBLE,
    reversible: BOOL,
  }),
  history: recordType('history', {
    sameTarget: countsByWindow('history.sameTarget', ['10m', '1h', '24h']),
    sameTool: countsByWindow('history.sameTool', ['1h']),
    approvalsRejected: countsByWindow('history.approvalsRejected', ['24h']),
    restarts: countsByWindow('history.restarts', ['10m', '1h', '24h']),
    capacityRemoved: byWindow('history.capacityRemoved', ['1h', '24h'], DOUBLE),
    principalChanges: countsByWindow('history.principalChanges', ['10m', '1h']),
  }),
  incident: stringRecord('incident', ['id', 'severity', 'status']),
  context: recordType('context', {
    now: objectType(TIMESTAMP_NAME),
    changeFreeze: BOOL,
    rolloutInProgress: BOOL,
  }),
};
