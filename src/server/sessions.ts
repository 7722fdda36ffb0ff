// The MCP sessions the HTTP server holds, each with its own MCP server and replay buffer,
// bounded per principal (`limits.sessionsPerPrincipal`) and in total (`limits.sessionsTotal`).
// Clients often vanish without DELETE, so at a limit the least recently used idle session
// (no request in flight, no open stream: its client is gone) makes room; only when every
// one is in use is the new session refused. Sessions unused for SESSION_IDLE_MS are closed.

import type { ServerResponse } from 'node:http';

/** A session unused this long, with nothing open, is closed (clients that vanish without DELETE). */
export const SESSION_IDLE_MS = 30 * 60_000;

export interface Session {
  id: string;
  /** Sessions belong to the principal that opened them; nobody else may use the id. */
  principalId: string;
  /** The protocol version negotiated at initialize. */
  version: string;
  lastSeen: number;
  /** Requests of the session being answered now: calls in flight, an open GET stream. */
  open: number;
  close(): Promise<void>;
}

export interface SessionRefusal {
  limit: 'limits.sessionsPerPrincipal' | 'limits.sessionsTotal';
  max: number;
}

export class SessionTable<S extends Session = Session> {
  readonly #sessions = new Map<string, S>();
  readonly #perPrincipal: number;
  readonly #total: number;

  constructor(limits: { sessionsPerPrincipal: number; sessionsTotal: number }) {
    this.#perPrincipal = limits.sessionsPerPrincipal;
    this.#total = limits.sessionsTotal;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string): S | undefined {
    return this.#sessions.get(id);
  }

  add(session: S): void {
    this.#sessions.set(session.id, session);
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  /** Counts a request of the session as open until its response closes. */
  track(session: Session, res: ServerResponse): void {
    session.open++;
    session.lastSeen = Date.now();
    res.once('close', () => {
      session.open--;
      session.lastSeen = Date.now();
    });
  }

  /** Makes room for one more session of `principalId`, closing idle ones; the limit hit when it cannot. */
  makeRoom(principalId: string): SessionRefusal | undefined {
    const all = [...this.#sessions.values()];
    const mine = all.filter((s) => s.principalId === principalId);
    if (mine.length >= this.#perPrincipal && !this.#closeLeastRecentIdle(mine))
      return { limit: 'limits.sessionsPerPrincipal', max: this.#perPrincipal };
    if (this.#sessions.size >= this.#total && !this.#closeLeastRecentIdle(all))
      return { limit: 'limits.sessionsTotal', max: this.#total };
    return undefined;
  }

  closeIdleSince(since: number): void {
    for (const session of this.#sessions.values())
      if (session.open === 0 && session.lastSeen < since) void this.#close(session);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((session) => this.#close(session)));
  }

  #closeLeastRecentIdle(candidates: S[]): boolean {
    let victim: S | undefined;
    for (const s of candidates) if (s.open === 0 && (!victim || s.lastSeen < victim.lastSeen)) victim = s;
    if (victim) void this.#close(victim);
    return victim !== undefined;
  }

  #close(session: S): Promise<void> {
    this.#sessions.delete(session.id);
    return session.close();
  }
}
