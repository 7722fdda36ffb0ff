// The sandbox watches its cluster and moves the incident timeline when the world's state
// says so, whoever changed it (world-conditions.ts reads each `resolution` entry as a
// condition). Once any fix holds, the incident is suppressed for good and the pods that
// crashed in it run again; if the world is put back (the bad config re-applied) so that no
// fix holds any more, the incident returns. A transient action suppresses it for `lasts`
// each time it happens. Every reaction is reported, for the sandbox command's log.

import type { Clock } from '../../tool.ts';
import type { KubeStore } from '../kube/kube-store.ts';
import type { Resolution } from '../scenario/schema.ts';
import { healCrashedPods } from './heal-pods.ts';
import type { IncidentTimeline } from './timeline.ts';
import { type WorldCondition, worldCondition } from './world-conditions.ts';

export interface WorldReaction {
  /** fix: the incident ends; relapse: the world no longer holds any fix; transient: held off until `until`. */
  kind: 'fix' | 'relapse' | 'transient';
  /** The resolution entry that holds (for a relapse: the fix that held before). */
  tool: string;
  target: string;
  at: Date;
  until?: Date;
  /** Crashed pods running again after a fix. */
  healedPods?: number;
}

export interface WorldReactions {
  /** The reactions so far, oldest first. */
  list(): readonly WorldReaction[];
  /** Called with each new reaction; returns the unsubscribe function. */
  onReaction(listener: (reaction: WorldReaction) => void): () => void;
  stop(): void;
}

interface Watched {
  tool: string;
  target: string;
  condition: WorldCondition;
  held: boolean;
}

export function watchWorldReactions(
  store: KubeStore,
  resolution: Resolution,
  clock: Clock,
  timeline: IncidentTimeline,
): WorldReactions {
  const watched = (entries: readonly { tool: string; target?: string | undefined }[]) =>
    entries.map((entry): Watched => {
      const target = entry.target ?? '';
      return {
        tool: entry.tool,
        target,
        condition: worldCondition(store, { ...entry, target }),
        held: false,
      };
    });
  const fixes = watched(resolution.fixes);
  const transients = resolution.transient.map((t) => ({ ...watched([t])[0]!, lasts: t.lasts }));
  for (const entry of [...fixes, ...transients]) entry.held = entry.condition.holds();
  const reactions: WorldReaction[] = [];
  const listeners = new Set<(reaction: WorldReaction) => void>();
  let fixedBy: Watched | undefined;
  let queued = false;

  const report = (reaction: WorldReaction) => {
    reactions.push(reaction);
    for (const listener of listeners) listener(reaction);
  };

  const evaluate = () => {
    queued = false;
    const now = clock.now();
    const at = now.getTime();
    for (const fix of fixes) fix.held = fix.condition.holds();
    const holding = fixes.find((fix) => fix.held);
    if (holding && !fixedBy) {
      fixedBy = holding;
      timeline.suppress(at, Number.POSITIVE_INFINITY);
      const healedPods = healCrashedPods(store, timeline.incidentStart, now);
      report({ kind: 'fix', tool: holding.tool, target: holding.target, at: now, healedPods });
    } else if (!holding && fixedBy) {
      timeline.resume(at);
      report({ kind: 'relapse', tool: fixedBy.tool, target: fixedBy.target, at: now });
      fixedBy = undefined;
    }
    for (const transient of transients) {
      const happened = transient.condition.holds() && !transient.held;
      if (happened) transient.condition.rebase();
      transient.held = transient.condition.holds();
      if (!happened || fixedBy) continue;
      timeline.suppress(at, at + transient.lasts);
      const until = new Date(at + transient.lasts);
      report({ kind: 'transient', tool: transient.tool, target: transient.target, at: now, until });
    }
  };

  // A change arrives object by object while the controllers settle: look once they have.
  const unsubscribe = store.onChange(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(evaluate);
  });
  return {
    list: () => reactions,
    onReaction(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: unsubscribe,
  };
}

/** One line for the sandbox's log: what the world now holds and what it did to the incident. */
export function reactionText(reaction: WorldReaction): string {
  const what = `${reaction.tool} ${reaction.target}`;
  if (reaction.kind === 'fix') return `the world holds the fix ${what}; the incident ends`;
  if (reaction.kind === 'relapse') return `the fix ${what} no longer holds; the incident returns`;
  return `${what} holds the incident off until ${reaction.until?.toISOString()}`;
}
