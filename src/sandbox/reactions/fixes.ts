// Which executed changes end the incident (a scenario's `resolution.fixes`) or hold it off
// for a while (`resolution.transient`). A change matches when its tool is the same, its
// target is the same object (`Deployment/shop/checkout`; no target: any), and for `data`
// every listed key was set by the change to a value its pattern accepts (that value, "*"
// anything, ">=32" a number past the threshold: scenario/fix-data.ts).

import type { ExecutedChange } from '../../dispatch/dispatcher.ts';
import { fixDataMatches } from '../scenario/fix-data.ts';
import { parseRef } from '../scenario/refs.ts';
import type { Resolution } from '../scenario/schema.ts';
import type { SuppressionWindow } from './timeline.ts';

type Reaction = Pick<ExecutedChange, 'tool' | 'target' | 'args'>;

function sameTarget(ref: string | undefined, change: Reaction): boolean {
  if (ref === undefined) return true;
  const wanted = parseRef(ref);
  const { target } = change;
  return (
    wanted.kind === target.kind &&
    wanted.name === target.name &&
    (wanted.namespace ?? undefined) === target.namespace
  );
}

function setsData(wanted: Record<string, string> | undefined, change: Reaction): boolean {
  if (!wanted) return true;
  const data = change.args.data;
  if (!data || typeof data !== 'object') return false;
  return Object.entries(wanted).every(([key, pattern]) =>
    fixDataMatches(pattern, (data as Record<string, unknown>)[key]),
  );
}

/** The suppression a change causes at `at`: for good after a fix, for `lasts` after a transient action. */
export function reactionTo(
  resolution: Resolution,
  change: Reaction,
  at: number,
): SuppressionWindow | undefined {
  const matches = (r: { tool: string; target?: string | undefined }) =>
    r.tool === change.tool && sameTarget(r.target, change);
  if (resolution.fixes.some((fix) => matches(fix) && setsData(fix.data, change))) {
    return { from: at, until: Number.POSITIVE_INFINITY };
  }
  const transient = resolution.transient.find(matches);
  return transient ? { from: at, until: at + transient.lasts } : undefined;
}
