import { kpError } from './errors.js';
import type { AggregateContext, RiskSignal } from './indicator.js';
import type { JsonSchema } from './json-schema.js';
import type { LocalizedText } from './model.js';
import type { PluginContext } from './plugin.js';

/**
 * The params every indicator on the `target` scale shares: the two ends of the scale and
 * when its period-to-date trend warning (事前) fires. One definition so the first-party
 * plugins and third-party ones word, validate and warn alike.
 */
export type TargetParams = {
  /** The value that scores 100. */
  target: number;
  /** The value that scores 0. */
  floor: number;
  /** Warn when the value is within this fraction of |target − floor| of the floor, or past it. */
  riskMargin: number;
  /** Warn only once the period holds this many records, so one early miss raises no alarm. */
  riskMinCount: number;
};

export type Direction = 'higher' | 'lower';

/** JSON Schema `properties` for TargetParams, each with its default; spread into a plugin's schema. */
export function targetParamsProperties(defaults: TargetParams): Record<string, JsonSchema> {
  return {
    target: { type: 'number', default: defaults.target, description: 'Value that scores 100.' },
    floor: { type: 'number', default: defaults.floor, description: 'Value that scores 0.' },
    riskMargin: {
      type: 'number', minimum: 0, maximum: 1, default: defaults.riskMargin,
      description: 'Trend warning when the period-to-date value is within this fraction of |target − floor| of the floor, or past it.',
    },
    riskMinCount: {
      type: 'integer', minimum: 0, default: defaults.riskMinCount,
      description: 'Records the period must hold before the trend warning can fire (0: no minimum).',
    },
  };
}

/**
 * JSON Schema cannot say "target above floor", and equal ends would divide by zero in the
 * scale, so plugins call this from `setup` to refuse such params before anything is scored.
 */
export function assertTargetParams(pluginId: string, params: TargetParams, direction: Direction): void {
  const ok = direction === 'higher' ? params.target > params.floor : params.target < params.floor;
  if (!ok) {
    const want = direction === 'higher' ? 'greater' : 'less';
    throw kpError('KP_ERR_PARAMS_INVALID', pluginId, `target (${params.target}) must be ${want} than floor (${params.floor}) because ${direction} values are better`);
  }
}

export interface TargetScaleInput<P extends TargetParams> {
  /** The indicator id, named in the error when target and floor are the wrong way round. */
  id: string;
  direction: Direction;
  defaults: P;
  /** Schema of the params beyond TargetParams, or narrower versions of theirs (a rate's 0..1). */
  properties?: Record<string, JsonSchema>;
}

/**
 * The declarations every target-scaled indicator repeats, spread into `defineIndicator`:
 * its params (TargetParams plus its own, each with its default, unknown names refused), its
 * direction, the target scale, and the `setup` that refuses target and floor the wrong way round.
 */
export function targetScale<P extends TargetParams>(input: TargetScaleInput<P>) {
  const { id, direction, defaults, properties } = input;
  const schema: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: { ...targetParamsProperties(defaults), ...properties },
  };
  return {
    params: { schema, defaults },
    direction,
    scale: { kind: 'target' } as const,
    setup: (ctx: PluginContext<P>): void => assertTargetParams(id, ctx.params, direction),
  };
}

/** The value at which the trend warning starts: floor moved towards target by the margin. */
export function warningLine(params: TargetParams, direction: Direction): number {
  const span = Math.abs(params.target - params.floor) * params.riskMargin;
  return direction === 'higher' ? params.floor + span : params.floor - span;
}

function show(v: number): string {
  return String(Number(v.toFixed(4)));
}

export interface TrendInput {
  title: LocalizedText;
  /** Period-to-date value; null raises nothing. */
  value: number | null;
  /** Records behind the value (the denominator). */
  count: number;
  direction: Direction;
  params: TargetParams;
}

/**
 * The `trend` warning of a target-scaled indicator: the period-to-date value is worse than
 * the warning line with enough records behind it. `high` once past the floor (it would
 * score 0 now), `medium` while still inside the margin.
 */
export function trendRisks(input: TrendInput): RiskSignal[] {
  const { title, value, count, direction, params } = input;
  if (value === null || count < params.riskMinCount) return [];
  const line = warningLine(params, direction);
  const worse = direction === 'higher' ? value < line : value > line;
  if (!worse) return [];
  const pastFloor = direction === 'higher' ? value < params.floor : value > params.floor;
  const [zh, en] = direction === 'higher' ? ['低于', 'below'] : ['高于', 'above'];
  return [{
    trigger: 'trend',
    severity: pastFloor ? 'high' : 'medium',
    message: `期内至今${title.zh}为 ${show(value)}，${zh}预警线 ${show(line)}（${count} 条记录）(period-to-date ${title.en} ${show(value)} is ${en} the warning line ${show(line)}, ${count} records)`,
    evidence: [],
  }];
}

export interface TrendOfInput<S, P extends TargetParams> {
  title: LocalizedText;
  direction: Direction;
  /** The indicator's own value of a state (what `value` returns). */
  value: (state: S, ctx: AggregateContext<P>) => number | null;
  /** Records behind the value (its denominator). */
  count: (state: S) => number;
}

/** The `risks` hook of an indicator whose trend warning watches its own value. */
export function trendOf<S, P extends TargetParams>(input: TrendOfInput<S, P>): (state: S, ctx: AggregateContext<P>) => RiskSignal[] {
  const { title, direction, value, count } = input;
  return (state, ctx) => trendRisks({ title, value: value(state, ctx), count: count(state), direction, params: ctx.params });
}
