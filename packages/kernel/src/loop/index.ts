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
