// Expected backend failures (not found, refused, unreachable) as one shape: a message
// that names what was asked for, and the HTTP status when there was one. Tools let them
// through as tool errors; each backend names its own subclass.

export class BackendError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}
