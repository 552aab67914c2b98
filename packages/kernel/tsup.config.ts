import { defineConfig } from 'tsup';

// The batch worker is its own entry (dist/batch/worker.js): piscina starts it by file, and piscina
// itself stays external like every dependency.
export default defineConfig({
  entry: { index: 'src/index.ts', 'batch/worker': 'src/batch/worker.ts' },
  format: ['esm'], dts: true, clean: true, target: 'node20', external: ['piscina', 'better-sqlite3'],
});
