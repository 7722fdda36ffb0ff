// A backend whose client library loads on its first call. Importing the clients at start
// (@kubernetes/client-node ~400 ms, the AWS SDK, prometheus-query) made a stdio server
// take seconds to answer `initialize`; handlers see the same interface either way.

import { loadOnce } from '../load-once.ts';

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/**
 * Every member not given `eager`, each marked `true`: the compiler then insists that a
 * member added to the interface is either eager or an async method forwarded here.
 */
export type Deferred<T, Eager extends keyof T> = {
  readonly [K in Exclude<keyof T, Eager>]-?: T[K] extends AsyncMethod ? true : never;
};

/**
 * `T` whose `eager` members answer at once and whose `deferred` methods await `load()`
 * (run once; run again after a failure, so a fixed file or network is picked up) and
 * then call the loaded backend.
 */
export function onFirstUse<T extends object, Eager extends keyof T = never>(
  load: () => Promise<T>,
  eager: Pick<T, Eager>,
  deferred: Deferred<T, Eager>,
): T {
  const loaded = loadOnce(load);
  const forwarded = Object.keys(deferred).map((name) => [
    name,
    async (...args: unknown[]) => {
      const backend = (await loaded()) as Record<string, (...a: unknown[]) => unknown>;
      return backend[name]!(...args);
    },
  ]);
  return { ...eager, ...Object.fromEntries(forwarded) } as T;
}
