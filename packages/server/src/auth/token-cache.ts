import type { ApiToken, Store } from '@kaoping/contract';
import { hashToken } from './api-token.js';

/** How long a look-up is trusted when the store cannot say whether its tokens changed. */
const TTL_MS = 10_000;
const MAX_ENTRIES = 1000;

/**
 * Remembers token look-ups, so a host calling the hook on every event pays neither the sha256
 * nor the store query per request. With a store that answers `tokensVersionSync` (SQLite: one
 * prepared pragma, read at most once a millisecond) every entry is dropped as soon as the tokens
 * may have changed — a revocation here is seen on the next request, one from another process
 * within a millisecond. Other stores' entries last TTL_MS. Unknown tokens are not cached (no memory to fill by guessing).
 */
export class TokenCache {
  readonly #store: Store;
  readonly #clock: () => number;
  readonly #entries = new Map<string, { token: ApiToken; until: number }>();
  #version: number | undefined;

  constructor(store: Store, clock: () => number = Date.now) {
    this.#store = store;
    this.#clock = clock;
  }

  /** The look-up as cached, without asking the store; undefined when it must be asked (`find`). */
  cached(text: string): ApiToken | undefined {
    // Read before the look-up: a change committed after it moves the version again.
    const version = this.#store.tokensVersionSync?.();
    if (version !== this.#version) {
      this.#entries.clear();
      this.#version = version;
    }
    const hit = this.#entries.get(text);
    if (hit === undefined) return undefined;
    if (hit.until === Infinity || hit.until > this.#clock()) return hit.token;
    this.#entries.delete(text);
    return undefined;
  }

  async find(text: string): Promise<ApiToken | undefined> {
    const hit = this.cached(text);
    if (hit) return hit;
    const version = this.#version;
    const token = await this.#store.findTokenByHash(hashToken(text));
    if (token) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(text, { token, until: version === undefined ? this.#clock() + TTL_MS : Infinity });
    }
    return token;
  }
}
