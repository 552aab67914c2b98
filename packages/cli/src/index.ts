export { main } from './main.js';
export { runCaptured, type CapturedRun } from './run-captured.js';
export { commands } from './commands/index.js';
export type { Command } from './command.js';
export { Rng } from './generate/prng.js';
export { generateBureau, PRESETS, DEFECT_KINDS, type GenerateOptions, type Manifest, type DefectKind } from './generate/index.js';
export { openRuntime, type Runtime, type RuntimeOptions } from './runtime/open-runtime.js';
export { runFullDemo, type FullDemo, type FullDemoOptions } from './demo/full-demo.js';
