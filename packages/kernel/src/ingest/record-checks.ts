import type { ValidateFunction } from 'ajv';
import {
  activityEventSchema, createAjv, formatIssues, kpError, toIssues, type ActivityEvent, type DirectoryView, type Origin,
} from '@kaoping/contract';

export interface Refusal {
  code: string;
  reason: string;
}

let compiled: ValidateFunction<ActivityEvent> | undefined;

/** Compiled once per process: every import and every HTTP ingest request checks against the same schema. */
function eventValidator(): ValidateFunction<ActivityEvent> {
  compiled ??= createAjv().compile<ActivityEvent>(activityEventSchema);
  return compiled;
}

/**
 * The kernel's own checks on an event an adapter produced, before it is stored: the canonical
 * schema and known references. Adapters check too; this keeps a buggy adapter from storing
 * what the engine cannot attribute.
 */
export function createEventCheck(directory: DirectoryView): (event: ActivityEvent, origin: Origin) => Refusal | null {
  const validate = eventValidator();
  return (event, origin) => {
    if (!validate(event)) {
      const err = kpError('KP_ERR_RECORD_INVALID', origin.file, origin.line, `not a valid event: ${formatIssues(toIssues(validate.errors))}`);
      return { code: err.code, reason: err.message };
    }
    if (event.actorId !== null && !directory.hasPerson(event.actorId)) {
      const err = kpError('KP_ERR_RECORD_UNKNOWN_REFERENCE', origin.file, origin.line, 'person', event.actorId);
      return { code: err.code, reason: err.message };
    }
    if (event.unitId !== null && !directory.hasUnit(event.unitId)) {
      const err = kpError('KP_ERR_RECORD_UNKNOWN_REFERENCE', origin.file, origin.line, 'unit', event.unitId);
      return { code: err.code, reason: err.message };
    }
    return null;
  };
}
