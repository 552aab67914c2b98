import type { Rng } from './prng.js';

/** Defect kinds of the brief, as named in manifest.json. */
export const DEFECT_KINDS = [
  'unknown-person',
  'unknown-unit',
  'bad-date',
  'deadline-before-acceptance',
  'rating-out-of-range',
  'truncated-line',
  'wrong-cell-count',
  'wrong-encoding',
  'duplicate-id',
  'dirty-code',
] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Kinds that add a new record (rejected at import) rather than altering or repeating a real one. */
export const FRESH_KINDS: readonly DefectKind[] = ['unknown-person', 'unknown-unit', 'bad-date', 'deadline-before-acceptance', 'rating-out-of-range', 'wrong-cell-count', 'wrong-encoding'];

/** What a file's defect hooks draw on: their own random stream and the shapes of bad values. */
export interface DefectTools {
  rng: Rng;
  /** A well-formed person code that is not in people.csv (P9xxxxx). */
  unknownPerson(): string;
  /** A well-formed unit code that is not in units.csv (another city: 13399xxxxxx). */
  unknownUnit(): string;
  /** A `YYYY-MM-DD` that no parser accepts (month 13–19, day 32–39). */
  badDate(): string;
  /** The same, as an ISO 8601 time with offset. */
  badIso(): string;
  /** The code with stray whitespace or full-width characters; NFKC + trim gives it back. */
  dirtyCode(code: string): string;
}

export function defectTools(rng: Rng, year: number): DefectTools {
  const badDate = () => `${year}-1${rng.int(3, 9)}-3${rng.int(2, 9)}`;
  return {
    rng,
    unknownPerson: () => `P9${String(rng.int(0, 99999)).padStart(5, '0')}`,
    unknownUnit: () => `13399${String(rng.int(0, 999999)).padStart(6, '0')}`,
    badDate,
    badIso: () => `${badDate()}T10:15:00+08:00`,
    dirtyCode: (code) => {
      switch (rng.int(0, 3)) {
        case 0: return ` ${code}`;
        case 1: return `${code} `;
        case 2: return code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        default: return `${code}\u3000`;
      }
    },
  };
}
