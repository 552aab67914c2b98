import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ValidationIssue } from './kernel-events.js';

/** One ajv setup for every schema Kaoping compiles: all errors, strict off for plugin-supplied schemas. */
export function createAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, useDefaults: false, coerceTypes: false });
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `is missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `has unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    default:
      return e.message ?? 'is invalid';
  }
}

/** Turns ajv's errors into issues that name the field and say what is allowed. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' && errors.length > 1) continue;
    const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    const path = e.instancePath + extra;
    const message = describe(e);
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

/** `/attrs/x must be number; /id is missing …` — one line for an error message. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
}

export type { ValidateFunction };
