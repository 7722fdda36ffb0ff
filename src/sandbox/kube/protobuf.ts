// The little of Kubernetes' protobuf encoding the simulator reads: kubectl sends built-in
// types through its typed clients as protobuf (`kubectl auth can-i` posts a
// SelfSubjectAccessReview, `kubectl create secret` a Secret), framed as the "k8s\0" magic
// followed by a runtime.Unknown that wraps the object's own bytes. Only the fields those two
// carry are decoded; everything else is skipped by wire type. Any other protobuf body is
// answered 415 by http.ts, asking for JSON.

import { badRequest } from './errors.ts';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** One field of a message: its number and either its varint value or its bytes. */
interface Field {
  number: number;
  varint?: number;
  bytes?: Buffer;
}

/** The fields of one message in wire order (repeated and map fields appear once per entry). */
function fieldsOf(buf: Buffer): Field[] {
  const fields: Field[] = [];
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
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) fields.push({ number, varint: varint() });
    else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else if (wire === 2) {
      const length = varint();
      if (offset + length > buf.length) throw badRequest('malformed protobuf: field runs past the body');
      fields.push({ number, bytes: buf.subarray(offset, offset + length) });
      offset += length;
    } else throw badRequest(`malformed protobuf: unsupported wire type ${wire}`);
  }
  if (offset > buf.length) throw badRequest('malformed protobuf: field runs past the body');
  return fields;
}

/** The length-delimited fields of one message, by field number (last one wins, as protobuf merges). */
function lengthDelimited(buf: Buffer): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  for (const field of fieldsOf(buf)) if (field.bytes) fields.set(field.number, field.bytes);
  return fields;
}

/** A `map<string, V>` field: its entries are messages with the key at 1 and the value at 2. */
function mapField(fields: Field[], number: number, value: (bytes: Buffer) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    if (field.number !== number || !field.bytes) continue;
    const entry = lengthDelimited(field.bytes);
    out[(entry.get(1) ?? Buffer.alloc(0)).toString('utf8')] = value(entry.get(2) ?? Buffer.alloc(0));
  }
  return out;
}

const utf8 = (bytes: Buffer) => bytes.toString('utf8');

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

/** The parts of an ObjectMeta a client sets on create: name, generateName, namespace, labels, annotations. */
function objectMeta(raw: Buffer | undefined): Record<string, unknown> {
  if (!raw) return {};
  const fields = fieldsOf(raw);
  const meta: Record<string, unknown> = strings(raw, { name: [1], generateName: [2], namespace: [3] });
  for (const key of Object.keys(meta)) if (meta[key] === '') delete meta[key];
  const labels = mapField(fields, 11, utf8);
  const annotations = mapField(fields, 12, utf8);
  if (Object.keys(labels).length) meta.labels = labels;
  if (Object.keys(annotations).length) meta.annotations = annotations;
  return meta;
}

/** A v1 Secret's protobuf bytes as the JSON object the API serves: `data` base64, bytes as sent. */
function secretFromProtobuf(raw: Buffer): Record<string, unknown> {
  const fields = fieldsOf(raw);
  const secret: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMeta(lengthDelimited(raw).get(1)),
  };
  const data = mapField(fields, 2, (bytes) => bytes.toString('base64'));
  if (Object.keys(data).length) secret.data = data;
  const type = strings(raw, { type: [3] }).type;
  if (type) secret.type = type;
  const stringData = mapField(fields, 4, utf8);
  if (Object.keys(stringData).length) secret.stringData = stringData;
  const immutable = fields.findLast((field) => field.number === 5)?.varint;
  if (immutable !== undefined) secret.immutable = immutable !== 0;
  return secret;
}

/**
 * The JSON form of a protobuf request body the simulator can read (a v1 Secret, as
 * `kubectl create secret` sends one), or undefined for any other body.
 */
export function objectFromProtobuf(body: Buffer): Record<string, unknown> | undefined {
  if (!body.subarray(0, 4).equals(MAGIC)) return undefined;
  const unknown = lengthDelimited(body.subarray(4));
  const typeMeta = strings(unknown.get(1) ?? Buffer.alloc(0), { apiVersion: [1], kind: [2] });
  if (typeMeta.apiVersion !== 'v1' || typeMeta.kind !== 'Secret') return undefined;
  return secretFromProtobuf(unknown.get(2) ?? Buffer.alloc(0));
}
