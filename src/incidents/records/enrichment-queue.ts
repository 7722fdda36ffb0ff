// Runs incident enrichment off the ingest path: scheduled after the post is answered, at
// most one run per incident at a time, run again when the incident changed meanwhile (its
// service moved upstream), and never failing: an enrich function that throws leaves its
// error as a gap in the context. close() starts no more runs and waits for those under
// way, so the store they write to is still open when they finish.

import type { Logger } from 'pino';
import type { Incident, IncidentContext } from './model.ts';

export interface EnrichmentDeps {
  enrich: (incident: Incident) => Promise<IncidentContext>;
  read: (id: string) => Incident | undefined;
  write: (id: string, context: IncidentContext) => void;
  logger?: Logger;
}

export class EnrichmentQueue {
  readonly #deps: EnrichmentDeps;
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #closed = false;

  constructor(deps: EnrichmentDeps) {
    this.#deps = deps;
  }

  schedule(id: string): void {
    if (this.#closed) return;
    if (this.#running.has(id)) {
      this.#again.add(id);
      return;
    }
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#untilCurrent(id))
      .finally(() => this.#running.delete(id));
    this.#running.set(id, run);
  }

  /** Resolves once every run under way (and any it scheduled again) has finished. */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.all(this.#running.values());
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }

  async #untilCurrent(id: string): Promise<void> {
    do {
      this.#again.delete(id);
      const incident = this.#deps.read(id);
      if (!incident || this.#closed) return;
      let context: IncidentContext;
      try {
        context = await this.#deps.enrich(incident);
      } catch (err) {
        this.#deps.logger?.warn({ err, incident: id }, 'incident enrichment failed');
        context = { ...incident.context, gaps: [`enrichment failed: ${(err as Error).message}`] };
      }
      try {
        this.#deps.write(id, context);
      } catch (err) {
        this.#deps.logger?.error({ err, incident: id }, 'incident context could not be stored');
        return;
      }
    } while (this.#again.has(id));
  }
}
