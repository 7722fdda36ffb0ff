// Status bookkeeping shared by the controllers: write status only when a computed field
// changed (so the controller loop settles), and keep condition timestamps the way
// Kubernetes does (lastTransitionTime moves only when the status flips).

import { canonicalJson } from '../../canonical.ts';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

/** True when every field of `computed` already has that value in `current`. */
export function sameFields(
  current: Record<string, unknown> | undefined,
  computed: Record<string, unknown>,
): boolean {
  return Object.entries(computed).every(
    ([key, value]) => canonicalJson(current?.[key] ?? null) === canonicalJson(value ?? null),
  );
}

/** Sets one condition, keeping lastTransitionTime unless its status changed. */
export function withCondition(
  existing: Condition[] | undefined,
  next: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>,
  now: string,
  stamps: ('lastUpdateTime' | 'lastTransitionTime')[] = ['lastUpdateTime', 'lastTransitionTime'],
): Condition[] {
  const conditions = existing ?? [];
  const previous = conditions.find((condition) => condition.type === next.type);
  if (
    previous &&
    previous.status === next.status &&
    previous.reason === next.reason &&
    previous.message === next.message
  ) {
    return conditions;
  }
  const updated = { ...next } as Condition;
  if (stamps.includes('lastUpdateTime')) updated.lastUpdateTime = now;
  if (stamps.includes('lastTransitionTime')) {
    updated.lastTransitionTime =
      previous && previous.status === next.status ? (previous.lastTransitionTime ?? now) : now;
  }
  return previous
    ? conditions.map((condition) => (condition === previous ? updated : condition))
    : [...conditions, updated];
}
