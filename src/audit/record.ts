// What one audit record is and how it is chained: the event vocabulary, the record shape
// shared by the log, the verifier and the JSONL mirror, and the one hash function all
// three must agree on: hash = sha256(prevHash + canonicalJson(record without hash)).

import { CanonicalText, canonicalJson, sha256Hex } from '../canonical.ts';
import type { Effect } from '../types.ts';

export const AUDIT_EVENT_TYPES = [
  'tool.call',
  'decision',
  'approval.requested',
  'approval.granted',
  'approval.rejected',
  'approval.expired',
  'approval.used',
  'action.executed',
  'action.failed',
  'snapshot',
  'policy.loaded',
  'policy.refused',
  'runbook.started',
  'runbook.step',
  'runbook.finished',
  'change.recorded',
  'incidents.ingested',
  'incident.status',
  'incident.note',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const EFFECTS: readonly Effect[] = ['allow', 'escalate', 'deny'];

/** prevHash of record #1. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  type: AuditEventType;
  /** Ties together every record of one tool call. */
  callId?: string;
  principal?: string;
  tool?: string;
  /** Stable key of what the call acts on (cluster/namespace/kind/name); history counts use it. */
  targetKey?: string;
  /** Key of the workload a real change counts against (a pod's Deployment); history sums it. */
  workloadKey?: string;
  effect?: Effect;
  data: Record<string, unknown>;
}

export interface AuditRecord extends AuditEvent {
  seq: number;
  /** ISO 8601, UTC. */
  ts: string;
  prevHash: string;
  hash: string;
}

export type UnhashedRecord = Omit<AuditRecord, 'hash'>;

/** `dataJson`, when the caller has it, is the canonical form of `record.data`. */
export function hashRecord(record: UnhashedRecord, dataJson?: string): string {
  const canonical = canonicalJson(
    dataJson === undefined ? record : { ...record, data: new CanonicalText(dataJson) },
  );
  return sha256Hex(record.prevHash + canonical);
}

/** A row of the audit_log table. */
export interface AuditRow {
  seq: number;
  ts: string;
  type: string;
  call_id: string | null;
  principal: string | null;
  tool: string | null;
  target_key: string | null;
  /** Added by migration audit-2 (absent in a database not yet migrated): null in older rows, which hash as before. */
  workload_key?: string | null;
  effect: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Throws SyntaxError when the row's data column is not JSON (an edited row). */
export function rowToRecord(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    seq: row.seq,
    ts: row.ts,
    type: row.type as AuditEventType,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.call_id !== null) record.callId = row.call_id;
  if (row.principal !== null) record.principal = row.principal;
  if (row.tool !== null) record.tool = row.tool;
  if (row.target_key !== null) record.targetKey = row.target_key;
  if (row.workload_key != null) record.workloadKey = row.workload_key;
  if (row.effect !== null) record.effect = row.effect as Effect;
  return record;
}

export function withoutHash(record: AuditRecord): UnhashedRecord {
  const { hash: _hash, ...rest } = record;
  return rest;
}
