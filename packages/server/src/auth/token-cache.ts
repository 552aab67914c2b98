import type { ApiToken, Store } from '@kaoping/contract';
import { hashToken } from './api-token.js';

const TTL_MS = 10_000;
const MAX_ENTRIES = 1000;

/**
 * Remembers recent token lookups for a few seconds, so a host calling the hook on every event
 * pays neither the sha256 nor the store query per request. A token removed from the store stops
 * working within TTL_MS. Unknown tokens are not cached (no memory to fill by guessing).
 */
export class TokenCache {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #entries = new Map<string, { token: ApiToken; until: number }>();

  constructor(store: Store, clock: () => number = Date.now) {
    this.#store = store;
    this.#clock = clock;
  }

  async find(text: string): Promise<ApiToken | undefined> {
    const now = this.#clock();
    const hit = this.#entries.get(text);
    if (hit && hit.until > now) return hit.token;
    const token = await this.#store.findTokenByHash(hashToken(text));
    if (hit) this.#entries.delete(text);
    if (token) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(text, { token, until: now + TTL_MS });
    }
    return token;
  }
}
