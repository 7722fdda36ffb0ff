// A value that is expensive to make (a client library to import, a metrics registry) and
// may never be needed: made by the first caller, shared by the rest.

/** `load` run by the first caller and shared by the rest; after a failure the next caller runs it again. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
