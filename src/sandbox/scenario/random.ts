// The scenario's only source of randomness: a small seeded PRNG (mulberry32), one stream per
// series, log line or object identity, seeded from spec.seed and that identity. Same seed,
// same identity, same numbers, so a scenario renders identically on every run and machine.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over UTF-16 code units, finished with murmur3's avalanche step. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return avalanche(hash);
}

/** Combines two 32-bit values into a well-mixed third (for per-occurrence seeds). */
export function mix32(a: number, b: number): number {
  return avalanche(a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b));
}

function avalanche(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: 32 bits of state, fast to seed, which matters with one stream per log line. */
class Mulberry32 implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export function mulberry32(seed: number): Random {
  return new Mulberry32(seed);
}

/** The stream for one identity (`uid/Pod/shop/checkout-…`, `logs/0/1/<pod>`) under a seed. */
export function streamRandom(seed: number, identity: string): Random {
  return mulberry32(hash32(`${seed}\u0000${identity}`));
}

/** The seed a scenario without `spec.seed` gets: a stable hash of its name. */
export function seedFromName(name: string): number {
  return hash32(name);
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return (
    BYTE_HEX[value >>> 24]! +
    BYTE_HEX[(value >>> 16) & 0xff] +
    BYTE_HEX[(value >>> 8) & 0xff] +
    BYTE_HEX[value & 0xff]
  );
}

/** A version-4-shaped UUID drawn from the stream. */
export function randomUuid(random: Random): string {
  const a = hex32(random.uint32());
  const b = hex32((random.uint32() & 0xffff0fff) | 0x4000);
  const c = hex32(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(random.uint32())}`;
}

export function randomHex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += hex32(random.uint32());
  return out.slice(0, length);
}
