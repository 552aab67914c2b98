export {
  BatchEngine, batchEvaluate, batchEvaluateWithStats, DEFAULT_CHUNK_SIZE, DEFAULT_MAX_ATTEMPTS,
  type BatchEngineOptions, type BatchRunOptions, type BatchEvaluateOptions, type BatchStats, type BatchOutcome,
} from './batch-engine.js';
export { planPartitions, type Partition } from './plan-partitions.js';
export { eventWindow, windowQuery, type EventWindow } from './event-window.js';
