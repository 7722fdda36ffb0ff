import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so equal values serialize identically', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('drops undefined keys, writes null for undefined array items and ISO strings for Dates', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, null], at: new Date('2024-05-01T00:00:00Z') })).toBe(
      '{"at":"2024-05-01T00:00:00.000Z","b":[null,null]}',
    );
  });

  it('round-trips: canonical(parse(canonical(x))) is canonical(x)', () => {
    const value = { text: 'ünïcode "quoted"\n', n: 0.1 + 0.2, big: 1e21, neg: -0, list: [true, false, null] };
    const once = canonicalJson(value);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });

  it('refuses values JSON cannot hold, naming where they are', () => {
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow('non-finite number at $.a.b');
    expect(() => canonicalJson({ list: [1, 2n] })).toThrow('bigint at $.list[1]');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow('circular reference at $.self');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('sha256Hex', () => {
  it('is the hex sha256 of the UTF-8 text', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
