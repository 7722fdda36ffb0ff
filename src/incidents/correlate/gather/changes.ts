// Change events in the window (flags, config syncs, migrations, infrastructure, provider
// status posts), each given the role it plays in an incident. The role comes from the
// event's kind, or, for `other`, from the kind the poster kept in `data.kind` (the sandbox
// records `gitops_sync` or `marketing_campaign` there): a change to the system can be a
// cause; a provider's status post or a marketing campaign is evidence about something else.

import { CHANGE_TYPE } from '../../../../tools/deploys/change-events.ts';
import type { ChangeEvent, ChangeKind } from '../../../changes/event.ts';
import type { ChangeEventReader } from '../../../changes/store.ts';
import { MAX_CHANGE_LIMIT } from '../../../changes/store.ts';

export type ChangeRole =
  | 'deploy'
  | 'config'
  | 'flag'
  | 'migration'
  | 'infrastructure'
  | 'third_party'
  | 'demand'
  | 'other';

export interface ChangeFacts {
  id: string;
  at: number;
  role: ChangeRole;
  /** The kind as posted (`data.kind` for `other`). */
  kind: string;
  service?: string;
  namespace?: string;
  summary: string;
}

/** Words in a free-form kind, first match wins. */
const ROLE_BY_WORD: [RegExp, ChangeRole][] = [
  [/third.?party|status|outage|provider|vendor/, 'third_party'],
  [/campaign|marketing|promo|traffic|launch/, 'demand'],
  [/flag|toggle|experiment/, 'flag'],
  [/gitops|sync|config|setting/, 'config'],
  [/migration|schema/, 'migration'],
  [/deploy|release|rollout/, 'deploy'],
  [/infra|node|cluster|network|scal/, 'infrastructure'],
];

export function gatherChanges(
  reader: ChangeEventReader,
  window: { since: number; until: number },
): ChangeFacts[] {
  return reader
    .list({ since: new Date(window.since), until: new Date(window.until), limit: MAX_CHANGE_LIMIT })
    .map(changeFacts)
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

function changeFacts(event: ChangeEvent): ChangeFacts {
  const posted = typeof event.data?.kind === 'string' ? event.data.kind : undefined;
  const kind = event.kind === 'other' && posted ? posted : event.kind;
  return {
    id: event.id,
    at: Date.parse(event.at),
    role: roleOf(kind),
    kind,
    ...(event.service ? { service: event.service } : {}),
    ...(event.namespace ? { namespace: event.namespace } : {}),
    summary: event.summary,
  };
}

function roleOf(kind: string): ChangeRole {
  const known = Object.hasOwn(CHANGE_TYPE, kind) ? CHANGE_TYPE[kind as ChangeKind] : undefined;
  if (known && known !== 'other') return known as ChangeRole;
  const lower = kind.toLowerCase();
  return ROLE_BY_WORD.find(([words]) => words.test(lower))?.[1] ?? 'other';
}
