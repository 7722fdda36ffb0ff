// Moves WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside
// whichever commit crosses the threshold, which put multi-millisecond stalls on tool
// calls; a long-running server turns it off and lets a worker thread checkpoint the same
// file every second instead. Short-lived CLI processes keep the automatic checkpoint.

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { entryModuleUrl } from '../package-paths.ts';
import type { SqlDatabase } from './sql.ts';

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  db: SqlDatabase,
  path: string,
  logger: Logger,
  intervalMs = 1000,
): Checkpointer {
  if (db.dialect !== 'sqlite' || path === ':memory:') return { stop: async () => {} };
  db.exec('PRAGMA wal_autocheckpoint = 0');
  let stopping = false;
  let running: { worker: Worker; exited: Promise<void> } | undefined;
  // The thread starts one interval in, not at once: booting it takes CPU that the server's
  // first answers (initialize, tools/list) would wait for, and a new WAL has little to copy.
  const starting = setTimeout(() => {
    running = startWorker();
  }, intervalMs).unref();

  function startWorker() {
    const worker = new Worker(entryModuleUrl('store/checkpoint-worker'), {
      workerData: { path, intervalMs },
      // It only asks SQLite to copy pages: a small heap of its own, not V8's default.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: { error?: string }) => {
      if (m.error) logger.warn({ err: m.error }, 'WAL checkpoint failed; will retry');
    });
    worker.on('error', (err) => {
      if (stopping || !db.isOpen) return; // shutting down: nothing left to checkpoint for
      logger.error({ err }, 'WAL checkpointer stopped; falling back to automatic checkpoints');
      db.exec('PRAGMA wal_autocheckpoint = 1000');
    });
    worker.unref();
    return { worker, exited };
  }

  return {
    async stop() {
      stopping = true;
      clearTimeout(starting);
      if (!running) return; // closing the store's last connection checkpoints what is left
      // Held while it finishes: an unref'd worker would let a process with nothing else to
      // do exit before the final checkpoint, leaving this promise unsettled.
      running.worker.ref();
      running.worker.postMessage('stop');
      await running.exited;
    },
  };
}
