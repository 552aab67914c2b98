/**
 * The closed loop (事前 warn → 事中 push and track → 事后 appeal). Wiring, in the kernel:
 *
 *   const loop = createLoop({
 *     store, clock: kernel.clock, emit: (t, p) => kernel.bus.emit(t, p), config: resolvedConfig.loop,
 *     directory: kernel.directory, indicators: () => kernel.indicators(), states: () => kernel.states,
 *     notifierFor: (id) => { const a = kernel.adapters().find((x) => x.definition.id === id);
 *       return a?.definition.notify && ((m) => a.definition.notify!(m, { config: a.params, logger })); },
 *   });
 *   bus.on('event.accepted', ({ event }) => void loop.onEvent(event));
 *   bus.on('result.changed', ({ changes }) => void loop.onValuesChanged(changes));
 *   setInterval(() => loop.scan().then(() => loop.tick()), everyFewMinutes);  // and after an import
 *   after a period close: loop.putResults(period, rows, actor) instead of store.putResults, then loop.onPeriodClosed(period)
 */
export { createLoop, LoopService, type LoopOptions, type TickReport } from './loop-service.js';
export {
  DEFAULT_LOOP_CONFIG, TAX_MATTER_DEADLINES, defaultAdapterFor, resolveLoopConfig,
  type DeadlineSource, type LoopConfig, type LoopConfigInput, type ResolvedLoopConfig,
} from './config.js';
export type { Clock, Emit, LoopDirectory, LoopIndicator, LoopStates, Notifier, NotifierFor, RiskCandidate } from './types.js';
export { SYSTEM_ACTOR } from './types.js';
export type { RiskChanges } from './risk-engine.js';
export { TASK_TRANSITIONS, assertTransition } from './task-workflow.js';
export { backoffDelay, type DeliveryReport } from './outbox.js';
export {
  tierTargetId, resultTargetId, type AppealInput, type DecisionInput, type Adjustment, type AdjustmentRecord,
  type TierWithAppeal, type CommentInput,
} from './appeals.js';
export { verifyAudit, resultHash, resultKey, RESULTS_RECORDED, type AuditReport } from './audit.js';
export { attachLoop } from './attach-loop.js';
export { loopConfigSchema } from './config-schema.js';
