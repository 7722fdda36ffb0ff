// A Prometheus HTTP API error: the errorType and message Prometheus answers with, and the
// HTTP status it sends for that type, so clients treat the simulator's failures exactly as
// they treat a real server's (prometheus-query reads `errorType`, `error` and the status).

import { PromqlError } from '../promql/errors.ts';

export type ApiErrorType = 'bad_data' | 'execution' | 'timeout' | 'internal';

const STATUS: Record<ApiErrorType, number> = { bad_data: 400, execution: 422, timeout: 503, internal: 500 };

export class PrometheusApiError extends Error {
  override name = 'PrometheusApiError';
  readonly errorType: ApiErrorType;

  constructor(errorType: ApiErrorType, message: string) {
    super(message);
    this.errorType = errorType;
  }

  get status(): number {
    return STATUS[this.errorType];
  }
}

export function badData(message: string): PrometheusApiError {
  return new PrometheusApiError('bad_data', message);
}

/** Prometheus's wording for a parameter it cannot use: `invalid parameter "step": ...`. */
export function invalidParam(name: string, message: string): PrometheusApiError {
  return badData(`invalid parameter ${JSON.stringify(name)}: ${message}`);
}

/**
 * A PromQL engine or selector failure as the API reports it: bad_data (named after the
 * parameter, when Prometheus names it) or execution. Anything else is rethrown.
 */
export function fromPromqlError(err: unknown, param?: string): PrometheusApiError {
  if (!(err instanceof PromqlError)) throw err;
  if (err.errorType !== 'bad_data') return new PrometheusApiError(err.errorType, err.message);
  return param ? invalidParam(param, err.message) : badData(err.message);
}
