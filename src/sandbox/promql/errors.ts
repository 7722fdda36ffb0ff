// The one error the sandbox PromQL engine throws, carrying the Prometheus API errorType the
// HTTP layer answers with: `bad_data` for a query that cannot be parsed or uses something the
// sandbox does not implement, `execution` for a query that fails while it is evaluated,
// `timeout` for one that outlived its deadline.

export type PromqlErrorType = 'bad_data' | 'execution' | 'timeout';

export class PromqlError extends Error {
  readonly errorType: PromqlErrorType;

  constructor(errorType: PromqlErrorType, message: string) {
    super(message);
    this.name = 'PromqlError';
    this.errorType = errorType;
  }
}

/** A query the parser rejects, worded as Prometheus words it: `1:5: parse error: ...`. */
export function parseError(line: number, column: number, message: string): PromqlError {
  return new PromqlError('bad_data', `${line}:${column}: parse error: ${message}`);
}

/** A valid PromQL feature the sandbox does not implement. */
export function unsupported(feature: string): PromqlError {
  return new PromqlError('bad_data', `unsupported ${feature} in the opswarden sandbox`);
}

/** A query still evaluating at its deadline, worded as Prometheus words it. */
export function timedOut(): PromqlError {
  return new PromqlError('timeout', 'query timed out in expression evaluation');
}

/** A query that parsed but failed during evaluation (Prometheus errorType `execution`). */
export function executionError(message: string): PromqlError {
  return new PromqlError('execution', message);
}
