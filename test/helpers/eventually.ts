// Retrying a read until a check passes, for real components that work asynchronously (a
// Prometheus evaluating rules, an Alertmanager processing alerts): the last failure is
// thrown once the deadline passes, so the test says what never became true.

export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  opts: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, opts.intervalMs));
    }
  }
}
