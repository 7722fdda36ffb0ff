// What client-go based clients (kubectl's typed commands, kubernetes-mcp-server) send and
// expect on the wire beyond plain JSON: the authorization group in discovery, Accept lists
// naming protobuf before JSON, protobuf request bodies (a Secret decoded, anything else a
// 415 asking for JSON), server-side apply refused up front, and a Secret's `stringData`
// folded into base64 `data`.

import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubeSimulator, startKubeSimulator } from '../../../../src/sandbox/kube/simulator.ts';
import { call } from './api-client.ts';
import { CHECKOUT_PODS, fixtureWorld } from './fixture-world.ts';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

let sim: KubeSimulator;
beforeEach(async () => {
  sim = await startKubeSimulator(fixtureWorld());
});
afterEach(async () => {
  await sim.close();
});

/** A length-delimited field holding a nested message. */
function message(writer: BinaryWriter, field: number, build: (nested: BinaryWriter) => void): void {
  const nested = new BinaryWriter();
  build(nested);
  writer.tag(field, WireType.LengthDelimited).bytes(nested.finish());
}

/** `map<string, string|bytes>` entries, as protobuf writes them: one message per key. */
function mapEntries(writer: BinaryWriter, field: number, entries: Record<string, string>): void {
  for (const [key, value] of Object.entries(entries)) {
    message(writer, field, (entry) => {
      entry.tag(1, WireType.LengthDelimited).string(key);
      entry.tag(2, WireType.LengthDelimited).string(value);
    });
  }
}

/** A body as client-go frames it: the "k8s\0" magic, then a runtime.Unknown around the object. */
function protobufBody(apiVersion: string, kind: string, object: (w: BinaryWriter) => void): Buffer {
  const unknown = new BinaryWriter();
  message(unknown, 1, (typeMeta) => {
    typeMeta.tag(1, WireType.LengthDelimited).string(apiVersion);
    typeMeta.tag(2, WireType.LengthDelimited).string(kind);
  });
  message(unknown, 2, object);
  unknown.tag(3, WireType.LengthDelimited).string('');
  unknown.tag(4, WireType.LengthDelimited).string('');
  return Buffer.concat([Buffer.from('k8s\u0000', 'latin1'), unknown.finish()]);
}

describe('discovery of authorization.k8s.io', () => {
  it('lists SelfSubjectAccessReview, which REST-mapper clients look up before posting one', async () => {
    const groups = (await call(sim, 'GET', '/apis')).json.groups;
    expect(groups).toContainEqual({
      name: 'authorization.k8s.io',
      versions: [{ groupVersion: 'authorization.k8s.io/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'authorization.k8s.io/v1', version: 'v1' },
    });
    const list = (await call(sim, 'GET', '/apis/authorization.k8s.io/v1')).json;
    expect(list).toMatchObject({ kind: 'APIResourceList', groupVersion: 'authorization.k8s.io/v1' });
    expect(list.resources).toEqual([
      {
        name: 'selfsubjectaccessreviews',
        singularName: 'selfsubjectaccessreview',
        namespaced: false,
        kind: 'SelfSubjectAccessReview',
        verbs: ['create'],
      },
    ]);
    expect((await call(sim, 'GET', '/apis/authorization.k8s.io')).json).toMatchObject({
      kind: 'APIGroup',
      name: 'authorization.k8s.io',
    });
  });
});

describe('content negotiation', () => {
  it('answers JSON to an Accept list naming protobuf first and JSON after it', async () => {
    const res = await call(sim, 'GET', `/api/v1/namespaces/shop/pods/${CHECKOUT_PODS[0]}`, {
      accept: `${PROTOBUF},application/json`,
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(res.json).toMatchObject({ kind: 'Pod', metadata: { name: CHECKOUT_PODS[0] } });
  });

  it('answers a JSON Table when the protobuf Table comes first', async () => {
    const res = await call(sim, 'GET', '/api/v1/namespaces/shop/pods', {
      accept: `${PROTOBUF};as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io,application/json`,
    });
    expect(res.contentType).toBe('application/json');
    expect(res.json.kind).toBe('Table');
    expect(res.json.rows.map((row: { cells: string[] }) => row.cells[0])).toEqual(
      expect.arrayContaining(CHECKOUT_PODS),
    );
  });
});

describe('protobuf request bodies', () => {
  it('refuses a protobuf ConfigMap with 415 and a Status asking for JSON', async () => {
    const body = protobufBody('v1', 'ConfigMap', (cm) => {
      message(cm, 1, (meta) => meta.tag(1, WireType.LengthDelimited).string('from-protobuf'));
      mapEntries(cm, 2, { a: 'b' });
    });
    const res = await call(sim, 'POST', '/api/v1/namespaces/shop/configmaps', {
      body,
      contentType: PROTOBUF,
      accept: `${PROTOBUF},application/json`,
    });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
    expect(res.json.message).toContain('protobuf is not supported');
    expect(res.json.message).toContain('send JSON');
    expect(sim.store.get('ConfigMap', 'shop', 'from-protobuf')).toBeUndefined();
  });

  it('reads a protobuf Secret as `kubectl create secret` sends it: bytes stored as base64 data', async () => {
    const body = protobufBody('v1', 'Secret', (secret) => {
      message(secret, 1, (meta) => {
        meta.tag(1, WireType.LengthDelimited).string('db-credentials');
        meta.tag(3, WireType.LengthDelimited).string('');
        mapEntries(meta, 11, { app: 'checkout' });
      });
      mapEntries(secret, 2, { password: 's3cr=t', user: 'checkout' });
      secret.tag(3, WireType.LengthDelimited).string('');
      mapEntries(secret, 4, { user: 'admin' });
    });
    const res = await call(sim, 'POST', '/api/v1/namespaces/shop/secrets', {
      body,
      contentType: PROTOBUF,
      accept: `${PROTOBUF},application/json`,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.contentType).toBe('application/json');
    const stored = (await call(sim, 'GET', '/api/v1/namespaces/shop/secrets/db-credentials')).json;
    expect(stored).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'db-credentials', namespace: 'shop', labels: { app: 'checkout' } },
      type: 'Opaque',
      data: { password: Buffer.from('s3cr=t').toString('base64'), user: 'YWRtaW4=' },
    });
    expect(stored.stringData).toBeUndefined();
  });
});

describe('server-side apply', () => {
  it('is a 415 before the object is looked up: applying a missing object is not a 404', async () => {
    // kubernetes-mcp-server's resources_create_or_update applies server-side, object or not.
    const res = await call(sim, 'PATCH', '/api/v1/namespaces/shop/configmaps/not-there?fieldManager=peer', {
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-there}\n',
      contentType: 'application/apply-patch+yaml',
    });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType' });
    expect(res.json.message).toContain('application/merge-patch+json');
  });
});

describe('Secret stringData', () => {
  const create = (secret: Record<string, unknown>) =>
    call(sim, 'POST', '/api/v1/namespaces/shop/secrets', {
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-key' }, ...secret },
    });

  it('is folded into base64 data on create (winning over a data key) and never stored', async () => {
    const res = await create({ data: { a: 'eA==', b: 'Yg==' }, stringData: { a: 'b', c: 'ünï' } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.data).toEqual({ a: 'Yg==', b: 'Yg==', c: Buffer.from('ünï').toString('base64') });
    expect(res.json.stringData).toBeUndefined();
    expect(res.json.type).toBe('Opaque');
    const stored = sim.store.get('Secret', 'shop', 'api-key')!;
    expect(stored.stringData).toBeUndefined();
    expect(stored.data).toEqual(res.json.data);
  });

  it('is folded on update and on patch too', async () => {
    const created = (await create({ type: 'kubernetes.io/basic-auth', stringData: { username: 'a' } })).json;
    const put = await call(sim, 'PUT', '/api/v1/namespaces/shop/secrets/api-key', {
      body: { ...created, stringData: { password: 'p' } },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.json.data).toEqual({ username: 'YQ==', password: 'cA==' });
    expect(put.json.type).toBe('kubernetes.io/basic-auth');
    const patched = await call(sim, 'PATCH', '/api/v1/namespaces/shop/secrets/api-key', {
      body: { stringData: { username: 'root' } },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.json.data).toEqual({ username: 'cm9vdA==', password: 'cA==' });
    expect(patched.json.stringData).toBeUndefined();
  });

  it('refuses data that is not base64 with 400, as the API server cannot decode it', async () => {
    const res = await create({ data: { a: 'not base64!' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(res.json.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    expect(sim.store.get('Secret', 'shop', 'api-key')).toBeUndefined();
  });
});
