import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  external: ['piscina', 'better-sqlite3'],
  // `kaoping new` reads its templates as files next to the built code.
  onSuccess: 'mkdir -p dist/scaffold && cp -r src/scaffold/templates dist/scaffold/',
});
