// The bundle in force: a broken edit is refused with its error and the previous bundle keeps
// deciding; a good edit replaces it and is announced; the server cannot start without one.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompiledBundle } from '../../../src/policy/bundle.ts';
import { PolicyStore } from '../../../src/policy/store.ts';
import { bundleYaml, tempDir } from './helpers.ts';

const v1 = bundleYaml({ rules: [{ name: 'no-secrets', match: 'target.kind == "Secret"', effect: 'deny' }] });
const v2 = v1.replace('effect: deny', 'effect: escalate');
const broken = v1.replace('target.kind', 'target.knid');

let store: PolicyStore | undefined;
afterEach(() => store?.close());

function openStore(text = v1) {
  const path = join(tempDir({ 'bundle.yaml': text }), 'bundle.yaml');
  const loaded: CompiledBundle[] = [];
  const refused: [string, Error][] = [];
  store = PolicyStore.open(path, {
    debounceMs: 20,
    onLoaded: (b) => loaded.push(b),
    onRefused: (p, e) => refused.push([p, e]),
  });
  return { store, path, loaded, refused };
}

describe('PolicyStore', () => {
  it('loads the bundle at open and announces it', () => {
    const { store, loaded } = openStore();
    expect(store.current().rules.map((r) => r.name)).toEqual(['no-secrets']);
    expect(loaded.map((b) => b.ref)).toEqual([store.current().ref]);
  });

  it('refuses to open a bundle that does not compile', () => {
    const path = join(tempDir({ 'bundle.yaml': broken }), 'bundle.yaml');
    expect(() => PolicyStore.open(path)).toThrow(/bundle\.yaml: .*undefined field 'knid' on target/);
    expect(() => PolicyStore.open(join(tempDir(), 'missing.yaml'))).toThrow(/cannot read the bundle/);
  });

  it('refuses a broken edit and keeps the previous bundle in force', () => {
    const { store, path, loaded, refused } = openStore();
    const before = store.current().ref;
    writeFileSync(path, broken);
    const result = store.reload();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain("undefined field 'knid' on target");
    expect(store.current().ref).toEqual(before);
    expect(refused).toHaveLength(1);
    expect(refused[0]![0]).toBe(path);
    expect(loaded).toHaveLength(1);
  });

  it('puts a good edit in force and announces only real changes', () => {
    const { store, path, loaded } = openStore();
    const before = store.current().ref;
    writeFileSync(path, v2);
    const result = store.reload();
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(store.current().ref.digest).not.toBe(before.digest);
    expect(store.current().rules[0]!.effect).toBe('escalate');
    expect(store.reload()).toMatchObject({ ok: true, changed: false });
    expect(loaded).toHaveLength(2);
  });

  it('reloads by itself when watching and the file changes', async () => {
    const { store, path } = openStore();
    const before = store.current().ref.digest;
    store.watch();
    writeFileSync(path, v2);
    await vi.waitFor(() => expect(store.current().ref.digest).not.toBe(before), {
      timeout: 5000,
      interval: 20,
    });
    expect(store.current().rules[0]!.effect).toBe('escalate');
  });
});
