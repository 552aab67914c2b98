export { generateBureau, type GenerateOptions } from './generate-bureau.js';
export type { Manifest, ManifestCounts } from './manifest.js';
export { PRESETS, isPresetName, type Preset, type PresetName } from './presets.js';
export { DEFECT_KINDS, type DefectKind } from './defect-kinds.js';
export { terminalProgress, type Progress } from './progress.js';
