// An Alertmanager API v2 error: the HTTP status and the body the real server sends for it
// (a JSON string for its own validation, `{ code, message }` for request-format errors,
// nothing for a plain 404), so clients parse the simulator's errors as they parse the real ones.

export class AlertmanagerApiError extends Error {
  override name = 'AlertmanagerApiError';
  readonly status: number;
  /** What the response carries; null: no body. */
  readonly body: unknown;

  constructor(status: number, message: string, body: unknown = message) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** A request-format error (422), as the real server's swagger layer words it. */
export function formatError(code: number, message: string): AlertmanagerApiError {
  return new AlertmanagerApiError(422, message, { code, message });
}
