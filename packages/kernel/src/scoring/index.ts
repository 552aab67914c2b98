export {
  DEFAULT_SCORING, scoringConfigSchema, parseScoringConfig, resolveWeights,
  type ScoringConfig, type ScoringConfigInput, type DomainWeights, type IndicatorWeights, type PostWeights,
  type TierConfig, type ResolvedWeights,
} from './config-schema.js';
export { scoreOf, checkScaleParams, percentileScores, type Direction, type PointScale, type PercentileScore } from './scales.js';
export { indexOrgTree, sumOverSubtrees, type OrgTree } from './org-tree.js';
export { tierGroupOfUnits, tierGroupOf, tierGroups, peerGroupKey } from './peer-groups.js';
export {
  DOMAINS, PEOPLE_HALF, weightPlan, compositeOf, personComposite, unitComposite,
  type CompositeOutcome, type WeightPlan,
} from './composite.js';
export { assignTiers, winningRule, tierOneSlots, type FiredRule, type TierInput } from './tiers.js';
export { scorePeriod, type ScorePeriodInput, type ScorePeriodOutput, type ScoringIndicator, type IndicatorValue } from './score-period.js';
export { EXPORT_COLUMNS, toExportRows, toNdjson, toCsv, csvLine, type ExportKind, type ExportRow } from './export-format.js';
