import { formatIssues, manifestOf, manifestSchema, toIssues, type ActivityEvent, type Period } from '@kaoping/contract';
import type { AnyIndicator } from './harness.js';
import { compiled, countsIn } from './harness.js';

/** A check that needs no random input. Returns the problem, or null when it holds. */
export interface StaticCheck {
  name: string;
  description: string;
  run(def: AnyIndicator, extra: { params: Record<string, unknown>; sample: readonly ActivityEvent[]; periods: readonly Period[] }): string | null;
}

export const STATIC_CHECKS: readonly StaticCheck[] = [
  {
    name: 'manifest-valid',
    description: "the manifest (every non-function field) is valid against the contract's manifestSchema, as the kernel checks before running plugin code",
    run(def) {
      const validate = compiled(manifestSchema);
      return validate(manifestOf(def)) ? null : formatIssues(toIssues(validate.errors));
    },
  },
  {
    name: 'params-valid',
    description: 'the params schema compiles, and the default params (and the params under test) are valid against it',
    run(def, { params }) {
      let validate;
      try {
        validate = compiled(def.params.schema);
      } catch (err) {
        return `the params schema does not compile: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (!validate(def.params.defaults)) return `default params ${JSON.stringify(def.params.defaults)}: ${formatIssues(toIssues(validate.errors))}`;
      if (!validate(params)) return `params under test ${JSON.stringify(params)}: ${formatIssues(toIssues(validate.errors))}`;
      return null;
    },
  },
  {
    name: 'arbitrary-consumed',
    description: 'the event arbitrary produces events the indicator consumes in the periods under test; otherwise every property holds vacuously',
    run(def, { sample, periods }) {
      const routed = sample.filter((e) => periods.some((p) => countsIn(def, e, p))).length;
      if (routed > 0) return null;
      const types = [...new Set(sample.map((e) => e.type))].join(', ');
      return `none of ${sample.length} sampled events counts: the indicator consumes ${def.consumes.join(', ')} (attribution ${def.attribution}) in ${periods.map((p) => p.id).join(', ')}, the arbitrary made types ${types || '(none)'}`;
    },
  },
];
