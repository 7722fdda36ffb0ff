// TLS options for a pg connection. pg sets the TLS servername to the URL's host whenever
// that host is a name, overwriting ours, so `store.tls.servername` (the name the server's
// certificate carries, when the URL reaches it by another) is enforced where the identity
// is checked instead. Built where the connection is made: a function cannot cross into the
// worker thread with its settings.

import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type pg from 'pg';
import type { WorkerSettings } from './worker.ts';

type Ssl = NonNullable<WorkerSettings['ssl']>;

export function clientTls(ssl: Ssl | undefined): Pick<pg.ClientConfig, 'ssl'> {
  if (!ssl) return {};
  const { servername } = ssl;
  if (!servername) return { ssl };
  return {
    ssl: {
      ...ssl,
      checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(servername, cert),
    },
  };
}
