import type { AdapterRecord } from '../adapter.js';
import { kpError } from '../errors.js';
import type { Origin } from '../model.js';

export type DefectCode = 'KP_ERR_RECORD_INVALID' | 'KP_ERR_RECORD_UNKNOWN_REFERENCE' | 'KP_ERR_ENCODING';

export type RejectedRecord = Extract<AdapterRecord, { kind: 'rejected' }>;

/**
 * Why one native record cannot be accepted. Mapping code throws it from deep inside a field
 * helper; the read loop turns it into a dead letter, so mappers stay straight-line code.
 */
export class RecordDefect extends Error {
  readonly code: DefectCode;
  /** What is wrong with the record, naming the field (`blqx "x" is not a date …`). */
  readonly detail: string;
  /** What the person should do; completed with the host's name (`correct the deadline`). */
  readonly fix: string | undefined;
  /** For unknown references: what kind of code, and the code as normalised. */
  readonly ref: { kind: 'person' | 'unit'; field: string; code: string } | undefined;

  constructor(code: DefectCode, detail: string, opts: { fix?: string; ref?: RecordDefect['ref'] } = {}) {
    super(detail);
    this.name = 'RecordDefect';
    this.code = code;
    this.detail = detail;
    this.fix = opts.fix;
    this.ref = opts.ref;
  }
}

export function isRecordDefect(e: unknown): e is RecordDefect {
  return e instanceof RecordDefect;
}

/**
 * A field is missing, malformed or inconsistent. `fix` is a verb phrase completed with
 * ` in <host> and re-export` (`correct the deadline`), or a whole phrase naming `%host`
 * (`re-export the file from %host`).
 */
export function invalid(detail: string, fix?: string): RecordDefect {
  return new RecordDefect('KP_ERR_RECORD_INVALID', detail, { fix });
}

/** A staff or unit code the HR directory does not define. */
export function unknownReference(kind: 'person' | 'unit', field: string, code: string): RecordDefect {
  return new RecordDefect('KP_ERR_RECORD_UNKNOWN_REFERENCE', `unknown ${kind} code "${code}" (${field})`, { ref: { kind, field, code } });
}

/** The line's bytes are not in the file's declared encoding. */
export function wrongEncoding(detail: string): RecordDefect {
  return new RecordDefect('KP_ERR_ENCODING', detail);
}

/**
 * The reason a person reads in the dead-letter list: where, what, and what to do, e.g.
 * `tax/matters.ndjson line 812: blqx 2026-03-01T00:00:00+08:00 is before slrq …; correct the
 * deadline in 金税 and re-export`.
 */
export function reasonOf(origin: Origin, defect: RecordDefect, host: string): string {
  switch (defect.code) {
    case 'KP_ERR_RECORD_UNKNOWN_REFERENCE': {
      const ref = defect.ref ?? { kind: 'person' as const, field: '?', code: '?' };
      const defines = ref.kind === 'person' ? 'HR people.csv' : 'HR units.csv';
      return `${kpError('KP_ERR_RECORD_UNKNOWN_REFERENCE', origin.file, origin.line, ref.kind, ref.code).message} in ${ref.field}; `
        + `import the ${defines} that defines it, or correct ${ref.field} in ${host} and re-export`;
    }
    case 'KP_ERR_ENCODING':
      return kpError('KP_ERR_ENCODING', `${origin.file} line ${origin.line}`, defect.detail).message;
    default:
      return kpError('KP_ERR_RECORD_INVALID', origin.file, origin.line, `${defect.detail}; ${fixText(defect.fix, host)}`).message;
  }
}

/** `correct the deadline` → `correct the deadline in 金税 and re-export`; a fix naming `%host` is complete. */
function fixText(fix: string | undefined, host: string): string {
  if (fix?.includes('%host')) return fix.replace('%host', host);
  return `${fix ?? 'correct the record'} in ${host} and re-export`;
}

/** The dead-letter record for a defect found at `origin`. */
export function rejectedRecord(origin: Origin, raw: string, defect: RecordDefect, host: string): RejectedRecord {
  return { kind: 'rejected', origin, raw, code: defect.code, reason: reasonOf(origin, defect, host) };
}
