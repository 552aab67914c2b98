import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBureau, openRuntime, type Manifest } from '@kaoping/cli';
import { importFolder } from '@kaoping/kernel';
import { countRows, EVENTS_SQL, STATES_SQL, tableDigest } from './support/db-digest.js';
import { cliArgs, repoRoot, tempDir } from './support/paths.js';

/** Runs `kaoping import` in a child process and SIGKILLs it once the store holds `killAt` events. */
async function importKilledMidway(dir: string, db: string, killAt: number): Promise<{ signal: NodeJS.Signals | null; eventsAtKill: number }> {
  const child = spawn(process.execPath, [...cliArgs, 'import', dir, '--db', db], { cwd: repoRoot, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let eventsAtKill = 0;
  for (;;) {
    await sleep(100);
    if (child.exitCode !== null) break;
    if (!existsSync(db)) continue;
    try {
      eventsAtKill = countRows(db, 'events');
    } catch {
      continue; // schema not created yet
    }
    if (eventsAtKill >= killAt) {
      child.kill('SIGKILL');
      break;
    }
  }
  return { signal: await exited, eventsAtKill };
}

describe('crash safety of import (city preset)', () => {
  const tmp = tempDir('crash');
  const dir = join(tmp.dir, 'city');
  const crashedDb = join(tmp.dir, 'crashed.db');
  const cleanDb = join(tmp.dir, 'clean.db');
  let manifest: Manifest;
  let totalEvents: number;

  beforeAll(async () => {
    manifest = await generateBureau({ preset: 'city', seed: 3, year: 2026, out: dir });
    totalEvents = Object.values(manifest.events).reduce((s, n) => s + n, 0);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('a second import after SIGKILL midway leaves events and states identical to one clean import', async () => {
    const killed = await importKilledMidway(dir, crashedDb, Math.floor(totalEvents * 0.4));
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.eventsAtKill).toBeGreaterThan(0);
    expect(killed.eventsAtKill).toBeLessThan(totalEvents);

    const resumed = await openRuntime({ db: crashedDb });
    const second = await importFolder(resumed.kernel, dir).finally(() => resumed.close());
    expect(second.total.rejected).toBe(0);
    expect(second.total.duplicates).toBeGreaterThan(0);

    const clean = await openRuntime({ db: cleanDb });
    const single = await importFolder(clean.kernel, dir).finally(() => clean.close());
    expect(single.total.accepted).toBe(manifest.counts.records);
    expect(second.total.accepted + second.total.duplicates).toBe(single.total.accepted);

    expect(tableDigest(crashedDb, EVENTS_SQL)).toEqual(tableDigest(cleanDb, EVENTS_SQL));
    const states = tableDigest(cleanDb, STATES_SQL);
    expect(states.rows).toBeGreaterThan(0);
    expect(tableDigest(crashedDb, STATES_SQL)).toEqual(states);
  }, 1_200_000);
});
