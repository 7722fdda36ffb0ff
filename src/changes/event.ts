// A change event: something that changed outside Kubernetes objects (a feature flag, a
// database migration, an infrastructure change, a CI/CD deploy) as CI/CD or flag systems
// post it to `POST /v1/changes`. The kinds match the scenario format's `changes` entries
// (docs/scenarios.md), so a scenario's changes can be recorded as they are. Validation errors
// name the field (`events[2].at: ...`), since the poster is a pipeline someone must fix.

import { z } from 'zod';
import { describeIssues } from '../yaml-path.ts';

export const CHANGE_KINDS = [
  'deploy',
  'config',
  'feature_flag',
  'database_migration',
  'infrastructure',
  'third_party',
  'other',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Batches larger than this are refused: post them in parts. */
export const MAX_EVENTS_PER_POST = 500;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
/**
 * Levels of objects and lists `data` may nest. Deeper is refused: one event nested thousands
 * deep would overflow the stack of everything that later reads it back (redaction, audit,
 * JSON), so a change-writer could break the change history for everyone.
 */
export const MAX_DATA_DEPTH = 16;

/** Stops looking past `limit`, so the check itself never recurses deeper than that. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  return Object.values(value).some((item) => nestedDeeperThan(item, limit - 1));
}

export const changeEventInputSchema = z
  .object({
    id: z
      .string()
      .regex(ID, 'letters, digits and . _ : / - (at most 128), starting with a letter or digit')
      .optional()
      .describe('Your id for the change (e.g. flag-4411); re-posting an id replaces that event'),
    at: z.iso
      .datetime({ offset: true, error: 'expected an RFC 3339 time such as 2026-04-25T14:08:00Z' })
      .optional()
      .describe('RFC 3339 time of the change; when it was received if omitted'),
    kind: z.enum(CHANGE_KINDS).describe('What sort of change'),
    service: z.string().min(1).max(253).optional().describe('The service it concerns'),
    namespace: z.string().min(1).max(63).optional().describe('The Kubernetes namespace it concerns'),
    summary: z.string().trim().min(1).max(1000).describe('One line a human reads'),
    actor: z.string().min(1).max(200).optional().describe('Who or what made the change'),
    source: z.string().min(1).max(200).optional().describe('The posting system, e.g. github-actions'),
    url: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
      .optional()
      .describe('Where to read more (pipeline run, flag)'),
    data: z
      .record(z.string(), z.unknown())
      .refine((data) => !nestedDeeperThan(data, MAX_DATA_DEPTH), {
        error: `nested deeper than ${MAX_DATA_DEPTH} levels`,
      })
      .optional()
      .describe('Anything else, kept as posted'),
  })
  .strict();

export type ChangeEventInput = z.output<typeof changeEventInputSchema>;

/** A stored event: the input with its id and time fixed, and who posted it when. */
export type ChangeEvent = ChangeEventInput & {
  id: string;
  /** ISO 8601, UTC, millisecond precision (sorts as text). */
  at: string;
  recordedAt: string;
  /** The principal that posted it. */
  recordedBy: string;
};

const batchSchema = z
  .object({ events: z.array(changeEventInputSchema).min(1).max(MAX_EVENTS_PER_POST) })
  .strict();

export class ChangeEventError extends Error {
  override name = 'ChangeEventError';
}

/** One event, or `{ events: [...] }`; throws ChangeEventError naming every bad field. */
export function parseChangeEvents(body: unknown): ChangeEventInput[] {
  const batch = typeof body === 'object' && body !== null && 'events' in body;
  const parsed = batch ? batchSchema.safeParse(body) : changeEventInputSchema.safeParse(body);
  if (!parsed.success) throw new ChangeEventError(describeIssues(parsed.error.issues));
  return 'events' in parsed.data ? parsed.data.events : [parsed.data];
}
