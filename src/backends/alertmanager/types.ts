// The Alertmanager backend as tools see it: the slice of API v2 an on-call engineer uses
// (alerts, their groups, silences, status). One real implementation over plain fetch;
// tests run it against a real Alertmanager.

import { BackendError } from '../errors.ts';

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false for `!=` and `!~`. */
  isEqual: boolean;
}

export type AlertState = 'active' | 'suppressed' | 'unprocessed';

export interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  receivers: { name: string }[];
  status: { state: AlertState; silencedBy: string[]; inhibitedBy: string[] };
  generatorURL?: string;
}

export interface AlertGroup {
  labels: Record<string, string>;
  receiver: { name: string };
  alerts: Alert[];
}

export interface AlertQuery {
  /** Label matchers, each like `name="value"`, `name=~"re"`, `name!="v"`, `name!~"re"`. */
  filter?: string[];
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  /** Regex over receiver names. */
  receiver?: string;
}

export type SilenceState = 'active' | 'pending' | 'expired';

export interface Silence {
  id: string;
  status: { state: SilenceState };
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  createdBy: string;
  comment: string;
}

export interface NewSilence {
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
}

export interface AlertmanagerStatus {
  cluster: { status: string; peers?: unknown[] };
  versionInfo: { version?: string } & Record<string, string>;
  uptime: string;
  config: { original: string };
}

export interface AlertmanagerBackend {
  alerts(query?: AlertQuery): Promise<Alert[]>;
  alertGroups(query?: AlertQuery): Promise<AlertGroup[]>;
  silences(): Promise<Silence[]>;
  getSilence(id: string): Promise<Silence>;
  /** Returns the new silence's id. */
  createSilence(silence: NewSilence): Promise<string>;
  expireSilence(id: string): Promise<void>;
  status(): Promise<AlertmanagerStatus>;
}

/** Expected failures: the message names the operation and carries Alertmanager's own message. */
export class AlertmanagerError extends BackendError {
  override name = 'AlertmanagerError';
}

declare module '../types.ts' {
  interface Backends {
    alertmanager?: AlertmanagerBackend;
  }
}
