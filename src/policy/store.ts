// Holds the policy bundle in force. The server cannot start without one; after that, an
// edit that does not compile is refused with its error and the previous bundle stays in
// force (fail closed: a typo never opens the gate or blocks it by accident).

import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { type CompiledBundle, loadBundleFile } from './bundle.ts';

export interface PolicyStoreOptions {
  /** Called with each bundle put in force: at open and after every reload that changed it. */
  onLoaded?(bundle: CompiledBundle): void;
  /** Called when a reload is refused; the previous bundle stays in force. */
  onRefused?(path: string, error: Error): void;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Quiet time after the last file event before reloading (editors write in bursts). */
  debounceMs?: number;
}

export type ReloadResult =
  | { ok: true; bundle: CompiledBundle; changed: boolean }
  | { ok: false; error: string };

export class PolicyStore {
  readonly path: string;
  #bundle: CompiledBundle;
  readonly #options: PolicyStoreOptions;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;

  private constructor(path: string, bundle: CompiledBundle, options: PolicyStoreOptions) {
    this.path = path;
    this.#bundle = bundle;
    this.#options = options;
  }

  /** Loads the bundle at `path`; throws PolicyError when it does not compile. */
  static open(path: string, options: PolicyStoreOptions = {}): PolicyStore {
    const store = new PolicyStore(path, loadBundleFile(path), options);
    store.#announce();
    return store;
  }

  current(): CompiledBundle {
    return this.#bundle;
  }

  /** Re-reads the file. Unchanged content (same digest) is not announced again. */
  reload(): ReloadResult {
    let next: CompiledBundle;
    try {
      next = loadBundleFile(this.path);
    } catch (error) {
      const err = error as Error;
      this.#options.logger?.warn(
        { path: this.path, error: err.message, keeping: this.#bundle.ref },
        'policy bundle refused; the previous bundle stays in force',
      );
      this.#options.onRefused?.(this.path, err);
      return { ok: false, error: err.message };
    }
    if (next.ref.digest === this.#bundle.ref.digest)
      return { ok: true, bundle: this.#bundle, changed: false };
    this.#bundle = next;
    this.#announce();
    return { ok: true, bundle: next, changed: true };
  }

  /** Reloads when the file changes. Watches the directory, so editors that replace the file are seen too. */
  watch(): void {
    if (this.#watcher) return;
    const file = basename(this.path);
    this.#watcher = watch(dirname(this.path), (_event, filename) => {
      if (filename && filename !== file) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#reloadFromWatch(), this.#options.debounceMs ?? 100);
      this.#timer.unref();
    });
    this.#watcher.unref();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  #reloadFromWatch(): void {
    try {
      this.reload();
    } catch (error) {
      // A failing callback (e.g. the audit append) must not take the server down from a timer.
      this.#options.logger?.error(
        { path: this.path, error: (error as Error).message },
        'policy reload failed',
      );
    }
  }

  #announce(): void {
    const { ref, mode, rules } = this.#bundle;
    this.#options.logger?.info(
      { path: this.path, bundle: ref, mode, rules: rules.length },
      'policy bundle loaded',
    );
    this.#options.onLoaded?.(this.#bundle);
  }
}
