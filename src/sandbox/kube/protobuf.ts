// The little of Kubernetes' protobuf encoding the simulator reads: kubectl sends built-in
// review types (`kubectl auth can-i` posts a SelfSubjectAccessReview) as protobuf, framed
// as the "k8s\0" magic followed by a runtime.Unknown that wraps the object's own bytes.
// Only string fields are decoded; everything else is skipped by wire type.

import { badRequest } from './errors.ts';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The length-delimited fields of one message, by field number (last one wins, as protobuf merges). */
function lengthDelimited(buf: Buffer): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  let offset = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (offset >= buf.length || shift > 49) throw badRequest('malformed protobuf: truncated varint');
      const byte = buf[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (offset < buf.length) {
    const key = varint();
    const wire = key % 8;
    if (wire === 0) varint();
    else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else if (wire === 2) {
      const length = varint();
      if (offset + length > buf.length) throw badRequest('malformed protobuf: field runs past the body');
      fields.set(Math.floor(key / 8), buf.subarray(offset, offset + length));
      offset += length;
    } else throw badRequest(`malformed protobuf: unsupported wire type ${wire}`);
  }
  if (offset > buf.length) throw badRequest('malformed protobuf: field runs past the body');
  return fields;
}

/** A tree of string fields: `paths` maps names to field-number paths into the message. */
function strings(message: Buffer, paths: Record<string, number[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, path] of Object.entries(paths)) {
    let node: Buffer | undefined = message;
    for (const field of path) node = node && lengthDelimited(node).get(field);
    if (node !== undefined) out[name] = node.toString('utf8');
  }
  return out;
}

/** The kind and the object bytes of a protobuf request body. */
export function unwrapProtobuf(body: Buffer): { kind: string; raw: Buffer } {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('protobuf body without the k8s magic prefix');
  const unknown = lengthDelimited(body.subarray(4));
  const kind = strings(unknown.get(1) ?? Buffer.alloc(0), { kind: [2] }).kind ?? '';
  return { kind, raw: unknown.get(2) ?? Buffer.alloc(0) };
}

/** spec.resourceAttributes of a SelfSubjectAccessReview's protobuf bytes. */
export function accessReviewAttributes(raw: Buffer): Record<string, string> | undefined {
  const spec = lengthDelimited(raw).get(2);
  const attrs = spec && lengthDelimited(spec).get(1);
  if (!attrs) return undefined;
  return strings(attrs, {
    namespace: [1],
    verb: [2],
    group: [3],
    version: [4],
    resource: [5],
    subresource: [6],
    name: [7],
  });
}
