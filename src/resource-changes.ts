// Which MCP resources a moment changed, read off the audit log: every change to an incident
// (alerts ingested, a note, a status) and every policy load is audited before it is stored,
// so the audit records are the one place that sees them all. Subscribers (src/server/mcp.ts)
// turn them into `notifications/resources/updated` and `…/list_changed` for the clients
// that asked. A change carries a URI only, never what changed: a client reads the resource,
// through the same checks as any read.

import { incidentUri } from '../tools/incidents/resources.ts';
import type { AuditRecord } from './audit/log.ts';
import { POLICY_URI } from './policy/uri.ts';

export type ResourceChange = { kind: 'updated'; uri: string } | { kind: 'list' };

export class ResourceChanges {
  readonly #listeners = new Set<(change: ResourceChange) => void>();

  /** Calls `listener` for each change from now on; returns how to stop. */
  onChange(listener: (change: ResourceChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The changes of records just appended, told after the caller's write finished (the
   * records are audited before the rows are stored), each URI once.
   */
  appended(records: readonly AuditRecord[]): void {
    if (!this.#listeners.size) return;
    const changes = changesOf(records);
    if (!changes.length) return;
    setImmediate(() => {
      for (const change of changes) for (const listener of this.#listeners) listener(change);
    });
  }
}

function changesOf(records: readonly AuditRecord[]): ResourceChange[] {
  const updated = new Set<string>();
  let listChanged = false;
  for (const record of records) {
    const data = record.data as Record<string, unknown>;
    switch (record.type) {
      case 'incidents.ingested': {
        const created = (data.created as string[] | undefined) ?? [];
        if (created.length) listChanged = true;
        for (const id of [...created, ...((data.updated as string[] | undefined) ?? [])])
          updated.add(incidentUri(id));
        break;
      }
      case 'incident.status':
        listChanged = true; // the list describes each incident with its status
        if (typeof data.incident === 'string') updated.add(incidentUri(data.incident));
        break;
      case 'incident.note':
        if (typeof data.incident === 'string') updated.add(incidentUri(data.incident));
        break;
      case 'policy.loaded':
        updated.add(POLICY_URI);
        break;
    }
  }
  return [
    ...[...updated].map((uri): ResourceChange => ({ kind: 'updated', uri })),
    ...(listChanged ? [{ kind: 'list' as const }] : []),
  ];
}
