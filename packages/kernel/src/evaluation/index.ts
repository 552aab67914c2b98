// Evaluation: period close from kept states, exports, explain and gates.
export { scoreStates, storeScores, closePeriod, resultCount, type PeriodScores, type StoreScoresOptions } from './score-states.js';
export { scoringIndicators, indicatorColumns, ruleOutcomes, scoringConfigOf } from './scoring-inputs.js';
export { exportPeriod, closedRows, EXPORT_KINDS, EXPORT_FORMATS, type ExportFormat } from './export-period.js';
export {
  explain, type ExplainQuery, type Explanation, type IndicatorExplanation, type TierExplanation, type CompositeExplanation,
  type SubjectInfo, type IndicatorInfo, type FiredRuleExplanation, type RuleRecord,
} from './explain.js';
export { eventsBehind, EVIDENCE_ID_LIMIT, type EventEvidence } from './evidence-events.js';
export { explainScale, type ScaleExplanation } from './scale-explanation.js';
export type { ScoreSource } from './period-view.js';
export { askGate, gateContext, tierLookup, TIER_HISTORY_TYPE } from './promotion.js';
