import type { DefectKind } from './defect-kinds.js';
import type { PresetName } from './presets.js';

/** DIR/manifest.json: what was generated, so an import can be checked against it record by record. */
export interface Manifest {
  preset: PresetName;
  seed: number;
  year: number;
  generatedBy: 'kaoping generate';
  dirty: boolean;
  /** The exports are taken as of this instant (local midnight after the year): later completions are still open. */
  asOf: string;
  /** Records per file as an import reads them (data lines, or array items), defects included. */
  files: Record<string, number>;
  /** Canonical events the real records of each activity file yield (defects excluded). */
  events: Record<string, number>;
  counts: ManifestCounts;
  /** Per kind, over all files; `duplicate-id` is counted as a duplicate at import, every other kind is rejected. */
  injectedDefects?: Partial<Record<Exclude<DefectKind, 'dirty-code'>, number>>;
  /** Codes with stray whitespace or full-width characters: accepted after normalisation. */
  normalizedDefects?: { 'dirty-code': number };
  /** The same counts per file. */
  defectsByFile?: Record<string, Partial<Record<DefectKind, number>>>;
}

export interface ManifestCounts {
  units: number;
  districts: number;
  sections: number;
  people: number;
  partyMembers: number;
  leavers: number;
  newHires: number;
  sanctionsInYear: number;
  sanctionsEarlier: number;
  /** Earlier sanctions whose 影响期至 reaches into the year. */
  sanctionsEarlierInForce: number;
  /** Real records over all files (each once). */
  records: number;
  /** Lines/items over all files, defects included: the sum of `files`. */
  lines: number;
}
