import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEmbeddedDemo } from './embedded-demo.js';

// A fresh database per run, so the day always starts the same.
const dbFile = join(mkdtempSync(join(tmpdir(), 'kaoping-front-desk-')), 'front-desk.db');
await runEmbeddedDemo({ dbFile });
