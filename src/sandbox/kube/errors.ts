// API errors as the real API server reports them: an HTTP code plus a `Status` body whose
// reason and message kubectl prints verbatim ("Error from server (NotFound): deployments.apps
// "x" not found"). Handlers throw KubeError; the router turns it into the response.

import { qualifiedName, type ResourceType } from './resources.ts';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  status(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function detailsFor(type: ResourceType, name: string): StatusDetails {
  return { name, ...(type.group ? { group: type.group } : {}), kind: type.plural };
}

export function notFound(type: ResourceType, name: string): KubeError {
  return new KubeError(404, 'NotFound', `${qualifiedName(type)} "${name}" not found`, detailsFor(type, name));
}

export function alreadyExists(type: ResourceType, name: string): KubeError {
  return new KubeError(
    409,
    'AlreadyExists',
    `${qualifiedName(type)} "${name}" already exists`,
    detailsFor(type, name),
  );
}

export function conflict(type: ResourceType, name: string): KubeError {
  return new KubeError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsFor(type, name),
  );
}

/** 422: `Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be ...`. */
export function invalid(type: ResourceType, name: string, causes: StatusCause[]): KubeError {
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(', ');
  return new KubeError(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.kind,
    causes,
  });
}

export function invalidValue(field: string, value: unknown, why: string): StatusCause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: ${why}` };
}

export function requiredValue(field: string): StatusCause {
  return { reason: 'FieldValueRequired', field, message: 'Required value' };
}

export function badRequest(message: string): KubeError {
  return new KubeError(400, 'BadRequest', message);
}

export function methodNotAllowed(verb: string, what: string): KubeError {
  return new KubeError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${verb} ${what})`,
  );
}

export function unsupportedMediaType(contentType: string, supported: string[], hint?: string): KubeError {
  return new KubeError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')} (got ${JSON.stringify(contentType)}${hint ? `; ${hint}` : ''})`,
  );
}

export function gone(message: string): KubeError {
  return new KubeError(410, 'Expired', message);
}
