// What the API server does to a Secret as it decodes a write (create, update or patch):
// `stringData` is a write-only convenience folded into `data` as base64, a key in both
// taking the `stringData` value, and never stored or served; `type` defaults to Opaque; and
// every `data` value must be base64, or the body cannot be decoded (400).

import type { KubeObject } from '../world.ts';
import { badRequest } from './errors.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function checkBase64(key: string, value: unknown): void {
  if (typeof value === 'string' && BASE64.test(value) && value.length % 4 === 0) return;
  if (typeof value !== 'string') {
    throw badRequest(
      `Secret in version "v1" cannot be handled as a Secret: data[${JSON.stringify(key)}]: expected a base64 string`,
    );
  }
  const bad = value.search(/[^A-Za-z0-9+/=]|=[^=]/);
  const at = bad >= 0 ? bad : value.length - (value.length % 4);
  throw badRequest(
    `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`,
  );
}

/** A Secret as the API server stores it; any other object unchanged. Mutates and returns `object`. */
export function withSecretDecoded(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const data = { ...((object.data as Record<string, unknown> | null | undefined) ?? {}) };
  for (const [key, value] of Object.entries(data)) checkBase64(key, value);
  const stringData = object.stringData as Record<string, unknown> | null | undefined;
  for (const [key, value] of Object.entries(stringData ?? {})) {
    if (typeof value !== 'string') {
      throw badRequest(
        `Secret in version "v1" cannot be handled as a Secret: stringData[${JSON.stringify(key)}]: expected a string`,
      );
    }
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  delete object.stringData;
  if (Object.keys(data).length > 0) object.data = data;
  else delete object.data;
  if (!object.type) object.type = 'Opaque';
  return object;
}
