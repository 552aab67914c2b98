/**
 * Child process of test/hook-journal.test.ts: hooks the matters given as JSON on argv into the
 * store file (its groups committed by the background writer when the next argument is `true`), waits until the closed loop has judged them (so their group is stored), reports how
 * many stored events the kept states do not cover yet, and dies by SIGKILL: no stop, no final write.
 */
import { join } from 'node:path';
import { createKernel } from '@kaoping/kernel';
import { openSqliteStore } from '@kaoping/store-sqlite';
import { repoRoot } from './paths.js';

const [db, now, eventsJson, background] = process.argv.slice(2);
const store = openSqliteStore(db, { backgroundCheckpoint: background === 'true' });
const kernel = createKernel({
  store, cwd: repoRoot, resolveFrom: [join(repoRoot, 'packages/cli')], logger: { info() {}, warn() {}, error() {} },
  clock: () => Number(now), flushIntervalMs: 3_600_000, config: { plugins: ['@kaoping/plugin-on-time-rate'], adapters: [] },
});
await kernel.start();
for (const e of JSON.parse(eventsJson)) kernel.hook(e);
await kernel.settled();
process.stdout.write(JSON.stringify({ pastCheckpoint: store.eventsAfterStatesSync().length }));
process.kill(process.pid, 'SIGKILL');
