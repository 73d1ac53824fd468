/**
 * Subscription keys (apiKey schemes), configured per client. A presented key
 * is compared with every configured key in constant time (sha256 digests of
 * equal length, crypto.timingSafeEqual, no early exit), so neither the answer
 * time nor its position in the list says anything about a key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from './config.js';

/** Longer header values are refused without hashing. */
export const MAX_KEY_LENGTH = 512;

export interface ApiKeyStore {
  /** The client a key belongs to, or null. */
  identify(presented: string): string | null;
  readonly clients: number;
}

export function createApiKeyStore(entries: readonly ApiKeyEntry[]): ApiKeyStore {
  const keys = entries.map((entry) => ({ client: entry.client, digest: digest(entry.key) }));
  return {
    identify(presented) {
      if (presented.length === 0 || presented.length > MAX_KEY_LENGTH) return null;
      const candidate = digest(presented);
      let client: string | null = null;
      for (const key of keys) {
        const same = timingSafeEqual(candidate, key.digest);
        client = same ? key.client : client;
      }
      return client;
    },
    clients: new Set(entries.map((entry) => entry.client)).size,
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
