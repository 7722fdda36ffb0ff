// References between parts of a scenario: `Deployment/shop/checkout`, `Pod/shop/checkout#0`
// (the index-th pod of a workload), `Node/ip-10-0-1-42`, `Service/checkout` (the service
// catalog), `Change/flag-4411`. Events, logs, services, fixes and the truth all point at
// things this way.

export interface ObjectRef {
  kind: string;
  /** Absent for cluster-scoped kinds and for `Service/<name>` and `Change/<id>`. */
  namespace?: string;
  name: string;
  /** `#<index>` of a `Pod/<ns>/<workload>#<index>` reference. */
  index?: number;
}

const REF = /^([A-Z][A-Za-z]*)\/(?:([^/#\s]+)\/)?([^/#\s]+)(?:#(\d+))?$/;

/** Splits a reference; throws when it is not `Kind/name` or `Kind/namespace/name[#index]`. */
export function parseRef(text: string): ObjectRef {
  const match = REF.exec(text);
  if (!match) {
    throw new Error(
      `invalid reference ${JSON.stringify(text)}: expected Kind/namespace/name, Kind/name or Pod/namespace/workload#index`,
    );
  }
  const [, kind, namespace, name, index] = match;
  return {
    kind: kind!,
    name: name!,
    ...(namespace === undefined ? {} : { namespace }),
    ...(index === undefined ? {} : { index: Number(index) }),
  };
}

/** `Kind/namespace/name`, the key workloads are found by. */
export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
