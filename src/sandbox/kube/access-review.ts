// SelfSubjectAccessReview (authorization.k8s.io/v1): "may I do this?" answered from the
// caller's own rules, as `kubectl auth can-i` (protobuf) and `opswarden doctor` (JSON) ask
// it. Only resource attributes are answered; the review is not stored, as on a real API
// server.

import { badRequest } from './errors.ts';
import { type ApiRequest, jsonBody, PROTOBUF, type Reply } from './http.ts';
import { accessReviewAttributes, unwrapProtobuf } from './protobuf.ts';
import { allows, type SimulatedUser } from './rbac.ts';

export const ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const optionalText = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`spec.resourceAttributes.${field}: expected a string`);
  return value;
};

/** The review's kind and spec, from a JSON or protobuf body. */
async function reviewSpec(req: ApiRequest): Promise<{ kind: unknown; spec: Record<string, unknown> }> {
  if (req.contentType.split(';')[0]!.trim().toLowerCase() === PROTOBUF) {
    const { kind, raw } = unwrapProtobuf(await req.bytes());
    const resourceAttributes = accessReviewAttributes(raw);
    return { kind, spec: resourceAttributes ? { resourceAttributes } : {} };
  }
  const body = await jsonBody(req);
  return { kind: body.kind, spec: (body.spec ?? {}) as Record<string, unknown> };
}

export async function accessReview(req: ApiRequest, user: SimulatedUser): Promise<Reply> {
  const { kind, spec } = await reviewSpec(req);
  if (kind !== 'SelfSubjectAccessReview')
    throw badRequest(`expected kind SelfSubjectAccessReview, got ${JSON.stringify(kind)}`);
  const attrs = spec.resourceAttributes as Record<string, unknown> | undefined;
  if (!attrs || typeof attrs !== 'object')
    throw badRequest(
      'spec.resourceAttributes: Required value (the simulator answers resource attributes only)',
    );
  const verb = optionalText(attrs.verb, 'verb');
  const resource = optionalText(attrs.resource, 'resource');
  if (!verb || !resource) throw badRequest('spec.resourceAttributes: verb and resource are required');
  const allowed = allows(user, {
    verb,
    resource,
    group: optionalText(attrs.group, 'group') ?? '',
    subresource: optionalText(attrs.subresource, 'subresource'),
    namespace: optionalText(attrs.namespace, 'namespace'),
    name: optionalText(attrs.name, 'name'),
  });
  return {
    code: 201,
    body: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: allowed
        ? { allowed: true, reason: `RBAC: allowed by the rules of User "${user.name}"` }
        : { allowed: false },
    },
  };
}
