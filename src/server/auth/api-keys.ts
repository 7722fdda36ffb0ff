// Bearer API keys: the config keeps only their sha256, and a presented token is hashed and
// compared in constant time, so neither the config nor a timing side channel gives a key away.

import { createHash, timingSafeEqual } from 'node:crypto';

export interface StoredApiKey {
  sha256: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Returns the configured key whose hash matches the token, comparing against every key. */
export function createApiKeyMatcher<K extends StoredApiKey>(
  keys: readonly K[],
): (token: string) => K | undefined {
  const stored = keys.map((key) => ({ key, digest: Buffer.from(key.sha256, 'hex') }));
  return (token) => {
    const presented = createHash('sha256').update(token, 'utf8').digest();
    let match: K | undefined;
    for (const { key, digest } of stored) {
      if (timingSafeEqual(digest, presented)) match ??= key;
    }
    return match;
  };
}
