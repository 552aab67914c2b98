import type { Migration } from './migration.js';
import { writeCounter } from './write-counter.js';

/*
 * A counter that every write to `tokens` moves. The server's token cache was dropped whenever
 * another connection committed (`data_version`): with the hook's groups committed by the background
 * writer, fifty times a second, and each time every caller's next request paid the sha256 and the
 * look-up again. Now only a token written elsewhere (`kaoping token revoke` from another process)
 * drops it.
 */
export const tokensVersion: Migration = {
  version: 12,
  name: 'tokens.version: a counter every write to tokens moves',
  up: writeCounter('tokens'),
};
