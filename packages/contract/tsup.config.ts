import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'records/index': 'src/records/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
});
