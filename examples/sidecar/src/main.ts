import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSidecarDemo } from './sidecar-demo.js';

// A fresh database per run, so the day always starts the same.
const dbFile = join(mkdtempSync(join(tmpdir(), 'kaoping-sidecar-')), 'sidecar.db');
await runSidecarDemo({ dbFile });
