import { defineConfig } from 'tsup';

// The batch worker and the audit's hash thread are their own entries (dist/batch/worker.js,
// dist/loop/audit-hash-worker.js): threads start them by file. Piscina stays external like every dependency.
export default defineConfig({
  entry: { index: 'src/index.ts', 'batch/worker': 'src/batch/worker.ts', 'loop/audit-hash-worker': 'src/loop/audit-hash-worker.ts' },
  format: ['esm'], dts: true, clean: true, target: 'node20', external: ['piscina', 'better-sqlite3'],
});
