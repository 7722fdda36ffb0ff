// Names and ids for objects the simulator creates (pods, ReplicaSets, events, uids). A
// seeded generator makes a replayed drill produce the same pod names every time, and the
// alphabet and hash encoding are Kubernetes' own, so names look like a real cluster's.

import { createHash } from 'node:crypto';

/** apimachinery's rand alphabet: no vowels (no words), no confusable 0/1/3. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class IdSource {
  private state: number;

  constructor(seed: string) {
    this.state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  }

  /** mulberry32: small, fast, good enough for names. */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** The 5-character suffix of `generateName` objects (`checkout-7d9f8b6c5-x2k4p`). */
  suffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(this.next() * SAFE_ALPHABET.length)];
    return out;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  uid(): string {
    const hex = this.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/** FNV-1a 32-bit, the hash behind `pod-template-hash`. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `pod-template-hash` of a canonical template text: fnv32a, then apimachinery's SafeEncodeString. */
export function templateHash(canonicalTemplate: string): string {
  const decimal = String(fnv1a32(canonicalTemplate));
  let out = '';
  for (const char of decimal) out += SAFE_ALPHABET[char.charCodeAt(0) % SAFE_ALPHABET.length];
  return out;
}
